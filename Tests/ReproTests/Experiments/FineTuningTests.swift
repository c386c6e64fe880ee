import Foundation
import Testing
import Repro
import RLCore

@Suite struct FineTuningTests {
    /// CQL and AWAC through the harness on a tiny random HalfCheetah dataset: the offline
    /// phase, then an online arm that changes its objective, with the Q bias measured.
    @Test func cqlAndAWACRunOfflineThenOnlineWithAScheduledObjective() throws {
        let tiny = try TinyFineTuning(name: "finetune")
        defer { try? FileManager.default.removeItem(at: tiny.folder) }
        let (fineTuning, task) = (tiny.fineTuning, tiny.task)
        for (algorithm, objective, column) in [("cql", ObjectiveSchedule.switchToSAC, "cql_gap"), ("awac", .linear(to: 0.1, over: 20), "objective_parameter")] {
            let online = FineTuningJob(experiment: "test", algorithm: algorithm, task: task.name, exploration: .policy, seed: 0, preset: .tiny,
                                       objective: objective, measuresQBias: true)
            #expect(throws: FineTuningError.self) { try fineTuning.run(online) }   // the offline phase comes first
            try fineTuning.run(online.offlineJob)
            // The provenance names the data by their digest, as `repro dataset info` prints it.
            let file = try fineTuning.locator.locate(task)
            let digest = Transitions(qLearningViewOf: try D4RLFile.read(at: file, task: task)).digest
            let provenance = try fineTuning.directory(for: online.offlineJob).provenance()
            #expect(provenance.datasetDigest == digest && provenance.dataset?.hasSuffix(" transitions)") == true)
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
