import Foundation
import RLCore

/// What `repro dataset info` prints about a dataset file: its keys with dtypes and shapes,
/// transitions, episodes, the return range, the behaviour data's normalised score and where
/// the file came from.
public struct DatasetInfo {
    public var url: URL
    /// The task the file belongs to (named, or recognised from its file name or
    /// `metadata/task`); nil when unknown, and then there is no normalised score.
    public var task: D4RLTask?
    public var entries: [D4RLFile.Entry]
    public var transitions: Int
    /// `Transitions.digest` of the file's Q-learning view, the data a run trains on (its
    /// provenance names the same digest).
    public var digest: String
    public var summary: EpisodeSummary
    public var metadata: [String: MetadataValue]
    /// The rewards of each episode's last row (kitchen: the task's elements done at its end).
    public var finalRewards: [Double]
    /// AntMaze: the episodes between timeouts, and how many of them hold a reward. D4RL's
    /// antmaze terminals mark the rows at the task's goal while the episode goes on, so
    /// episodes split at terminals (`summary`) are no behaviour episodes there.
    public var antMazeEpisodes: (rewarded: Int, total: Int)?

    /// Reads the file at `url`; when `task` is given its shapes are checked against it.
    public init(url: URL, task: D4RLTask? = nil) throws {
        let entries = try D4RLFile.entries(at: url)
        let known = task ?? TaskRegistry.all.first { $0.datasetFileName == url.lastPathComponent }
        let dataset = try D4RLFile.read(at: url, task: known)
        var resolved = known
        if resolved == nil, case let .string(name)? = dataset.metadata["task"] {
            resolved = try? TaskRegistry.task(named: name)
            if let resolved { try dataset.check(against: resolved, source: url.path) }
        }
        self.url = url
        self.task = resolved
        self.entries = entries
        self.transitions = dataset.count
        self.digest = Transitions(qLearningViewOf: dataset).digest
        self.finalRewards = EpisodeSummary(of: dataset).episodes.map { Double(dataset.rewards[$0.start + $0.length - 1]) }
        self.summary = EpisodeSummary(of: dataset)
        self.metadata = dataset.metadata
        if resolved?.domain == .antmaze, let timeouts = dataset.timeouts {
            var rewarded = 0, total = 0, hasReward = false
            for i in 0..<dataset.count {
                if dataset.rewards[i] > 0 { hasReward = true }
                if timeouts[i] {
                    total += 1
                    if hasReward { rewarded += 1 }
                    hasReward = false
                }
            }
            antMazeEpisodes = (rewarded, total)
        }
    }

    /// Where the data came from: the kit's generator, or D4RL (with its policy algorithm).
    public var origin: String {
        if case let .string(origin)? = metadata["origin"] {
            var text = origin
            if case let .string(command)? = metadata["command"] { text += "; `\(command)`" }
            if case let .string(mujoco)? = metadata["mujoco_version"] { text += "; MuJoCo \(mujoco)" }
            if case let .string(commit)? = metadata["kit_commit"] { text += "; kit \(commit.prefix(12))" }
            return text
        }
        if case let .string(algorithm)? = metadata["algorithm"] { return "D4RL (behaviour policy: \(algorithm))" }
        return "no metadata (a published D4RL file, or one written without provenance)"
    }

    /// The printed report, one fact per line.
    public var report: String {
        var lines = ["file\t\(url.path)", "task\t\(task?.name ?? "unknown (name it to get a normalised score)")",
                     "origin\t\(origin)", "transitions\t\(transitions)", "digest\t\(digest) (of the Q-learning view; a run records it as datasetDigest in provenance.json)"]
        let counts = Dictionary(grouping: summary.episodes, by: \.ending).mapValues(\.count)
        lines.append("episodes\t\(summary.episodes.count) (\(counts[.terminal] ?? 0) terminal, "
                     + "\(counts[.timeout] ?? 0) time limit, \(counts[.unfinished] ?? 0) unfinished)")
        if let stats = summary.returnStatistics {
            lines.append(String(format: "return\tmin %.2f  mean %.2f  max %.2f", stats.min, stats.mean, stats.max))
        }
        if let task, task.domain == .kitchen, !finalRewards.isEmpty {
            // D4RL's kitchen rewards count the task's elements done in every row, so a return
            // sums those counts over the episode's length and is no episode score.
            lines.append(String(format: "elements done at episode end\tmean %.2f of 4 (kitchen rewards count the elements done in each row; returns are not scores)",
                                finalRewards.reduce(0, +) / Double(finalRewards.count)))
        } else if let episodes = antMazeEpisodes {
            lines.append("task's goal reached\t\(episodes.rewarded) of \(episodes.total) episodes (split at timeouts: antmaze terminals mark the goal's rows, "
                         + "the episode goes on; the terminal counts above split at them)")
        } else if let task, let score = summary.normalizedScore(for: task) {
            lines.append(String(format: "normalised score\t%.2f (D4RL: 100·(mean return − %.3f)/(%.1f − %.3f))",
                                score, task.referenceMinScore, task.referenceMaxScore, task.referenceMinScore))
        }
        if case let .real(fraction)? = metadata["goal_reached_fraction"], case let .integer(episodes)? = metadata["episodes"] {
            // The kit's AntMaze recordings: how often the planner-driven controller reached its commanded goal.
            lines.append(String(format: "goal reached\t%.1f%% of %d episodes (the commanded goal, within 0.5 m)", 100 * fraction, episodes))
        }
        lines.append("keys")
        lines += entries.map { "  \($0)" }
        if !metadata.isEmpty {
            lines.append("metadata")
            lines += metadata.sorted { $0.key < $1.key }.map { "  \($0.key)\t\($0.value)" }
        }
        return lines.joined(separator: "\n")
    }
}
