/// What one update reports: named numbers in a fixed order (losses, Q statistics, the entropy
/// temperature). The training loop logs them and stops when one is not finite.
public struct Metrics: Sendable, Equatable {
    /// (name, value) pairs in the agent's `metricNames` order.
    public private(set) var entries: [(name: String, value: Double)] = []

    public init() {}

    public init(_ entries: KeyValuePairs<String, Double>) {
        for (name, value) in entries { self.entries.append((name, value)) }
    }

    /// Appends or replaces `name`.
    public subscript(name: String) -> Double? {
        get { entries.first { $0.name == name }?.value }
        set {
            guard let value = newValue else { entries.removeAll { $0.name == name }; return }
            if let i = entries.firstIndex(where: { $0.name == name }) { entries[i].value = value } else { entries.append((name, value)) }
        }
    }

    /// The first entry whose value is NaN or infinite, if any.
    public var firstNonFinite: (name: String, value: Double)? { entries.first { !$0.value.isFinite } }

    public static func == (lhs: Metrics, rhs: Metrics) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
