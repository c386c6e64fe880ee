import Foundation

/// A pose the kitchen's end effector should take: a world position and, optionally, a world
/// orientation of D4RL's `end_effector` site (its z axis points out between the fingers, its y
/// axis is the direction the fingers open along).
public struct EndEffectorPose: Sendable, Equatable {
    /// Where the site should be (m, world frame).
    public var position: SIMD3<Double>
    /// How the site should be turned; nil leaves the orientation free.
    public var orientation: Rotation3?

    public init(position: SIMD3<Double>, orientation: Rotation3? = nil) {
        self.position = position
        self.orientation = orientation
    }
}

/// End-effector control of the kitchen's Franka arm by damped least squares (resolved-rate
/// control) on MuJoCo's site Jacobian, producing actions in D4RL's velocity convention.
///
/// One call, for a target pose and a gripper command:
/// 1. the pose error: e_p = p* − p (m) and e_r = log(R* Rᵀ) (the rotation vector that turns
///    the site onto the target, rad); the displacement asked of this environment step is
///    `gain`·e_p + `integralGain`·Σe_p (the sum of the position errors since the last
///    `resetIntegral()`, its term capped at `integralLimit`, which removes the steady error a
///    load or a contact leaves) limited to `maxLinearStep`, and `gain`·e_r limited to
///    `maxAngularStep`;
/// 2. the joint displacement by damped least squares on the arm's 6 × 7 Jacobian J (rows
///    [J_p; w·J_r], w = `orientationWeight`; orientation rows are dropped when the pose has no
///    orientation): Δq = Jᵀ (J Jᵀ + λ² I)⁻¹ e, λ = `damping`, plus a null-space pull
///    (I − J⁺J) · k · (q_rest − q) towards D4RL's reset pose, which keeps the elbow away from
///    its limits;
/// 3. the position target that makes each joint move by Δq within one step. The arm's position
///    servos (force kp·(target − q), joint damping d) behave as first-order lags of time constant
///    d/kp, so a joint covers the share 1 − exp(−kp·dt/d) of its target offset in a step dt; the
///    offset is Δq divided by that share, plus the bias force (gravity, Coriolis) over kp, which
///    the servo must hold;
/// 4. the action that asks for that target in D4RL's convention: `KitchenRobot.positionTarget`
///    integrates target = q̃ + 2·a·dt from the *observed* positions q̃, so a = (target − q̃)/(2·dt).
///    When some entry would leave [−1, 1], the motion part of every arm joint's action is scaled
///    down by the same factor (the holding part is kept), so the end effector keeps its direction
///    and only slows down. The fingers get a = ±1 towards 0.04 (open) or 0 (closed).
///
/// The controller reads the true joint positions and the site pose from the simulation (a
/// scripted demonstrator sees the world, as the human demonstrators did) and the observed q̃
/// from the observation, so the observation noise cancels out of the executed targets.
public struct KitchenArmController {
    /// Fraction of the pose error asked for in one step (before the step limits).
    public var gain = 0.6
    /// The largest end-effector displacement asked for in one step (m; 0.03 m per 0.08 s step is
    /// 0.375 m/s).
    public var maxLinearStep = 0.03
    /// The largest rotation asked for in one step (rad).
    public var maxAngularStep = 0.2
    /// λ of the damped least squares (m or rad): keeps Δq bounded near singular poses.
    public var damping = 0.05
    /// Weight w of orientation errors (rad) against position errors (m).
    public var orientationWeight = 0.5
    /// Gain k of the null-space pull towards the rest pose (per step).
    public var restPoseGain = 0.05
    /// How close (rad) to the end of its range a joint may be driven.
    public var limitMargin = 0.03
    /// Fraction of the summed position error added to the displacement asked for.
    public var integralGain = 0.15
    /// The largest displacement (m) the summed error may add.
    public var integralLimit = 0.03
    /// Σe_p since the last reset.
    public private(set) var positionIntegral = SIMD3<Double>(0, 0, 0)

