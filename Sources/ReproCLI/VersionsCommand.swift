import ArgumentParser
import RLCore

/// `repro versions`: the libraries this build runs on, as recorded in provenance.
struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "Print the versions of the native libraries the kit is linked against."
    )

    func run() throws {
        print("mujoco\t\(LibraryVersions.mujoco)")
        print("hdf5\t\(LibraryVersions.hdf5)")
        print("openblas\t\(LibraryVersions.openBLAS)")
    }
}
