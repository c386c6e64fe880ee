import Foundation
import Testing
@testable import Repro
import RLCore

@Suite struct FineTuningResultsTests {
    /// The paper's claim for a task it ran at another D4RL version is used, marked with its
    /// version; a claim for a task run here under its own name is its own.
    @Test func claimsCarryAcrossD4RLVersions() {
        let published = ["antmaze-large-diverse-v1": "equal", "halfcheetah-medium-v2": "+14%"]
        #expect(FineTuningResults.claim(for: "antmaze-large-diverse-v2", in: published) == "equal (paper: -v1)")
        #expect(FineTuningResults.claim(for: "halfcheetah-medium-v2", in: published) == "+14%")
        #expect(FineTuningResults.claim(for: "hopper-medium-v2", in: published) == nil)
        #expect(FineTuningResults.family("antmaze-large-diverse-v2") == "antmaze-large-diverse")
        #expect(FineTuningResults.family("kitchen-mixed-v0") == "kitchen-mixed")
    }

    /// Writes finished runs whose logs end at the given scores, one per seed.
    private func store(finals: [OnlineExploration: [Double]]) throws -> (ResultsStore, [FineTuningJob], URL) {
        try store(curves: finals.mapValues { $0.map { [$0] } })
    }

    /// Writes finished runs, one per seed, whose logs score 30 at step 0 and then the given
    /// scores every 500 online steps.
    private func store(curves: [OnlineExploration: [[Double]]]) throws -> (ResultsStore, [FineTuningJob], URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-results-\(UUID().uuidString)")
        let store = ResultsStore(root: root)
        var jobs: [FineTuningJob] = []
        for (arm, seeds) in curves {
            for (seed, scores) in seeds.enumerated() {
                let job = FineTuningJob(experiment: "figure5", task: "halfcheetah-medium-v2", exploration: arm, seed: seed, preset: .standard)
                let run = store.directory(for: job.runKey)
                try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
                let rows = scores.enumerated().map { "\(($0.offset + 1) * 500)\t\($0.element)" }
                try (["step\teval_score", "0\t30"] + rows).joined(separator: "\n").write(to: run.logURL, atomically: true, encoding: .utf8)
                try run.markDone(summary: ["finished": true])
                jobs.append(job)
            }
        }
        return (store, jobs.sorted { $0.method < $1.method }.reversed(), root)
    }

