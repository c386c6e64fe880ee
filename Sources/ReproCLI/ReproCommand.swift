import ArgumentParser
import RLCore
import Repro

/// `repro`: the kit's command line. Each subcommand lives in its own file.
@main
struct ReproCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Reproduce 'Fine-tuning offline policies with optimistic action selection' (O3F).",
        subcommands: [BenchCommand.self, DatasetCommand.self, EnvCommand.self, FineTuneCommand.self, QuotesCommand.self, SweepCommand.self, TrainCommand.self, VersionsCommand.self]
    )

    /// Pins OpenBLAS's kernel (`BLASKernel`) so that a seed gives the same log on any machine,
    /// then parses the command line and runs the subcommand.
    static func main() {
        BLASKernel.pinForReproducibility()
        main(nil)
    }
}
