import Foundation

/// The BLAS thread counts a benchmark measures, as written on its command line: "1,2".
public enum ThreadCounts {
    /// The counts in `text`, in the order given.
    /// - Throws: `ThreadCountsError.unreadable` unless every comma-separated entry is a whole
    ///   number of at least 1 (so "1,x" is refused, not read as "1").
    public static func parse(_ text: String) throws -> [Int] {
        let counts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard counts.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw ThreadCountsError.unreadable(text) }
        return counts.map { $0! }
    }
}

public enum ThreadCountsError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let text): return "--threads \(text): give comma-separated whole numbers of at least 1, e.g. 1,2"
        }
    }
}
