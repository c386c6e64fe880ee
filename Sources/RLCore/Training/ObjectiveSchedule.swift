/// How an agent's objective changes when fine-tuning starts (the paper's Section 4): keep it,
/// loosen one hyper-parameter abruptly or linearly, or switch to another objective.
///
/// The hyper-parameter is the agent's `objectiveParameter`: CQL's Lagrange threshold τ, AWAC's
/// λ, IQL's expectile. At online step t ≥ 1, with initial value v₀ and target v₁:
///
///     fixed:              v₀
///     abrupt(to: v₁):     v₁
///     linear(to: v₁, T):  v₀ + (v₁ − v₀)·min(t, T)/T
///     switchToSAC:        CQL drops its penalty (the networks, optimisers and buffer are kept)
public enum ObjectiveSchedule: Codable, Hashable, Sendable, CustomStringConvertible {
    case fixed
    case abrupt(to: Float)
    case linear(to: Float, over: Int)
    case switchToSAC

    // quote: objective-schedule
    /// The parameter's value at online step t, starting from `initial`.
    public func value(initial: Float, onlineStep t: Int) -> Float {
        switch self {
        case .fixed, .switchToSAC: return initial
        case .abrupt(let target): return t >= 1 ? target : initial
        case let .linear(target, steps):
            if t >= steps { return target }
            let fraction = Float(min(max(t, 0), max(steps, 1))) / Float(max(steps, 1))
            return initial + (target - initial) * fraction
        }
    }
    // end quote

    public var description: String {
        switch self {
        case .fixed: return "fixed"
        case .abrupt(let target): return "abrupt→\(target)"
        case let .linear(target, steps): return "linear→\(target) over \(steps)"
        case .switchToSAC: return "switch to SAC"
        }
    }
}

/// An agent whose objective has one hyper-parameter a schedule may move.
public protocol ScheduledObjective: Agent {
    /// The parameter's name, e.g. "lagrange_threshold".
    var objectiveParameterName: String { get }
    /// Its current value (kept in the agent's checkpoints).
    var objectiveParameter: Float { get set }
    /// The value the agent was configured with.
    var initialObjectiveParameter: Float { get }
    /// Drops the agent's offline-specific term (CQL's penalty); false when it has none.
    func switchToOnlineObjective() -> Bool
}

extension ScheduledObjective {
    public func switchToOnlineObjective() -> Bool { false }
}

extension CQL: ScheduledObjective {
    public var objectiveParameterName: String { "lagrange_threshold" }
    public var objectiveParameter: Float {
        get { penalty.threshold }
        set { penalty.threshold = newValue }
    }
    public var initialObjectiveParameter: Float { configuration.lagrangeThreshold }
    public func switchToOnlineObjective() -> Bool {
        isConservative = false
        return true
    }
}

extension AWAC: ScheduledObjective {
    public var objectiveParameterName: String { "lambda" }
    public var objectiveParameter: Float {
        get { lambda }
        set { lambda = newValue }
    }
    public var initialObjectiveParameter: Float { configuration.lambda }
}

extension IQL: ScheduledObjective {
    public var objectiveParameterName: String { "expectile" }
    public var objectiveParameter: Float {
        get { expectile }
        set { expectile = newValue }
    }
    public var initialObjectiveParameter: Float { configuration.expectile }
}

extension ObjectiveSchedule {
    /// Parses the command-line form: `fixed`, `abrupt:V`, `linear:V:STEPS`, `switch-sac`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":").map(String.init)
        switch (parts.first, parts.count) {
        case ("fixed", 1): self = .fixed
        case ("switch-sac", 1): self = .switchToSAC
        case ("abrupt", 2):
            guard let value = Float(parts[1]) else { return nil }
            self = .abrupt(to: value)
        case ("linear", 3):
            guard let value = Float(parts[1]), let steps = Int(parts[2]), steps > 0 else { return nil }
            self = .linear(to: value, over: steps)
        default: return nil
        }
    }
}

extension ObjectiveSchedule {
    /// The command-line form `init(argument:)` parses.
    public var argument: String {
        switch self {
        case .fixed: return "fixed"
        case .switchToSAC: return "switch-sac"
        case .abrupt(let value): return "abrupt:\(value)"
        case let .linear(value, steps): return "linear:\(value):\(steps)"
        }
    }
}