    /// The simulation the arm lives in.
    public let simulation: MuJoCoSimulation
    /// D4RL's end-effector site (`end_effector`, 0.21 m out of the last link, between the fingers).
    public let site: Int
    /// The duration of one environment step (s).
    public let stepDuration: Double
    private let restPose = Array(KitchenRobot.initialQpos[..<KitchenRobot.armJointCount])
    /// Each arm joint's reachable range: the model's `jnt_range` within the position bounds the
    /// environment clips targets to (joint 6 cannot go below 0 although the model allows −1.66).
    private let jointRanges: [ClosedRange<Double>]

    /// A controller for the Franka of `environment` (D4RL's kitchen model).
    /// - Throws: `MuJoCoError.cannotLoad` when the model has no `end_effector` site.
    public init(environment: KitchenEnvironment) throws {
        guard let site = environment.simulation.id(of: .site, named: "end_effector") else {
            throw MuJoCoError.cannotLoad(environment.simulation.modelFile.path, "no site named end_effector")
        }
        self.simulation = environment.simulation
        self.site = site
        self.stepDuration = environment.dt
        jointRanges = (0..<KitchenRobot.armJointCount).map { j in
            let model = environment.simulation.jointRange(j), bounds = KitchenRobot.positionBounds[j]
            return max(model.lowerBound, bounds.lowerBound)...min(model.upperBound, bounds.upperBound)
        }
    }

    /// The end effector's current pose (after bringing the kinematics up to date).
    public func currentPose() -> (position: SIMD3<Double>, orientation: Rotation3) {
        simulation.updateKinematics()
        return (simulation.sitePosition(site), simulation.siteOrientation(site))
    }

    /// Forgets the summed position error (at a new target).
    public mutating func resetIntegral() { positionIntegral = .zero }

    /// The action (9 entries in [−1, 1]) that moves the end effector one step towards `target`
    /// and drives the fingers to `gripper`, given the environment's last `observation`; adds
    /// this step's position error to the sum.
    public mutating func action(towards target: EndEffectorPose, gripper: GripperCommand, observation: [Float]) -> [Float] {
        simulation.updateKinematics()
        let n = KitchenRobot.armJointCount
        let q = Array(simulation.qpos[..<n])
        let positionError = target.position - simulation.sitePosition(site)
        positionIntegral += positionError
        let correction = limited(integralGain * positionIntegral, to: integralLimit)
        positionIntegral = correction / integralGain
        var error = limited(gain * positionError + correction, to: maxLinearStep)
        let jacobian = simulation.siteJacobian(site)
        var rows = (0..<3).map { r in Array(jacobian.translation[(r * simulation.nv)..<(r * simulation.nv + n)]) }
        var errors = [error.x, error.y, error.z]
        if let orientation = target.orientation {
            let rotation = limited(gain * (orientation * simulation.siteOrientation(site).transposed).rotationVector, to: maxAngularStep)
            error = orientationWeight * rotation
            errors += [error.x, error.y, error.z]
            rows += (0..<3).map { r in
                jacobian.rotation[(r * simulation.nv)..<(r * simulation.nv + n)].map { orientationWeight * $0 }
            }
        }
        let displacement = jointDisplacement(rows: rows, errors: errors, q: q)

        // a_j = hold_j + s·move_j: the action that holds the joint (bias over kp) plus the one that
        // moves it by Δq_j, with one scale s ≤ 1 for all joints so that no entry leaves [−1, 1]
        // and the joints keep the proportions of Δq (clipping one joint alone would bend the path).
        let bias = simulation.biasForces
        let perAction = KitchenRobot.velocityScale * stepDuration
        var hold = [Double](repeating: 0, count: n), move = [Double](repeating: 0, count: n)
        var scale = 1.0
        for j in 0..<n {
            let kp = simulation.actuatorGain(j), d = simulation.damping(ofDOF: j)
            let share = 1 - exp(-kp * stepDuration / d)
            hold[j] = (q[j] + bias[j] / kp - Double(observation[j])) / perAction
            move[j] = displacement[j] / share / perAction
            if move[j] != 0 {
                let room = (move[j] > 0 ? 1 - hold[j] : -1 - hold[j]) / move[j]
                scale = min(scale, max(room, 0))
            }
        }
        var action = [Float](repeating: 0, count: KitchenRobot.jointCount)
        for j in 0..<n { action[j] = Float(min(max(hold[j] + scale * move[j], -1), 1)) }
        for j in n..<KitchenRobot.jointCount { action[j] = gripper == .open ? 1 : -1 }
        return action
    }

