import Foundation
import Testing

/// A scratch repository with the figure scripts, in which a chapter executable runs as a user
/// would run it (its datasets, runs and figures all land inside the scratch folder).
struct ChapterSandbox {
    let repository: URL
    let binaries: URL
    private let environment: [String: String]

    init() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        repository = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-chapter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("figures"), withIntermediateDirectories: true)
        for script in try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("figures").path) where script.hasSuffix(".gp") {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("figures/\(script)"),
                                             to: repository.appendingPathComponent("figures/\(script)"))
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "O3F_DATASET_DIR")
        environment.removeValue(forKey: "O3F_RESULTS_DIR")
        environment["D4RL_DATASET_DIR"] = repository.appendingPathComponent("no-d4rl").path
        environment["HOME"] = repository.path
        self.environment = environment
    }

    func remove() { try? FileManager.default.removeItem(at: repository) }

    /// Runs `executable` (a product next to the test bundle) with `arguments` plus
    /// `--repository`; returns its exit status and output.
    func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = try start(executable, arguments, environment: extra)
        let text = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Starts `executable` like `run` and returns the process (its output is a `Pipe`).
    func start(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let binary = binaries.appendingPathComponent(executable)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the \(executable) product first (swift build --build-tests builds it)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--repository", repository.path]
        process.environment = environment.merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// The rows of a TSV the chapter wrote, split into fields.
    func tsv(_ path: String) throws -> [[Substring]] {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    /// Whether `path` is a PNG of some size and its PDF sibling a PDF.
    func hasRenderedFigure(_ path: String) throws -> Bool {
        let png = try Data(contentsOf: repository.appendingPathComponent(path + ".png"))
        let pdf = try Data(contentsOf: repository.appendingPathComponent(path + ".pdf"))
        return png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png.count > 5_000 && pdf.prefix(4) == Data("%PDF".utf8)
    }
}
