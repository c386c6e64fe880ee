/// A set of transitions (s, a, r, s', done) ready for Q-learning: D4RL's `qlearning_dataset`
/// view of a dataset.
///
/// `terminals[i]` is 1 only for a true terminal (the TD target is r); a time-limit truncation
/// is never a terminal. `truncations[i]` is 1 when the episode was cut by the time limit after
/// this transition (kept for bookkeeping; learners must not mask on it).
public struct Transitions: Sendable, Equatable {
    /// N × observation size: s.
    public var observations: Matrix
    /// N × action size: a.
    public var actions: Matrix
    /// N rewards r.
    public var rewards: [Float]
    /// N × observation size: s'.
    public var nextObservations: Matrix
    /// N true-terminal flags (1 = terminal, 0 = bootstrap).
    public var terminals: [Float]
    /// N time-limit flags (1 = the time limit ended the episode here).
    public var truncations: [Float]

    public init(observations: Matrix, actions: Matrix, rewards: [Float], nextObservations: Matrix,
                terminals: [Float], truncations: [Float]) {
        precondition(observations.rows == rewards.count && actions.rows == rewards.count
                     && nextObservations.rows == rewards.count && terminals.count == rewards.count
                     && truncations.count == rewards.count, "every array needs one row per transition")
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.nextObservations = nextObservations
        self.terminals = terminals
        self.truncations = truncations
    }

    /// Number of transitions.
    public var count: Int { rewards.count }

    /// D4RL's Q-learning view of `dataset`.
    ///
    /// Rule (D4RL `qlearning_dataset`, `terminate_on_end=False`): a row whose `timeouts` flag is
    /// set is dropped, because the row after it starts a new episode and so cannot serve as s'.
    /// s' is `next_observations[i]` when the file has it, otherwise `observations[i + 1]`; in
    /// that case the last row has no successor and is dropped too (D4RL iterates to N − 1).
    /// When the file has `next_observations`, the last row is kept. Terminal rows are kept
    /// with terminal = 1. Files without `timeouts` treat no row as a timeout.
    public init(qLearningViewOf dataset: D4RLDataset) {
        let n = dataset.count
        let hasNext = dataset.nextObservations != nil
        var keep: [Int] = []
        keep.reserveCapacity(n)
        for i in 0..<n {
            if dataset.timeouts?[i] == true { continue }
            if !hasNext && i == n - 1 { continue }
            keep.append(i)
        }
        let obsSize = dataset.observationSize, actSize = dataset.actionSize
        var observations = Matrix(rows: keep.count, columns: obsSize)
        var next = Matrix(rows: keep.count, columns: obsSize)
        var actions = Matrix(rows: keep.count, columns: actSize)
        var rewards = [Float](repeating: 0, count: keep.count)
        var terminals = [Float](repeating: 0, count: keep.count)
        let source = dataset.nextObservations ?? dataset.observations
        let nextOffset = hasNext ? 0 : 1
        dataset.observations.withUnsafeBufferPointer { obs in
            source.withUnsafeBufferPointer { nextSource in
                dataset.actions.withUnsafeBufferPointer { act in
                    observations.withUnsafeMutableBufferPointer { o in
                        next.withUnsafeMutableBufferPointer { s in
                            actions.withUnsafeMutableBufferPointer { a in
                                for (row, i) in keep.enumerated() {
                                    for j in 0..<obsSize {
                                        o[row * obsSize + j] = obs[i * obsSize + j]
                                        s[row * obsSize + j] = nextSource[(i + nextOffset) * obsSize + j]
                                    }
                                    for j in 0..<actSize { a[row * actSize + j] = act[i * actSize + j] }
                                    rewards[row] = dataset.rewards[i]
                                    terminals[row] = dataset.terminals[i] ? 1 : 0
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(observations: observations, actions: actions, rewards: rewards, nextObservations: next,
                  terminals: terminals, truncations: [Float](repeating: 0, count: keep.count))
    }
}
