import Foundation

/// A run's log: a TSV file with a fixed header and one row per logged step, its first column
/// the step. Rows are appended and flushed as they come, so an interrupted run keeps them.
///
/// Resuming from a checkpoint taken at step k keeps the rows with step ≤ k and drops the rest
/// (they will be written again, identically, by the resumed run), so a resumed run's log equals
/// an uninterrupted one's.
public final class RunLog {
    /// The column names; the first is the step.
    public let columns: [String]
    /// Where the log lives.
    public let url: URL
    private let handle: FileHandle
    private let index: [String: Int]

    /// Opens the log at `url`. With `resumingAfter: k` the existing file is kept up to step k
    /// (its header must equal `columns`); otherwise a new file is started.
    public init(url: URL, columns: [String], resumingAfter step: Int? = nil) throws {
        precondition(!columns.isEmpty, "a log needs at least the step column")
        self.columns = columns
        self.url = url
        self.index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let header = columns.joined(separator: "\t")
        var kept = header + "\n"
        if let step, FileManager.default.fileExists(atPath: url.path) {
            let text = try String(contentsOf: url, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            guard let first = lines.first, first == header else {
                throw RunLogError.headerMismatch(url.path, found: lines.first.map(String.init) ?? "", expected: header)
            }
            lines.removeFirst()
            for line in lines {
                guard let field = line.split(separator: "\t", omittingEmptySubsequences: false).first,
                      let rowStep = Int(field) else { continue }
                if rowStep <= step { kept += line + "\n" }
            }
        }
        try AtomicFile.write(Data(kept.utf8), to: url)
        self.handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
    }

    deinit { try? handle.close() }

    /// Appends one row. `values` maps column names to numbers or text; absent columns stay
    /// empty. Doubles are written in Swift's shortest round-trip form, so equal values give
    /// equal text.
    public func append(step: Int, _ values: [String: LogValue]) throws {
        var fields = [String](repeating: "", count: columns.count)
        fields[0] = String(step)
        for (key, value) in values {
            guard let column = index[key] else {
                preconditionFailure("log column '\(key)' is not in the header \(columns)")
            }
            fields[column] = value.text
        }
        try handle.write(contentsOf: Data((fields.joined(separator: "\t") + "\n").utf8))
    }
}

/// A value in a run log.
public enum LogValue: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case number(Double)
    case text(String)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }

    var text: String {
        switch self {
        case .number(let x):
            if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        case .text(let s):
            return s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
    }
}

/// A log that cannot be resumed.
public enum RunLogError: Error, CustomStringConvertible {
    case headerMismatch(String, found: String, expected: String)

    public var description: String {
        switch self {
        case let .headerMismatch(path, found, expected):
            return "\(path) has the header '\(found)', not '\(expected)': it belongs to a different kind of run. Move it away or choose another run directory."
        }
    }
}
