import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct SweepPlanTests {
    private func scratchStore() throws -> ResultsStore {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return ResultsStore(root: url)
    }

    /// Figure 6 on tiny: LAPO's offline phase and the two scoring arms, which wait for it.
    @Test func planListsARunsStatusAndDependencies() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let plan = try SweepPlan(figure: "figure6", preset: .tiny)
        #expect(plan.offline.map(\.method) == ["lapo-offline"] && plan.online.map(\.method) == ["lapo+o3f-omega1", "lapo+o3f"])
        #expect(plan.entries(in: store).allSatisfy { $0.status == .missing && $0.remainingSeconds > 0 })

        // The offline phase finished, one arm half-way through (its log reached step 20 of 40).
        let offline = store.directory(for: plan.offline[0].runKey)
        try FileManager.default.createDirectory(at: offline.url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: offline.configurationURL)
        try Data("{}".utf8).write(to: offline.doneURL)
        try FileManager.default.createDirectory(at: offline.checkpointURL, withIntermediateDirectories: true)
        try Data().write(to: offline.checkpointURL.appendingPathComponent("agent.o3fparam"))
        let arm = store.directory(for: plan.online[0].runKey)
        try FileManager.default.createDirectory(at: arm.url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: arm.configurationURL)
        try Data("step\tphase\n0\tstart\n20\tonline\n".utf8).write(to: arm.logURL)
        let entries = plan.entries(in: store)
        #expect(entries.map(\.status) == [.done, .partial, .missing])
        #expect(entries[0].remainingSeconds == 0)
        #expect(abs(entries[1].remainingSeconds - entries[2].remainingSeconds / 2) < 1e-9)
        #expect(plan.report(store: store, cores: 2).contains("figure6, preset tiny: 3 runs — 1 done, 1 partial, 1 missing"))

        // As a sweep's child processes: the arms wait for their offline phase.
        let jobs = plan.online.map { $0.sweepJob(repository: "/r") }
        #expect(jobs.map(\.name) == plan.online.map(\.runKey.relativePath))
        #expect(jobs.allSatisfy { $0.dependencies == [plan.offline[0].runKey.relativePath] })
        #expect(plan.offline[0].sweepJob(repository: "/r").dependencies.isEmpty)
        #expect(jobs[0].arguments == ["finetune", "lapo", "halfcheetah-medium-v2", "--exploration", "o3f-omega1", "--seed", "0", "--preset", "tiny",
                                      "--experiment", "lapo-o3f", "--repository", "/r", "--no-progress"])
    }

    /// An offline phase committed from another machine has no agent here: the first of its
    /// unfinished arms counts the time to train it again, once.
    @Test func anArmCountsTheRecoveryOfItsOfflinePhaseOnce() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let plan = try SweepPlan(figure: "figure6", preset: .tiny)
        let fresh = plan.entries(in: store)
        let offline = store.directory(for: plan.offline[0].runKey)
        try FileManager.default.createDirectory(at: offline.url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: offline.configurationURL)
        try Data(#"{"finalStep": 0, "updates": 100, "evaluations": [], "wallTime": 50}"#.utf8).write(to: offline.doneURL)
        let entries = plan.entries(in: store)
        // The arms' reference estimates scale as the finished phase's did (50 s against its reference).
        let scale = 50 / fresh[0].remainingSeconds
        #expect(entries[1].recoverySeconds == 50 && abs(entries[1].remainingSeconds - (scale * fresh[1].remainingSeconds + 50)) < 1e-9)
        #expect(entries[2].recoverySeconds == 0 && abs(entries[2].remainingSeconds - scale * fresh[2].remainingSeconds) < 1e-9)
        #expect(plan.report(store: store, cores: 1).contains("with 50 s to train its offline phase again first"), "\(plan.report(store: store, cores: 1))")

        // With its agent here, nothing to recover.
        try FileManager.default.createDirectory(at: offline.checkpointURL, withIntermediateDirectories: true)
        try Data().write(to: offline.checkpointURL.appendingPathComponent("agent.o3fparam"))
        #expect(plan.entries(in: store).allSatisfy { $0.recoverySeconds == 0 })
    }

    /// Once runs like it have finished, a run's estimate is their median wall time: IQL's offline
    /// phases on halfcheetah-medium, seeds 0 and 1 done in 100 s and 300 s, predict 200 s for
    /// seed 2 and for the hopper task's seeds (same domain); another method keeps its reference
    /// estimate, scaled by how the finished runs compared with theirs (200 s against the
    /// reference's); the report adds up what the finished runs took.
    @Test func finishedRunsCalibrateTheEstimatesOfRunsLikeThem() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let plan = try SweepPlan(figure: "figure4", preset: .standard, tasks: ["halfcheetah-medium-v2", "hopper-random-v2"])
        let reference = plan.entries(in: store)
        #expect(reference.allSatisfy { !$0.isMeasured })
        let iql = plan.offline.filter { $0.algorithm == "iql" && $0.task == "halfcheetah-medium-v2" }
        for (job, seconds) in zip(iql, [100.0, 300.0]) {
            let directory = store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: directory.configurationURL)
            try Data(#"{"finalStep": 0, "updates": 20000, "evaluations": [], "wallTime": \#(seconds)}"#.utf8).write(to: directory.doneURL)
        }
        let entries = plan.entries(in: store)
        let iqlOffline = entries.filter { $0.job.method == "iql-offline" }
        #expect(iqlOffline.map(\.status) == [.done, .done, .missing, .missing, .missing, .missing])
        #expect(iqlOffline.filter { $0.status == .missing }.allSatisfy { $0.isMeasured && $0.remainingSeconds == 200 })
        let others = entries.filter { $0.job.method != "iql-offline" }
        let scale = 200 / reference.first { $0.job.method == "iql-offline" }!.remainingSeconds
        #expect(abs(plan.referenceScale(in: store) - scale) < 1e-12)
        #expect(zip(others, reference.filter { $0.job.method != "iql-offline" }).allSatisfy {
            abs($0.remainingSeconds - $0.recoverySeconds - scale * $1.remainingSeconds) < 1e-9
        })
        // The finished phases have no agent here (no checkpoint): their arms train them again first.
        #expect(others.filter { $0.recoverySeconds > 0 }.map(\.job.runKey.relativePath)
                == iql.prefix(2).map { $0.runKey.relativePath.replacingOccurrences(of: "iql-offline", with: "iql+policy") })
        #expect(others.filter { $0.recoverySeconds > 0 }.allSatisfy { $0.recoverySeconds == 200 })
        #expect(others.allSatisfy { !$0.isMeasured })
        let report = plan.report(store: store, cores: 2)
        #expect(report.contains("3 min (measured)"))
        #expect(report.contains("48 runs — 2 done (7 min of one core), 0 partial, 46 missing"), "\(report)")
        #expect(report.contains("(estimates: 4 of the 46 from the one-core times of finished runs like them in this store, "
                                + String(format: "the rest from update times measured on a 2-core EPYC VM ×%.2f, as this store's finished runs took", scale)),
                "\(report)")
        // A plan of the hopper task alone learns from the halfcheetah runs too.
        let hopper = try SweepPlan(figure: "figure4", preset: .standard, tasks: ["hopper-random-v2"]).entries(in: store)
        #expect(hopper.filter { $0.job.method == "iql-offline" }.allSatisfy { $0.isMeasured && $0.remainingSeconds == 200 })
        #expect([3.0, 1, 100].median == 3 && [1.0, 3].median == 2)
    }

    @Test func figure4CoversFourMethodsOnEveryTask() throws {
        let plan = try SweepPlan(figure: "figure4", preset: .standard)
        #expect(plan.tasks == D4RLComparisonExperiment.locomotionTasks + ["antmaze-large-diverse-v2", "kitchen-mixed-v0"])
        #expect(plan.online.count == 8 * 4 * 3 && plan.offline.count == 8 * 4 * 3)
        #expect(Set(plan.online.map(\.method)) == ["lapo+o3f", "iql+policy", "cql+policy", "awac+policy"])
        #expect(throws: ExperimentCatalogError.unknownFigure("figure9")) { try SweepPlan(figure: "figure9", preset: .quick) }
    }

    /// A plan lists its runs task by task (each task's offline phases, then its arms), the order
    /// a sweep starts them in: an interrupted sweep leaves whole tasks finished.
    @Test func runsComeTaskByTask() throws {
        let plan = try SweepPlan(figure: "figure4", preset: .standard, tasks: ["walker2d-random-v2", "hopper-random-v2"])
        let perTask = 4 * 3 * 2
        #expect(plan.jobs.map(\.task) == Array(repeating: "hopper-random-v2", count: perTask) + Array(repeating: "walker2d-random-v2", count: perTask))
        for start in stride(from: 0, to: plan.jobs.count, by: perTask) {
            let task = plan.jobs[start..<start + perTask]
            #expect(task.prefix(perTask / 2).allSatisfy { $0.exploration == nil } && task.suffix(perTask / 2).allSatisfy { $0.exploration != nil })
        }
        #expect(Set(plan.jobs.map(\.runKey)) == Set((plan.offline + plan.online).map(\.runKey)))
    }

    /// The datasets a sweep still has to make: those of tasks with unfinished runs that are
    /// nowhere the kit looks. Figure 4's quick tasks in an empty repository: all four; with
    /// hopper-random's file in place and walker2d-random's runs all finished, the other two.
    @Test func aPlanNamesTheDatasetsStillToMake() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let repository = store.root
        let plan = try SweepPlan(figure: "figure4", preset: .quick)
        #expect(plan.missingDatasets(repository: repository, store: store) == plan.tasks)

        let hopper = DatasetLocator(workingDirectory: repository).forDatasets(of: .quick).generatedURL(for: try TaskRegistry.task(named: "hopper-random-v2"))
        try FileManager.default.createDirectory(at: hopper.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: hopper)
        for job in plan.jobs where job.task == "walker2d-random-v2" {
            let run = store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: run.configurationURL)
            try Data("{}".utf8).write(to: run.doneURL)
        }
        let missing = plan.missingDatasets(repository: repository, store: store)
        #expect(missing == ["halfcheetah-random-v2", "halfcheetah-medium-v2"])
        #expect(plan.report(store: store, cores: 2, missingDatasets: missing)
            .hasSuffix("datasets to make first (by `repro sweep run`, before their task's runs): halfcheetah-random-v2 (≈ 50 s of one core), "
                       + "halfcheetah-medium-v2 (at most ≈ 10 min of one core)\n"))
    }

    /// An AntMaze dataset costs its controller's training until that run is finished in the
    /// store (a committed run brings its actor), then its recording alone.
    @Test func anAntMazeDatasetCostsItsControllerUntilThatRunIsFinished() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let plan = try SweepPlan(figure: "figure4", preset: .standard, tasks: ["antmaze-large-diverse-v2"])
        let suffix = { plan.report(store: store, cores: 2, missingDatasets: ["antmaze-large-diverse-v2"]).split(separator: "\n").last ?? "" }
        #expect(suffix().hasSuffix("antmaze-large-diverse-v2 (≈ 78 min of one core)"), "\(suffix())")
        let controller = AntControllerTraining(preset: .standard, store: store).runDirectory
        try FileManager.default.createDirectory(at: controller.url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: controller.configurationURL)
        try Data("{}".utf8).write(to: controller.doneURL)
        #expect(suffix().hasSuffix("antmaze-large-diverse-v2 (≈ 10 min of one core)"), "\(suffix())")
    }

    /// A plan restricted to some tasks keeps exactly their offline phases and arms.
    @Test func aPlanCanBeRestrictedToSomeTasks() throws {
        let all = try SweepPlan(figure: "figure5", preset: .standard)
        let kitchen = try SweepPlan(figure: "figure5", preset: .standard, tasks: ["kitchen-mixed-v0"])
        #expect(kitchen.tasks == ["kitchen-mixed-v0"])
        #expect(kitchen.jobs.map(\.runKey) == all.jobs.filter { $0.task == "kitchen-mixed-v0" }.map(\.runKey))
        // IQL and LAPO, 3 seeds each on the kitchen: an offline phase and two arms a seed.
        #expect(kitchen.offline.count == 3 + 3 && kitchen.online.count == 3 * 2 + 3 * 2)
        let halfcheetah = try SweepPlan(figure: "figure5", preset: .standard, tasks: ["halfcheetah-medium-v2"])
        // LAPO runs 2 seeds on halfcheetah-medium.
        #expect(halfcheetah.offline.count == 3 + 2 && halfcheetah.online.count == 3 * 2 + 2 * 2)
    }

    /// The generated Slurm files, word for word.
    @Test func slurmScriptsMatchTheGoldenFiles() throws {
        let store = try scratchStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let plan = try SweepPlan(figure: "figure6", preset: .tiny)
        let files = SlurmSweep(plan: plan, repro: "/opt/o3f/repro", repository: "/shared/o3f repo", results: "/shared/results",
                               partition: "cpu").files(store: store)
        #expect(files["array.sbatch"] == """
            #!/bin/bash
            # One run of the o3f-repro sweep figure6 (preset tiny) per array task:
            # line SLURM_ARRAY_TASK_ID (counting from 0) of the run list given as the first argument.
            # Written by `repro sweep slurm`; submitted by submit.sh.
            #SBATCH --job-name=o3f-figure6-tiny
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --mem=1G
            #SBATCH --output=logs/%x-%A_%a.out
            #SBATCH --partition=cpu
            set -euo pipefail
            export OPENBLAS_NUM_THREADS=1
            export O3F_RESULTS_DIR=/shared/results
            line=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$1")
            eval "set -- $line"
            status=0
            /opt/o3f/repro "$@" || status=$?
            # 75: another worker holds this run; it is that worker's to finish.
            if [ "$status" -eq 75 ]; then exit 0; fi
            exit "$status"

            """)
        #expect(files["submit.sh"] == """
            #!/bin/sh
            # Submits the sweep figure6 (preset tiny): 1 offline run(s), then 2 online run(s).
            set -e
            cd "$(dirname "$0")"
            mkdir -p logs
            offline=$(sbatch --parsable --array=0-0 --time=0-00:10:02 array.sbatch offline.txt)
            echo "offline runs: job $offline"
            online=$(sbatch --parsable --array=0-1 --time=0-00:10:02 --dependency=afterok:$offline array.sbatch online.txt)
            echo "online runs: job $online"

            """)
        #expect(files["offline.txt"] == "finetune lapo halfcheetah-medium-v2 --exploration offline --seed 0 --preset tiny --experiment lapo-o3f --repository '/shared/o3f repo' --no-progress\n")
        #expect(files["online.txt"]!.split(separator: "\n").count == 2)
        #expect(SlurmSweep.timeLimit(seconds: 3 * 3_600) == "0-06:10:00")
    }
}

/// `repro sweep run` as users run it, in a scratch repository.
@Suite(.serialized) struct SweepRunTests {
    /// Two workers started together on the same sweep: both finish, every run is done, and no run
    /// was trained twice (each run's log has every step once).
    @Test func concurrentWorkersNeverTrainTheSameRun() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let (status, text) = try sandbox.run("repro", ["sweep", "run", "figure6", "--preset", "tiny", "--datasets-only"])
        try #require(status == 0, "\(text)")
        let workers = try (0..<2).map { _ in try sandbox.start("repro", ["sweep", "run", "figure6", "--preset", "tiny", "--jobs", "2"]) }
        let outputs = workers.map { String(decoding: ($0.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        for (worker, output) in zip(workers, outputs) {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0, "\(output)")
        }
        let plan = try SweepPlan(figure: "figure6", preset: .tiny)
        let store = ResultsStore(root: sandbox.repository.appendingPathComponent("runs"))
        #expect(plan.entries(in: store).allSatisfy { $0.status == .done })
        for job in plan.jobs {
            let steps = try sandbox.tsv("runs/" + job.runKey.relativePath + "/log.tsv").dropFirst().map { String($0[0]) }
            #expect(Set(steps).count == steps.count, "\(job.runKey.relativePath) logged a step twice: \(steps)")
        }
    }

    /// A worker killed (SIGKILL) in the middle of the offline phase leaves a partial run that the
    /// next sweep resumes from its checkpoint rather than restarting.
    @Test func aKilledWorkersRunIsResumed() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        _ = try sandbox.run("repro", ["sweep", "run", "figure6", "--preset", "tiny", "--datasets-only"])
        let (killed, _) = try sandbox.run("repro", ["finetune", "lapo", "halfcheetah-medium-v2", "--preset", "tiny", "--experiment", "lapo-o3f"],
                                          environment: ["O3F_FAULT_KILL_AFTER_STEP": "-40"])
        #expect(killed == 9 || killed == 137, "the worker should have died of SIGKILL, exit \(killed)")
        let plan = try SweepPlan(figure: "figure6", preset: .tiny)
        let store = ResultsStore(root: sandbox.repository.appendingPathComponent("runs"))
        #expect(plan.entries(in: store).map(\.status) == [.partial, .missing, .missing])
        // The tiny budget checkpoints every 20 steps: the rows up to step -60 are behind a
        // checkpoint. A resumed run keeps them as they are (wall times marked here); a run
        // that started again would write them anew.
        let log = "runs/" + plan.offline[0].runKey.relativePath + "/log.tsv"
        try markWallTimes(inLogAt: sandbox.repository.appendingPathComponent(log), throughStep: -60, with: "-1")
        let (status, output) = try sandbox.run("repro", ["sweep", "run", "figure6", "--preset", "tiny", "--jobs", "2"])
        #expect(status == 0, "\(output)")
        #expect(plan.entries(in: store).allSatisfy { $0.status == .done })
        let steps = try sandbox.tsv(log).dropFirst().map { Int($0[0])! }
        #expect(steps == steps.sorted() && Set(steps).count == steps.count && steps.last == 0, "\(steps)")
        let marked = try wallTimes(inLogAt: sandbox.repository.appendingPathComponent(log)).filter { $0.value == "-1" }
        #expect(marked.keys.sorted() == steps.filter { $0 <= -60 }, "rows kept from before the kill: \(marked)")
        // Its provenance names the process that resumed it, and from which checkpoint.
        let provenance = try store.directory(for: plan.offline[0].runKey).provenance()
        let resumption = try #require(provenance.resumptions?.first)
        #expect(provenance.resumptions?.count == 1 && [-60, -40].contains(resumption.step), "\(provenance)")
        #expect(resumption.kitCommit == provenance.kitCommit)
    }
}
