import ArgumentParser

/// `repro bench …`: speed measurements. Each workload is a subcommand in its own file.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the kit's workloads against their targets.",
        subcommands: [BenchAllCommand.self, BenchNNCommand.self, BenchSelectCommand.self, BenchAgentsCommand.self, BenchEnvCommand.self, BenchDataCommand.self]
    )
}