    /// Δq = pull + Jᵀ (J Jᵀ + λ² I)⁻¹ (e − J·pull): the damped least-squares step plus the
    /// rest-pose pull with its task-space part removed, (I − J⁺J)·pull. A joint that would come
    /// within `limitMargin` of its range's end moving outwards is locked
    /// (its column removed, Δq = 0) and the rest solved again, so the others take over its share.
    private func jointDisplacement(rows: [[Double]], errors: [Double], q: [Double]) -> [Double] {
        let n = q.count
        var locked = [Bool](repeating: false, count: n)
        while true {
            let columns = rows.map { row in (0..<n).map { locked[$0] ? 0 : row[$0] } }
            let pull = (0..<n).map { locked[$0] ? 0 : restPoseGain * (restPose[$0] - q[$0]) }
            let residual = zip(columns, errors).map { row, e in e - zip(row, pull).reduce(0) { $0 + $1.0 * $1.1 } }
            var normal = columns.map { r in columns.map { c in zip(r, c).reduce(0) { $0 + $1.0 * $1.1 } } }
            for r in columns.indices { normal[r][r] += damping * damping }
            let weights = Self.solvePositiveDefinite(normal, residual)
            let displacement = (0..<n).map { j in pull[j] + columns.indices.reduce(0) { $0 + columns[$1][j] * weights[$1] } }
            var changed = false
            for j in 0..<n where !locked[j] {
                let range = jointRanges[j], next = q[j] + displacement[j]
                if (displacement[j] < 0 && next < range.lowerBound + limitMargin) || (displacement[j] > 0 && next > range.upperBound - limitMargin) {
                    locked[j] = true
                    changed = true
                }
            }
            if !changed { return displacement }
        }
    }

    /// `v` shortened to length `limit` when longer.
    private func limited(_ v: SIMD3<Double>, to limit: Double) -> SIMD3<Double> {
        let length = (v * v).sum().squareRoot()
        return length > limit ? v * (limit / length) : v
    }

    /// x solving A x = b for a symmetric positive-definite A (m × m, m ≤ 6) by Cholesky
    /// factorisation A = L Lᵀ and two triangular solves.
    static func solvePositiveDefinite(_ a: [[Double]], _ b: [Double]) -> [Double] {
        let m = b.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for i in 0..<m {
            for j in 0...i {
                let sum = a[i][j] - (0..<j).reduce(0) { $0 + l[i][$1] * l[j][$1] }
                l[i][j] = i == j ? max(sum, 1e-12).squareRoot() : sum / l[j][j]
            }
        }
        var y = [Double](repeating: 0, count: m)
        for i in 0..<m { y[i] = (b[i] - (0..<i).reduce(0) { $0 + l[i][$1] * y[$1] }) / l[i][i] }
        var x = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) {
            x[i] = (y[i] - ((i + 1)..<m).reduce(0) { $0 + l[$1][i] * x[$1] }) / l[i][i]
        }
        return x
    }
}

/// What the gripper should do: open both fingers fully (0.04 m each) or close them.
public enum GripperCommand: Sendable, Equatable {
    case open, closed
}
