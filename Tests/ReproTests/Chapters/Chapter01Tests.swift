import Foundation
import Testing

/// Chapter 1's executable end to end on the `tiny` preset: CQL, AWAC and IQL offline, then
/// their online arms (CQL kept and switched to SAC; each objective fixed, abrupt, linear), and
/// Figures 2 and 3 with their tables.
@Suite struct Chapter01Tests {
    @Test func tinyPresetBuildsFiguresTwoAndThree() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("chapter01", ["--figure", "all", "--preset", "tiny"])
        #expect(status == 0, "chapter01 failed:\n\(text)")
        #expect(text.contains("0 of 13 runs already finished, 13 to run"), "\(text)")

        let folder = "figures/data/objective-switching"
        for method in ["cql+policy", "cql+policy+switch-sac"] {
            for column in ["", "-q_bias", "-critic_loss"] {
                let rows = try sandbox.tsv("\(folder)/halfcheetah-medium-v2-\(method)\(column)-tiny.tsv")
                #expect(rows.first == ["step", "mean", "min", "max", "stderr", "seeds"])
                #expect(rows.count >= 3 && rows.dropFirst().allSatisfy { $0.allSatisfy { Double($0) != nil } })
            }
        }
        for algorithm in ["cql", "awac", "iql"] {
            for variant in ["", "+abrupt", "+linear"] {
                let rows = try sandbox.tsv("\(folder)/halfcheetah-medium-v2-\(algorithm)+policy\(variant)-tiny.tsv")
                #expect(rows.dropFirst().map { Int($0[0]) } == [0, 50, 100])
            }
        }
        let figure2 = try String(contentsOf: sandbox.repository.appendingPathComponent("\(folder)/table-figure2-tiny.md"), encoding: .utf8)
        #expect(figure2.contains("steps to recover") && figure2.contains("≈ 40×"))
        let figure3 = try String(contentsOf: sandbox.repository.appendingPathComponent("\(folder)/table-figure3-tiny.md"), encoding: .utf8)
        #expect(figure3.contains("| halfcheetah-medium-v2 | AWAC |") && figure3.contains("no verdict from one seed"))
        // Where each offline phase ended: 100 updates, a score, and CQL's multiplier (only CQL has one).
        let offline = try String(contentsOf: sandbox.repository.appendingPathComponent("\(folder)/table-offline-tiny.md"), encoding: .utf8)
        let cql = offline.split(separator: "\n").first { $0.contains("| CQL |") }.map(String.init) ?? ""
        let iql = offline.split(separator: "\n").first { $0.contains("| IQL |") }.map(String.init) ?? ""
        #expect(cql.contains("| 100 |") && !cql.hasSuffix("| – | – |"))
        #expect(iql.contains("| 100 |") && iql.hasSuffix("| – | – |"))
        #expect(try sandbox.hasRenderedFigure("figures/figure2-tiny"))
        #expect(try sandbox.hasRenderedFigure("figures/figure3-tiny"))
    }
}
