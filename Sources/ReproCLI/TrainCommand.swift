import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro train …`: one training run, resumable, in the results store.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one agent; the run is recorded, resumable and never redone once finished.",
        subcommands: [TrainSACCommand.self, TrainAntControllerCommand.self]
    )
}

/// Options every `repro train` subcommand shares.
struct RunOptions: ParsableArguments {
    @Option(help: "Budget: quick (minutes), standard (hours), paper (the paper's settings).")
    var preset: String = "quick"

    @Option(help: "The run's seed.")
    var seed: UInt64 = 0

    @Option(name: .customLong("run-dir"), help: "Run directory (default: the results store: runs/ for quick, results/ otherwise).")
    var runDirectory: String?

    func parsedPreset() throws -> Preset {
        do { return try Preset(parsing: preset) } catch { throw ValidationError("--preset: \(error)") }
    }

    /// The run directory for `key` unless --run-dir names one.
    func directory(for key: RunKey) -> RunDirectory {
        if let runDirectory { return RunDirectory(url: URL(fileURLWithPath: runDirectory)) }
        let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return ResultsStore.standard(for: key.preset, repository: repository).directory(for: key)
    }
}

/// `repro train sac TASK`: SAC online from scratch in the task's environment.
struct TrainSACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sac",
        abstract: "Train SAC online from scratch in a task's environment (no dataset).",
        discussion: """
        TASK names the environment and the score normalisation, e.g. halfcheetah-medium-v2 \
        (the dataset is not used). Presets: quick 30k steps, standard 300k, paper 1M; \
        5k warm-up steps of uniform actions; one update per step.
        """
    )

    @Argument(help: "A locomotion task, e.g. halfcheetah-medium-v2.")
    var task: String

    @OptionGroup var options: RunOptions

    @Option(help: "Online steps (overrides the preset's).")
    var steps: Int?

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps \(steps): give at least 1 step.") }
    }

    func run() throws {
        let preset = try options.parsedPreset()
        let task = try TaskRegistry.task(named: self.task)
        var rng = RandomStream(seed: options.seed, for: .networks)
        let environment = try makeEnvironment(for: task)
        let agentConfiguration = SAC.Configuration()
        let agent = SAC(observationSize: environment.observationSize, actionSize: environment.actionSize,
                        configuration: agentConfiguration, using: &rng)
        let configuration = RunConfiguration(algorithm: "sac", task: task.name, preset: preset, seed: options.seed,
                                             agent: agentConfiguration, schedule: SACPresets.schedule(for: preset, onlineSteps: steps),
                                             selector: .policy)
        let key = RunKey(experiment: "sac", task: task.environmentName, method: "sac", seed: Int(options.seed), preset: preset)
        let directory = options.directory(for: key)
        let summary = try TrainingRun(configuration: configuration, directory: directory).run(agent: agent)
        if let last = summary.finalEvaluation {
            print(String(format: "step %d: return %.1f, normalised score %.1f (%@)", last.step, last.meanReturn, last.score, directory.url.path))
        }
    }
}
