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
}
