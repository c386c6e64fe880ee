/// A minibatch of transitions in reusable storage: row b of every matrix is transition b.
public struct TransitionBatch: Sendable, Equatable {
    /// B × observation size: s.
    public var observations: Matrix
    /// B × action size: a.
    public var actions: Matrix
    /// B × 1: r.
    public var rewards: Matrix
    /// B × observation size: s'.
    public var nextObservations: Matrix
    /// B × 1: 1 for a true terminal (TD target r), 0 otherwise. Never set by truncation.
    public var terminals: Matrix

    /// A zeroed batch of `size` rows.
    public init(size: Int, observationSize: Int, actionSize: Int) {
        observations = Matrix(rows: size, columns: observationSize)
        actions = Matrix(rows: size, columns: actionSize)
        rewards = Matrix(rows: size, columns: 1)
        nextObservations = Matrix(rows: size, columns: observationSize)
        terminals = Matrix(rows: size, columns: 1)
    }

    /// Number of rows B.
    public var size: Int { rewards.rows }
}

/// A fixed-capacity ring buffer of transitions (s, a, r, s', terminal, truncated).
///
/// All storage is allocated once, at `capacity`; appending beyond it overwrites the oldest
/// transition. Sampling is uniform with replacement over the stored transitions and writes
/// into a caller-owned `TransitionBatch`, so it allocates nothing. Memory per transition is
/// (2·obs + act + 2)·4 + 1 bytes: the raw (s, a, r, s', terminal) bytes plus a float terminal
/// and a truncation byte — at most 1.2× the raw bytes for every task.
///
/// Terminal and truncation are stored apart: `terminal` means the MDP ended (mask the
/// bootstrap), `truncated` means the time limit cut the episode (still bootstrap). Only
/// `terminal` reaches a batch.
public final class ReplayBuffer {
    public let capacity: Int
    public let observationSize: Int
    public let actionSize: Int
    /// Number of transitions stored, ≤ capacity.
    public private(set) var count = 0
    /// Total transitions ever appended (including overwritten ones).
    public private(set) var totalAppended = 0
    /// Where the next transition goes.
    private var cursor = 0

    /// One record per transition, `stride` floats each: s, s', a, r, terminal. Keeping a
    /// transition contiguous makes a random draw touch adjacent cache lines only.
    private let records: UnsafeMutablePointer<Float>
    private let truncations: UnsafeMutablePointer<UInt8>
    private let stride: Int
    private var nextOffset: Int { observationSize }
    private var actionOffset: Int { 2 * observationSize }
    private var rewardOffset: Int { 2 * observationSize + actionSize }
    private var terminalOffset: Int { 2 * observationSize + actionSize + 1 }

    /// An empty buffer for `capacity` transitions (capacity ≥ 1).
    public init(capacity: Int, observationSize: Int, actionSize: Int) {
        precondition(capacity >= 1 && observationSize >= 1 && actionSize >= 1,
                     "a replay buffer needs a positive capacity and sizes")
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
        stride = 2 * observationSize + actionSize + 2
        records = .allocate(capacity: capacity * stride)
        truncations = .allocate(capacity: capacity)
    }

    /// A buffer of `capacity` (at least the dataset's size) filled with `transitions`.
    public convenience init(_ transitions: Transitions, capacity: Int? = nil) {
        self.init(capacity: max(capacity ?? transitions.count, transitions.count, 1),
                  observationSize: transitions.observations.columns, actionSize: transitions.actions.columns)
        append(contentsOf: transitions)
    }

    deinit {
        records.deallocate()
        truncations.deallocate()
    }

    /// Bytes of transition storage this buffer holds.
    public var storageBytes: Int {
        capacity * ((2 * observationSize + actionSize + 2) * MemoryLayout<Float>.size + 1)
    }

    /// Bytes of the raw transitions (s, a, r, s' as float32, terminal as one byte) at capacity.
    public var rawTransitionBytes: Int {
        capacity * ((2 * observationSize + actionSize + 1) * MemoryLayout<Float>.size + 1)
    }

