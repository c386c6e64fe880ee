/// Why training stopped or could not start.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A schedule field is out of range.
    case invalidSchedule(field: String, rule: String)
    /// A loss or statistic became NaN or infinite; the state at that step was saved for inspection.
    case nonFinite(step: Int, metric: String, value: Double, savedTo: String)
    /// The replay buffer cannot hold the offline data plus the online steps.
    case bufferTooSmall(capacity: Int, needed: Int)
    /// An environment and an agent (or dataset) disagree on sizes.
    case sizeMismatch(String)
    /// A checkpoint exists but cannot be used.
    case unusableCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidSchedule(field, rule):
            return "training schedule: \(field) \(rule)"
        case let .nonFinite(step, metric, value, savedTo):
            return "training stopped at step \(step): \(metric) = \(value) is not finite. The state at that step is saved in \(savedTo) for inspection; the last good checkpoint is untouched. Lower the learning rate or check the dataset's rewards for NaN."
        case let .bufferTooSmall(capacity, needed):
            return "the replay buffer holds \(capacity) transitions but the run needs \(needed) (offline data + online steps): raise bufferCapacity"
        case .sizeMismatch(let detail):
            return "size mismatch: \(detail)"
        case let .unusableCheckpoint(path, reason):
            return "cannot resume from \(path): \(reason). Delete the run directory to start over."
        }
    }
}
