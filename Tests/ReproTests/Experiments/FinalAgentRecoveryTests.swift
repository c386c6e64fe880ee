import Foundation
import Testing
@testable import Repro
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
        let committedProvenance = try Self.markProvenance(of: offline)
        let watch = Data("{\"watched\": \"the committed agent\"}".utf8)
        try watch.write(to: FinalAgentWatch.url(in: offline))
        try FileManager.default.removeItem(at: offline.checkpointURL)

        let summary = try fineTuning.run(job)
        #expect(summary.finalStep == 20)
        #expect(FileManager.default.fileExists(atPath: offline.checkpointURL.appendingPathComponent("agent.o3fparam").path))
        #expect(try Data(contentsOf: offline.logURL) == committedLog)
        #expect(try Data(contentsOf: offline.doneURL) == committedDone)
        #expect(try Data(contentsOf: offline.provenanceURL) == committedProvenance)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: offline.url.path).filter { $0.contains("committed") }
        #expect(leftovers.isEmpty)
        #expect(try Data(contentsOf: FinalAgentWatch.url(in: offline)) == watch, "the same agent: its watch still describes it")
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
        let committedProvenance = try Self.markProvenance(of: offline)
        let watch = Data("{\"watched\": \"the committed agent\"}".utf8)
        try watch.write(to: FinalAgentWatch.url(in: offline))
        try FileManager.default.removeItem(at: offline.checkpointURL)

        try fineTuning.run(job)
        // The watch described the committed agent, not the recovered one.
        #expect(!FileManager.default.fileExists(atPath: FinalAgentWatch.url(in: offline).path))
        #expect(try Data(contentsOf: offline.url.appendingPathComponent("watch.committed.json")) == watch)
        // The recovery is over: the recovered agent is used as it is, and a watch of it stays.
        #expect(!FinalAgentRecovery.isUnderWay(in: offline))
        let recoveredLog = try Data(contentsOf: offline.logURL)
        let newWatch = Data("{\"watched\": \"the recovered agent\"}".utf8)
        try newWatch.write(to: FinalAgentWatch.url(in: offline))
        _ = try fineTuning.finalAgent(of: job.offlineJob)
        #expect(try Data(contentsOf: offline.logURL) == recoveredLog)
        #expect(try Data(contentsOf: FinalAgentWatch.url(in: offline)) == newWatch)
        #expect(try Data(contentsOf: offline.url.appendingPathComponent("watch.committed.json")) == watch)
        let committed = offline.url.appendingPathComponent("log.committed.tsv")
        #expect(try String(contentsOf: committed, encoding: .utf8) == edited)
        #expect(try String(contentsOf: offline.logURL, encoding: .utf8) != edited)
        #expect(offline.status == .done)
        #expect(try Data(contentsOf: offline.url.appendingPathComponent("provenance.committed.json")) == committedProvenance)
        // The standing provenance is the recovering process's, naming the data it trained on.
        let standing = try offline.provenance()
        #expect(standing.machine != Self.committedMachine && standing.datasetDigest?.hasPrefix("fnv1a64:") == true)
    }

    static let committedMachine = "the machine that made the committed run"

    /// Gives `directory`'s provenance a machine no process here has, so that whose provenance
    /// stands after a recovery shows; returns the file's bytes.
    static func markProvenance(of directory: RunDirectory) throws -> Data {
        var provenance = try directory.provenance()
        provenance.machine = committedMachine
        let data = try JSONEncoder().encode(provenance)
        try data.write(to: directory.provenanceURL)
        return data
    }

    /// Before training again, the recovery says when this process cannot reproduce the
    /// committed log, and how to match it.
    @Test func aKernelOrThreadMismatchIsNamedWithItsFix() {
        let current = Provenance.current()
        #expect(FinalAgentRecovery.mismatch(between: current, and: current) == nil)
        var committed = current
        committed.openBLAS = "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"
        committed.blasThreads = current.blasThreads + 1
        let message = FinalAgentRecovery.mismatch(between: committed, and: current) ?? ""
        #expect(message.contains("OPENBLAS_CORETYPE=Zen"))
        #expect(message.contains("OPENBLAS_NUM_THREADS=\(current.blasThreads + 1)"))
        #expect(!message.contains("MuJoCo"))
    }

    /// Rows are compared without their wall time, and a missing row is a difference.
    @Test func logsAreComparedWithoutWallTime() {
        let a = "step\tloss\twall_time\n1\t0.5\t1.0\n2\t0.4\t2.0\n"
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t7.0\n2\t0.4\t9.0\n") == nil)
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t1.0\n2\t0.3\t2.0\n")?.hasPrefix("row 3") == true)
        #expect(FinalAgentRecovery.firstDifference(between: a, and: "step\tloss\twall_time\n1\t0.5\t1.0\n") != nil)
    }

    /// A clone at another path (its store and datasets elsewhere) recovers a committed offline
    /// phase: the absolute paths its `config.json` names (dataset file, and an arm's offline
    /// phase) are the committing machine's, and name the same data and run.
    @Test func aCloneAtAnotherPathRecoversTheCommittedRun() throws {
        let (here, hereFolder, job) = try Self.tinyExperiment()
        defer { try? FileManager.default.removeItem(at: hereFolder) }
        let (elsewhere, elsewhereFolder, _) = try Self.tinyExperiment()
        defer { try? FileManager.default.removeItem(at: elsewhereFolder) }
        try here.run(job.offlineJob)
        try here.run(job)
        // Commit the offline phase's and the arm's small files; clone them elsewhere.
        for run in [job.offlineJob, job] {
            let source = here.directory(for: run), target = elsewhere.directory(for: run)
            try FileManager.default.createDirectory(at: target.url, withIntermediateDirectories: true)
            for file in ["config.json", "log.tsv", "done.json", "provenance.json"] {
                try FileManager.default.copyItem(at: source.url.appendingPathComponent(file), to: target.url.appendingPathComponent(file))
            }
        }
        let agent = try elsewhere.finalAgent(of: job)   // the arm trained again, after its offline phase
        let original = try here.finalAgent(of: job)
        #expect(FinalAgentTests.actions(of: agent, observationSize: 17) == FinalAgentTests.actions(of: original, observationSize: 17))
        #expect(try Data(contentsOf: elsewhere.directory(for: job).logURL) == Data(contentsOf: here.directory(for: job).logURL))
    }

    /// IQL on the tests' tiny experiment (`TinyFineTuning`).
    static func tinyExperiment() throws -> (FineTuning, URL, FineTuningJob) {
        let tiny = try TinyFineTuning(name: "recovery")
        let job = FineTuningJob(experiment: "test", algorithm: "iql", task: tiny.task.name, exploration: .policy, seed: 0, preset: .tiny)
        return (tiny.fineTuning, tiny.folder, job)
    }
}
