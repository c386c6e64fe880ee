/// One evaluation: the mean undiscounted return of n deterministic episodes and its
/// D4RL-normalised score.
public struct Evaluation: Codable, Equatable, Sendable {
    public var step: Int
    public var meanReturn: Double
    public var score: Double
    public var returns: [Double]
}

/// What a finished run reports (and `done.json` holds).
public struct TrainingSummary: Codable, Equatable, Sendable {
    public var finalStep: Int
    public var updates: Int
    public var evaluations: [Evaluation]
    /// Seconds of training over all sessions of the run.
    public var wallTime: Double

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
