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
public struct DatasetLocator: Sendable {
    /// The environment variables consulted (`D4RL_DATASET_DIR`, `O3F_DATASET_DIR`, `HOME`).
    public var environment: [String: String]
    /// The folder the kit runs in.
    public var workingDirectory: URL

    /// A locator reading this process's environment and working directory.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.environment = environment
        self.workingDirectory = workingDirectory
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

    /// Where a generated dataset of `task` is written.
    public func generatedURL(for task: D4RLTask) -> URL {
        generatedFolder.appendingPathComponent(task.datasetFileName)
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
        return urls
    }

    /// The first existing candidate for `task`.
    /// - Throws: `DatasetLocatorError.notFound` listing every path searched and the command
    ///   that generates the dataset.
    public func locate(_ task: D4RLTask) throws -> URL {
        let urls = candidates(for: task)
        if let found = urls.first(where: { FileManager.default.fileExists(atPath: $0.path) }) { return found }
        throw DatasetLocatorError.notFound(task: task.name, searched: urls.map(\.path))
    }
}

/// A dataset that is nowhere on disk.
public enum DatasetLocatorError: Error, Equatable, CustomStringConvertible {
    case notFound(task: String, searched: [String])

    public var description: String {
        switch self {
        case let .notFound(task, searched):
            let place = "put D4RL's file (the same name) in one of these places; set D4RL_DATASET_DIR to use another folder."
            let how = task.contains("-random-")
                ? "Generate it with `repro dataset generate \(task)`, or " + place
                : "Download D4RL's published dataset and " + place + " (`repro dataset generate \(task)` makes only the "
                    + "-random-v2 datasets; medium ones need the SAC agent of a later issue.)"
            return "no dataset for \(task). Searched:\n" + searched.map { "  \($0)\n" }.joined() + how
        }
    }
}
