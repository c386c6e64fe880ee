import Foundation
import Testing
import Repro

/// Chapter 2's executable end to end on the `tiny` preset, in a scratch repository: it makes
/// its dataset, trains the offline phase and both online arms in child processes, and writes
/// the figure's TSVs, table and PNG/PDF.
@Suite struct Chapter02Tests {
    @Test func tinyPresetRunsEndToEnd() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let chapter = binaries.appendingPathComponent("chapter02")
        try #require(FileManager.default.isExecutableFile(atPath: chapter.path), "build the chapter02 product first (swift build --build-tests builds it)")

        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-chapter02-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("figures"), withIntermediateDirectories: true)
        for script in ["style.gp", "figure5.gp"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("figures/\(script)"),
                                             to: repository.appendingPathComponent("figures/\(script)"))
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "O3F_DATASET_DIR")
        environment.removeValue(forKey: "O3F_RESULTS_DIR")
        environment["D4RL_DATASET_DIR"] = repository.appendingPathComponent("no-d4rl").path
        environment["HOME"] = repository.path
        /// Runs the chapter; returns its exit status and output.
        func runChapter() throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = chapter
            process.arguments = ["--preset", "tiny", "--repository", repository.path]
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (status, text) = try runChapter()
        #expect(status == 0, "chapter02 failed:\n\(text)")

        // One TSV per arm: a header and numeric rows from step 0 to the last online step.
        for arm in ["iql+o3f", "iql+noise"] {
            let tsv = try String(contentsOf: repository.appendingPathComponent("figures/data/figure5/halfcheetah-medium-v2-\(arm)-tiny.tsv"), encoding: .utf8)
            let rows = tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            #expect(rows.first == ["step", "mean", "min", "max", "stderr", "seeds"])
            #expect(rows.dropFirst().map { Int($0[0]) } == [0, 100, 200])
            #expect(rows.dropFirst().allSatisfy { $0.count == 6 && $0.dropFirst().allSatisfy { Double($0) != nil } })
        }
        let table = try String(contentsOf: repository.appendingPathComponent("figures/data/figure5/table-tiny.md"), encoding: .utf8)
        #expect(table.contains("| halfcheetah-medium-v2 |") && table.contains("+14%"))
        let verdict = try String(contentsOf: repository.appendingPathComponent("figures/data/figure5/verdict-tiny.md"), encoding: .utf8)
        #expect(verdict.hasPrefix("On halfcheetah-medium-v2 (tiny preset, 1 seed), O3F ") && verdict.contains("the paper reports +14%"))
        // The rendered figure is a real PNG (and a PDF).
        let png = try Data(contentsOf: repository.appendingPathComponent("figures/figure5-tiny.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png.count > 5_000)
        let pdf = try Data(contentsOf: repository.appendingPathComponent("figures/figure5-tiny.pdf"))
        #expect(pdf.prefix(4) == Data("%PDF".utf8))

        // A second run finds every run finished and redoes nothing.
        let (secondStatus, second) = try runChapter()
        #expect(secondStatus == 0)
        #expect(second.contains("3 of 3 runs already finished, 0 to run"), "\(second)")
    }
}
