import Foundation
import Testing
import RLCore
import Repro

@Suite struct ResultsStoreTests {
    @Test func quickRunsStayOutOfTheCommittedResults() {
        let repository = URL(fileURLWithPath: "/repo")
        #expect(ResultsStore.standard(for: .quick, repository: repository, environment: [:]).root.path == "/repo/runs")
        #expect(ResultsStore.standard(for: .standard, repository: repository, environment: [:]).root.path == "/repo/results")
        #expect(ResultsStore.standard(for: .paper, repository: repository, environment: ["O3F_RESULTS_DIR": "/shared/o3f"]).root.path == "/shared/o3f")
    }

    @Test func runsAreFoundByKeyWithTheirStatus() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        let done = RunKey(experiment: "figure5", task: "halfcheetah-medium-v2", method: "iql+o3f", seed: 0, preset: .standard)
        let missing = RunKey(experiment: "figure5", task: "halfcheetah-medium-v2", method: "iql+noise", seed: 0, preset: .standard)
        #expect(store.directory(for: done).url.path.hasSuffix("standard/figure5/halfcheetah-medium-v2/iql+o3f/seed-0"))
        try store.directory(for: done).claim(configuration: ["steps": 1])
        try store.directory(for: done).markDone(summary: ["score": 1])
        let statuses = store.status(of: [done, missing]).map(\.status)
        #expect(statuses == [.done, .missing])
    }
}
