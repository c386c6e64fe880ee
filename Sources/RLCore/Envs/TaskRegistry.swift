/// The D4RL tasks the paper uses, with what the kit needs to know about each: its domain and
/// environment, D4RL's dataset file name, the reference scores that define D4RL's normalised
/// score, and the paper's per-domain O3F settings.
public struct D4RLTask: Sendable, Hashable, CustomStringConvertible {
    /// The paper's three task families.
    public enum Domain: String, Sendable, CaseIterable, Codable {
        case locomotion, antmaze, kitchen

        /// σ of the O3F candidate distribution c_i ~ N(π(s), σ²): 0.2 on locomotion, 0.05
        /// elsewhere (paper, §5.3).
        public var candidateStd: Float { self == .locomotion ? 0.2 : 0.05 }

        /// Critic updates per environment step online for LAPO+O3F (REDQ-style ensemble, §5.3).
        public var lapoUpdatesPerStep: Int { 20 }

        /// Updates per environment step online for IQL and the baselines (their own recipe).
        public var baselineUpdatesPerStep: Int { 1 }
    }

    /// D4RL's task name, e.g. `halfcheetah-medium-v2`.
    public let name: String
    public let domain: Domain
    /// The environment the task runs in, e.g. `halfcheetah`, `antmaze-large`, `kitchen-mixed`.
    public let environmentName: String
    /// The dataset's kind: random, medium, diverse, complete, partial or mixed.
    public let datasetKind: String
    /// D4RL's file name for the published dataset (the last part of its download URL), the
    /// name D4RL stores it under in `~/.d4rl/datasets`.
    public let datasetFileName: String
    /// D4RL's REF_MIN_SCORE: the return that normalises to 0.
    public let referenceMinScore: Double
    /// D4RL's REF_MAX_SCORE: the return that normalises to 100.
    public let referenceMaxScore: Double
    /// The episode time limit (truncation).
    public let maxEpisodeSteps: Int

    public var description: String { name }

    /// D4RL's normalised score: 100 · (return − REF_MIN) / (REF_MAX − REF_MIN).
    public func normalizedScore(ofReturn episodeReturn: Double) -> Double {
        100 * (episodeReturn - referenceMinScore) / (referenceMaxScore - referenceMinScore)
    }
}

/// Every task the kit knows, by D4RL name.
public enum TaskRegistry {
    /// All tasks, in the paper's order: locomotion, AntMaze, Kitchen.
    public static let all: [D4RLTask] = locomotion + antmaze + kitchen

    /// Looks a task up by its D4RL name.
    /// - Throws: `TaskLookupError.unknown` naming the closest known task.
    public static func task(named name: String) throws -> D4RLTask {
        if let task = all.first(where: { $0.name == name }) { return task }
        let closest = all.min { editDistance($0.name, name) < editDistance($1.name, name) }
        throw TaskLookupError.unknown(name: name, closest: closest?.name)
    }

    // MARK: - The table

    private static let locomotion: [D4RLTask] = {
        // D4RL infos.py: REF_MIN is the random policy's return, REF_MAX the expert's.
        let references: [(env: String, min: Double, max: Double)] = [
            ("halfcheetah", -280.178953, 12135.0),
            ("hopper", -20.272305, 3234.3),
            ("walker2d", 1.629008, 4592.3),
        ]
        return references.flatMap { env in
            ["random", "medium"].map { kind in
                D4RLTask(name: "\(env.env)-\(kind)-v2", domain: .locomotion, environmentName: env.env,
                         datasetKind: kind, datasetFileName: "\(env.env)_\(kind)-v2.hdf5",
                         referenceMinScore: env.min, referenceMaxScore: env.max, maxEpisodeSteps: 1000)
            }
        }
    }()

    private static let antmaze: [D4RLTask] = {
        // D4RL locomotion/__init__.py: dataset file per maze and version.
        let files: [(maze: String, version: String, file: String, steps: Int)] = [
            ("umaze", "v0", "Ant_maze_u-maze_noisy_multistart_True_multigoal_True_sparse.hdf5", 700),
            ("medium", "v0", "Ant_maze_big-maze_noisy_multistart_True_multigoal_True_sparse.hdf5", 1000),
            ("large", "v0", "Ant_maze_hardest-maze_noisy_multistart_True_multigoal_True_sparse.hdf5", 1000),
            ("umaze", "v1", "Ant_maze_umaze_noisy_multistart_True_multigoal_True_sparse.hdf5", 700),
            ("medium", "v1", "Ant_maze_medium_noisy_multistart_True_multigoal_True_sparse.hdf5", 1000),
            ("large", "v1", "Ant_maze_large_noisy_multistart_True_multigoal_True_sparse.hdf5", 1000),
            ("umaze", "v2", "Ant_maze_u-maze_noisy_multistart_True_multigoal_True_sparse_fixed.hdf5", 700),
            ("medium", "v2", "Ant_maze_big-maze_noisy_multistart_True_multigoal_True_sparse_fixed.hdf5", 1000),
            ("large", "v2", "Ant_maze_hardest-maze_noisy_multistart_True_multigoal_True_sparse_fixed.hdf5", 1000),
        ]
        return files.map { entry in
            D4RLTask(name: "antmaze-\(entry.maze)-diverse-\(entry.version)", domain: .antmaze,
                     environmentName: "antmaze-\(entry.maze)", datasetKind: "diverse",
                     datasetFileName: entry.file, referenceMinScore: 0, referenceMaxScore: 1,
                     maxEpisodeSteps: entry.steps)
        }
    }()

    private static let kitchen: [D4RLTask] = {
        // D4RL kitchen/__init__.py.
        let files: [(kind: String, file: String)] = [
            ("complete", "mini_kitchen_microwave_kettle_light_slider-v0.hdf5"),
            ("partial", "kitchen_microwave_kettle_light_slider-v0.hdf5"),
            ("mixed", "kitchen_microwave_kettle_bottomburner_light-v0.hdf5"),
        ]
        return files.map { entry in
            D4RLTask(name: "kitchen-\(entry.kind)-v0", domain: .kitchen, environmentName: "kitchen-\(entry.kind)",
                     datasetKind: entry.kind, datasetFileName: entry.file,
                     referenceMinScore: 0, referenceMaxScore: 4, maxEpisodeSteps: 280)
        }
    }()
}

/// A task name the registry does not know.
public enum TaskLookupError: Error, Equatable, CustomStringConvertible {
    case unknown(name: String, closest: String?)

    public var description: String {
        switch self {
        case let .unknown(name, closest):
            var text = "unknown task '\(name)'"
            if let closest { text += "; did you mean '\(closest)'?" }
            return text + " (`repro env list` shows every task)"
        }
    }
}

/// Levenshtein distance between two strings (insertions, deletions, substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
