import Foundation
import Testing
@testable import Repro
import RLCore

@Suite struct ComparisonTableTests {
    /// Finished online runs of Figure 4's four methods on one task, each log ending at the
    /// given per-seed scores.
    private func results(on task: String, finals: [String: [Double]]) throws -> (FineTuningResults, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-comparison-\(UUID().uuidString)")
        let store = ResultsStore(root: root)
        var jobs: [FineTuningJob] = []
        for method in D4RLComparisonExperiment.methods {
            for (seed, score) in (finals[method.label] ?? []).enumerated() {
                let job = FineTuningJob(experiment: D4RLComparisonExperiment.name, algorithm: method.algorithm, task: task,
                                        exploration: method.exploration, seed: seed, preset: .standard)
                let run = store.directory(for: job.runKey)
                try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
                try "step\teval_score\n0\t10\n2000\t\(score)\n".write(to: run.logURL, atomically: true, encoding: .utf8)
                try run.markDone(summary: ["finished": true])
                jobs.append(job)
            }
        }
        let results = try FineTuningResults(experiment: D4RLComparisonExperiment.name, preset: .standard, jobs: jobs, store: store,
                                             label: D4RLComparisonExperiment.label)
        return (results, root)
    }

    /// A clear winner is named alone; a runner-up within two standard errors joins it with ≈;
    /// the paper's words for the task stand beside ours.
    @Test func bestHereStandsBesideThePapersAccount() throws {
        let clear: [String: [Double]] = ["LAPO + O3F": [40, 41, 42], "IQL": [20, 21, 22], "CQL": [5, 5, 5], "AWAC": [30, 31, 32]]
        let (separated, root) = try results(on: "hopper-random-v2", finals: clear)
        defer { try? FileManager.default.removeItem(at: root) }
        let table = ComparisonTable(results: separated)
        #expect(table.best(on: "hopper-random-v2") == "LAPO + O3F")
        #expect(table.markdown.contains("| hopper-random-v2 | 41.0 ± 0.6 | 21.0 ± 0.6 | 5.0 ± 0.0 | 31.0 ± 0.6 | LAPO + O3F | AWAC |"),
                "\(table.markdown)")

        let close: [String: [Double]] = ["LAPO + O3F": [30, 40, 50], "IQL": [20, 21, 22], "CQL": [5, 5, 5], "AWAC": [36, 37, 38]]
        let (overlapping, root2) = try results(on: "walker2d-medium-v2", finals: close)
        defer { try? FileManager.default.removeItem(at: root2) }
        let table2 = ComparisonTable(results: overlapping)
        #expect(table2.best(on: "walker2d-medium-v2") == "LAPO + O3F ≈ AWAC")
        #expect(table2.markdown.contains("| LAPO + O3F ≈ AWAC | LAPO + O3F ≈ the best other |"))

        // Every method within the band joins the leader, not only the runner-up.
        let three: [String: [Double]] = ["LAPO + O3F": [30, 40, 50], "IQL": [20, 21, 22], "CQL": [34, 35, 36], "AWAC": [36, 37, 38]]
        let (crowded, root3) = try results(on: "walker2d-medium-v2", finals: three)
        defer { try? FileManager.default.removeItem(at: root3) }
        #expect(ComparisonTable(results: crowded).best(on: "walker2d-medium-v2") == "LAPO + O3F ≈ AWAC ≈ CQL")

        // One seed: no standard errors, no verdict of equality.
        let single: [String: [Double]] = ["LAPO + O3F": [40], "IQL": [39.9], "CQL": [5], "AWAC": [6]]
        let (oneSeed, root4) = try results(on: "walker2d-medium-v2", finals: single)
        defer { try? FileManager.default.removeItem(at: root4) }
        #expect(ComparisonTable(results: oneSeed).best(on: "walker2d-medium-v2") == "LAPO + O3F")
    }

    /// Every task Figure 4 can run has the paper's account.
    @Test func everyFigure4TaskHasThePapersAccount() {
        for task in D4RLComparisonExperiment.locomotionTasks + D4RLComparisonExperiment.otherTasks {
            #expect(ComparisonTable.paperFigure4[task] != nil, "\(task)")
        }
    }
}
