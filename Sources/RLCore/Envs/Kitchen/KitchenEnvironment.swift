import Foundation

/// D4RL's Franka kitchen (`kitchen-complete-v0`, `-partial-v0`, `-mixed-v0`): a Franka arm in
/// a kitchen of burners, a light switch, cabinets, a microwave and a kettle, on D4RL's own
/// model `kitchen/adept_envs/franka/assets/franka_kitchen_jntpos_act_ab.xml` (nq 30, nv 29,
/// nine position actuators, timestep 0.002 s), asked to complete four task elements.
///
/// One environment step (D4RL's `KitchenBase.step`, frame skip 40, so 0.08 s):
/// 1. each robot joint j gets the position target clip(q̃ⱼ + 2·clip(aⱼ, −1, 1)·0.08, pos_boundⱼ),
///    integrated from q̃, the positions of the *last observation* (noisy, as D4RL's
///    `Robot_VelAct` reads its observation cache), and held for 40 MuJoCo steps;
/// 2. a new observation is drawn (below);
/// 3. reward = the number of the task's remaining elements whose observed joints are within
///    0.3 of their goal (`KitchenTaskElement.isComplete`); those elements are removed, so each
///    pays +1 once per episode;
/// 4. terminated when no element remains; truncated at the time limit (280 steps) otherwise.
///
/// Observation (60) = q̃ (robot qpos 9, then object qpos 21) followed by the goal vector (30,
/// indexed like qpos: each task element's goal at its indices, zero elsewhere, fixed for the
/// episode). The noise is D4RL's: q̃ᵢ = qᵢ + 0.1·pos_noise_ampᵢ·U(−1, 1), a half-width of 0.01
/// on the robot and 0.01, 0.0005 or 0.00005 on the objects (`KitchenRobot`). As in D4RL, the
/// reward is judged on the noisy observation. D4RL also draws noise for the velocities, which
/// the observation leaves out; we do not draw it.
///
/// Reset (D4RL's `reset_model`): MuJoCo's reset, qpos = D4RL's `init_qpos`, qvel = 0, every task
/// element to do again. It is deterministic except for the observation noise, whose stream is
/// seeded from one draw of the reset generator, so a reset stream fixes every later observation.
public final class KitchenEnvironment: Environment {
    /// The model file under the asset folder.
    public static let modelFile = "d4rl/kitchen/adept_envs/franka/assets/franka_kitchen_jntpos_act_ab.xml"

    /// What of an episode lives outside MuJoCo's state, saved in `SimulatorState.kitchen` so
    /// that a restored episode continues exactly as it would have.
    public struct EpisodeState: Sendable, Equatable, Codable {
        /// The task elements not yet completed, in the task's order.
        public var remainingElements: [KitchenTaskElement]
        /// The positions of the last observation (noisy, 30 entries), from which the next step's
        /// position targets are integrated.
        public var observedQpos: [Double]
        /// The observation-noise stream.
        public var noise: RandomStream
    }

    /// The task name used in error messages (e.g. "kitchen-mixed-v0").
    public let name: String
    /// The task's elements, in D4RL's order.
    public let taskElements: [KitchenTaskElement]
    /// The MuJoCo model and data underneath.
    public let simulation: MuJoCoSimulation
    /// The time limit (280 for every D4RL kitchen task).
    public let maxEpisodeSteps: Int
    /// Robot qpos 9 + object qpos 21 + goal 30.
    public let observationSize = 60
    /// One joint velocity per robot joint (seven arm joints, two fingers).
    public let actionSize = KitchenRobot.jointCount
    /// −1 on every joint.
    public let actionLow = [Float](repeating: -1, count: KitchenRobot.jointCount)
    /// +1 on every joint.
    public let actionHigh = [Float](repeating: 1, count: KitchenRobot.jointCount)
    /// The time one environment step covers: frame skip 40 × timestep 0.002 s = 0.08 s.
    public let dt: Double
    /// The goal part of every observation (`KitchenTaskElement.goalVector`).
    public let goalVector: [Double]
    /// The task elements not yet completed this episode.
    public private(set) var remainingElements: [KitchenTaskElement]
    private var observedQpos: [Double]
    private var noise = RandomStream(seed: 0)
    private var elapsedSteps = 0

