import Foundation
import Testing
import Repro
import RLCore

@Suite struct FineTuningTests {
    /// CQL and AWAC through the harness on a tiny random HalfCheetah dataset: the offline
    /// phase, then an online arm that changes its objective, with the Q bias measured.
    @Test func cqlAndAWACRunOfflineThenOnlineWithAScheduledObjective() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-finetune-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "halfcheetah-random-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("data").path],
                                     workingDirectory: folder)
        let dataset = try RandomDatasetGenerator(size: 600, seed: 1).generate(task: task, in: try makeEnvironment(for: task))
        try D4RLFile.write(dataset, to: locator.generatedURL(for: task))
        let budget = FineTuningBudget(offlineSteps: 20, onlineSteps: 20, offlineEvaluationInterval: 10, evaluationInterval: 10,
                                      evaluationEpisodes: 1, logInterval: 10, checkpointInterval: 10, hiddenSizes: [16], batchSize: 32,
                                      datasetPreset: .tiny)
        var fineTuning = FineTuning(budget: budget, store: ResultsStore(root: folder.appendingPathComponent("runs")), locator: locator)
        fineTuning.showsProgress = false
        for (algorithm, objective, column) in [("cql", ObjectiveSchedule.switchToSAC, "cql_gap"), ("awac", .linear(to: 0.1, over: 20), "objective_parameter")] {
            let online = FineTuningJob(experiment: "test", algorithm: algorithm, task: task.name, exploration: .policy, seed: 0, preset: .tiny,
                                       objective: objective, measuresQBias: true)
            #expect(throws: FineTuningError.self) { try fineTuning.run(online) }   // the offline phase comes first
            try fineTuning.run(online.offlineJob)
            let summary = try fineTuning.run(online)
            #expect(summary.finalStep == 20)
            #expect(summary.evaluations.allSatisfy { $0.qBias?.isFinite == true })
            let log = try String(contentsOf: fineTuning.directory(for: online).logURL, encoding: .utf8)
            let header = log.split(separator: "\n")[0].split(separator: "\t").map(String.init)
            #expect(header.contains(column) && header.contains("q_bias"))
            #expect(fineTuning.directory(for: online).url.path.hasSuffix("/\(algorithm)+policy+\(algorithm == "cql" ? "switch-sac" : "linear")/seed-0"))
        }
    }

    @Test func objectiveArgumentsParse() {
        #expect(ObjectiveSchedule(argument: "fixed") == .fixed)
        #expect(ObjectiveSchedule(argument: "abrupt:0.5") == .abrupt(to: 0.5))
        #expect(ObjectiveSchedule(argument: "linear:0.85:100000") == .linear(to: 0.85, over: 100_000))
        #expect(ObjectiveSchedule(argument: "switch-sac") == .switchToSAC)
        #expect(ObjectiveSchedule(argument: "linear:0.85") == nil)
        #expect(ObjectiveSchedule(argument: "slowly") == nil)
    }
}
