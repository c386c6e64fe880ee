import Foundation
import Testing
import RLCore
@testable import Repro

/// How a chapter's runner orders its child processes, with a stand-in `repro` (a shell script
/// that logs its arguments, pausing on `dataset generate`) so that only the order is tested.
@Suite struct ChapterRunnerTests {
    /// Figure 4's quick runs on three tasks: halfcheetah-random and hopper-random have no
    /// dataset, every run of walker2d-random has finished. Both missing datasets are made at
    /// once (two slots), each task's runs wait for its own, and the finished task gets none.
    /// A scratch repository holding a stand-in `repro` that appends "start $1 $3 $*" and
    /// "end $1 $3" to `calls.txt`, pausing 1.5 s on `dataset generate`.
    private func scratchRepository() throws -> (repository: URL, repro: URL, calls: URL) {
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        let calls = repository.appendingPathComponent("calls.txt")
        let repro = repository.appendingPathComponent("repro")
        try Data("""
            #!/bin/sh
            echo "start $1 $3 $*" >> \(calls.path)
            if [ "$1" = dataset ]; then sleep 1.5; fi
            echo "end $1 $3" >> \(calls.path)

            """.utf8).write(to: repro)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repro.path)
        return (repository, repro, calls)
    }

    /// Figure 4's plan on `tasks` and a runner of it, two jobs at a time, in `repository`.
    private func figure4(_ preset: Preset, tasks: [String], repository: URL, repro: URL) throws -> (SweepPlan, ChapterRunner) {
        let plan = try SweepPlan(figure: "figure4", preset: preset, tasks: tasks)
        let runner = ChapterRunner(experiment: "figure4", preset: preset, tasks: plan.tasks, offlineJobs: plan.offline,
                                   onlineJobs: plan.online, budget: plan.budget(of: plan.jobs[0]), repository: repository,
                                   jobs: 2, repro: repro)
        return (plan, runner)
    }

    private func recordedCalls(_ calls: URL) throws -> [String] {
        try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func aTasksRunsWaitForItsDatasetWhichIsMadeBesideOthers() throws {
        let (repository, repro, calls) = try scratchRepository()
        defer { try? FileManager.default.removeItem(at: repository) }

        let tasks = ["halfcheetah-random-v2", "hopper-random-v2", "walker2d-random-v2"]
        let (plan, runner) = try figure4(.quick, tasks: tasks, repository: repository, repro: repro)
        for job in plan.jobs where job.task == "walker2d-random-v2" {
            let run = runner.store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: run.configurationURL)
            try Data("{}".utf8).write(to: run.doneURL)
        }
        try runner.runJobs(say: { _ in })

        let lines = try recordedCalls(calls)
        let index = { (line: String) in lines.firstIndex(of: line) ?? -1 }
        #expect(!lines.contains { $0.contains("walker2d-random-v2") }, "a finished task needs neither dataset nor runs")
        #expect(lines.filter { $0.hasPrefix("start dataset") }.count == 2)
        #expect(index("end dataset halfcheetah-random-v2") > lines.firstIndex { $0.hasPrefix("start dataset hopper-random-v2") } ?? .max,
                "the second dataset starts while the first is made")
        #expect(lines.contains("start dataset halfcheetah-random-v2 dataset generate halfcheetah-random-v2 --preset quick --size 1000000 --repository \(repository.path) --if-missing"))
        for task in tasks.prefix(2) {
            let runs = lines.indices.filter { lines[$0].hasPrefix("start finetune \(task)") }
            #expect(runs.count == 4 * 2, "\(task): four methods' offline phases and arms")
            #expect(runs.allSatisfy { $0 > index("end dataset \(task)") }, "\(task)'s runs wait for its dataset")
        }
    }

    /// Figure 3's quick runs, all finished, one of them (CQL's linear arm, seed 0) with its
    /// schedule stretched over twice the online phase, as a stale chapter binary once launched
    /// them: the chapter refuses to draw that run, names it and what differs, and passes the
    /// others; a finished run without a readable configuration is refused as well.
    @Test func aRunMadeWithAnotherScheduleIsRefused() throws {
        let (repository, repro, _) = try scratchRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let plan = try SweepPlan(figure: "figure3", preset: .quick)
        let budget = plan.budget(of: plan.jobs[0])
        let runner = ChapterRunner(experiment: "objective-switching", preset: .quick, tasks: plan.tasks, offlineJobs: plan.offline,
                                   onlineJobs: plan.online, budget: budget, repository: repository, jobs: 1, repro: repro)
        struct Recorded: Encodable { var schedule: TrainingSchedule }
        func record(stretching stretched: FineTuningJob?) throws {
            for job in plan.jobs {
                var schedule = job.exploration == nil
                    ? budget.offlineSchedule(on: .locomotion, datasetTransitions: 1_000)
                    : budget.onlineSchedule(on: .locomotion, updatesPerStep: 1, datasetTransitions: 1_000)
                if job.exploration != nil { schedule.objective = job.objective }
                if job.runKey == stretched?.runKey, case .linear(let target, let steps)? = job.objective {
                    schedule.objective = .linear(to: target, over: 2 * steps)
                }
                let run = runner.store.directory(for: job.runKey)
                try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
                try AtomicFile.writeJSON(Recorded(schedule: schedule), to: run.configurationURL)
                try Data("{}".utf8).write(to: run.doneURL)
            }
        }
        try record(stretching: nil)
        #expect(throws: Never.self) { try runner.checkRecordedSchedules() }

        let stale = try #require(plan.online.first { $0.algorithm == "cql" && $0.seed == 0 && $0.method.hasSuffix("+linear") })
        try record(stretching: stale)
        #expect {
            try runner.checkRecordedSchedules()
        } throws: { error in
            guard case .recordedScheduleDiffers(let runs)? = error as? ChapterError else { return false }
            return runs.count == 1 && runs[0].hasPrefix(runner.store.directory(for: stale.runKey).url.path + ": objective recorded linear→0.5 over")
                && "\(error)".contains("Move those run folders aside")
        }
        // A finished run whose configuration cannot be read is named too, not passed over.
        let unreadable = runner.store.directory(for: plan.offline[0].runKey)
        try Data("{}".utf8).write(to: unreadable.configurationURL)
        #expect {
            try runner.checkRecordedSchedules()
        } throws: { error in
            guard case .recordedScheduleDiffers(let runs)? = error as? ChapterError else { return false }
            return runs.count == 2 && runs.contains { $0.hasPrefix(unreadable.configurationURL.path + ": no readable schedule") }
        }
    }

    /// The AntMaze datasets share one ant controller: the second waits for the first, which
    /// trains it, instead of asking every ten seconds while it trains.
    @Test func antMazeDatasetsAreMadeOneAfterAnother() throws {
        let (repository, repro, calls) = try scratchRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let (_, runner) = try figure4(.paper, tasks: ["antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2"], repository: repository, repro: repro)
        try runner.runJobs(say: { _ in })
        let lines = try recordedCalls(calls)
        let first = try #require(lines.firstIndex(of: "end dataset antmaze-umaze-diverse-v2"))
        let second = try #require(lines.firstIndex { $0.hasPrefix("start dataset antmaze-medium-diverse-v2") })
        #expect(second > first)
    }

    /// The chapter watches the finished AntMaze and kitchen runs whose agent is here and that have
    /// no record of what its tables read: not a run watched already, but one whose record is
    /// older than the kitchen's elements; not an unfinished run, not a locomotion one, and not
    /// one that finished elsewhere, which it names with the command that would watch it.
    @Test func finishedAntMazeAndKitchenAgentsHereAreWatchedOnce() throws {
        let (repository, repro, calls) = try scratchRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let (plan, runner) = try figure4(.standard, tasks: ["hopper-random-v2", "antmaze-large-diverse-v2", "kitchen-mixed-v0"],
                                         repository: repository, repro: repro)
        func job(_ task: String, _ algorithm: String, offline: Bool, seed: Int) throws -> FineTuningJob {
            try #require((offline ? plan.offline : plan.online).first { $0.task == task && $0.algorithm == algorithm && $0.seed == seed })
        }
        /// A run with a configuration and a log, finished or not, with its final agent here or not.
        func make(_ job: FineTuningJob, done: Bool, agentHere: Bool) throws -> RunDirectory {
            let run = runner.store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.checkpointURL, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: run.configurationURL)
            try Data("step\teval_score\n0\t0\n".utf8).write(to: run.logURL)
            if done { try Data("{}".utf8).write(to: run.doneURL) }
            if agentHere { try Data().write(to: run.checkpointURL.appendingPathComponent("agent.o3fparam")) }
            return run
        }
        func record(_ run: RunDirectory, _ episode: RolloutEpisode) throws {
            try AtomicFile.writeJSON(FinalAgentWatch(provenance: .current(seed: 0), runLog: FNV1a64(try Data(contentsOf: run.logURL)).text,
                                                     episodes: [episode]), to: FinalAgentWatch.url(in: run))
        }
        let antMaze = "antmaze-large-diverse-v2", kitchen = "kitchen-mixed-v0"
        let toWatch = try job(antMaze, "lapo", offline: true, seed: 0)
        _ = try make(toWatch, done: true, agentHere: true)
        let watched = try make(try job(antMaze, "lapo", offline: false, seed: 0), done: true, agentHere: true)
        try record(watched, RolloutEpisode(episodeReturn: 0, length: 1000, normalizedScore: 0, approach: GoalApproach(start: 41, closest: 30, final: 35)))
        let elsewhere = try job(antMaze, "iql", offline: true, seed: 0)
        _ = try make(elsewhere, done: true, agentHere: false)
        _ = try make(try job(antMaze, "cql", offline: true, seed: 1), done: false, agentHere: true)
        _ = try make(try job("hopper-random-v2", "lapo", offline: true, seed: 0), done: true, agentHere: true)
        let kitchenWatched = try make(try job(kitchen, "lapo", offline: true, seed: 0), done: true, agentHere: true)
        try record(kitchenWatched, RolloutEpisode(episodeReturn: 1, length: 280, normalizedScore: 25, completedElements: [.microwave]))
        let kitchenOlder = try job(kitchen, "lapo", offline: false, seed: 0)
        try record(try make(kitchenOlder, done: true, agentHere: true), RolloutEpisode(episodeReturn: 1, length: 280, normalizedScore: 25))

        var said: [String] = []
        let watchedNow = try runner.watchAgents { said.append($0) }
        #expect(Set(watchedNow) == [toWatch.runKey.relativePath, kitchenOlder.runKey.relativePath], "\(watchedNow)")
        let starts = try recordedCalls(calls).filter { $0.hasPrefix("start ") }
        #expect(Set(starts) == Set([(toWatch, antMaze), (kitchenOlder, kitchen)].map { job, task in
            "start finetune \(task) " + (job.commandArguments(repository: repository.path) + ["--watch", "25"]).joined(separator: " ")
        }), "\(starts)")
        #expect(said.contains { $0.hasPrefix("not watched: \(elsewhere.runKey.relativePath) finished elsewhere") && $0.hasSuffix("--watch 25` trains it again first)") },
                "\(said)")
    }

    /// `--finished-only`: nothing is run, and the figure shows each task's arms over the seeds
    /// every arm has finished (standard LAPO on the kitchen with seed 2's noise arm still to run
    /// shows seeds 0 and 1 of both arms; a task with no such seed drops out), saying how many
    /// of the planned runs it shows.
    @Test func finishedOnlyRunsNothingAndShowsCompleteSeeds() throws {
        let (repository, repro, calls) = try scratchRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let lapo = LAPOExperiment(preset: .standard)
        let arms = lapo.onlineJobs(arms: [.o3f, .noise])
        var runner = ChapterRunner(experiment: "figure5", preset: .standard, tasks: lapo.tasks, offlineJobs: lapo.offlineJobs, onlineJobs: arms,
                                   budget: lapo.budget, repository: repository, jobs: 2, repro: repro)
        let finished = arms.filter { $0.task == "kitchen-mixed-v0" && !($0.seed == 2 && $0.exploration == .noise) }
            + arms.filter { $0.task == "halfcheetah-medium-v2" && $0.exploration == .o3f }
        for job in finished {
            let run = runner.store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try run.markDone(summary: ["finished": true])
        }
        #expect(runner.shown(arms) == arms, "without the flag every planned run is shown")
        runner.finishedOnly = true
        var said: [String] = []
        #expect(try runner.runJobs(say: { said.append($0) }).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: calls.path), "nothing was started")
        #expect(said.first?.hasPrefix("7 of \(lapo.offlineJobs.count + arms.count) runs finished; --finished-only") == true, "\(said)")

        let shown = runner.shown(arms)
        #expect(Set(shown.map(\.task)) == ["kitchen-mixed-v0"])
        #expect(shown.map(\.seed).sorted() == [0, 0, 1, 1])
        #expect(runner.scope(showing: shown, of: arms) == "4 of the \(arms.count) runs planned (the finished ones)")
        #expect(runner.scope(showing: arms, of: arms) == nil)
    }
}
