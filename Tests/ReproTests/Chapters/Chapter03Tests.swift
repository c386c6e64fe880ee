import Foundation
import Testing

/// Chapter 3's executable end to end on the `tiny` preset, in a scratch repository: LAPO's
/// offline phase, the ω = 0 and ω = 1 arms, then the figure's TSVs, table, verdict and PNG/PDF.
@Suite struct Chapter03Tests {
    @Test func tinyPresetRunsEndToEnd() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("chapter03", ["--preset", "tiny"])
        #expect(status == 0, "chapter03 failed:\n\(text)")
        for arm in ["lapo+o3f", "lapo+o3f-omega1"] {
            let rows = try sandbox.tsv("figures/data/figure6/halfcheetah-medium-v2-\(arm)-tiny.tsv")
            #expect(rows.first == ["step", "mean", "min", "max", "stderr", "seeds"])
            #expect(rows.dropFirst().map { Int($0[0]) } == [0, 20, 40])
        }
        let table = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure6/table-tiny.md"), encoding: .utf8)
        #expect(table.contains("ω = 1: before → after") && table.contains("ω = 1 better") && table.contains("| kitchen-mixed-v0 | not run |"))
        let verdict = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure6/verdict-tiny.md"), encoding: .utf8)
        #expect(verdict.hasPrefix("On halfcheetah-medium-v2 (tiny preset, 1 seed), ω = 1 "))
        #expect(try sandbox.hasRenderedFigure("figures/figure6-tiny"))
        let run = sandbox.repository.appendingPathComponent("runs/tiny/lapo-o3f/halfcheetah-medium-v2/lapo+o3f-omega1/seed-0/config.json")
        #expect(try String(contentsOf: run, encoding: .utf8).contains("\"optimism\" : 1"))
    }

    /// `--finished-only` in a repository with no finished run starts nothing and says how to
    /// make the runs, instead of drawing an empty figure.
    @Test func finishedOnlyWithNothingFinishedSaysHowToMakeTheRuns() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("chapter03", ["--preset", "tiny", "--finished-only"])
        #expect(status == 1)
        #expect(text.contains("0 of 3 runs finished; --finished-only"), "\(text)")
        #expect(text.contains("nothing to draw; `chapter03 --preset tiny` (without --finished-only) makes the runs first"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.repository.appendingPathComponent("runs").path), "no run was started")
    }
}
