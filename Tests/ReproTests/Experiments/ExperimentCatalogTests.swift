import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct ExperimentCatalogTests {
    /// Kitchen has its environment but not its dataset: skipped, naming D4RL's file and where to
    /// put it, until the file is there; then the paper preset runs it. Other domains are never skipped.
    @Test func kitchenIsSkippedUntilD4RLsFileIsFound() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-catalog-\(UUID().uuidString)")
        let d4rl = scratch.appendingPathComponent("d4rl")
        try FileManager.default.createDirectory(at: d4rl, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let locator = DatasetLocator(environment: ["D4RL_DATASET_DIR": d4rl.path, "HOME": scratch.path, "O3F_DATASET_DIR": scratch.path],
                                     workingDirectory: scratch)
        let tasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v1", "kitchen-mixed-v0"]

        let skipped = try ExperimentCatalog.skippedTasks(tasks, locator: locator)
        #expect(skipped.map(\.task) == ["kitchen-mixed-v0"])
        #expect(skipped[0].reason.contains("kitchen_microwave_kettle_bottomburner_light-v0.hdf5")
                && skipped[0].reason.contains("$D4RL_DATASET_DIR or ~/.d4rl/datasets"))
        let without = try ExperimentCatalog.runs(for: "figure5", preset: .paper, locator: locator)
        #expect(Set(without.online.map(\.task)) == ["halfcheetah-medium-v2", "antmaze-large-diverse-v1"])

        try Data().write(to: d4rl.appendingPathComponent("kitchen_microwave_kettle_bottomburner_light-v0.hdf5"))
        #expect(try ExperimentCatalog.skippedTasks(tasks, locator: locator).isEmpty)
        let with = try ExperimentCatalog.runs(for: "figure5", preset: .paper, locator: locator)
        #expect(Set(with.online.map(\.task)) == Set(tasks) && with.offline.contains { $0.task == "kitchen-mixed-v0" })
    }
}
