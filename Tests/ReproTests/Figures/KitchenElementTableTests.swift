import Foundation
import Testing
import Repro
import RLCore

/// The kitchen table the chapters build from watched agents: which elements each arm completes.
@Suite struct KitchenElementTableTests {
    @Test func watchedKitchenRunsSayWhichElementsWereDone() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-elements-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        let arms = (0..<2).map { FineTuningJob(experiment: "figure6", algorithm: "lapo", task: "kitchen-mixed-v0", exploration: .o3f, seed: $0, preset: .standard) }
        for job in arms + arms.map(\.offlineJob) {
            let run = store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try "step\teval_score\n0\t25\n".write(to: run.logURL, atomically: true, encoding: .utf8)
            try run.markDone(summary: ["finished": true])
        }
        let results = try FineTuningResults(experiment: "figure6", preset: .standard, jobs: arms, store: store)
        #expect(try KitchenElementTable(results: results).markdown() == nil, "nothing watched yet")

        /// A watch record of `job` whose episodes completed these elements (nil: a record from
        /// before the kit kept them).
        func watch(_ job: FineTuningJob, _ completions: [[KitchenTaskElement]?]) throws {
            let run = store.directory(for: job.runKey)
            let episodes = completions.map {
                RolloutEpisode(episodeReturn: Double($0?.count ?? 0), length: 280, normalizedScore: 25 * Double($0?.count ?? 0), completedElements: $0)
            }
            try AtomicFile.writeJSON(FinalAgentWatch(provenance: .current(seed: UInt64(job.seed)), runLog: FNV1a64(try Data(contentsOf: run.logURL)).text,
                                                     episodes: episodes), to: FinalAgentWatch.url(in: run))
        }
        try watch(arms[0].offlineJob, [[.microwave], []])
        try watch(arms[0], [[.microwave, .kettle], [.microwave]])
        try watch(arms[1].offlineJob, [[], []])
        try watch(arms[1], [nil, nil])   // an older record: left out, not read as "none done"

        let table = try #require(try KitchenElementTable(results: results).markdown())
        let label = results.arms[0].label
        #expect(table.contains("| kitchen-mixed-v0 | \(label) | microwave | 25.0 ± 25.0 | 100.0 (1 of 2 seeds) |"), "\(table)")
        #expect(table.contains("| kitchen-mixed-v0 | \(label) | kettle | 0.0 ± 0.0 | 50.0 (1 of 2 seeds) |"), "\(table)")
        #expect(table.contains("| kitchen-mixed-v0 | \(label) | light switch | 0.0 ± 0.0 | 0.0 (1 of 2 seeds) |"), "\(table)")
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("| kitchen-mixed-v0") }.count == 4, "one row per element of the task")
        #expect(table.contains("share of 2 episodes"))
        #expect(try GoalApproachTable(results: results).markdown() == nil, "kitchen records hold no distances to a goal")
    }
}
