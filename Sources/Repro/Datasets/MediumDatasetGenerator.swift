import Foundation
import RLCore

/// Makes a D4RL-style "-medium" dataset the way D4RL did: train SAC online until its
/// evaluation reaches about one third of the expert level, stop, and record that policy's
/// *stochastic* actions for the dataset size (Fu et al. 2020, §5: "medium" datasets come from
/// a policy trained to roughly a third of expert performance, stopped early).
///
/// The target is a D4RL-normalised score (`targetScore`, default 33: one third of the expert
/// reference's 100). The SAC run is an ordinary run in the results store
/// (`<store>/<preset>/medium-dataset/<task>/sac-target-<target>/seed-<seed>`), so it resumes after an
/// interruption and is never redone; it ends at the first evaluation at or above the target,
/// or at the preset's step budget (then the file says the target was not reached).
///
/// The file has D4RL's schema plus `infos/action_log_probs` (log π(a|s) of the recorded
/// actions), `infos/qpos`, `infos/qvel`, `metadata/algorithm` = "SAC", `metadata/iteration`
/// (the policy's update count), `metadata/policy/*` (its weights under D4RL's names, PyTorch's
/// out × in layout) and the kit's provenance.
public struct MediumDatasetGenerator {
    public var task: D4RLTask
    public var preset: Preset
    public var seed: UInt64
    /// Transitions to record; nil means the preset's size (quick 100,000; otherwise 1,000,000).
    public var size: Int?
    /// The normalised score at which SAC training stops.
    public var targetScore: Double
    /// Where the SAC run lives.
    public var store: ResultsStore
    /// SAC's settings; nil means `SACPresets.configuration(for: preset)` (the library defaults).
    public var agentConfiguration: SAC.Configuration?
    /// The SAC run's schedule; nil means `SACPresets.mediumSchedule(for: preset)`.
    public var schedule: TrainingSchedule?

    public static let defaultTargetScore = 33.0

    public init(task: D4RLTask, preset: Preset, seed: UInt64 = 0, size: Int? = nil,
                targetScore: Double = MediumDatasetGenerator.defaultTargetScore, store: ResultsStore) {
        self.task = task
        self.preset = preset
        self.seed = seed
        self.size = size
        self.targetScore = targetScore
        self.store = store
    }

    /// The SAC run's directory; the method names the target (e.g. "sac-target-33"), so each
    /// target is its own run.
    public var runDirectory: RunDirectory {
        let target = targetScore == targetScore.rounded() ? String(Int(targetScore)) : String(targetScore)
        return store.directory(for: RunKey(experiment: "medium-dataset", task: task.name, method: "sac-target-\(target)",
                                           seed: Int(seed), preset: preset))
    }

    /// Trains (or resumes, or reuses) the SAC run, then records the dataset.
    public func generate(makeEnvironment: (D4RLTask) throws -> any Environment = { try RLCore.makeEnvironment(for: $0) },
                         showsProgress: Bool = true, progress: ((Int) -> Void)? = nil) throws -> D4RLDataset {
        let environment = try makeEnvironment(task)
        let agentConfiguration = self.agentConfiguration ?? SACPresets.configuration(for: preset)
        var networkStream = RandomStream(seed: seed, for: .networks)
        let agent = SAC(observationSize: environment.observationSize, actionSize: environment.actionSize,
                        configuration: agentConfiguration, using: &networkStream)
        let configuration = RunConfiguration(algorithm: "sac", task: task.name, preset: preset, seed: seed, agent: agentConfiguration,
                                             schedule: schedule ?? SACPresets.mediumSchedule(for: preset), selector: .policy,
                                             stopAtScore: targetScore)
        var run = TrainingRun(configuration: configuration, directory: runDirectory)
        run.showsProgress = showsProgress
        run.recoversFinalAgent = true
        let summary = try run.run(agent: agent, makeEnvironment: makeEnvironment)
        // The final checkpoint holds the policy at the stopping step (also for a run finished earlier).
        try agent.restore(from: ParameterArchive(contentsOf: runDirectory.checkpointURL.appendingPathComponent("agent.o3fparam")))
        guard let reached = summary.finalEvaluation else {
            throw DatasetGenerationError.trainingFailed(task: task.name, reason: "the SAC run has no evaluation")
        }

        let size = self.size ?? SACPresets.mediumDatasetSize(for: preset)
        var actionStream = RandomStream(seed: seed, for: .dataset)
        var resetStream = RandomStream(seed: seed, for: .environment)
        var dataset = try DatasetRecorder(size: size).record(in: environment, resets: &resetStream, progress: progress) { observation in
            let action = agent.act(observation: observation, deterministic: false, using: &actionStream)
            return (action, Double(agent.policy.lastLogProbs[0]))
        }
        let reachedTarget = reached.score >= targetScore
        var extra: [String: MetadataValue] = [
            "algorithm": .string("SAC"),
            "iteration": .integer(Int64(summary.updates)),
            "behavior_policy": .string(String(format: "SAC (stochastic actions) stopped at step %d with evaluation score %.1f; target %.1f%@",
                                              reached.step, reached.score, targetScore, reachedTarget ? "" : " NOT reached within the budget")),
            "policy_score": .real(reached.score),
            "policy_return": .real(reached.meanReturn),
            "target_score": .real(targetScore),
            "target_reached": .integer(reachedTarget ? 1 : 0),
            "preset": .string(preset.rawValue),
            "sac_run": .string(runDirectory.url.path),
        ]
        for (name, tensor) in policyTensors(agent) { extra["policy/" + name] = .array(tensor) }
        dataset.metadata = DatasetRecorder.metadata(
            task: task, seed: seed, size: size, maxEpisodeSteps: environment.maxEpisodeSteps,
            command: "repro dataset generate \(task.name) --preset \(preset) --seed \(seed) --target-score \(targetScore)", extra: extra)
        return dataset
    }

    /// The actor's weights under D4RL's names (`fc0`, `fc1`, …, `last_fc`, `last_fc_log_std`),
    /// each weight out × in as PyTorch stores it.
    private func policyTensors(_ agent: SAC) -> [(String, NumericArray)] {
        let network = agent.policy.network, n = agent.actionSize
        var tensors: [(String, NumericArray)] = []
        let layers = network.widths.count - 1
        for l in 0..<layers {
            let fanIn = network.widths[l], fanOut = network.widths[l + 1]
            let w = network.weights[l].values, b = network.biases[l].values
            func weight(columns: Range<Int>) -> NumericArray {
                var values: [Double] = []
                for j in columns { for i in 0..<fanIn { values.append(Double(w[i * fanOut + j])) } }
                return NumericArray(elementType: .float32, shape: [columns.count, fanIn], values: values)
            }
            func bias(columns: Range<Int>) -> NumericArray {
                NumericArray(elementType: .float32, shape: [columns.count], values: columns.map { Double(b[$0]) })
            }
            if l < layers - 1 {
                tensors += [("fc\(l)/weight", weight(columns: 0..<fanOut)), ("fc\(l)/bias", bias(columns: 0..<fanOut))]
            } else {
                tensors += [("last_fc/weight", weight(columns: 0..<n)), ("last_fc/bias", bias(columns: 0..<n)),
                            ("last_fc_log_std/weight", weight(columns: n..<(2 * n))), ("last_fc_log_std/bias", bias(columns: n..<(2 * n)))]
            }
        }
        return tensors
    }
}
