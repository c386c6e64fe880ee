import Foundation
import Testing
@testable import Repro
import RLCore

/// A finished run in `run`'s folder: a one-row log and a `done.json` with these times.
private func finishedRun(_ run: RunDirectory, wallTime: Double, cpuTime: Double? = nil) throws {
    try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
    try "step\teval_score\n0\t10\n".write(to: run.logURL, atomically: true, encoding: .utf8)
    try run.markDone(summary: TrainingSummary(finalStep: 0, updates: 0, evaluations: [], wallTime: wallTime, cpuTime: cpuTime))
}

@Suite struct RunTablesTests {
    /// Two seeds of LAPO + O3F and of IQL on one task, with the wall (and some CPU) times their
    /// `done.json` record: the table gives minutes per phase, hours per method, and the share
    /// of a core of the runs that measured it.
    @Test func costsComeFromTheRunsRecords() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-costs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        // (offline wall, online wall, CPU of the online run) by method label and seed.
        let times: [String: [(Double, Double, Double?)]] = [
            "LAPO + O3F": [(1_800, 300, 150), (2_040, 420, nil)],
            "IQL": [(180, 18, nil), (186, 18, nil)],
        ]
        var jobs: [FineTuningJob] = []
        for method in D4RLComparisonExperiment.methods {
            for (seed, (offline, online, cpu)) in (times[method.label] ?? []).enumerated() {
                let job = FineTuningJob(experiment: D4RLComparisonExperiment.name, algorithm: method.algorithm, task: "hopper-random-v2",
                                        exploration: method.exploration, seed: seed, preset: .standard)
                for (key, wall, cpuTime) in [(job.offlineJob.runKey, offline, nil), (job.runKey, online, cpu)] {
                    try finishedRun(store.directory(for: key), wallTime: wall, cpuTime: cpuTime)
                }
                jobs.append(job)
            }
        }
        let results = try FineTuningResults(experiment: D4RLComparisonExperiment.name, preset: .standard, jobs: jobs, store: store,
                                            label: D4RLComparisonExperiment.label)
        let table = RunCostTable(results: results).markdown
        #expect(table.hasPrefix("| task | LAPO + O3F: offline · online | IQL: offline · online | share of a core |"), "\(table)")
        #expect(table.contains("| hopper-random-v2 | 30–34 · 5.0–7.0 | 3.0–3.1 · 0.3 | 50% |"), "\(table)")
        #expect(table.contains("| **total, hours** | **1.3** | **0.1** | 50% |"), "\(table)")
        #expect(table.contains("min–max over 2 seeds"))
    }

    /// The commits of the binaries that started each method's runs and of those that resumed
    /// them, each once, in seed order.
    @Test func commitsComeFromTheRunsProvenance() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-commits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        // (offline commit, online commit, online resumed by) by seed, for IQL only.
        let commits: [(String, String, String?)] = [("aaaaaaa0", "bbbbbbb0", nil), ("aaaaaaa0", "bbbbbbb0", "ccccccc0")]
        var jobs: [FineTuningJob] = []
        let iql = try #require(D4RLComparisonExperiment.methods.first { $0.label == "IQL" })
        for (seed, (offline, online, resumedBy)) in commits.enumerated() {
            let job = FineTuningJob(experiment: D4RLComparisonExperiment.name, algorithm: iql.algorithm, task: "hopper-random-v2",
                                    exploration: iql.exploration, seed: seed, preset: .standard)
            for (key, commit, resumption) in [(job.offlineJob.runKey, offline, nil), (job.runKey, online, resumedBy)] {
                let run = store.directory(for: key)
                try finishedRun(run, wallTime: 1)
                var provenance = Provenance.current(seed: UInt64(seed))
                provenance.kitCommit = commit
                provenance.kitTreeDirty = false
                if let resumption {
                    var later = Provenance.Resumption.current(step: -500)
                    later.kitCommit = resumption
                    later.kitTreeDirty = true
                    provenance.resumptions = [later]
                }
                try AtomicFile.writeJSON(provenance, to: run.provenanceURL)
            }
            jobs.append(job)
        }
        let results = try FineTuningResults(experiment: D4RLComparisonExperiment.name, preset: .standard, jobs: jobs, store: store,
                                            label: D4RLComparisonExperiment.label)
        let table = RunCommitTable(results: results).markdown
        #expect(table.contains("| hopper-random-v2 | aaaaaaa · bbbbbbb, ccccccc+dirty |"), "\(table)")
    }
}
