import Foundation
import Testing
import Repro
import RLCore

/// Figure 4's four methods, and IQL + O3F (Figure 5), through the whole harness on the hard
/// domains' tasks, at the tests' tiny budget: each offline phase, then its online arm, finishes
/// with finite scores and with the domain's conventions in its recorded configuration (O3F's
/// σ = 0.05 off the locomotion tasks; each agent's reward transform and the budget's own
/// number of evaluation episodes on AntMaze).
@Suite struct DomainFineTuningTests {
    static let arms: [(algorithm: String, exploration: OnlineExploration)] = [
        ("lapo", .o3f), ("iql", .o3f), ("iql", .policy), ("cql", .policy), ("awac", .policy),
    ]

    @Test(arguments: ["antmaze-large-diverse-v2", "kitchen-mixed-v0"])
    func everyMethodFineTunesOnTheTask(_ taskName: String) throws {
        // One evaluation before, at and after the online phase: AntMaze's episodes are 1,000 steps.
        let tiny = try TinyFineTuning(name: "domain", task: taskName, evaluationInterval: 20)
        defer { try? FileManager.default.removeItem(at: tiny.folder) }
        for (algorithm, exploration) in Self.arms {
            let online = FineTuningJob(experiment: "test", algorithm: algorithm, task: taskName, exploration: exploration, seed: 0, preset: .tiny)
            // IQL's two arms share one offline phase.
            if tiny.fineTuning.directory(for: online.offlineJob).status != .done { try tiny.fineTuning.run(online.offlineJob) }
            let summary = try tiny.fineTuning.run(online)
            #expect(summary.finalStep == 20, "\(online)")
            #expect(!summary.evaluations.isEmpty && summary.evaluations.allSatisfy { $0.score.isFinite }, "\(online)")

            let data = try Data(contentsOf: tiny.fineTuning.directory(for: online).configurationURL)
            let configuration = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            if exploration == .o3f {
                let selector = try #require((configuration["selector"] as? [String: Any])?["optimistic"] as? [String: Any], "\(online)")
                #expect(selector["std"] as? Double == 0.05 && selector["candidates"] as? Int == 100, "\(online): \(selector)")
            }
            let schedule = try #require(configuration["schedule"] as? [String: Any], "\(online)")
            #expect(schedule["evaluationEpisodes"] as? Int == (tiny.task.domain == .antmaze ? 2 : 1), "\(online): \(schedule)")
            if tiny.task.domain == .antmaze {
                let transform = try #require(configuration["rewardTransform"] as? [String: Any], "\(online)")
                let expected: [String: (scale: Double, shift: Double)] = ["iql": (1, -1), "cql": (10, -5), "lapo": (100, 0), "awac": (1, 0)]
                let (scale, shift) = try #require(expected[algorithm])
                #expect(transform["scale"] as? Double == scale && transform["shift"] as? Double == shift, "\(online): \(transform)")
            }
        }
    }
}
