/// One transition of an environment: s' = observation, r = reward, and why (if at all) the
/// episode ended.
///
/// `terminated` and `truncated` are kept apart because they mean different things to a
/// learner: a terminal state has no future (the TD target is r), while a time-limit
/// truncation cuts an episode that could have continued (the target still bootstraps,
/// r + γ·V(s')). Training masks use `terminated` only.
public struct Step: Sendable, Equatable {
    /// The observation after the action.
    public var observation: [Float]
    /// The reward of the transition, computed in double precision.
    public var reward: Double
    /// True when the MDP itself ended (e.g. Hopper fell over).
    public var terminated: Bool
    /// True when the time limit cut the episode; never a terminal.
    public var truncated: Bool

    public init(observation: [Float], reward: Double, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// True when the episode is over for either reason.
    public var isLast: Bool { terminated || truncated }
}

/// The full simulator state of a MuJoCo environment: enough to restore it and replay the
/// same future bit for bit.
public struct SimulatorState: Sendable, Equatable, Codable {
    /// Generalised positions (MuJoCo's `qpos`, length nq).
    public var qpos: [Double]
    /// Generalised velocities (MuJoCo's `qvel`, length nv).
    public var qvel: [Double]
    /// Actuator activations (MuJoCo's `act`, length na; empty for the locomotion models).
    public var act: [Double]
    /// The constraint solver's warm start (MuJoCo's `qacc_warmstart`, length nv); restoring it
    /// makes the next step identical, not merely close.
    public var warmstart: [Double]
    /// Simulation time in seconds.
    public var time: Double
    /// Environment steps taken in the current episode (for the time limit).
    public var elapsedSteps: Int
    /// The episode's goal (x, y) for goal-reaching tasks (AntMaze); nil otherwise.
    public var goal: [Double]?
    /// Kitchen's episode outside MuJoCo: the task elements still to do, the last noisy
    /// observation the next position targets start from, the noise stream; nil otherwise.
    public var kitchen: KitchenEnvironment.EpisodeState?

    public init(qpos: [Double], qvel: [Double], act: [Double] = [], warmstart: [Double] = [],
                time: Double = 0, elapsedSteps: Int = 0) {
        self.qpos = qpos
        self.qvel = qvel
        self.act = act
        self.warmstart = warmstart
        self.time = time
        self.elapsedSteps = elapsedSteps
    }
}

/// A reinforcement-learning environment with continuous observations and actions.
///
/// Actions live in the box [actionLow, actionHigh] (element-wise; [-1, 1] for every task the
/// paper uses); an action outside it is clipped, while an action of the wrong length or with a
/// non-finite entry is an error.
public protocol Environment: AnyObject {
    /// Length of an observation vector.
    var observationSize: Int { get }
    /// Length of an action vector.
    var actionSize: Int { get }
    /// Lower bounds of the action box, one per action dimension.
    var actionLow: [Float] { get }
    /// Upper bounds of the action box, one per action dimension.
    var actionHigh: [Float] { get }
    /// The time limit: an episode is truncated after this many steps.
    var maxEpisodeSteps: Int { get }

    /// Starts a new episode from a randomised initial state and returns its observation.
    func reset(using rng: inout some RandomNumberGenerator) -> [Float]

    /// Applies `action` for one environment step (MuJoCo's frame skip included).
    func step(_ action: [Float]) throws -> Step

    /// The current simulator state.
    var simulatorState: SimulatorState { get }

    /// Puts the simulator in `state` and returns the observation there.
    func restore(_ state: SimulatorState) throws -> [Float]
}
