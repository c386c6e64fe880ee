import Foundation
import RLCore

/// Where each algorithm's offline phase ended, the starting point of every online arm: the
/// evaluation score, the critics' mean Q on training batches, and for CQL the Lagrange
/// multiplier α′ and the measured gap (soft maximum of Q over proposals minus Q on the data)
/// that drives it. α′ grows while w·gap (w the penalty weight) is above the threshold τ and
/// shrinks towards 0 while it is below, so a small α′ says the conservative penalty had all
/// but switched itself off.
public struct OfflinePhaseTable {
    /// One algorithm's offline runs (one per seed).
    public var runs: [(algorithm: String, task: String, directories: [RunDirectory])]

    /// The offline phases of `jobs` (offline jobs; online ones are mapped to theirs) in `store`.
    public init(jobs: [FineTuningJob], store: ResultsStore) {
        var groups: [(algorithm: String, task: String, directories: [RunDirectory])] = []
        for job in jobs.map({ $0.exploration == nil ? $0 : $0.offlineJob }) {
            let directory = store.directory(for: job.runKey)
            if let index = groups.firstIndex(where: { $0.algorithm == job.algorithm && $0.task == job.task }) {
                if !groups[index].directories.contains(where: { $0.url == directory.url }) { groups[index].directories.append(directory) }
            } else {
                groups.append((job.algorithm, job.task, [directory]))
            }
        }
        runs = groups
    }

    /// A markdown table of the last offline row (step 0), mean ± standard error over seeds.
    public func markdown() throws -> String {
        var lines = ["| task | algorithm | offline updates | score at step 0 | Q on batches | CQL's α′ | CQL's gap |", "|---|---|---|---|---|---|---|"]
        for group in runs {
            let logs = group.directories.map(\.logURL)
            func last(_ column: String) -> SeedCurve.Point? {
                try? SeedCurve(logs: logs, column: column).points.last(where: { $0.step <= 0 })
            }
            func cell(_ column: String, digits: Int) -> String { last(column)?.summary(digits: digits) ?? "–" }
            let updates = last("updates").map { String(format: "%.0f", $0.mean) } ?? "–"
            lines.append("| \(group.task) | \(group.algorithm.uppercased()) | \(updates) | \(cell("eval_score", digits: 1)) | "
                + "\(cell("q_mean", digits: 1)) | \(cell("cql_alpha", digits: 3)) | \(cell("cql_gap", digits: 2)) |")
        }
        let seeds = runs.map(\.directories.count).max() ?? 0
        lines.append("")
        lines.append("The last row of each offline log (step 0), \(SeedCurve.Point.summaryCaption(seeds: seeds)); "
            + "Q is the critics' mean on training batches; α′ and the gap (log-sum-exp over proposals minus Q on the data) are CQL's; α′ grows while w·gap exceeds the threshold τ (w = 5, τ = 5).")
        return lines.joined(separator: "\n") + "\n"
    }
}
