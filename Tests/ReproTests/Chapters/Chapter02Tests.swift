import Foundation
import Testing

/// Chapter 2's executable end to end on the `tiny` preset, in a scratch repository: it makes
/// its dataset, trains IQL's and LAPO's offline phases and their two online arms each in child
/// processes, and writes the figure's TSVs, tables, verdicts and PNG/PDF.
@Suite struct Chapter02Tests {
    @Test func tinyPresetRunsEndToEnd() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("chapter02", ["--preset", "tiny"])
        #expect(status == 0, "chapter02 failed:\n\(text)")

        // One TSV per arm: a header and numeric rows from step 0 to the last online step.
        for arm in ["iql+o3f", "iql+noise"] {
            let rows = try sandbox.tsv("figures/data/figure5/halfcheetah-medium-v2-\(arm)-tiny.tsv")
            #expect(rows.first == ["step", "mean", "min", "max", "stderr", "seeds"])
            #expect(rows.dropFirst().map { Int($0[0]) } == [0, 100, 200])
            #expect(rows.dropFirst().allSatisfy { $0.count == 6 && $0.dropFirst().allSatisfy { Double($0) != nil } })
        }
        for arm in ["lapo+o3f", "lapo+noise"] {
            let rows = try sandbox.tsv("figures/data/figure5/halfcheetah-medium-v2-\(arm)-tiny.tsv")
            #expect(rows.dropFirst().map { Int($0[0]) } == [0, 20, 40])
        }
        let lapoTable = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure5/table-lapo-tiny.md"), encoding: .utf8)
        #expect(lapoTable.contains("LAPO + O3F: before → after") && lapoTable.contains("+58%"))
        let lapoRun = sandbox.repository.appendingPathComponent("runs/tiny/lapo-o3f/halfcheetah-medium-v2/lapo+o3f/seed-0")
        let configuration = try String(contentsOf: lapoRun.appendingPathComponent("config.json"), encoding: .utf8)
        #expect(configuration.contains("\"updatesPerStep\" : 2") && configuration.contains("\"critics\" : 5"), "\(configuration)")
        let table = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure5/table-tiny.md"), encoding: .utf8)
        #expect(table.contains("| halfcheetah-medium-v2 |") && table.contains("+14%"))
        let verdict = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure5/verdict-tiny.md"), encoding: .utf8)
        #expect(verdict.hasPrefix("On halfcheetah-medium-v2 (tiny preset, 1 seed), O3F ") && verdict.contains("the paper reports +14%"))
        #expect(try sandbox.hasRenderedFigure("figures/figure5-tiny"))

        // A second run finds every run finished and redoes nothing.
        let (secondStatus, second) = try sandbox.run("chapter02", ["--preset", "tiny"])
        #expect(secondStatus == 0)
        #expect(second.contains("6 of 6 runs already finished, 0 to run"), "\(second)")
    }
}
