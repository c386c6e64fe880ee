import Foundation

/// A learning curve summarised over seeds: at each step where every seed logged a value, the
/// mean, the min–max band, and the standard error s/√n (s the sample standard deviation).
/// Figures draw the mean with a shaded band; tables quote the final point.
public struct SeedCurve: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public var step: Int
        public var mean: Double
        public var min: Double
        public var max: Double
        /// s/√n; zero for a single seed.
        public var standardError: Double
        /// Number of seeds at this step.
        public var seeds: Int

        /// Whether this mean is above `other`'s by more than twice the standard error of the
        /// difference: mean − mean_other > 2·√(se² + se_other²). Nil when either has fewer than
        /// two seeds, whose standard error says nothing.
        public func isClearlyAbove(_ other: Point) -> Bool? {
            guard Swift.min(seeds, other.seeds) > 1 else { return nil }
            return mean - other.mean > 2 * (standardError * standardError + other.standardError * other.standardError).squareRoot()
        }

        /// "mean ± standard error" to `digits` decimals, or the mean alone for a single seed,
        /// whose standard error of zero would read as a measured spread of none.
        public func summary(digits: Int = 1) -> String {
            let number = "%.\(digits)f"
            return seeds > 1 ? String(format: "\(number) ± \(number)", mean, standardError) : String(format: number, mean)
        }

        /// How a table's cells summarise `seeds` seeds, for its caption.
        public static func summaryCaption(seeds: Int) -> String {
            seeds > 1 ? "mean ± standard error over \(seeds) seeds" : "one seed, so no standard error"
        }
    }

    public var points: [Point]

    /// Summarises one column of several run logs (TSV files with a header whose first column
    /// is the step). Rows where the column is empty are skipped; steps that some seed has not
    /// reached are left out, so a curve never mixes different sets of seeds.
    public init(logs: [URL], column: String) throws {
        precondition(!logs.isEmpty, "a curve needs at least one run log")
        let series = try logs.map { try SeedCurve.readColumn(column, from: $0) }
        let common = series.dropFirst().reduce(Set(series[0].keys)) { $0.intersection($1.keys) }
        points = common.sorted().map { step in Point(step: step, seedValues: series.map { $0[step]! }) }
    }

    /// The last point, the one tables report as "final".
    public var final: Point? { points.last }

    /// Each seed's mean over its online evaluations (the steps after 0 that every seed logged),
    /// then the mean ± standard error of those means over the seeds, at the last such step; nil
    /// when the logs share fewer than two online evaluations (the final point says it all).
    /// A last evaluation can be one lucky draw; this reads the whole online curve.
    public static func onlineAverage(logs: [URL], column: String) throws -> Point? {
        let series = try logs.map { try readColumn(column, from: $0) }
        guard let first = series.first else { return nil }
        let online = series.dropFirst().reduce(Set(first.keys)) { $0.intersection($1.keys) }.filter { $0 > 0 }.sorted()
        guard online.count > 1, let last = online.last else { return nil }
        let seedMeans = series.map { values in online.map { values[$0]! }.reduce(0, +) / Double(online.count) }
        return Point(step: last, seedValues: seedMeans)
    }

    /// The curve as TSV for gnuplot: step, mean, min, max, stderr, seeds.
    public var tsv: String {
        var text = "step\tmean\tmin\tmax\tstderr\tseeds\n"
        for p in points {
            text += "\(p.step)\t\(p.mean)\t\(p.min)\t\(p.max)\t\(p.standardError)\t\(p.seeds)\n"
        }
        return text
    }

    static func readColumn(_ column: String, from url: URL) throws -> [Int: Double] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SeedCurveError.unreadable(url.path)
        }
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
              let index = header.firstIndex(of: column) else {
            throw SeedCurveError.missingColumn(url.path, column)
        }
        var values: [Int: Double] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > index, let step = Int(fields[0]), let value = Double(fields[index]) else { continue }
            values[step] = value
        }
        return values
    }
}

/// A run log that cannot be summarised.
public enum SeedCurveError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case missingColumn(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read run log \(path)"
        case let .missingColumn(path, column): return "run log \(path) has no column '\(column)'"
        }
    }
}

extension SeedCurve.Point {
    /// The mean, range and standard error s/√n of one value per seed (at least one).
    public init(step: Int, seedValues values: [Double]) {
        precondition(!values.isEmpty, "a point needs at least one seed's value")
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.count > 1 ? values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1) : 0
        self.init(step: step, mean: mean, min: values.min()!, max: values.max()!,
                  standardError: (variance / n).squareRoot(), seeds: values.count)
    }
}
