import Foundation

/// HalfCheetah, Hopper and Walker2d as gym's v3 environments define them — the environments
/// D4RL's -v2 datasets were recorded in — on gym's classic model files.
///
/// Per step, with dt = frameSkip · timestep and x the root's x position (qpos[0]):
///
///     reward = (x_after − x_before) / dt + healthyReward − c · ‖a‖²
///
/// with c = 0.1 and no healthy reward for HalfCheetah, c = 1e-3 and healthy reward 1 for
/// Hopper and Walker2d. Observation: qpos[1…] followed by qvel (HalfCheetah) or by qvel clipped
/// to ±10 (Hopper, Walker2d). An episode terminates when Hopper or Walker2d leave their healthy
/// region (`Body.isHealthy`) and is truncated after 1000 steps.
public final class LocomotionEnvironment: Environment {
    /// The three bodies, with their rules.
    public enum Body: String, CaseIterable, Sendable {
        case halfCheetah = "halfcheetah", hopper, walker2d

        /// The model file under the asset folder.
        public var modelFile: String {
            switch self {
            case .halfCheetah: return "gym/half_cheetah.xml"
            case .hopper: return "gym/hopper.xml"
            case .walker2d: return "gym/walker2d.xml"
            }
        }

        /// MuJoCo steps per environment step.
        public var frameSkip: Int { self == .halfCheetah ? 5 : 4 }
        /// c in the control cost c · ‖a‖².
        public var controlCostWeight: Double { self == .halfCheetah ? 0.1 : 1e-3 }
        /// Reward for every step (Hopper and Walker2d, which terminate when unhealthy).
        public var healthyReward: Double { self == .halfCheetah ? 0 : 1 }
        /// Velocities in the observation are clipped to ±this (∞: not clipped).
        public var velocityClip: Double { self == .halfCheetah ? .infinity : 10 }

        /// gym v3's health check on the full state (qpos, qvel), all bounds strict:
        /// - Hopper: every entry of (qpos[2…], qvel) in (−100, 100), z = qpos[1] > 0.7,
        ///   angle = qpos[2] in (−0.2, 0.2);
        /// - Walker2d: z in (0.8, 2.0), angle in (−1, 1);
        /// - HalfCheetah: always healthy.
        public func isHealthy(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>) -> Bool {
            let z = qpos[1], angle = qpos[2]
            switch self {
            case .halfCheetah:
                return true
            case .hopper:
                for i in 2..<qpos.count where !(abs(qpos[i]) < 100) { return false }
                for v in qvel where !(abs(v) < 100) { return false }
                return z > 0.7 && angle > -0.2 && angle < 0.2
            case .walker2d:
                return z > 0.8 && z < 2.0 && angle > -1 && angle < 1
            }
        }

        /// Reset noise: HalfCheetah qpos + U(±0.1), qvel + 0.1·N(0,1); the others U(±0.005) on both.
        func perturb(qpos: UnsafeMutableBufferPointer<Double>, qvel: UnsafeMutableBufferPointer<Double>,
                     using rng: inout some RandomNumberGenerator) {
            switch self {
            case .halfCheetah:
                for i in qpos.indices { qpos[i] += rng.nextUniform(in: -0.1, 0.1) }
                for i in qvel.indices { qvel[i] += 0.1 * rng.nextGaussian() }
            case .hopper, .walker2d:
                for i in qpos.indices { qpos[i] += rng.nextUniform(in: -0.005, 0.005) }
                for i in qvel.indices { qvel[i] += rng.nextUniform(in: -0.005, 0.005) }
            }
        }
    }

    public let body: Body
    /// The task name used in error messages (e.g. "hopper-medium-v2").
    public let name: String
    public let simulation: MuJoCoSimulation
    public let maxEpisodeSteps: Int
    public let observationSize: Int
    public let actionSize: Int
    public let actionLow: [Float]
    public let actionHigh: [Float]
    /// dt = frameSkip · timestep, the time one environment step covers.
    public let dt: Double
    private var elapsedSteps = 0

    /// Loads `body`'s model from `assets`.
    public init(_ body: Body, name: String? = nil, maxEpisodeSteps: Int = 1000, assets: ModelAssets = .standard) throws {
        self.body = body
        self.name = name ?? body.rawValue
        let simulation = try MuJoCoSimulation(modelFile: assets.url(for: body.modelFile))
        self.simulation = simulation
        self.maxEpisodeSteps = maxEpisodeSteps
        observationSize = simulation.nq - 1 + simulation.nv
        actionSize = simulation.nu
        actionLow = (0..<simulation.nu).map { Float(simulation.controlRange($0).lowerBound) }
        actionHigh = (0..<simulation.nu).map { Float(simulation.controlRange($0).upperBound) }
        dt = Double(body.frameSkip) * simulation.timestep
    }

    public func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        simulation.resetData()
        body.perturb(qpos: simulation.qpos, qvel: simulation.qvel, using: &rng)
        simulation.forward()
        elapsedSteps = 0
        return observation()
    }

    public func step(_ action: [Float]) throws -> Step {
        guard action.count == actionSize else {
            throw EnvironmentError.actionLength(task: name, expected: actionSize, got: action.count)
        }
        var controlCost = 0.0
        for i in 0..<actionSize {
            let a = action[i]
            guard a.isFinite else { throw EnvironmentError.nonFiniteAction(task: name, index: i) }
            let clipped = Double(min(max(a, actionLow[i]), actionHigh[i]))
            simulation.ctrl[i] = clipped
            controlCost += clipped * clipped
        }
        let xBefore = simulation.qpos[0]
        guard simulation.step(frameSkip: body.frameSkip) else {
            throw MuJoCoError.unstable(task: name, step: elapsedSteps + 1)
        }
        elapsedSteps += 1
        let velocity = (simulation.qpos[0] - xBefore) / dt
        let reward = velocity + body.healthyReward - body.controlCostWeight * controlCost
        let terminated = !body.isHealthy(qpos: simulation.qpos, qvel: simulation.qvel)
        return Step(observation: observation(), reward: reward, terminated: terminated,
                    truncated: !terminated && elapsedSteps >= maxEpisodeSteps)
    }

    public var simulatorState: SimulatorState { simulation.saveState(elapsedSteps: elapsedSteps) }

    public func restore(_ state: SimulatorState) throws -> [Float] {
        try simulation.restoreState(state)
        elapsedSteps = state.elapsedSteps
        return observation()
    }

    /// qpos[1…] then qvel, velocities clipped per body.
    private func observation() -> [Float] {
        let qpos = simulation.qpos, qvel = simulation.qvel
        let clip = body.velocityClip
        var result = [Float](repeating: 0, count: observationSize)
        for i in 1..<qpos.count { result[i - 1] = Float(qpos[i]) }
        let offset = qpos.count - 1
        for i in 0..<qvel.count { result[offset + i] = Float(min(max(qvel[i], -clip), clip)) }
        return result
    }
}

/// An action an environment cannot take.
public enum EnvironmentError: Error, CustomStringConvertible, Equatable {
    case actionLength(task: String, expected: Int, got: Int)
    case nonFiniteAction(task: String, index: Int)
    case notAvailable(task: String, reason: String)

    public var description: String {
        switch self {
        case let .actionLength(task, expected, got):
            return "\(task) takes actions of length \(expected), got \(got)"
        case let .nonFiniteAction(task, index):
            return "\(task): action entry \(index) is not a finite number"
        case let .notAvailable(task, reason):
            return "\(task): \(reason)"
        }
    }
}
