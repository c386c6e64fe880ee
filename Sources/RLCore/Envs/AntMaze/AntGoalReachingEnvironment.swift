import Foundation

/// The open-space task that trains the ant controller behind the AntMaze datasets (D4RL's
/// `GoalReachingAntEnv`, with our own choices where noted): D4RL's ant (`ant.xml`, no walls),
/// the same actions as `AntMazeEnvironment` (controls 30·clip(a, −1, 1), five MuJoCo steps),
/// and a target g a few metres away.
///
/// Observation (29), translation-invariant as D4RL's controller input is (it drops the torso's
/// x, y and appends the goal direction):
///
///     o = [qpos[2..<15], qvel[0..<14], c(R(−ψ)·(g − (x, y)))],   c(v) = v · min(1, R/‖v‖),
///
/// ψ the torso's yaw (from its quaternion qpos[3..<7]) and R(−ψ) the turn into the torso's
/// heading frame (ours; D4RL gives the goal in world axes, which leaves the network to learn
/// the rotation), so "ahead" is always +x. R = `maximumTargetDistance`: a relative goal farther
/// than the training targets is shortened to R along its direction (D4RL rescales its goal
/// direction to an in-distribution length the same way). Reward, the progress towards the target per second (Δt = 0.1 s):
///
///     r_t = (d_{t−1} − d_t) / Δt,   d_t = ‖g − (x_t, y_t)‖,
///
/// so an episode's return is (d_0 − d_T)/Δt, the distance closed in units of 0.1 m. The
/// episode terminates when d_t ≤ 0.5 (the target is reached) or the ant is no longer upright
/// (torso height outside [0.2, 1.0], D4RL's `AntEnv` health check), and is truncated at
/// `maxEpisodeSteps`.
///
/// Reset: MuJoCo's reference pose at the origin turned to a uniform random heading (ours: the
/// controller must walk from any heading in the maze), plus U(±0.1) on every qpos and
/// 0.1·N(0, 1) on every qvel (D4RL's reset noise); the target at a uniform angle and a
/// distance U(`minimumTargetDistance`, `maximumTargetDistance`) from the torso.
public final class AntGoalReachingEnvironment: Environment {
    /// Distance at which the target counts as reached (AntMaze's goal radius).
    public static let targetRadius = AntMazeEnvironment.goalRadius
    /// Seconds per environment step: frame skip 5 × timestep 0.02.
    public static let stepDuration = 0.1

    public let name = "ant-goal-reaching"
    public let simulation: MuJoCoSimulation
    public let maxEpisodeSteps: Int
    public let observationSize = 29
    public let actionSize: Int
    public let actionLow: [Float]
    public let actionHigh: [Float]
    public let controlRanges: [ClosedRange<Double>]
    /// Targets are drawn this far from the torso at least.
    public let minimumTargetDistance: Double
    /// …and at most; also R, the length to which the observed relative goal is clipped.
    public let maximumTargetDistance: Double
    /// The current episode's target (x, y).
    public private(set) var target: (x: Double, y: Double) = (0, 0)
    private var elapsedSteps = 0

    /// Loads D4RL's ant model from `assets`.
    public init(maxEpisodeSteps: Int = 200, minimumTargetDistance: Double = 1, maximumTargetDistance: Double = 5,
                assets: ModelAssets = .standard) throws {
        precondition(0 < minimumTargetDistance && minimumTargetDistance <= maximumTargetDistance, "target distances must be ordered and positive")
        self.maxEpisodeSteps = maxEpisodeSteps
        self.minimumTargetDistance = minimumTargetDistance
        self.maximumTargetDistance = maximumTargetDistance
        let simulation = try MuJoCoSimulation(modelFile: assets.url(for: AntMazeEnvironment.antModelFile))
        self.simulation = simulation
        actionSize = simulation.nu
        actionLow = [Float](repeating: -1, count: simulation.nu)
        actionHigh = [Float](repeating: 1, count: simulation.nu)
        controlRanges = (0..<simulation.nu).map { simulation.controlRange($0) }
    }

