import Foundation
import Testing
import Repro
import RLCore

/// A finished run whose checkpoint was not committed is trained again when a run starts from it.
@Suite struct FinalAgentRecoveryTests {
    /// A tiny IQL offline phase, finished, then its checkpoint deleted (as a fresh clone of
    /// committed results has it): the online arm trains the offline phase again, the recovered
    /// log matches, and the committed log and completion record are put back unchanged.
    @Test func anOnlineArmRecoversItsOfflinePhasesAgentAndKeepsTheCommittedRecord() throws {
        let (fineTuning, folder, job) = try Self.tinyExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let offline = fineTuning.directory(for: job.offlineJob)
        try fineTuning.run(job.offlineJob)
        let committedLog = try Data(contentsOf: offline.logURL)
        let committedDone = try Data(contentsOf: offline.doneURL)
        try FileManager.default.removeItem(at: offline.checkpointURL)

        let summary = try fineTuning.run(job)
        #expect(summary.finalStep == 20)
        #expect(FileManager.default.fileExists(atPath: offline.checkpointURL.appendingPathComponent("agent.o3fparam").path))
        #expect(try Data(contentsOf: offline.logURL) == committedLog)
        #expect(try Data(contentsOf: offline.doneURL) == committedDone)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: offline.url.path).filter { $0.contains("committed") }
        #expect(leftovers.isEmpty)
    }

    /// When the recovered log differs (here: a committed log edited by hand), the new log and
    /// completion record stand and the committed ones are kept beside them.
    @Test func aDifferingRecoveryKeepsBothRecords() throws {
        let (fineTuning, folder, job) = try Self.tinyExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let offline = fineTuning.directory(for: job.offlineJob)
        try fineTuning.run(job.offlineJob)
        var rows = try String(contentsOf: offline.logURL, encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = rows[rows.count - 1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[fields.count - 2] += "9"   // the last row's score (the field before wall_time) changes
        rows[rows.count - 1] = fields.joined(separator: "\t")
        let edited = rows.joined(separator: "\n") + "\n"
        try Data(edited.utf8).write(to: offline.logURL)
        try FileManager.default.removeItem(at: offline.checkpointURL)

        try fineTuning.run(job)
        let committed = offline.url.appendingPathComponent("log.committed.tsv")
        #expect(try String(contentsOf: committed, encoding: .utf8) == edited)
        #expect(try String(contentsOf: offline.logURL, encoding: .utf8) != edited)
        #expect(offline.status == .done)
        #expect(FileManager.default.fileExists(atPath: offline.url.appendingPathComponent("provenance.committed.json").path))
    }

    /// Rows are compared without their wall time, and a missing row is a difference.
    @Test func logsAreComparedWithoutWallTime() {
        let a = "step\tloss\twall_time\n1\t0.5\t1.0\n2\t0.4\t2.0\n"
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t7.0\n2\t0.4\t9.0\n") == nil)
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t1.0\n2\t0.3\t2.0\n")?.hasPrefix("row 3") == true)
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t1.0\n") != nil)
    }

    /// IQL on a 600-transition random HalfCheetah dataset, 20 offline and 20 online steps.
    static func tinyExperiment() throws -> (FineTuning, URL, FineTuningJob) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-recovery-\(UUID().uuidString)")
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
        let job = FineTuningJob(experiment: "test", algorithm: "iql", task: task.name, exploration: .policy, seed: 0, preset: .tiny)
        return (fineTuning, folder, job)
    }
}
