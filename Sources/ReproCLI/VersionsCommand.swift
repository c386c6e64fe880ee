import ArgumentParser
import RLCore

/// `repro versions`: the libraries this build runs on, as recorded in provenance.
struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "Print the versions of the native libraries the kit is linked against."
    )

    func run() throws {
        print("openblas\t\(BLAS.configuration)")
    }
}
