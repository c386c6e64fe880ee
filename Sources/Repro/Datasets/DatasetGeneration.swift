import Foundation
import RLCore

/// `repro dataset generate`: makes a task's dataset and writes it where the locator finds it.
public struct DatasetGeneration {
    /// The task whose dataset to make: a locomotion `-random-v2` or `-medium-v2` task, a
    /// kitchen task (`kitchen-complete-v0`, `-partial-v0`, `-mixed-v0`) or an AntMaze
    /// `-diverse` task (`antmaze-umaze-diverse-v2`, `-medium-`, `-large-`).
    public var task: D4RLTask
    /// Number of transitions; nil means 1,000,000 for random datasets and the preset's size for
    /// medium and kitchen ones (`rows(of:)`).
    public var size: Int?
    public var seed: UInt64
    /// The budget of a medium dataset's SAC run, or a kitchen dataset's size (when `size` is nil).
    public var preset: Preset
    /// The normalised score at which a medium dataset's SAC run stops.
    public var targetScore: Double
    /// Overrides the medium dataset's SAC schedule (tests use tiny ones).
    public var mediumSchedule: TrainingSchedule?
    /// Where to write; nil means the locator's generated folder under D4RL's file name.
    public var output: URL?
    /// Replace an existing file.
    public var force: Bool
    /// An AntMaze dataset's controller: an actor file (`repro train ant-controller --export-actor`);
    /// nil trains or reuses the controller run of `preset`.
    public var antControllerActor: URL?
    /// Called with an AntMaze recording's statistics (the goal-reach fraction) before the file is written.
    public var lastAntMazeStatistics: ((AntMazeDatasetGenerator.Statistics) -> Void)?

    public init(task: D4RLTask, size: Int? = nil, seed: UInt64 = 0, preset: Preset = .standard,
                targetScore: Double = MediumDatasetGenerator.defaultTargetScore, output: URL? = nil, force: Bool = false) {
        self.task = task
        self.size = size
        self.seed = seed
        self.preset = preset
        self.targetScore = targetScore
        self.output = output
        self.force = force
    }

    /// Checks the request, runs the generator in `makeEnvironment(task)` and writes the file
    /// atomically, holding `<file>.lock` meanwhile. Returns the file's URL.
    /// - Throws: `DatasetGenerationError` for a task that cannot be generated yet, a size
    ///   below 1 or an existing file without `force`; `RunLockError.heldElsewhere` while another
    ///   process makes the same file; file and environment errors as they come.
    /// - Parameters:
    ///   - store: where a medium dataset's SAC run lives (the results store of `preset`).
    ///   - progress: rows recorded so far.
    public func run(locator: DatasetLocator = DatasetLocator(), store: ResultsStore,
                    makeEnvironment: (D4RLTask) throws -> any Environment,
                    progress: ((Int) -> Void)? = nil) throws -> URL {
        guard Self.canGenerate(task) else {
            throw DatasetGenerationError.notGeneratable(task: task.name, kind: task.datasetKind)
        }
        if let size, size < 1 { throw DatasetGenerationError.badSize(size) }
        let url = output ?? locator.generatedURL(for: task)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // One maker per file: a second worker asked for the same dataset meanwhile (two sweeps on
        // one machine, a chapter beside a sweep) is told it is being made, and finds it made
        // when it tries again. Checked under the lock, so it never records the data twice.
        let lockURL = url.appendingPathExtension("lock")
        let lock = try RunLock(file: lockURL, guarding: url.path)
        defer { try? FileManager.default.removeItem(at: lockURL); withExtendedLifetime(lock) {} }
        if FileManager.default.fileExists(atPath: url.path), !force {
            throw DatasetGenerationError.exists(path: url.path)
        }
        let dataset: D4RLDataset
        if task.domain == .antmaze {
            guard let environment = try makeEnvironment(task) as? AntMazeEnvironment else {
                throw DatasetGenerationError.notGeneratable(task: task.name, kind: task.datasetKind)
            }
            let generator = AntMazeDatasetGenerator(task: task, preset: preset, seed: seed, size: size)
            let (generated, statistics) = try generator.generate(in: environment, store: store, controllerActor: antControllerActor,
                                                                 progress: progress)
            dataset = generated
            lastAntMazeStatistics?(statistics)
        } else if task.domain == .kitchen {
            let generator = KitchenDatasetGenerator(task: task, preset: preset, seed: seed, size: size)
            dataset = try generator.generate(in: makeEnvironment(task), progress: progress)
        } else if task.datasetKind == "random" {
            let environment = try makeEnvironment(task)
            dataset = try RandomDatasetGenerator(size: size ?? 1_000_000, seed: seed).generate(task: task, in: environment, progress: progress)
        } else {
            var generator = MediumDatasetGenerator(task: task, preset: preset, seed: seed, size: size, targetScore: targetScore, store: store)
            generator.schedule = mediumSchedule
            dataset = try generator.generate(makeEnvironment: makeEnvironment, progress: progress)
        }
        try D4RLFile.write(dataset, to: url)
        return url
    }

    /// Whether the kit can make `task`'s dataset: the locomotion -random-v2 and -medium-v2 ones,
    /// the three kitchen ones (from scripted demonstrations) and the AntMaze -diverse ones (a
    /// planner-driven goal-reaching controller).
    public static func canGenerate(_ task: D4RLTask) -> Bool {
        task.domain == .kitchen || (task.domain == .antmaze && task.datasetKind == "diverse")
            || (task.domain == .locomotion && ["random", "medium"].contains(task.datasetKind))
    }

    /// The rows a request for `task` makes when no size is given.
    public static func rows(of task: D4RLTask, preset: Preset) -> Int {
        switch (task.domain, task.datasetKind) {
        case (.kitchen, _): return KitchenDatasetGenerator.defaultSize(for: task, preset: preset)
        case (.antmaze, _): return AntMazeDatasetGenerator.defaultSize(for: preset)
        case (_, "medium"): return SACPresets.mediumDatasetSize(for: preset)
        default: return 1_000_000
        }
    }
}

/// A generation request the kit cannot carry out.
public enum DatasetGenerationError: Error, Equatable, CustomStringConvertible {
    case notGeneratable(task: String, kind: String)
    case badSize(Int)
    case exists(path: String)
    case trainingFailed(task: String, reason: String)
    case demonstrationsFailing(task: String, kept: Int, failed: Int)

    public var description: String {
        switch self {
        case let .notGeneratable(task, kind):
            return "\(task): the kit generates only the locomotion -random-v2 and -medium-v2 datasets (halfcheetah, hopper, walker2d), "
                + "the kitchen ones and the antmaze -diverse ones. \(kind) datasets come from D4RL: put its file in ~/.d4rl/datasets or $D4RL_DATASET_DIR."
        case let .badSize(size):
            return "--size \(size): a dataset needs at least 1 transition."
        case let .exists(path):
            return "\(path) already exists; pass --force to replace it."
        case let .trainingFailed(task, reason):
            return "\(task): the SAC run behind the medium dataset failed: \(reason)"
        case let .demonstrationsFailing(task, kept, failed):
            return "\(task): \(failed) scripted demonstrations failed against \(kept) kept; stopping. "
                + "Check the kitchen model (`make setup`) and the MuJoCo version (`repro versions`)."
        }
    }
}