    /// Appends one transition, overwriting the oldest when full.
    public func append(observation: UnsafeBufferPointer<Float>, action: UnsafeBufferPointer<Float>, reward: Float,
                       nextObservation: UnsafeBufferPointer<Float>, terminated: Bool, truncated: Bool) {
        precondition(observation.count == observationSize && nextObservation.count == observationSize
                     && action.count == actionSize, "transition sizes do not match the buffer")
        let row = cursor
        let record = records + row * stride
        record.update(from: observation.baseAddress!, count: observationSize)
        (record + nextOffset).update(from: nextObservation.baseAddress!, count: observationSize)
        (record + actionOffset).update(from: action.baseAddress!, count: actionSize)
        record[rewardOffset] = reward
        record[terminalOffset] = terminated ? 1 : 0
        truncations[row] = truncated ? 1 : 0
        cursor = (cursor + 1) % capacity
        count = min(count + 1, capacity)
        totalAppended += 1
    }

    /// Appends one transition given as arrays.
    public func append(observation: [Float], action: [Float], reward: Float, nextObservation: [Float],
                       terminated: Bool, truncated: Bool) {
        observation.withUnsafeBufferPointer { s in
            action.withUnsafeBufferPointer { a in
                nextObservation.withUnsafeBufferPointer { next in
                    append(observation: s, action: a, reward: reward, nextObservation: next,
                           terminated: terminated, truncated: truncated)
                }
            }
        }
    }

    /// Appends every transition of `transitions`, in order.
    public func append(contentsOf transitions: Transitions) {
        transitions.observations.withUnsafeBufferPointer { s in
            transitions.actions.withUnsafeBufferPointer { a in
                transitions.nextObservations.withUnsafeBufferPointer { next in
                    for i in 0..<transitions.count {
                        append(observation: UnsafeBufferPointer(rebasing: s[(i * observationSize)..<((i + 1) * observationSize)]),
                               action: UnsafeBufferPointer(rebasing: a[(i * actionSize)..<((i + 1) * actionSize)]),
                               reward: transitions.rewards[i],
                               nextObservation: UnsafeBufferPointer(rebasing: next[(i * observationSize)..<((i + 1) * observationSize)]),
                               terminated: transitions.terminals[i] != 0, truncated: transitions.truncations[i] != 0)
                    }
                }
            }
        }
    }

    /// Fills `batch` with `batch.size` transitions drawn uniformly with replacement.
    /// - Precondition: the buffer is not empty and the batch has the buffer's sizes.
    public func sample(into batch: inout TransitionBatch, using rng: inout some RandomNumberGenerator) {
        precondition(count > 0, "cannot sample from an empty replay buffer")
        precondition(batch.observations.columns == observationSize && batch.actions.columns == actionSize,
                     "batch sizes do not match the buffer")
        let obs = observationSize, act = actionSize, available = count, stride = stride
        let actionOffset = actionOffset, rewardOffset = rewardOffset, terminalOffset = terminalOffset
        let records = records
        batch.observations.withUnsafeMutableBufferPointer { s in
            batch.nextObservations.withUnsafeMutableBufferPointer { next in
                batch.actions.withUnsafeMutableBufferPointer { a in
                    batch.rewards.withUnsafeMutableBufferPointer { r in
                        batch.terminals.withUnsafeMutableBufferPointer { done in
                            for b in 0..<r.count {
                                let record = records + rng.nextIndex(below: available) * stride
                                (s.baseAddress! + b * obs).update(from: record, count: obs)
                                (next.baseAddress! + b * obs).update(from: record + obs, count: obs)
                                (a.baseAddress! + b * act).update(from: record + actionOffset, count: act)
                                r[b] = record[rewardOffset]
                                done[b] = record[terminalOffset]
                            }
                        }
                    }
                }
            }
        }
    }

    /// Transition `index` (0 = oldest stored), for inspection and tests.
    public func transition(at index: Int) -> (observation: [Float], action: [Float], reward: Float,
                                              nextObservation: [Float], terminated: Bool, truncated: Bool) {
        precondition(index >= 0 && index < count, "index \(index) outside 0..<\(count)")
        let row = count < capacity ? index : (cursor + index) % capacity
        let record = records + row * stride
        return (Array(UnsafeBufferPointer(start: record, count: observationSize)),
                Array(UnsafeBufferPointer(start: record + actionOffset, count: actionSize)),
                record[rewardOffset],
                Array(UnsafeBufferPointer(start: record + nextOffset, count: observationSize)),
                record[terminalOffset] != 0, truncations[row] != 0)
    }
}
