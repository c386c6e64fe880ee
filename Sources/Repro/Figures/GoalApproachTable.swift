import Foundation
import RLCore

/// Chapter 4's AntMaze table: how near each method's agents come to the goal, before and after
/// fine-tuning. Per task with watched agents and per method: the distance at the reset, the
/// offline phase's final agent's closest approach, and the online arm's — each a mean over the
/// watched episodes of a seed, then mean ± standard error over seeds — read from the runs'
/// `watch.json` records (`FinalAgentWatch`). A cell names how many seeds were watched; runs not
/// watched are left out, never filled in.
public struct GoalApproachTable {
    public var results: FineTuningResults

    public init(results: FineTuningResults) {
        self.results = results
    }

    /// The seeds' mean closest approaches in `runs` that have a watch record.
    static func closestApproaches(in runs: [RunDirectory]) throws -> [Double] {
        try runs.compactMap { try FinalAgentWatch.read(in: $0)?.meanClosestApproach }
    }

    /// The table, or nil when no run of the comparison has a goal-approach record.
    public func markdown() throws -> String? {
        var lines = ["| task | method | start (m) | offline: closest (m) | after fine-tuning: closest (m) |", "|---|---|---|---|---|"]
        var watchedEpisodes: Set<Int> = [], commits: [String] = []
        for task in results.tasks {
            for method in results.methodOrder {
                guard let arm = results.arm(on: task, method: method) else { continue }
                let records = try (arm.offlineRuns + arm.runs).compactMap { try FinalAgentWatch.read(in: $0) }.filter { $0.meanClosestApproach != nil }
                guard !records.isEmpty else { continue }
                watchedEpisodes.formUnion(records.map(\.episodes.count))
                commits += records.map { String($0.provenance.kitCommit.prefix(7)) + ($0.provenance.kitTreeDirty ? "+dirty" : "") }
                func cell(_ values: [Double]) -> String {
                    values.isEmpty ? "–" : SeedCurve.Point(step: 0, seedValues: values).summary() + (values.count == 1 ? " (1 seed)" : "")
                }
                let starts = records.compactMap(\.meanStartDistance)
                lines.append("| \(task) | \(results.label(of: method)) | \(cell(starts)) | \(cell(try Self.closestApproaches(in: arm.offlineRuns))) | "
                             + "\(cell(try Self.closestApproaches(in: arm.runs))) |")
            }
        }
        guard lines.count > 2 else { return nil }
        let episodes = watchedEpisodes.sorted().map(String.init).joined(separator: ", ")
        lines.append("")
        lines.append("The distance from the ant's torso to the goal, in metres: at the reset, and the least over an episode of "
                     + "the final agent's deterministic policy (success is coming within 0.5). Each seed's mean over \(episodes) "
                     + "episodes, then mean ± standard error over the seeds watched (`repro finetune … --watch`, whose "
                     + "`watch.json` in each run records its episodes; binaries: \(commits.removingDuplicates().joined(separator: ", "))).")
        return lines.joined(separator: "\n") + "\n"
    }
}
