/// One episode of a dataset: rows `start ..< start + length`.
public struct Episode: Sendable, Equatable {
    /// First row.
    public var start: Int
    /// Number of rows (≥ 1).
    public var length: Int
    /// Undiscounted return Σ r over its rows, summed in double precision.
    public var episodeReturn: Double
    /// How it ended: a true terminal, the time limit, or not at all (the dataset stopped).
    public var ending: Ending

    public enum Ending: String, Sendable, Equatable {
        case terminal, timeout, unfinished
    }

    public init(start: Int, length: Int, episodeReturn: Double, ending: Ending) {
        self.start = start
        self.length = length
        self.episodeReturn = episodeReturn
        self.ending = ending
    }
}

/// The episodes of a dataset and their statistics.
public struct EpisodeSummary: Sendable, Equatable {
    /// Episodes in row order; together they cover every row exactly once.
    public var episodes: [Episode]

    /// Splits `dataset` into episodes: an episode ends after a row with `terminals` or
    /// `timeouts` set (terminal wins when both are), and the rows after the last such flag
    /// form a final `unfinished` episode. An empty dataset has no episodes.
    public init(of dataset: D4RLDataset) {
        var episodes: [Episode] = []
        var start = 0
        var total = 0.0
        for i in 0..<dataset.count {
            total += Double(dataset.rewards[i])
            let terminal = dataset.terminals[i]
            let timeout = dataset.timeouts?[i] ?? false
            if terminal || timeout {
                episodes.append(Episode(start: start, length: i - start + 1, episodeReturn: total,
                                        ending: terminal ? .terminal : .timeout))
                start = i + 1
                total = 0
            }
        }
        if start < dataset.count {
            episodes.append(Episode(start: start, length: dataset.count - start, episodeReturn: total, ending: .unfinished))
        }
        self.episodes = episodes
    }

    /// Returns of every episode, unfinished ones included (as IQL's return range uses them).
    public var returns: [Double] { episodes.map(\.episodeReturn) }

    /// Returns of the finished episodes, or of all episodes when none finished.
    public var finishedReturns: [Double] {
        let finished = episodes.filter { $0.ending != .unfinished }.map(\.episodeReturn)
        return finished.isEmpty ? returns : finished
    }

    /// (min, mean, max) of `finishedReturns`; nil for an empty dataset.
    public var returnStatistics: (min: Double, mean: Double, max: Double)? {
        let values = finishedReturns
        guard let low = values.min(), let high = values.max() else { return nil }
        return (low, values.reduce(0, +) / Double(values.count), high)
    }

    /// The behaviour data's D4RL normalised score: `task.normalizedScore` of the mean finished
    /// return (100 = expert, 0 = random); nil for an empty dataset.
    public func normalizedScore(for task: D4RLTask) -> Double? {
        returnStatistics.map { task.normalizedScore(ofReturn: $0.mean) }
    }
}
