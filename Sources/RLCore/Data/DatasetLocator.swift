import Foundation

/// Finds a task's dataset file on disk, in D4RL's places first and then the kit's.
///
/// Order searched, by D4RL's file name (`D4RLTask.datasetFileName`, e.g.
/// `halfcheetah_random-v2.hdf5`):
/// 1. `$D4RL_DATASET_DIR/<file>` (when the variable is set),
/// 2. `~/.d4rl/datasets/<file>` (D4RL's default download folder),
/// 3. the kit's generated-dataset folder: `$O3F_DATASET_DIR/<file>` when set, otherwise
///    `datasets/<file>` at the kit's root (the nearest folder holding `Package.swift` at or
///    above the working directory, or the working directory itself).
///
/// Datasets generated on a reduced budget (the `quick` preset's 100,000-transition medium
/// sets) live in a subfolder named after it, `datasets/quick/<file>`, searched before the
/// full-size file: a reduced dataset never stands in for a full-size one, while a full-size one
/// serves a reduced budget that has none of its own.
public struct DatasetLocator: Sendable {
    /// The environment variables consulted (`D4RL_DATASET_DIR`, `O3F_DATASET_DIR`, `HOME`).
    public var environment: [String: String]
    /// The folder the kit runs in.
    public var workingDirectory: URL
    /// The reduced budget whose generated datasets are written to and looked up first in its
    /// own subfolder (e.g. "quick"); nil for full-size datasets.
    public var reducedBudget: String?

    /// A locator reading this process's environment and working directory.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                reducedBudget: String? = nil) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.reducedBudget = reducedBudget
    }

    /// The folder where `repro dataset generate` writes datasets.
    public var generatedFolder: URL {
        if let folder = environment["O3F_DATASET_DIR"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        var folder = workingDirectory.standardizedFileURL
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.appendingPathComponent("datasets")
            }
            folder = folder.deletingLastPathComponent()
        }
        return workingDirectory.appendingPathComponent("datasets")
    }

    /// Where a generated dataset of `task` is written (on a reduced budget, in its subfolder).
    public func generatedURL(for task: D4RLTask) -> URL {
        let folder = reducedBudget.map { generatedFolder.appendingPathComponent($0) } ?? generatedFolder
        return folder.appendingPathComponent(task.datasetFileName)
    }

    /// Every path searched for `task`, in order.
    public func candidates(for task: D4RLTask) -> [URL] {
        var urls: [URL] = []
        if let folder = environment["D4RL_DATASET_DIR"], !folder.isEmpty {
            urls.append(URL(fileURLWithPath: folder).appendingPathComponent(task.datasetFileName))
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        urls.append(home.appendingPathComponent(".d4rl/datasets").appendingPathComponent(task.datasetFileName))
        urls.append(generatedURL(for: task))
        if reducedBudget != nil { urls.append(generatedFolder.appendingPathComponent(task.datasetFileName)) }
        return urls
    }

    /// The first existing candidate for `task`.
    /// - Throws: `DatasetLocatorError.notFound` listing every path searched and the command
    ///   that generates the dataset.
    public func locate(_ task: D4RLTask) throws -> URL {
        let urls = candidates(for: task)
        if let found = urls.first(where: { FileManager.default.fileExists(atPath: $0.path) }) { return found }
        throw DatasetLocatorError.notFound(task: task.name, searched: urls.map(\.path), budget: reducedBudget)
    }
}

/// A dataset that is nowhere on disk.
public enum DatasetLocatorError: Error, Equatable, CustomStringConvertible {
    /// `budget`: the reduced budget (e.g. "quick") looked for, which the suggested command passes on.
    case notFound(task: String, searched: [String], budget: String? = nil)

    public var description: String {
        switch self {
        case let .notFound(task, searched, budget):
            let command = "`repro dataset generate \(task)" + (budget.map { " --preset \($0)" } ?? "") + "`"
            let place = "put D4RL's file (the same name) in one of these places; set D4RL_DATASET_DIR to use another folder."
            let how: String
            if task.contains("-random-v2") || task.contains("-medium-v2") {
                how = "Generate it with \(command) (D4RL's recipe: uniform actions for random, SAC stopped at a third of expert level for medium; the file says it is the kit's), or " + place
            } else if task.hasPrefix("antmaze-") && task.contains("-diverse-") {
                how = "Generate it with \(command) (D4RL's recipe: a goal-reaching SAC ant controller driven by a waypoint planner between random cells; the file says it is the kit's), or " + place
            } else if task.hasPrefix("kitchen-") {
                how = "Generate it with \(command) (scripted demonstrations shaped like D4RL's, not its human ones; the file says so), or " + place
            } else {
                how = "Download D4RL's published dataset and " + place + " (the kit generates only the locomotion -random-v2 and -medium-v2 datasets, the kitchen ones and the antmaze -diverse ones.)"
            }
            return "no dataset for \(task). Searched:\n" + searched.map { "  \($0)\n" }.joined() + how
        }
    }
}
