/// A numeric array from an HDF5 file (an `infos/*` or `metadata/*` entry), kept with the
/// element type it has on disk so that it is written back with the same dtype.
///
/// Values are held as `Double`, which represents every float32, float64 and every integer of
/// magnitude below 2⁵³ exactly; booleans are 0 and 1.
public struct NumericArray: Sendable, Equatable {
    /// The dtype on disk (float32 for D4RL's `infos/qpos`, bool for flags, …).
    public var elementType: HDF5ElementType
    /// Dimensions, outermost first; [] for a scalar.
    public var shape: [Int]
    /// The elements in row-major order; their count is the product of `shape` (1 for a scalar).
    public var values: [Double]

    public init(elementType: HDF5ElementType, shape: [Int], values: [Double]) {
        precondition(elementType.isNumeric, "a NumericArray holds numbers, not \(elementType)")
        precondition(values.count == shape.reduce(1, *),
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        self.elementType = elementType
        self.shape = shape
        self.values = values
    }

    /// A float32 N × columns array from a row-major buffer of doubles.
    public static func float32(rows: Int, columns: Int, values: [Double]) -> NumericArray {
        NumericArray(elementType: .float32, shape: [rows, columns], values: values)
    }
}

/// One `metadata/*` entry: D4RL stores strings (`metadata/algorithm`), integers
/// (`metadata/iteration`) and arrays (`metadata/policy/*` weights).
public enum MetadataValue: Sendable, Equatable, CustomStringConvertible {
    /// A UTF-8 string; written as h5py writes a Python `str` (variable-length UTF-8 scalar).
    case string(String)
    /// An integer scalar (int64 on disk).
    case integer(Int64)
    /// A real scalar (float64 on disk).
    case real(Double)
    /// An array, or a scalar of another numeric dtype.
    case array(NumericArray)

    public var description: String {
        switch self {
        case let .string(text): return text
        case let .integer(value): return String(value)
        case let .real(value): return String(value)
        case let .array(array):
            return array.shape.isEmpty ? String(array.values[0]) : "\(array.elementType)\(array.shape)"
        }
    }
}

/// A D4RL dataset in memory: the arrays of one HDF5 file in D4RL's schema.
///
/// Row i is the transition (observations[i], actions[i], rewards[i], next_observations[i]).
/// `terminals[i]` marks a true end of the MDP (no bootstrap); `timeouts[i]` marks the last
/// step before the time limit cut the episode (bootstrap, but the next row starts a new
/// episode). Older D4RL files have no `timeouts` and no `next_observations`: those are nil.
public struct D4RLDataset: Sendable, Equatable {
    /// N × observation size.
    public var observations: Matrix
    /// N × action size.
    public var actions: Matrix
    /// N rewards.
    public var rewards: [Float]
    /// N true-terminal flags.
    public var terminals: [Bool]
    /// N time-limit flags, or nil when the file has none.
    public var timeouts: [Bool]?
    /// N × observation size, or nil when the file has none.
    public var nextObservations: Matrix?
    /// `infos/*` arrays by path below `infos/` (e.g. "qpos", "goal"); empty unless loaded.
    public var infos: [String: NumericArray]
    /// `metadata/*` entries by path below `metadata/` (e.g. "algorithm", "policy/fc0/weight").
    public var metadata: [String: MetadataValue]

    public init(observations: Matrix, actions: Matrix, rewards: [Float], terminals: [Bool],
                timeouts: [Bool]? = nil, nextObservations: Matrix? = nil,
                infos: [String: NumericArray] = [:], metadata: [String: MetadataValue] = [:]) {
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.terminals = terminals
        self.timeouts = timeouts
        self.nextObservations = nextObservations
        self.infos = infos
        self.metadata = metadata
    }

    /// Number of rows N.
    public var count: Int { rewards.count }
    /// Length of an observation.
    public var observationSize: Int { observations.columns }
    /// Length of an action.
    public var actionSize: Int { actions.columns }

    /// Checks that every array has N rows and that no reward or observation is NaN or infinite.
    /// - Parameter source: the file name to put in error messages.
    /// - Throws: `D4RLFileError.mismatchedLength` or `.nonFinite` naming the key.
    public func validate(source: String) throws {
        let n = count
        func check(_ key: String, _ rows: Int) throws {
            if rows != n { throw D4RLFileError.mismatchedLength(path: source, key: key, expected: n, found: rows) }
        }
        try check("observations", observations.rows)
        try check("actions", actions.rows)
        try check("terminals", terminals.count)
        if let timeouts { try check("timeouts", timeouts.count) }
        if let nextObservations {
            try check("next_observations", nextObservations.rows)
            if nextObservations.columns != observations.columns {
                throw D4RLFileError.wrongShape(path: source, key: "next_observations",
                                               expected: "[\(n), \(observations.columns)] like observations",
                                               found: [nextObservations.rows, nextObservations.columns])
            }
        }
        for (key, array) in infos where array.shape.first != n {
            throw D4RLFileError.mismatchedLength(path: source, key: "infos/" + key, expected: n,
                                                 found: array.shape.first ?? 1)
        }
        if let index = rewards.firstIndex(where: { !$0.isFinite }) {
            throw D4RLFileError.nonFinite(path: source, key: "rewards", row: index, value: rewards[index])
        }
        if let index = observations.storage.firstIndex(where: { !$0.isFinite }) {
            let row = index / max(observations.columns, 1)
            throw D4RLFileError.nonFinite(path: source, key: "observations", row: row, value: observations.storage[index])
        }
        if let index = actions.storage.firstIndex(where: { !$0.isFinite }) {
            let row = index / max(actions.columns, 1)
            throw D4RLFileError.nonFinite(path: source, key: "actions", row: row, value: actions.storage[index])
        }
    }

    /// Checks that observations and actions have the sizes of `task`'s environment.
    /// - Throws: `D4RLFileError.wrongObservationSize` or `.wrongActionSize` naming `source`.
    public func check(against task: D4RLTask, source: String) throws {
        let expected = task.datasetShape
        if observationSize != expected.observation {
            throw D4RLFileError.wrongObservationSize(path: source, task: task.name,
                                                     expected: expected.observation, found: observationSize)
        }
        if actionSize != expected.action {
            throw D4RLFileError.wrongActionSize(path: source, task: task.name, expected: expected.action, found: actionSize)
        }
    }
}
