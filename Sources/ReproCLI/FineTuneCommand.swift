import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro finetune iql TASK --exploration o3f|noise|policy|o3f-omega1|offline`: one run of a
/// fine-tuning experiment (the chapter executables call this once per run).
struct FineTuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "One offline phase, or one online arm starting from it, of a fine-tuning experiment.",
        discussion: """
        `--exploration offline` trains the offline phase of (task, seed); any other value fine-tunes \
        online from that phase's final agent, acting with O3F (o3f, o3f-omega1), Gaussian noise \
        (noise) or the policy's own sample (policy). Budgets come from the experiment's preset \
        (see `chapter02 --help` and Chapters/02-action-ranking/README.md). Runs go to the results \
        store and resume when interrupted.
        """
    )

    @Argument(help: "The offline algorithm: iql, cql, awac or lapo.")
    var algorithm: String

    @Argument(help: "The task, e.g. halfcheetah-medium-v2.")
    var task: String

    @Option(help: "offline, o3f, o3f-omega1, noise or policy.")
    var exploration: String = "offline"

    @Option(help: "The run's seed.")
    var seed: Int = 0

    @Option(help: "tiny, quick, standard or paper.")
    var preset: String = "quick"

    @Option(help: "How the objective changes online: fixed, abrupt:V, linear:V:STEPS or switch-sac (CQL → SAC).")
    var objective: String = "fixed"

    @Flag(name: .customLong("q-bias"), help: "Measure the critics' bias at every evaluation.")
    var measuresQBias = false

    @Option(help: "The experiment whose budget and run folder to use: figure5, objective-switching, lapo-o3f or d4rl-comparison.")
    var experiment: String = ActionRankingExperiment.name

    @Option(help: "Repository root (results store, datasets).")
    var repository: String?

    @Flag(name: .customLong("no-progress"), help: "No progress bar.")
    var noProgress = false

    @Option(help: ArgumentHelp("Roll the finished run's final agent out for this many episodes, print them and record them in the run's watch.json.",
                               discussion: "The deterministic policy, as the run's evaluations act; on AntMaze also the distance to the goal, in the kitchen the elements completed. Trains nothing when the run's checkpoint is here; a run committed elsewhere is trained again first (with its offline phase, for an arm), as a sweep would."))
    var watch: Int?

    func validate() throws {
        if exploration != "offline" && OnlineExploration(rawValue: exploration) == nil {
            throw ValidationError("--exploration \(exploration): use offline, " + OnlineExploration.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if !FineTuning.algorithms.contains(algorithm) {
            throw ValidationError("\(algorithm): fine-tuning supports \(FineTuning.algorithms.joined(separator: ", "))")
        }
        if ObjectiveSchedule(argument: objective) == nil {
            throw ValidationError("--objective \(objective): use fixed, abrupt:VALUE, linear:VALUE:STEPS or switch-sac")
        }
        if !ExperimentCatalog.names.contains(experiment) {
            throw ValidationError("--experiment \(experiment): known experiments: \(ExperimentCatalog.names.joined(separator: ", "))")
        }
        do { _ = try Preset(parsing: preset) } catch { throw ValidationError("--preset: \(error)") }
        if let watch, watch < 1 { throw ValidationError("--watch \(watch): give a number of episodes, 1 or more") }
    }

    func run() throws {
        let preset = try Preset(parsing: self.preset)
        let root = URL(fileURLWithPath: repository ?? FileManager.default.currentDirectoryPath)
        let budget = ExperimentCatalog.budget(for: experiment, preset: preset)!
        var fineTuning = FineTuning(budget: budget, store: ResultsStore.standard(for: preset, repository: root),
                                    locator: DatasetLocator(workingDirectory: root).forDatasets(of: budget.datasetPreset))
        fineTuning.showsProgress = !noProgress
        let schedule = ObjectiveSchedule(argument: objective)!
        let job = FineTuningJob(experiment: experiment, algorithm: algorithm, task: task,
                                exploration: OnlineExploration(rawValue: exploration), seed: seed, preset: preset,
                                objective: schedule == .fixed ? nil : schedule, measuresQBias: measuresQBias)
        if let watch {
            let record = try FinalAgentWatch.watch(job, in: fineTuning, episodes: watch)
            print("\(job.description): the final agent of \(fineTuning.directory(for: job).url.path), \(watch) episodes (seed \(seed)), "
                  + "recorded in its watch.json")
            print(rolloutTable(record.episodes))
            return
        }
        let summary = try exitingWhenRunIsTaken { try fineTuning.run(job) }
        if let first = summary.evaluations.first, let last = summary.finalEvaluation {
            print(String(format: "%@: score %.1f at step %d → %.1f at step %d", job.description, first.score, first.step, last.score, last.step))
        }
    }
}
