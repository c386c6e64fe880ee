import Foundation
import RLCore

/// What a finished run's final agent does, watched after training (`repro finetune --watch`):
/// its episodes and the provenance of the watching, kept beside the run as `watch.json`.
///
/// On AntMaze a success rate says little while it is 0: the episodes' distances to the goal
/// (`GoalApproach`) say how far the agent got. In the kitchen a score of 25 may be any one of
/// four elements: the episodes' completed elements say which. The chapters' goal-approach and
/// kitchen-element tables read these records, so the numbers they show come from files
/// committed with the runs. A recovery of the
/// run whose log differs from the committed one (`FinalAgentRecovery`) sets the record aside as
/// `watch.committed.json`: it watched another agent.
public struct FinalAgentWatch: Codable, Equatable, Sendable {
    /// The binary, machine and rollout seed that watched the agent.
    public var provenance: Provenance
    /// The digest (`FNV1a64`) of the run's `log.tsv` when it was watched: the record describes
    /// the agent that log's training ended with, and no other.
    public var runLog: String
    public var episodes: [RolloutEpisode]

    public init(provenance: Provenance, runLog: String, episodes: [RolloutEpisode]) {
        self.provenance = provenance
        self.runLog = runLog
        self.episodes = episodes
    }

    /// The record's file in `run`.
    public static func url(in run: RunDirectory) -> URL { run.url.appendingPathComponent("watch.json") }

    /// Watches `job`'s final agent for `episodes` episodes, reset from the job's seed (so an
    /// offline phase and its arms are watched on the same starts and goals), and records it in
    /// the run's folder (replacing an earlier record).
    @discardableResult
    public static func watch(_ job: FineTuningJob, in fineTuning: FineTuning, episodes: Int,
                             assets: ModelAssets = .standard) throws -> FinalAgentWatch {
        let seed = UInt64(job.seed)
        let agent = try fineTuning.finalAgent(of: job)
        let result = try rollout(task: TaskRegistry.task(named: job.task), agent: agent, episodes: episodes, seed: seed, assets: assets)
        let run = fineTuning.directory(for: job)
        let record = FinalAgentWatch(provenance: .current(seed: seed), runLog: FNV1a64(try Data(contentsOf: run.logURL)).text,
                                     episodes: result.episodes)
        try AtomicFile.writeJSON(record, to: url(in: run))
        return record
    }

    /// The record in `run`, or nil when the run's agent has not been watched, when the record
    /// watched another agent than the one the run's log now describes (the run was made again
    /// since), or when it is not a record this kit can read (an older format: watch again).
    public static func read(in run: RunDirectory) throws -> FinalAgentWatch? {
        let url = url(in: run)
        guard FileManager.default.fileExists(atPath: url.path),
              let record = try? JSONDecoder().decode(FinalAgentWatch.self, from: Data(contentsOf: url)) else { return nil }
        guard let log = try? Data(contentsOf: run.logURL), FNV1a64(log).text == record.runLog else { return nil }
        return record
    }

    /// The mean over episodes of the closest approach to the goal; nil off AntMaze.
    public var meanClosestApproach: Double? {
        let closest = episodes.compactMap { $0.approach?.closest }
        guard !closest.isEmpty, closest.count == episodes.count else { return nil }
        return closest.reduce(0, +) / Double(closest.count)
    }

    /// The share of the watched episodes, in percent, that completed `element`; nil when the
    /// record does not say which elements its episodes completed (off the kitchen, or a record
    /// written before the kit kept them).
    public func completionPercentage(of element: KitchenTaskElement) -> Double? {
        let completions = episodes.compactMap(\.completedElements)
        guard !completions.isEmpty, completions.count == episodes.count else { return nil }
        return 100 * Double(completions.filter { $0.contains(element) }.count) / Double(completions.count)
    }

    /// Whether the record holds what the chapters' tables read on `domain`: every episode's
    /// distances on AntMaze, every episode's completed elements in the kitchen.
    public func isComplete(on domain: D4RLTask.Domain) -> Bool {
        switch domain {
        case .antmaze: return !episodes.isEmpty && episodes.allSatisfy { $0.approach != nil }
        case .kitchen: return !episodes.isEmpty && episodes.allSatisfy { $0.completedElements != nil }
        case .locomotion: return true
        }
    }

    /// The mean over episodes of the distance at the reset; nil off AntMaze.
    public var meanStartDistance: Double? {
        let start = episodes.compactMap { $0.approach?.start }
        guard !start.isEmpty, start.count == episodes.count else { return nil }
        return start.reduce(0, +) / Double(start.count)
    }
}
