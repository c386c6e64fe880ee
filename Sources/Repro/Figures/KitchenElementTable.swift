import Foundation
import RLCore

/// The kitchen table of Chapters 2 to 4: which of the task's elements each method's agents
/// complete, before and after fine-tuning. A kitchen score counts elements (25 per element of
/// four), so the same score may be the microwave or the kettle; this says which. Per task with
/// watched agents, per method and per element of the task: the share of episodes in which the
/// offline phase's final agent completed it, and the online arm's, read from the runs'
/// `watch.json` records (`WatchedArm`). A cell is the mean ± standard error over the seeds
/// watched, and names how many when not all of the method's seeds were.
public struct KitchenElementTable: WatchedAgentsTable {
    public var results: FineTuningResults

    public init(results: FineTuningResults) {
        self.results = results
    }

    public func markdown() throws -> String? {
        let (rows, watched) = try watchedRows(on: .kitchen) { task, label, seeds in
            let elements = KitchenTaskElement.elements(ofEnvironment: try TaskRegistry.task(named: task).environmentName) ?? []
            return elements.map { element in
                "| \(task) | \(label) | \(element.rawValue) | "
                    + "\(seeds.cell(seeds.offline.compactMap { $0?.completionPercentage(of: element) })) | "
                    + "\(seeds.cell(seeds.online.compactMap { $0?.completionPercentage(of: element) })) |"
            }
        }
        guard !watched.isEmpty else { return nil }
        let (episodes, binaries) = WatchedArm.provenance(of: watched)
        return (["| task | method | element | offline: done (%) | after fine-tuning: done (%) |", "|---|---|---|---|---|"] + rows + [
            "",
            "The share of episodes, in percent, in which the final agent's deterministic policy completed each of the "
                + "task's elements (brought it within 0.3 of its goal, as the reward counts it), in any order. Each seed's "
                + "share of \(episodes) episodes, its offline and fine-tuned agents watched from the same resets; then "
                + "mean ± standard error over the seeds (`repro finetune … --watch`, whose `watch.json` in each run "
                + "records its episodes; binaries: \(binaries)).",
        ]).joined(separator: "\n") + "\n"
    }
}
