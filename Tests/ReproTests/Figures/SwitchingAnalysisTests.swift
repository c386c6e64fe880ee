import Foundation
import Testing
import Repro
import RLCore

@Suite struct SwitchingAnalysisTests {
    /// A switched arm that drops from 40 to 10 at step 1000 and is back at 40 by step 3000,
    /// its critics estimating 40 where 10 was obtained at step 1000.
    @Test func collapseMeasuresDropRecoveryAndOverEstimation() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-switching-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        let job = FineTuningJob(experiment: "objective-switching", algorithm: "cql", task: "halfcheetah-medium-v2", exploration: .policy,
                                seed: 0, preset: .standard, objective: .switchToSAC, measuresQBias: true)
        let run = store.directory(for: job.runKey)
        try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
        try """
        step\teval_score\tq_estimate\tq_return\tcritic_loss
        0\t40\t-5\t20\t
        1000\t10\t40\t10\t9
        2000\t30\t30\t15\t3
        3000\t41\t25\t20\t2
        """.write(to: run.logURL, atomically: true, encoding: .utf8)
        try run.markDone(summary: ["finished": true])
        let results = try FineTuningResults(experiment: "objective-switching", preset: .standard, jobs: [job], store: store,
                                            columns: ["q_estimate", "q_return", "critic_loss"], label: ObjectiveSwitchingExperiment.label)
        let collapse = try #require(SwitchingAnalysis(results: results).collapse(task: "halfcheetah-medium-v2", method: job.method))
        #expect(collapse.before == 40 && collapse.lowest == 10 && collapse.lowestStep == 1000 && collapse.drop == 30)
        #expect(collapse.recoveryStep == 3000)
        #expect(collapse.overEstimation == 4)
        #expect(collapse.peakCriticLoss == 9)
        #expect(results.arms.first?.label == "CQL → SAC")
    }
}
