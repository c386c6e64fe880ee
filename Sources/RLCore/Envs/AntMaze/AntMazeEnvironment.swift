import Foundation

/// D4RL's AntMaze (-v2): the ant of D4RL's `locomotion/assets/ant.xml` (timestep 0.02, RK4,
/// eight motors with control range ±30) in a maze of wall blocks (`MazeMap`), rewarded for
/// reaching a goal. Per environment step, five MuJoCo steps with controls 30·clip(a, −1, 1)
/// (D4RL's `NormalizedBoxEnv` maps [−1, 1] onto the control range), then
///
///     reward = 1 if ‖(x, y) − g‖ ≤ 0.5 else 0,   terminated at the same condition,
///
/// truncated at the task's limit (700 steps in the U-maze, 1000 otherwise). Observation (29):
/// qpos[0..<15] then qvel[0..<14] — the torso's position is in it, the goal is not.
///
/// Reset: the ant at MuJoCo's reference pose at the start cell plus U(±0.1) on every qpos and
/// 0.1·N(0, 1) on every qvel. The goal is the goal cell's centre plus U(0, s/4) and then
/// U(0, s/8) on each coordinate, floored at 0: drawn anew at every reset on -v2 (D4RL's
/// `v2_resets`), once for the environment's life on -v0 and -v1, as D4RL draws it when it
/// makes the environment (here from a fixed stream, so that a run's own environment, its
/// evaluations' and a resumed run's share the goal).
public final class AntMazeEnvironment: Environment {
    /// The model file under the asset folder.
    public static let antModelFile = "d4rl/locomotion/ant.xml"
    /// MuJoCo steps per environment step.
    public static let frameSkip = 5
    /// Distance to the goal that counts as reaching it.
    public static let goalRadius = 0.5

    public let name: String
    public let maze: MazeMap
    public let simulation: MuJoCoSimulation
    public let maxEpisodeSteps: Int
    public let observationSize = 29
    public let actionSize: Int
    public let actionLow: [Float]
    public let actionHigh: [Float]
    /// The motors' control ranges (±30), onto which [−1, 1] is mapped.
    public let controlRanges: [ClosedRange<Double>]
    /// The current episode's goal (x, y).
    public internal(set) var goal: (x: Double, y: Double)
    /// -v0's and -v1's goal for the environment's life; nil on -v2, where every reset draws one.
    public let fixedGoal: (x: Double, y: Double)?
    private var elapsedSteps = 0

    /// Builds the maze model (D4RL's ant plus `maze`'s wall blocks) and loads it.
    public init(maze: MazeMap, name: String, maxEpisodeSteps: Int, redrawsGoalEachEpisode: Bool = true,
                assets: ModelAssets = .standard) throws {
        self.maze = maze
        self.name = name
        self.maxEpisodeSteps = maxEpisodeSteps
        let ant = try assets.url(for: Self.antModelFile)
        let text = try String(contentsOf: ant, encoding: .utf8)
        guard let end = text.range(of: "</worldbody>") else {
            throw MuJoCoError.cannotLoad(ant.path, "no </worldbody> in the ant model")
        }
        let model = text.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: maze.wallGeoms + "\n  ")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-\(name)-\(getpid())-\(UUID().uuidString).xml")
        try model.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let simulation = try MuJoCoSimulation(modelFile: file)
        self.simulation = simulation
        actionSize = simulation.nu
        actionLow = [Float](repeating: -1, count: simulation.nu)
        actionHigh = [Float](repeating: 1, count: simulation.nu)
        controlRanges = (0..<simulation.nu).map { simulation.controlRange($0) }
        var once = RandomStream(seed: 0, for: .environment)
        fixedGoal = redrawsGoalEachEpisode ? nil : Self.goal(in: maze, using: &once)
        let cell = maze.positions(of: .goal)[0]
        goal = fixedGoal ?? maze.center(row: cell.row, column: cell.column)
    }

    /// The goal of a new episode: the centre of a cell drawn uniformly from `cells` (the goal
    /// cells by default) plus D4RL's two uniform offsets.
    public func sampleGoal(among cells: [(row: Int, column: Int)]? = nil,
                           using rng: inout some RandomNumberGenerator) -> (x: Double, y: Double) {
        Self.goal(in: maze, among: cells, using: &rng)
    }

    private static func goal(in maze: MazeMap, among cells: [(row: Int, column: Int)]? = nil,
                             using rng: inout some RandomNumberGenerator) -> (x: Double, y: Double) {
        let cells = cells ?? maze.positions(of: .goal)
        let cell = cells[Int(rng.next(upperBound: UInt64(cells.count)))]
        let (x, y) = maze.center(row: cell.row, column: cell.column)
        let s = maze.scaling
        let gx = x + rng.nextUniform(in: 0, s / 4) + rng.nextUniform(in: 0, 0.5) * s / 4
        let gy = y + rng.nextUniform(in: 0, s / 4) + rng.nextUniform(in: 0, 0.5) * s / 4
        return (max(gx, 0), max(gy, 0))
    }

    public func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        goal = fixedGoal ?? sampleGoal(using: &rng)
        resetPose(using: &rng)
        return observation()
    }

    /// The ant at MuJoCo's reference pose plus U(±0.1) on every qpos and 0.1·N(0, 1) on every
    /// qvel, at the start of an episode.
    func resetPose(using rng: inout some RandomNumberGenerator) {
        simulation.resetData()
        for i in simulation.qpos.indices { simulation.qpos[i] += rng.nextUniform(in: -0.1, 0.1) }
        for i in simulation.qvel.indices { simulation.qvel[i] += 0.1 * rng.nextGaussian() }
        simulation.forward()
        elapsedSteps = 0
    }

    /// Distance from the torso's (x, y) to the goal.
    public var distanceToGoal: Double {
        let dx = simulation.qpos[0] - goal.x, dy = simulation.qpos[1] - goal.y
        return (dx * dx + dy * dy).squareRoot()
    }

    public func step(_ action: [Float]) throws -> Step {
        try simulation.stepAnt(action, controlRanges: controlRanges, task: name, step: elapsedSteps + 1)
        elapsedSteps += 1
        let reached = distanceToGoal <= Self.goalRadius
        return Step(observation: observation(), reward: reached ? 1 : 0, terminated: reached,
                    truncated: !reached && elapsedSteps >= maxEpisodeSteps)
    }

    public var simulatorState: SimulatorState { simulation.saveState(elapsedSteps: elapsedSteps, goal: goal) }

    public func restore(_ state: SimulatorState) throws -> [Float] {
        if let saved = try simulation.restoreState(withGoal: state) { goal = saved }
        elapsedSteps = state.elapsedSteps
        return observation()
    }

    private func observation() -> [Float] { simulation.antObservation }
}
