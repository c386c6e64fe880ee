/// The budget and rhythm of one training run: an optional offline phase of K gradient updates
/// on the dataset, then an optional online phase of T environment steps.
///
/// Steps are counted on one axis, as the paper's figures do: the offline phase runs from
/// step −K to 0 (one step per update), the online phase from 1 to T (one step per environment
/// step, with U updates each). Evaluations, log rows and checkpoints happen at multiples of
/// their intervals on this axis, and always at the end of each phase.
public struct TrainingSchedule: Codable, Equatable, Sendable {
    /// K, gradient updates on the offline data before going online.
    public var offlineSteps: Int
    /// T, environment steps online.
    public var onlineSteps: Int
    /// U, gradient updates per environment step online (the update-to-data ratio).
    public var updatesPerStep: Int
    /// Online steps at the start whose actions are uniform in the action box (SAC's warm-up
    /// when training from scratch); 0 when fine-tuning.
    public var warmupSteps: Int
    /// E, steps between evaluations.
    public var evaluationInterval: Int
    /// n, episodes per evaluation (deterministic policy, separate environment and stream).
    public var evaluationEpisodes: Int
    /// Steps between log rows of the training metrics (averaged over the rows' interval).
    public var logInterval: Int
    /// Steps between checkpoints; a multiple of `logInterval`.
    public var checkpointInterval: Int
    /// Capacity of the replay buffer; at least the offline transitions plus T.
    public var bufferCapacity: Int
    /// How the agent's objective changes online (nil: fixed). See `ObjectiveSchedule`.
    public var objective: ObjectiveSchedule?
    /// When true, evaluations also measure the critics' bias: the mean of Q(s, a) over the
    /// visited state-actions minus the mean discounted return that followed them.
    public var measuresQBias: Bool?

    public init(offlineSteps: Int = 0, onlineSteps: Int, updatesPerStep: Int = 1, warmupSteps: Int = 0,
                evaluationInterval: Int, evaluationEpisodes: Int = 10, logInterval: Int = 1000,
                checkpointInterval: Int = 10_000, bufferCapacity: Int = 2_000_000) {
        self.offlineSteps = offlineSteps
        self.onlineSteps = onlineSteps
        self.updatesPerStep = updatesPerStep
        self.warmupSteps = warmupSteps
        self.evaluationInterval = evaluationInterval
        self.evaluationEpisodes = evaluationEpisodes
        self.logInterval = logInterval
        self.checkpointInterval = checkpointInterval
        self.bufferCapacity = bufferCapacity
    }

    /// Checks the schedule, naming the field that is wrong.
    public func validate() throws {
        func require(_ condition: Bool, _ field: String, _ rule: String) throws {
            if !condition { throw TrainingError.invalidSchedule(field: field, rule: rule) }
        }
        try require(offlineSteps >= 0, "offlineSteps", "must be ≥ 0")
        try require(onlineSteps >= 0, "onlineSteps", "must be ≥ 0")
        try require(offlineSteps + onlineSteps > 0, "offlineSteps/onlineSteps", "at least one phase must have steps")
        try require(updatesPerStep >= 1, "updatesPerStep", "must be ≥ 1")
        try require(warmupSteps >= 0, "warmupSteps", "must be ≥ 0")
        try require(evaluationInterval >= 1, "evaluationInterval", "must be ≥ 1")
        try require(evaluationEpisodes >= 1, "evaluationEpisodes", "must be ≥ 1")
        try require(logInterval >= 1, "logInterval", "must be ≥ 1")
        try require(checkpointInterval >= logInterval && checkpointInterval % logInterval == 0,
                    "checkpointInterval", "must be a multiple of logInterval (\(logInterval))")
    }
}
