import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro dataset …`: inspect and generate D4RL datasets.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Inspect D4RL dataset files and generate the kit's own in their schema.",
        subcommands: [DatasetInfoCommand.self, DatasetGenerateCommand.self]
    )
}

/// `repro dataset info FILE|TASK`.
struct DatasetInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a dataset's keys, dtypes, shapes, episodes, returns, normalised score and origin."
    )

    @Argument(help: "A dataset file (.hdf5) or a task name such as halfcheetah-random-v2 (then the file is looked up).")
    var fileOrTask: String

    @Option(help: "With a task name: the budget whose dataset to show (quick looks in datasets/quick/ first).")
    var preset: String = "standard"

    func validate() throws {
        do { _ = try Preset(parsing: preset) } catch { throw ValidationError("--preset: \(error)") }
        if FileManager.default.fileExists(atPath: fileOrTask) { return }
        // Not a file: a path says so; anything else must be a task (the lookup suggests the nearest name).
        if fileOrTask.contains("/") || fileOrTask.hasSuffix(".hdf5") {
            throw ValidationError("\(fileOrTask): no such file. Give a dataset file or a task name (`repro env list`).")
        }
        _ = try knownTask(fileOrTask)
    }

    func run() throws {
        let task = try? TaskRegistry.task(named: fileOrTask)
        let url = try task.map { try DatasetLocator().forDatasets(of: try Preset(parsing: preset)).locate($0) } ?? URL(fileURLWithPath: fileOrTask)
        print(try DatasetInfo(url: url, task: task).report)
    }
}