    @Test func verdictSaysBeatMatchedOrFellBehind() throws {
        for (o3f, noise, word) in [([50.0, 52, 54], [40.0, 41, 42], "beat"), ([41.0, 40, 42], [40.0, 41, 42], "matched"),
                                   ([30.0, 31, 32], [40.0, 41, 42], "fell behind")] {
            let (store, jobs, root) = try store(finals: [.o3f: o3f, .noise: noise])
            defer { try? FileManager.default.removeItem(at: root) }
            let ordered = jobs.filter { $0.exploration == .o3f } + jobs.filter { $0.exploration == .noise }
            let results = try FineTuningResults(experiment: "figure5", preset: .standard, jobs: ordered, store: store)
            let verdict = results.verdict(published: ["halfcheetah-medium-v2": "+14%"])
            #expect(verdict.contains("O3F \(word) Gaussian noise"), "\(verdict)")
            #expect(verdict.contains("the paper reports +14%") && verdict.contains("3 seeds"))
            if word == "matched" { #expect(verdict.contains("+0% (+0.0 points)"), "\(verdict)") }   // never "-0%"
            let table = results.table(published: ["halfcheetah-medium-v2": "+14%", "kitchen-mixed-v0": "+39%"])
            #expect(table.contains(String(format: "30.0 ± 0.0 → %.1f ± ", o3f.reduce(0, +) / 3)))
            #expect(table.contains("| kitchen-mixed-v0 | not run | not run | – | +39% |"))
        }
    }

    /// A win at the last evaluation that the rest of the curve does not share: the verdict says
    /// "beat", and the averages over each seed's online evaluations that follow show the arms
    /// level (O3F seeds 10, 20, 60 → 30 and 10, 30, 50 → 30; noise 30, 30, 30 and 20, 40, 30).
    @Test func verdictAddsTheAverageOverOnlineEvaluations() throws {
        let (store, jobs, root) = try store(curves: [.o3f: [[10, 20, 60], [10, 30, 50]], .noise: [[30, 30, 30], [20, 40, 30]]])
        defer { try? FileManager.default.removeItem(at: root) }
        let ordered = jobs.filter { $0.exploration == .o3f } + jobs.filter { $0.exploration == .noise }
        let results = try FineTuningResults(experiment: "figure5", preset: .standard, jobs: ordered, store: store)
        let verdict = results.verdict(published: [:])
        #expect(verdict.contains("O3F beat Gaussian noise by more than two standard errors: 55.0 ± 5.0 against 30.0 ± 0.0"), "\(verdict)")
        #expect(verdict.contains("Averaged over each seed's online evaluations up to step 1500: 30.0 ± 0.0 against 30.0 ± 0.0."), "\(verdict)")
    }

    /// Both arms at 0 (an AntMaze success rate): "matched", and no percentage of 0.
    @Test func aScoreOfZeroGetsNoPercentage() throws {
        let (store, jobs, root) = try store(finals: [.o3f: [0, 0], .noise: [0, 0]])
        defer { try? FileManager.default.removeItem(at: root) }
        let ordered = jobs.filter { $0.exploration == .o3f } + jobs.filter { $0.exploration == .noise }
        let results = try FineTuningResults(experiment: "figure5", preset: .standard, jobs: ordered, store: store)
        let verdict = results.verdict(published: [:])
        #expect(verdict.contains("O3F matched Gaussian noise within two standard errors: 0.0 ± 0.0 against 0.0 ± 0.0"), "\(verdict)")
        #expect(verdict.contains("no percentage of a score of 0 (+0.0 points)") && !verdict.contains("n/a"), "\(verdict)")
    }

    /// One seed has no standard error: the sentence gives the numbers and judges nothing, and
    /// the table gives the means without a "± 0.0" that would read as a measured spread.
    @Test func oneSeedGetsNoVerdict() throws {
        let (store, jobs, root) = try store(finals: [.o3f: [41], .noise: [40]])
        defer { try? FileManager.default.removeItem(at: root) }
        let ordered = jobs.filter { $0.exploration == .o3f } + jobs.filter { $0.exploration == .noise }
        let results = try FineTuningResults(experiment: "figure5", preset: .quick, jobs: ordered, store: store)
        let verdict = results.verdict(published: ["halfcheetah-medium-v2": "+14%"])
        #expect(verdict.hasPrefix("On halfcheetah-medium-v2 (quick preset, 1 seed), O3F scored 41.0 against 40.0 for Gaussian noise"), "\(verdict)")
        #expect(verdict.contains("no standard error") && !verdict.contains("beat") && !verdict.contains("matched"))
        let table = results.table(published: [:])
        #expect(table.contains("| 30.0 → 41.0 | 30.0 → 40.0 |") && !table.contains("±"), "\(table)")
        #expect(table.contains("one seed, so no standard error"), "\(table)")
    }

    @Test func anUnfinishedRunIsAnError() throws {
        let (store, jobs, root) = try store(finals: [.o3f: [1], .noise: [2]])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: store.directory(for: jobs[0].runKey).doneURL)
        #expect(throws: FineTuningResultsError.self) {
            try FineTuningResults(experiment: "figure5", preset: .standard, jobs: jobs, store: store)
        }
    }

    /// The caption says, per kind of task, where its data came from: the kit's SAC recipe for
    /// a medium dataset, scripted demonstrations (not human ones) for the kitchen, and D4RL's
    /// files by name when some tasks have them.
    @Test func captionNamesEachTasksDataOrigin() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-caption-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        func results(_ datasets: [String: String]) throws -> FineTuningResults {
            var jobs: [FineTuningJob] = []
            for task in datasets.keys.sorted() {
                let job = FineTuningJob(experiment: "figure5", task: task, exploration: .o3f, seed: 0, preset: .standard)
                let run = store.directory(for: job.runKey)
                try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
                try "step\teval_score\n0\t1\n".write(to: run.logURL, atomically: true, encoding: .utf8)
                try JSONSerialization.data(withJSONObject: ["dataset": datasets[task]!]).write(to: run.configurationURL)
                try run.markDone(summary: ["finished": true])
                jobs.append(job)
            }
            return try FineTuningResults(experiment: "figure5", preset: .standard, jobs: jobs, store: store)
        }
        let kit = "x.hdf5 (generated by o3f-repro, not downloaded from D4RL)"
        let both = try results(["halfcheetah-medium-v2": kit, "kitchen-mixed-v0": kit]).caption
        #expect(both.contains("datasets generated by the kit (medium: SAC recipe; kitchen: scripted demonstrations, not human ones), not D4RL's files"), "\(both)")
        let mixed = try results(["halfcheetah-medium-v2": kit, "kitchen-mixed-v0": "/d4rl/kitchen.hdf5"]).caption
        #expect(mixed.contains("(medium: SAC recipe), not D4RL's files; D4RL's published files for kitchen-mixed-v0"), "\(mixed)")
        let published = try results(["kitchen-mixed-v0": "/d4rl/kitchen.hdf5"]).caption
        #expect(published.contains("datasets: D4RL's published files") && !published.contains("generated"), "\(published)")
        // A figure of part of the preset says so, after the preset.
        var part = try results(["kitchen-mixed-v0": kit])
        part.scope = "1 of the preset's 3 tasks"
        #expect(part.caption.hasPrefix("preset standard · 1 of the preset's 3 tasks · "), "\(part.caption)")
    }

    /// An arm added at a later commit (Figure 5's LAPO noise arms came after its O3F arms), or
    /// arms whose offline phases ran at an earlier one, show in the caption: every commit the
    /// runs record, offline phases included, once each, in the arms' order.
    @Test func captionNamesEveryCommitTheRunsRecord() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-commits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        func record(_ job: FineTuningJob, commit: String) throws {
            let run = store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try "step\teval_score\n0\t1\n".write(to: run.logURL, atomically: true, encoding: .utf8)
            var provenance = Provenance.current(seed: UInt64(job.seed))
            provenance.kitCommit = commit
            provenance.kitTreeDirty = false
            try JSONEncoder().encode(provenance).write(to: run.provenanceURL)
            try run.markDone(summary: ["finished": true])
        }
        var jobs: [FineTuningJob] = []
        for (exploration, commit) in [(OnlineExploration.o3f, "aaaaaaa111"), (.noise, "bbbbbbb222")] {
            for seed in 0..<2 {
                let job = FineTuningJob(experiment: "lapo-o3f", algorithm: "lapo", task: "halfcheetah-medium-v2", exploration: exploration,
                                        seed: seed, preset: .standard)
                try record(job, commit: commit)
                jobs.append(job)
            }
        }
        let caption = try FineTuningResults(experiment: "lapo-o3f", preset: .standard, jobs: jobs, store: store).caption
        #expect(caption.contains("commits aaaaaaa, bbbbbbb · MuJoCo \(LibraryVersions.mujoco)"), "\(caption)")
        let one = try FineTuningResults(experiment: "lapo-o3f", preset: .standard, jobs: Array(jobs.prefix(2)), store: store).caption
        #expect(one.contains("commit aaaaaaa · "), "\(one)")

        for seed in 0..<2 { try record(jobs[seed].offlineJob, commit: "ccccccc333") }
        let withOffline = try FineTuningResults(experiment: "lapo-o3f", preset: .standard, jobs: jobs, store: store).caption
        #expect(withOffline.contains("commits ccccccc, aaaaaaa, bbbbbbb · "), "\(withOffline)")
    }

    /// Tasks with different numbers of seeds (standard LAPO: two on halfcheetah-medium, three on
    /// kitchen-mixed) get each task's count in the caption, and the table does not claim one
    /// number for all; equal counts keep the single number.
    @Test func captionGivesEachTasksSeedsWhenTheyDiffer() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = ResultsStore(root: root)
        var jobs: [FineTuningJob] = []
        for (task, seeds) in [("halfcheetah-medium-v2", 2), ("kitchen-mixed-v0", 3)] {
            for exploration in [OnlineExploration.o3f, .noise] {
                for seed in 0..<seeds {
                    let job = FineTuningJob(experiment: "lapo-o3f", algorithm: "lapo", task: task, exploration: exploration, seed: seed, preset: .standard)
                    let run = store.directory(for: job.runKey)
                    try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
                    try "step\teval_score\n0\t10\n500\t\(20 + seed)\n".write(to: run.logURL, atomically: true, encoding: .utf8)
                    try run.markDone(summary: ["finished": true])
                    jobs.append(job)
                }
            }
        }
        let both = try FineTuningResults(experiment: "lapo-o3f", preset: .standard, jobs: jobs, store: store)
        #expect(both.caption.contains("preset standard · 2–3 seeds (halfcheetah-medium-v2: 2; kitchen-mixed-v0: 3)"), "\(both.caption)")
        let table = both.table(published: [:])
        #expect(table.contains("mean ± standard error over each task's seeds;") && !table.contains("over 3 seeds"), "\(table)")
        #expect(both.verdict(published: [:]).contains("halfcheetah-medium-v2 (standard preset, 2 seeds)"))

        let kitchen = try FineTuningResults(experiment: "lapo-o3f", preset: .standard, jobs: jobs.filter { $0.task == "kitchen-mixed-v0" }, store: store)
        #expect(kitchen.caption.hasPrefix("preset standard · 3 seeds"), "\(kitchen.caption)")
        #expect(kitchen.table(published: [:]).contains("mean ± standard error over 3 seeds;"))
    }
}
