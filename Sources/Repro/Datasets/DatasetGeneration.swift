import Foundation
import RLCore

/// `repro dataset generate`: makes a task's dataset and writes it where the locator finds it.
public struct DatasetGeneration {
    /// The task whose dataset to make; only `-random-` locomotion tasks for now.
    public var task: D4RLTask
    /// Number of transitions (D4RL's random datasets have 1,000,000).
    public var size: Int
    public var seed: UInt64
    /// Where to write; nil means the locator's generated folder under D4RL's file name.
    public var output: URL?
    /// Replace an existing file.
    public var force: Bool

    public init(task: D4RLTask, size: Int = 1_000_000, seed: UInt64 = 0, output: URL? = nil, force: Bool = false) {
        self.task = task
        self.size = size
        self.seed = seed
        self.output = output
        self.force = force
    }

    /// Checks the request, runs the generator in `makeEnvironment(task)` and writes the file
    /// atomically. Returns the file's URL.
    /// - Throws: `DatasetGenerationError` for a task that cannot be generated yet, a size
    ///   below 1 or an existing file without `force`; file and environment errors as they come.
    public func run(locator: DatasetLocator = DatasetLocator(),
                    makeEnvironment: (D4RLTask) throws -> any Environment,
                    progress: ((Int) -> Void)? = nil) throws -> URL {
        guard task.domain == .locomotion, task.datasetKind == "random" else {
            throw DatasetGenerationError.notGeneratable(task: task.name, kind: task.datasetKind)
        }
        guard size >= 1 else { throw DatasetGenerationError.badSize(size) }
        let url = output ?? locator.generatedURL(for: task)
        if FileManager.default.fileExists(atPath: url.path), !force {
            throw DatasetGenerationError.exists(path: url.path)
        }
        let environment = try makeEnvironment(task)
        let dataset = try RandomDatasetGenerator(size: size, seed: seed).generate(task: task, in: environment, progress: progress)
        try D4RLFile.write(dataset, to: url)
        return url
    }
}

/// A generation request the kit cannot carry out.
public enum DatasetGenerationError: Error, Equatable, CustomStringConvertible {
    case notGeneratable(task: String, kind: String)
    case badSize(Int)
    case exists(path: String)

    public var description: String {
        switch self {
        case let .notGeneratable(task, kind):
            if kind == "medium" {
                return "\(task): medium datasets are rollouts of a SAC policy stopped at about one third of expert return; "
                    + "generating them needs the SAC agent, which comes in a later issue. Use D4RL's published file "
                    + "(put it in ~/.d4rl/datasets or $D4RL_DATASET_DIR) for now. `repro dataset generate` makes the -random-v2 tasks."
            }
            return "\(task): the kit generates only the locomotion -random-v2 datasets (halfcheetah, hopper, walker2d). "
                + "\(kind) datasets come from D4RL: put its file in ~/.d4rl/datasets or $D4RL_DATASET_DIR."
        case let .badSize(size):
            return "--size \(size): a dataset needs at least 1 transition."
        case let .exists(path):
            return "\(path) already exists; pass --force to replace it."
        }
    }
}
