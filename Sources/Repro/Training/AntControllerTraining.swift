import Foundation
import RLCore

/// The goal-reaching ant controller behind the AntMaze datasets, trained D4RL's way: SAC
/// online in open space (`AntGoalReachingEnvironment`: D4RL's ant, no walls, targets 1–5 m
/// away, reward = progress towards the target per second). The run is an ordinary resumable
/// run in the results store, `<store>/<preset>/antmaze-controller/ant-goal-reaching/sac/seed-<seed>`,
/// never redone once finished.
///
/// | preset   | online steps | warm-up | evaluation      | networks, batch |
/// |----------|--------------|---------|-----------------|-----------------|
/// | tiny     | 1,000        | 200     | every 500 × 2   | 32×32, 64 (tests) |
/// | quick    | 100,000      | 5,000   | every 5,000 × 10 | 128×128, 256   |
/// | standard | 500,000      | 5,000   | every 10,000 × 10 | 256×256, 256  |
/// | paper    | 1,000,000    | 5,000   | every 10,000 × 10 | 256×256, 256  |
///
/// One update per step; the default `SAC.Configuration` otherwise (quick's narrower networks
/// update about three times as fast on a loaded 2-core machine). Measured here (release build,
/// `nice -n 19` beside two busy cores): 256×256 about 140 steps/s. The evaluation's score is
/// the mean distance closed in metres, return · Δt (a return is (d_0 − d_T)/Δt).
public struct AntControllerTraining {
    public var preset: Preset
    public var seed: UInt64
    public var store: ResultsStore
    /// Online steps; nil means the preset's.
    public var onlineSteps: Int?
    /// The model files.
    public var assets: ModelAssets = .standard

    /// The run's experiment, task and method names in the results store.
    public static let experiment = "antmaze-controller", taskName = "ant-goal-reaching"

    public init(preset: Preset, seed: UInt64 = 0, store: ResultsStore, onlineSteps: Int? = nil) {
        self.preset = preset
        self.seed = seed
        self.store = store
        self.onlineSteps = onlineSteps
    }

    /// SAC's settings: the library defaults, with `tiny`'s and `quick`'s narrower networks.
    public var agentConfiguration: SAC.Configuration { Self.agentConfiguration(for: preset) }

    /// The preset's schedule (the table above).
    public var schedule: TrainingSchedule { Self.schedule(for: preset, onlineSteps: onlineSteps) }

    /// SAC's settings at `preset`.
    public static func agentConfiguration(for preset: Preset) -> SAC.Configuration {
        var configuration = SACPresets.configuration(for: preset)
        if preset == .quick { configuration.hiddenSizes = [128, 128] }
        return configuration
    }

    /// The schedule at `preset`, `onlineSteps` replacing its length when given.
    public static func schedule(for preset: Preset, onlineSteps: Int? = nil) -> TrainingSchedule {
        switch preset {
        case .tiny:
            return TrainingSchedule(onlineSteps: onlineSteps ?? 1_000, warmupSteps: 200, evaluationInterval: 500, evaluationEpisodes: 2,
                                    logInterval: 100, checkpointInterval: 500, bufferCapacity: onlineSteps ?? 1_000)
        case .quick, .standard, .paper:
            let steps = onlineSteps ?? [.quick: 100_000, .standard: 500_000, .paper: 1_000_000][preset]!
            let interval = preset == .quick ? 5_000 : 10_000
            return TrainingSchedule(onlineSteps: steps, warmupSteps: 5_000, evaluationInterval: interval, evaluationEpisodes: 10,
                                    logInterval: 1_000, checkpointInterval: interval, bufferCapacity: steps)
        }
    }

    public var runDirectory: RunDirectory {
        store.directory(for: RunKey(experiment: Self.experiment, task: Self.taskName, method: "sac", seed: Int(seed), preset: preset))
    }

    /// The command that trains (or resumes) this run.
    public var command: String { "repro train ant-controller --preset \(preset) --seed \(seed)" + (onlineSteps.map { " --steps \($0)" } ?? "") }