    /// Loads D4RL's kitchen model from `assets` for a task asking for `taskElements`.
    /// - Throws: `ModelAssetError.missing` when setup has not installed the model, or
    ///   `MuJoCoError.cannotLoad` when the file is not the 30-position kitchen.
    public init(taskElements: [KitchenTaskElement], name: String, maxEpisodeSteps: Int = 280,
                assets: ModelAssets = .standard) throws {
        self.name = name
        self.taskElements = taskElements
        self.maxEpisodeSteps = maxEpisodeSteps
        let file = try assets.url(for: Self.modelFile)
        let simulation = try MuJoCoSimulation(modelFile: file)
        guard simulation.nq == KitchenRobot.qposCount, simulation.nu == KitchenRobot.jointCount else {
            throw MuJoCoError.cannotLoad(file.path, "expected D4RL's kitchen (nq 30, nu 9), got nq \(simulation.nq), nu \(simulation.nu)")
        }
        self.simulation = simulation
        dt = Double(KitchenRobot.frameSkip) * simulation.timestep
        goalVector = KitchenTaskElement.goalVector(of: taskElements)
        remainingElements = taskElements
        observedQpos = KitchenRobot.initialQpos
    }

    /// D4RL's reset: the reset pose at rest, every element to do, a fresh observation-noise
    /// stream seeded from one draw of `rng`, and the first (noisy) observation.
    public func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        noise = RandomStream(seed: rng.next())
        simulation.resetData()
        _ = simulation.qpos.update(fromContentsOf: KitchenRobot.initialQpos)
        simulation.qvel.update(repeating: 0)
        simulation.forward()
        remainingElements = taskElements
        elapsedSteps = 0
        return observe()
    }

    /// One step as described above: position targets from the last observation, 40 MuJoCo
    /// steps, a new observation, +1 per element newly within 0.3 of its goal.
    /// - Throws: `EnvironmentError` for a wrong-length or non-finite action;
    ///   `MuJoCoError.unstable` naming the task and step when the physics blows up.
    public func step(_ action: [Float]) throws -> Step {
        guard action.count == actionSize else {
            throw EnvironmentError.actionLength(task: name, expected: actionSize, got: action.count)
        }
        for j in 0..<actionSize {
            guard action[j].isFinite else { throw EnvironmentError.nonFiniteAction(task: name, index: j) }
            simulation.ctrl[j] = KitchenRobot.positionTarget(joint: j, observedPosition: observedQpos[j], action: action[j], duration: dt)
        }
        guard simulation.step(frameSkip: KitchenRobot.frameSkip) else {
            throw MuJoCoError.unstable(task: name, step: elapsedSteps + 1)
        }
        elapsedSteps += 1
        let observation = observe()
        let completed = remainingElements.filter { $0.isComplete(observedQpos) }
        remainingElements.removeAll { completed.contains($0) }
        let terminated = remainingElements.isEmpty
        return Step(observation: observation, reward: Double(completed.count), terminated: terminated,
                    truncated: !terminated && elapsedSteps >= maxEpisodeSteps)
    }

    /// MuJoCo's state plus the episode's remaining elements, last observed positions and noise
    /// stream (`SimulatorState.kitchen`).
    public var simulatorState: SimulatorState {
        var state = simulation.saveState(elapsedSteps: elapsedSteps)
        state.kitchen = EpisodeState(remainingElements: remainingElements, observedQpos: observedQpos, noise: noise)
        return state
    }

    /// Puts the simulation in `state`. With its `kitchen` part (a state this environment saved),
    /// the episode continues exactly: the same remaining elements, the same last observation
    /// (returned again, not redrawn) and the same noise stream. Without it (bare qpos and qvel,
    /// e.g. from a dataset), the state starts an episode: every element is to do and a new
    /// observation is drawn from the current noise stream.
    /// - Throws: `MuJoCoError.stateShape` when qpos or qvel has the wrong length.
    public func restore(_ state: SimulatorState) throws -> [Float] {
        try simulation.restoreState(state)
        elapsedSteps = state.elapsedSteps
        guard let episode = state.kitchen, episode.observedQpos.count == KitchenRobot.qposCount else {
            remainingElements = taskElements
            return observe()
        }
        remainingElements = episode.remainingElements
        observedQpos = episode.observedQpos
        noise = episode.noise
        return observation()
    }

    /// Draws the noisy positions q̃ = q + 0.1·pos_noise_amp·U(−1, 1) of the current state, keeps
    /// them for the next step's targets and returns the observation.
    private func observe() -> [Float] {
        let halfWidths = KitchenRobot.observationNoiseHalfWidths
        for i in 0..<KitchenRobot.qposCount {
            observedQpos[i] = simulation.qpos[i] + halfWidths[i] * noise.nextUniform(in: -1, 1)
        }
        return observation()
    }

    /// q̃ (30) then the goal vector (30).
    private func observation() -> [Float] {
        observedQpos.map(Float.init) + goalVector.map(Float.init)
    }
}
