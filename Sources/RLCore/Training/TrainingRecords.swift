/// One evaluation: the mean undiscounted return of n deterministic episodes and its
/// D4RL-normalised score.
public struct Evaluation: Codable, Equatable, Sendable {
    public var step: Int
    public var meanReturn: Double
    public var score: Double
    public var returns: [Double]
    /// With `measuresQBias`: the mean of Q(s, a) (mean over critics) over the visited
    /// state-actions, and the mean discounted return that followed them (transformed rewards,
    /// the critics' units; cut at the episode's end, so late steps of truncated episodes count
    /// fewer rewards).
    public var qEstimate: Double?
    public var qReturn: Double?

    /// Q estimate minus the return obtained: positive when the critics over-estimate.
    public var qBias: Double? { qEstimate.flatMap { estimate in qReturn.map { estimate - $0 } } }
}

/// What a finished run reports (and `done.json` holds).
public struct TrainingSummary: Codable, Equatable, Sendable {
    public var finalStep: Int
    public var updates: Int
    public var evaluations: [Evaluation]
    /// Seconds of training over all sessions of the run.
    public var wallTime: Double
    /// CPU seconds the run's processes used while training, over all its sessions (every
    /// thread of the process: in a sweep worker, this run alone). Below `wallTime` when the
    /// run shared its core; nil for runs made before the kit measured it, or resumed from such
    /// a run's checkpoint.
    public var cpuTime: Double?

    public init(finalStep: Int, updates: Int, evaluations: [Evaluation], wallTime: Double, cpuTime: Double? = nil) {
        self.finalStep = finalStep
        self.updates = updates
        self.evaluations = evaluations
        self.wallTime = wallTime
        self.cpuTime = cpuTime
    }

    /// The last evaluation, if any.
    public var finalEvaluation: Evaluation? { evaluations.last }
}

/// Where a run is, for a progress display.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var firstStep: Int
    public var lastStep: Int
    public var phase: String
    /// The normalised score of the latest evaluation.
    public var lastScore: Double?

    /// Steps done since the start of the run.
    public var done: Int { step - firstStep }
    /// Steps in the run.
    public var total: Int { lastStep - firstStep }
}
