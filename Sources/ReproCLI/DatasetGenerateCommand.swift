import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro dataset generate TASK [--size N] [--seed S] [--output PATH] [--force]`.
struct DatasetGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a -random-v2 dataset (uniformly random actions) in D4RL's HDF5 schema.",
        discussion: """
        Writes D4RL's file name (e.g. halfcheetah_random-v2.hdf5) into the kit's datasets/ folder \
        ($O3F_DATASET_DIR when set), where `repro dataset info TASK` and training find it. \
        Medium datasets need the SAC agent and come in a later issue.
        """
    )

    @Argument(help: "The task, e.g. halfcheetah-random-v2.")
    var task: String

    @Option(help: "Number of transitions (D4RL's random datasets have 1000000).")
    var size: Int = 1_000_000

    @Option(help: "Seed of the action and reset streams.")
    var seed: UInt64 = 0

    @Option(help: "Write here instead of the datasets folder.")
    var output: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    func validate() throws {
        if size < 1 { throw ValidationError("--size \(size): a dataset needs at least 1 transition.") }
    }

    func run() throws {
        let task = try TaskRegistry.task(named: self.task)
        let generation = DatasetGeneration(task: task, size: size, seed: seed,
                                           output: output.map { URL(fileURLWithPath: $0) }, force: force)
        let bar = ProgressBar(label: "generating \(task.name)", total: size)
        let url = try generation.run(makeEnvironment: { try makeEnvironment(for: $0) }, progress: bar.update)
        bar.finish()
        print("wrote \(url.path)")
    }
}
