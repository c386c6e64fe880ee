import ArgumentParser

/// `repro bench all`: every benchmark in turn (what `make bench` runs).
struct BenchAllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark.")

    func run() throws {
        print("== repro bench nn"); try BenchNNCommand.parse([]).run()
        print("== repro bench select"); try BenchSelectCommand.parse([]).run(); print()
        print("== repro bench agents"); try BenchAgentsCommand.parse([]).run()
        print("== repro bench env"); try BenchEnvCommand.parse([]).run(); print()
        print("== repro bench data"); try BenchDataCommand.parse([]).run()
    }
}
