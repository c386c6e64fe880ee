import Foundation
import RLCore

/// The AntMaze table of Chapters 2 to 4: how near each method's agents come to the goal, before
/// and after fine-tuning (a success rate says little while it is 0). Per task with watched
/// agents and per method: the distance at the reset, the offline phase's final agent's closest
/// approach, and the online arm's, read from the runs' `watch.json` records (`WatchedArm`).
/// Each seed's value is its mean over the watched episodes; a cell is the mean ± standard error
/// over the seeds watched, and names how many when not all of the method's seeds were.
public struct GoalApproachTable: WatchedAgentsTable {
    public var results: FineTuningResults

    public init(results: FineTuningResults) {
        self.results = results
    }

    public func markdown() throws -> String? {
        let (rows, watched) = try watchedRows(on: .antmaze) { task, label, seeds in
            let starts = zip(seeds.offline, seeds.online).compactMap { ($0 ?? $1)?.meanStartDistance }
            return ["| \(task) | \(label) | \(seeds.cell(starts)) | \(seeds.cell(seeds.offline.compactMap { $0?.meanClosestApproach })) | "
                    + "\(seeds.cell(seeds.online.compactMap { $0?.meanClosestApproach })) |"]
        }
        guard !watched.isEmpty else { return nil }
        let (episodes, binaries) = WatchedArm.provenance(of: watched)
        return (["| task | method | start (m) | offline: closest (m) | after fine-tuning: closest (m) |", "|---|---|---|---|---|"] + rows + [
            "",
            "The distance from the ant's torso to the goal, in metres: at the reset, and the least over an episode of "
                + "the final agent's deterministic policy (success is coming within 0.5). Each seed's mean over \(episodes) "
                + "episodes, its offline and fine-tuned agents watched from the same resets; then mean ± standard error over "
                + "the seeds (`repro finetune … --watch`, whose `watch.json` in each run records its episodes; "
                + "binaries: \(binaries)).",
        ]).joined(separator: "\n") + "\n"
    }
}
