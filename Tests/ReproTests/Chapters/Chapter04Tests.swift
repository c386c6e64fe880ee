import Foundation
import Testing

/// Chapter 4's executable end to end on the `tiny` preset, in a scratch repository: the four
/// methods' offline phases and online arms on one task, then the figure's TSVs (online and
/// offline curves), the claims table and the PNG/PDF.
@Suite struct Chapter04Tests {
    @Test func tinyPresetRunsEndToEnd() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("chapter04", ["--preset", "tiny"])
        #expect(status == 0, "chapter04 failed:\n\(text)")
        for method in ["lapo+o3f", "iql+policy", "cql+policy", "awac+policy"] {
            let rows = try sandbox.tsv("figures/data/figure4/halfcheetah-random-v2-\(method)-tiny.tsv")
            #expect(rows.dropFirst().map { Int($0[0]) } == [0, 20, 40], "\(method)")
        }
        for algorithm in ["lapo", "iql", "cql", "awac"] {
            let rows = try sandbox.tsv("figures/data/figure4/halfcheetah-random-v2-\(algorithm)-offline-tiny.tsv")
            #expect(rows.dropFirst().map { Int($0[0]) } == [-50, 0], "\(algorithm)")
        }
        let table = try String(contentsOf: sandbox.repository.appendingPathComponent("figures/data/figure4/table-tiny.md"), encoding: .utf8)
        #expect(table.hasPrefix("| task | LAPO + O3F | IQL | CQL | AWAC |"))
        #expect(table.contains("| **average** |") && table.contains("against the next best") && table.contains("+56% over the next best (IQL)"))
        #expect(try sandbox.hasRenderedFigure("figures/figure4-tiny"))
        let iql = try String(contentsOf: sandbox.repository.appendingPathComponent("runs/tiny/d4rl-comparison/halfcheetah-random-v2/iql+policy/seed-0/config.json"), encoding: .utf8)
        #expect(iql.contains("\"critics\" : 2"), "the IQL baseline has IQL's two Q-functions")
    }
}