    /// The finished run's actor alone, `<run>/actor.o3fparam` (`exportActor`): a few hundred
    /// kilobytes committed with the run's records (its checkpoint is git-ignored), so that a
    /// fresh clone records the AntMaze datasets with this controller instead of training it
    /// again (4,034 CPU seconds at `standard`, commit 5647afa).
    public var actorURL: URL { runDirectory.url.appendingPathComponent("actor.o3fparam") }

    /// Trains, resumes or reuses the run and returns its agent at the run's last checkpoint
    /// (its final agent once finished) with the run's summary; a finished run writes its
    /// `actorURL`. A finished run whose checkpoint is not on this machine but whose actor file
    /// is returns the controller `controller(actorFile:)` reads (it acts as the final agent
    /// does; its critics are untrained). `stopAfterStep` ends this session early, as an
    /// interruption would (the run resumes from there next time).
    public func train(showsProgress: Bool = true, stopAfterStep: Int? = nil) throws -> (agent: SAC, summary: TrainingSummary) {
        let configuration = RunConfiguration(algorithm: "sac", task: Self.taskName, preset: preset, seed: seed, agent: agentConfiguration,
                                             schedule: schedule, selector: .policy)
        if runDirectory.status == .done, !FinalAgentRecovery.hasFinalAgent(runDirectory),
           FileManager.default.fileExists(atPath: actorURL.path) {
            try runDirectory.claim(configuration: configuration)   // the committed run is the one asked for
            return (try Self.controller(actorFile: actorURL), try runDirectory.summary())
        }
        let environment = try AntGoalReachingEnvironment(assets: assets)
        var networkStream = RandomStream(seed: seed, for: .networks)
        let agent = SAC(observationSize: environment.observationSize, actionSize: environment.actionSize,
                        configuration: agentConfiguration, using: &networkStream)
        var run = TrainingRun(configuration: configuration, directory: runDirectory)
        run.showsProgress = showsProgress
        run.recoversFinalAgent = true
        let summary = try run.run(agent: agent, label: Self.taskName, makeEnvironment: { try AntGoalReachingEnvironment(assets: assets) },
                                  normalizedScore: { $0 * AntGoalReachingEnvironment.stepDuration },
                                  prepare: { $0.stopAfterStep = stopAfterStep })
        if runDirectory.status == .done {
            // The final checkpoint holds the policy at the last step (also for a run finished earlier).
            try agent.restore(from: ParameterArchive(contentsOf: runDirectory.checkpointURL.appendingPathComponent("agent.o3fparam")))
            if !FileManager.default.fileExists(atPath: actorURL.path) { try Self.exportActor(of: agent, to: actorURL) }
        }
        return (agent, summary)
    }

    /// Writes `controller`'s actor alone (the weights the datasets and tests need, under the
    /// checkpoint's `actor.` names) to `url`: a few hundred kilobytes instead of the whole run.
    public static func exportActor(of controller: SAC, to url: URL) throws {
        var archive = ParameterArchive()
        archive.add(controller.policy.network.parameters, prefix: "actor.")
        try archive.write(to: url)
    }

    /// A controller whose actor is read from a file `exportActor` wrote (critics untrained:
    /// it can act, not learn); its hidden widths are the file's (`actor.layerK.weight` is
    /// in × out), so an actor of any preset drives a recording of any preset.
    public static func controller(actorFile url: URL) throws -> SAC {
        let archive = try ParameterArchive(contentsOf: url)
        var hidden: [Int] = []
        while let weight = archive.tensors["actor.layer\(hidden.count).weight"], archive.tensors["actor.layer\(hidden.count + 1).weight"] != nil {
            hidden.append(weight.shape[1])
        }
        var configuration = SAC.Configuration()
        configuration.hiddenSizes = hidden
        var rng = RandomStream(seed: 0, for: .networks)
        let agent = SAC(observationSize: 29, actionSize: 8, configuration: configuration, using: &rng)
        try archive.load(into: agent.policy.network.parameters, prefix: "actor.")
        return agent
    }
}
