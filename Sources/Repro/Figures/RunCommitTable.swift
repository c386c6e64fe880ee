import Foundation
import RLCore

/// Which binaries made a comparison's runs, read from their `provenance.json`: per task and
/// method, the commits behind the offline phases · behind the online arms, the binary that
/// started each run and any that resumed it, each commit once, in seed order ("+dirty" where
/// the build's sources had uncommitted changes).
///
/// A chapter quotes this table instead of listing commits by hand. Resumptions are recorded
/// since commit 96ef5d6; a run interrupted before then names only the commit that started it.
public struct RunCommitTable {
    public var results: FineTuningResults

    public init(results: FineTuningResults) {
        self.results = results
    }

    /// "9a80b2b, e4acf84": the commits of `runs`; "–" when none recorded its provenance.
    static func commits(of runs: [RunDirectory]) -> String {
        let commits = runs.compactMap { try? $0.provenance() }.flatMap(\.commits).removingDuplicates()
        return commits.isEmpty ? "–" : commits.joined(separator: ", ")
    }

    public var markdown: String {
        let methods = results.methodOrder
        var lines = ["| task | " + methods.map { "\(results.label(of: $0)): offline · online" }.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: methods.count)]
        for task in results.tasks {
            let cells = methods.map { method in
                results.arm(on: task, method: method).map { "\(Self.commits(of: $0.offlineRuns)) · \(Self.commits(of: $0.runs))" } ?? "–"
            }
            lines.append("| \(task) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("The commits of the binaries that made each method's runs on each task, over its seeds: those that started them, "
                     + "then those that resumed them after an interruption (recorded since commit 96ef5d6); "
                     + "\"+dirty\": built with uncommitted changes to the kit's sources. Every run's `provenance.json` has the full record.")
        return lines.joined(separator: "\n") + "\n"
    }
}
