import Foundation
import RLCore

/// One arm of a comparison on one task, as its runs' watch records (`FinalAgentWatch`), seed by
/// seed: the offline phase's final agent and the fine-tuned one, watched from the seed's own
/// resets. What the goal-approach and kitchen-element tables are built from. A seed not watched,
/// or whose record lacks what the table reads, is nil: left out, never filled in.
struct WatchedArm {
    /// The offline phases' records, seed by seed.
    let offline: [FinalAgentWatch?]
    /// The online arms' records, seed by seed.
    let online: [FinalAgentWatch?]

    /// The arm's records that hold what the tables read on `domain`; nil when it has none.
    init?(_ arm: FineTuningResults.Arm, on domain: D4RLTask.Domain) throws {
        func usable(_ run: RunDirectory) throws -> FinalAgentWatch? {
            try FinalAgentWatch.read(in: run).flatMap { $0.isComplete(on: domain) ? $0 : nil }
        }
        offline = try arm.offlineRuns.map(usable)
        online = try arm.runs.map(usable)
        if records.isEmpty { return nil }
    }

    /// Every record, offline phases first.
    var records: [FinalAgentWatch] { (offline + online).compactMap { $0 } }

    /// A table cell: the mean ± standard error over `values`, one per watched seed, naming how
    /// many seeds they are when not all of the arm's; "–" when none.
    func cell(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "–" }
        let summary = SeedCurve.Point(step: 0, seedValues: values).summary()
        return values.count == online.count ? summary : "\(summary) (\(values.count) of \(online.count) seeds)"
    }

    /// The caption's account of `arms`' watching: the numbers of episodes watched ("25", or
    /// "5, 25") and the binaries that watched them.
    static func provenance(of arms: [WatchedArm]) -> (episodes: String, binaries: String) {
        let records = arms.flatMap(\.records)
        let episodes = Set(records.map(\.episodes.count)).sorted().map(String.init).joined(separator: ", ")
        let binaries = records.map { String($0.provenance.kitCommit.prefix(7)) + ($0.provenance.kitTreeDirty ? "+dirty" : "") }
        return (episodes, binaries.removingDuplicates().joined(separator: ", "))
    }
}

/// A table made from the watch records of a comparison's runs (`WatchedArm`): the goal-approach
/// table on AntMaze, the kitchen-element table. Written only where some run has the record it reads.
public protocol WatchedAgentsTable {
    var results: FineTuningResults { get }
    /// The table, or nil when no run of the comparison has the record it reads.
    func markdown() throws -> String?
}

extension WatchedAgentsTable {
    /// Writes the table to `file` when some run has the record it reads; returns whether it did.
    @discardableResult
    public func write(to file: URL) throws -> Bool {
        guard let table = try markdown() else { return false }
        try AtomicFile.write(Data(table.utf8), to: file)
        return true
    }

    /// The rows `row` makes of each watched (task, method) on `domain`'s tasks, in the
    /// comparison's order, and the arms they were made of (none: nothing watched).
    func watchedRows(on domain: D4RLTask.Domain,
                     _ row: (_ task: String, _ label: String, _ arm: WatchedArm) throws -> [String]) throws -> (rows: [String], arms: [WatchedArm]) {
        var rows: [String] = [], arms: [WatchedArm] = []
        for task in results.tasks where try TaskRegistry.task(named: task).domain == domain {
            for method in results.methodOrder {
                guard let arm = results.arm(on: task, method: method), let watched = try WatchedArm(arm, on: domain) else { continue }
                arms.append(watched)
                rows += try row(task, results.label(of: method), watched)
            }
        }
        return (rows, arms)
    }
}
