@preconcurrency import CMuJoCo
import Foundation

/// A MuJoCo model and its simulation data (`mjModel` and `mjData`), owned together and freed
/// together. Everything goes through MuJoCo 2.2.2's C API; nothing here is reimplemented.
public final class MuJoCoSimulation {
    let model: UnsafeMutablePointer<mjModel>
    let data: UnsafeMutablePointer<mjData>
    /// The model file this simulation was loaded from.
    public let modelFile: URL

    /// Number of generalised positions (nq), velocities (nv), actuators (nu), activations (na).
    public let nq: Int, nv: Int, nu: Int, na: Int

    /// Loads `modelFile` (MJCF). MuJoCo's own error text is surfaced on failure.
    public init(modelFile: URL) throws {
        MuJoCoSimulation.installErrorHandler
        var error = [CChar](repeating: 0, count: 1000)
        guard let model = mj_loadXML(modelFile.path, nil, &error, Int32(error.count)) else {
            throw MuJoCoError.cannotLoad(modelFile.path, String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let data = mj_makeData(model) else {
            mj_deleteModel(model)
            throw MuJoCoError.cannotLoad(modelFile.path, "mj_makeData failed (out of memory?)")
        }
        self.model = model
        self.data = data
        self.modelFile = modelFile
        nq = Int(model.pointee.nq)
        nv = Int(model.pointee.nv)
        nu = Int(model.pointee.nu)
        na = Int(model.pointee.na)
    }

    deinit {
        mj_deleteData(data)
        mj_deleteModel(model)
    }

    /// MuJoCo's default error handler calls exit() silently; ours says what happened first.
    /// Its default warning handler prints to stdout and appends to MUJOCO_LOG.TXT in the
    /// current directory; ours writes to stderr only, so TSV output stays clean.
    private static let installErrorHandler: Void = {
        mju_user_error = { message in
            let text = message.map { String(cString: $0) } ?? "unknown error"
            FileHandle.standardError.write(Data("fatal MuJoCo error: \(text)\n".utf8))
            exit(70)
        }
        mju_user_warning = { message in
            let text = message.map { String(cString: $0) } ?? "unknown warning"
            FileHandle.standardError.write(Data("MuJoCo warning: \(text)\n".utf8))
        }
    }()

    /// The model's integration time step in seconds (`opt.timestep`).
    public var timestep: Double { model.pointee.opt.timestep }

    /// The model's reference configuration (`qpos0`), the state `resetData` returns to.
    public var initialQpos: [Double] { Array(UnsafeBufferPointer(start: model.pointee.qpos0, count: nq)) }

    /// The control range of actuator `i` (`actuator_ctrlrange`).
    public func controlRange(_ i: Int) -> ClosedRange<Double> {
        model.pointee.actuator_ctrlrange[2 * i]...model.pointee.actuator_ctrlrange[2 * i + 1]
    }

    /// Number of geoms in the model (`ngeom`).
    public var geomCount: Int { Int(model.pointee.ngeom) }

    /// The names of every geom, in model order (empty for unnamed ones).
    public var geomNames: [String] {
        (0..<geomCount).map { id in mj_id2name(model, Int32(mjOBJ_GEOM.rawValue), Int32(id)).map { String(cString: $0) } ?? "" }
    }

    /// A geom's position in its body's frame (`geom_pos`) and half-sizes (`geom_size`).
    public func geomPlacement(named name: String) -> (position: [Double], size: [Double])? {
        let id = Int(mj_name2id(model, Int32(mjOBJ_GEOM.rawValue), name))
        guard id >= 0 else { return nil }
        let position = (0..<3).map { model.pointee.geom_pos[3 * id + $0] }
        let size = (0..<3).map { model.pointee.geom_size[3 * id + $0] }
        return (position, size)
    }

    /// Generalised positions, read and written in place.
    public var qpos: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: data.pointee.qpos, count: nq) }
    /// Generalised velocities, read and written in place.
    public var qvel: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: data.pointee.qvel, count: nv) }
    /// Generalised accelerations of the last step.
    public var qacc: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: data.pointee.qacc, count: nv) }
    /// Actuator controls.
    public var ctrl: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: data.pointee.ctrl, count: nu) }

    /// Simulation time in seconds.
    public var time: Double {
        get { data.pointee.time }
        set { data.pointee.time = newValue }
    }

    /// Resets the data to the model's reference state (`mj_resetData`).
    public func resetData() { mj_resetData(model, data) }

    /// Recomputes derived quantities for the current state (`mj_forward`).
    public func forward() { mj_forward(model, data) }

    /// Advances `frameSkip` integration steps with the current controls and reports whether the
    /// simulation stayed stable: false when MuJoCo flagged a bad qpos/qvel/qacc during these
    /// steps (it then resets the data itself) or the state became non-finite.
    ///
    /// The bad-number warning counters are zeroed first, so an earlier warning never hides a
    /// new one (MuJoCo's reset inside `mj_step` zeroes them and counts the new warning once).
    public func step(frameSkip: Int) -> Bool {
        clearBadNumberWarnings()
        for _ in 0..<frameSkip { mj_step(model, data) }
        guard badNumberWarnings == 0 else { return false }
        for x in qpos where !x.isFinite { return false }
        for x in qvel where !x.isFinite { return false }
        return true
    }

    /// `frameSkip` calls of `mj_step` and nothing else: no checks. The baseline of
    /// `repro bench env`; environments use `step(frameSkip:)`.
    public func stepWithoutChecks(frameSkip: Int) {
        for _ in 0..<frameSkip { mj_step(model, data) }
    }

    /// Count of MuJoCo's bad-qpos, bad-qvel and bad-qacc warnings since they were last cleared.
    private var badNumberWarnings: Int32 {
        withUnsafeMutableBytes(of: &data.pointee.warning) { raw in
            let stats = raw.bindMemory(to: mjWarningStat.self)
            return stats[Int(mjWARN_BADQPOS.rawValue)].number + stats[Int(mjWARN_BADQVEL.rawValue)].number
                + stats[Int(mjWARN_BADQACC.rawValue)].number
        }
    }

    private func clearBadNumberWarnings() {
        withUnsafeMutableBytes(of: &data.pointee.warning) { raw in
            let stats = raw.bindMemory(to: mjWarningStat.self)
            stats[Int(mjWARN_BADQPOS.rawValue)].number = 0
            stats[Int(mjWARN_BADQVEL.rawValue)].number = 0
            stats[Int(mjWARN_BADQACC.rawValue)].number = 0
        }
    }

    /// The full state: qpos, qvel, act, the solver's warm start and the time.
    public func saveState(elapsedSteps: Int) -> SimulatorState {
        SimulatorState(qpos: Array(qpos), qvel: Array(qvel),
                       act: Array(UnsafeBufferPointer(start: data.pointee.act, count: na)),
                       warmstart: Array(UnsafeBufferPointer(start: data.pointee.qacc_warmstart, count: nv)),
                       time: time, elapsedSteps: elapsedSteps)
    }

    /// Puts the simulation in `state` (warm start and activations too when given).
    public func restoreState(_ state: SimulatorState) throws {
        guard state.qpos.count == nq, state.qvel.count == nv else {
            throw MuJoCoError.stateShape(modelFile.lastPathComponent, nq: nq, nv: nv, gotQpos: state.qpos.count, gotQvel: state.qvel.count)
        }
        resetData()
        _ = qpos.update(fromContentsOf: state.qpos)
        _ = qvel.update(fromContentsOf: state.qvel)
        if state.act.count == na, na > 0 {
            _ = UnsafeMutableBufferPointer(start: data.pointee.act, count: na).update(fromContentsOf: state.act)
        }
        time = state.time
        forward()
        if state.warmstart.count == nv {
            _ = UnsafeMutableBufferPointer(start: data.pointee.qacc_warmstart, count: nv).update(fromContentsOf: state.warmstart)
        }
    }
}

/// A MuJoCo failure the user can act on.
public enum MuJoCoError: Error, CustomStringConvertible, Equatable {
    case cannotLoad(String, String)
    case unstable(task: String, step: Int)
    case stateShape(String, nq: Int, nv: Int, gotQpos: Int, gotQvel: Int)

    public var description: String {
        switch self {
        case let .cannotLoad(path, message):
            return "MuJoCo cannot load \(path): \(message). Run `make setup` to restore the model files."
        case let .unstable(task, step):
            return "\(task): the simulation became unstable (NaN or MuJoCo bad-number warning) at step \(step) of the episode; the episode cannot continue. Reset the environment."
        case let .stateShape(model, nq, nv, gotQpos, gotQvel):
            return "\(model) needs qpos of length \(nq) and qvel of length \(nv), got \(gotQpos) and \(gotQvel)"
        }
    }
}