    /// The controller's input for an AntMaze observation `antObservation` (29: qpos[0..<15]
    /// then qvel[0..<14]) and a goal `relativeGoal` = g − (x, y) in world axes: the layout
    /// documented on the type, the goal turned into the torso's heading frame and clipped to
    /// `maximumDistance`.
    public static func controllerObservation(antObservation: [Float], relativeGoal: (x: Double, y: Double),
                                             maximumDistance: Double) -> [Float] {
        precondition(antObservation.count == 29, "an AntMaze observation has 29 entries")
        let yaw = self.yaw(w: Double(antObservation[3]), x: Double(antObservation[4]), y: Double(antObservation[5]), z: Double(antObservation[6]))
        let c = cos(yaw), s = sin(yaw)
        let ahead = c * relativeGoal.x + s * relativeGoal.y, left = -s * relativeGoal.x + c * relativeGoal.y
        let length = (relativeGoal.x * relativeGoal.x + relativeGoal.y * relativeGoal.y).squareRoot()
        let scale = length > maximumDistance ? maximumDistance / length : 1
        return Array(antObservation[2..<29]) + [Float(ahead * scale), Float(left * scale)]
    }

    /// ψ = atan2(2(wz + xy), 1 − 2(y² + z²)), the heading of a body with orientation quaternion
    /// (w, x, y, z) (MuJoCo's order): the angle of its x axis projected on the ground.
    public static func yaw(w: Double, x: Double, y: Double, z: Double) -> Double {
        atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z))
    }

    /// Distance from the torso's (x, y) to the target.
    public var distanceToTarget: Double {
        let dx = target.x - simulation.qpos[0], dy = target.y - simulation.qpos[1]
        return (dx * dx + dy * dy).squareRoot()
    }

    public func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        simulation.resetData()
        let heading = rng.nextUniform(in: 0, 2 * Double.pi)
        // The free joint's quaternion (w, x, y, z) at qpos[3..<7]: a turn by `heading` about z.
        simulation.qpos[3] = cos(heading / 2)
        simulation.qpos[6] = sin(heading / 2)
        for i in simulation.qpos.indices { simulation.qpos[i] += rng.nextUniform(in: -0.1, 0.1) }
        for i in simulation.qvel.indices { simulation.qvel[i] += 0.1 * rng.nextGaussian() }
        simulation.forward()
        let angle = rng.nextUniform(in: 0, 2 * Double.pi)
        let distance = rng.nextUniform(in: minimumTargetDistance, maximumTargetDistance)
        target = (simulation.qpos[0] + distance * cos(angle), simulation.qpos[1] + distance * sin(angle))
        elapsedSteps = 0
        return observation()
    }

    public func step(_ action: [Float]) throws -> Step {
        let before = distanceToTarget
        try simulation.stepAnt(action, controlRanges: controlRanges, task: name, step: elapsedSteps + 1)
        elapsedSteps += 1
        let after = distanceToTarget
        let height = simulation.qpos[2]
        let terminated = after <= Self.targetRadius || !(0.2...1.0).contains(height)
        return Step(observation: observation(), reward: (before - after) / Self.stepDuration, terminated: terminated,
                    truncated: !terminated && elapsedSteps >= maxEpisodeSteps)
    }

    public var simulatorState: SimulatorState { simulation.saveState(elapsedSteps: elapsedSteps, goal: target) }

    public func restore(_ state: SimulatorState) throws -> [Float] {
        if let saved = try simulation.restoreState(withGoal: state) { target = saved }
        elapsedSteps = state.elapsedSteps
        return observation()
    }

    private func observation() -> [Float] {
        Self.controllerObservation(antObservation: simulation.antObservation,
                                   relativeGoal: (target.x - simulation.qpos[0], target.y - simulation.qpos[1]),
                                   maximumDistance: maximumTargetDistance)
    }
}
