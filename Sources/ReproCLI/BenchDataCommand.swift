import ArgumentParser
import Foundation
import Repro

/// `repro bench data`: load time of a 1,000,000-transition dataset and batch sampling speed.
struct BenchDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Time loading a 1,000,000-transition D4RL file and sampling batches of 256."
    )

    @Option(help: "Number of transitions of the synthetic file.")
    var transitions: Int = 1_000_000

    @Option(help: "Batch size.")
    var batchSize: Int = 256

    @Option(help: "Time this dataset file instead of a synthetic one.")
    var file: String?

    func validate() throws {
        if transitions < 1 { throw ValidationError("--transitions must be at least 1") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let result = try DataBenchmark(transitions: transitions, batchSize: batchSize,
                                       file: file.map { URL(fileURLWithPath: $0) }).run()
        print(result.report)
    }
}
