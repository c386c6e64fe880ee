import Foundation
import Testing

/// Runs the `repro` product built next to the test bundle with `arguments`, OPENBLAS_CORETYPE
/// set to `coreType` (nil: unset); returns its exit status and its standard output and error,
/// interleaved as a terminal would show them.
func runRepro(_ arguments: [String], coreType: String? = nil) throws -> (status: Int32, output: String) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("repro")
    try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the repro product first (swift build --build-tests builds it)")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = coreType
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}
