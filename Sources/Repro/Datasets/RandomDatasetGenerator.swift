import Foundation
import RLCore

/// Makes a D4RL "-random" dataset: `size` transitions of uniformly random actions, the way
/// D4RL recorded its random datasets, in D4RL's schema.
///
/// Each row i holds s = the observation before the action, a ~ U[actionLow, actionHigh]
/// (independent per dimension), r, s' = the observation after it, `terminals` = the
/// environment's true termination, `timeouts` = the time limit (`maxEpisodeSteps`) cut the
/// episode after this step (never set together with a terminal), `infos/qpos` and
/// `infos/qvel` = the simulator state *before* the action (float32), and
/// `infos/action_log_probs` = log density of the uniform policy, −Σ log(high − low).
/// After either flag the environment is reset. The last episode may be unfinished.
///
/// Randomness: actions come from `RandomStream(seed:for: .dataset)`, initial states from
/// `RandomStream(seed:for: .environment)`: same seed and MuJoCo version, same file.
public struct RandomDatasetGenerator: Sendable {
    /// Number of transitions N.
    public var size: Int
    /// The seed of both streams.
    public var seed: UInt64

    public init(size: Int = 1_000_000, seed: UInt64 = 0) {
        precondition(size >= 1, "a dataset needs at least one transition")
        self.size = size
        self.seed = seed
    }

    /// Runs the random policy in `environment` for `size` steps.
    /// - Parameters:
    ///   - task: recorded in `metadata/task`; its name labels the dataset.
    ///   - progress: called with the number of rows done, every 1,000 rows and at the end.
    /// - Throws: whatever the environment's `step` throws (e.g. a MuJoCo instability).
    public func generate(task: D4RLTask, in environment: any Environment,
                         progress: ((Int) -> Void)? = nil) throws -> D4RLDataset {
        var actionRNG = RandomStream(seed: seed, for: .dataset)
        var resetRNG = RandomStream(seed: seed, for: .environment)
        let low = environment.actionLow, high = environment.actionHigh
        let logProbability = -zip(low, high).reduce(0.0) { $0 + log(Double($1.1 - $1.0)) }
        var dataset = try DatasetRecorder(size: size).record(in: environment, resets: &resetRNG, progress: progress) { _ in
            let action = (0..<low.count).map { low[$0] + (high[$0] - low[$0]) * actionRNG.nextUniformFloat() }
            return (action, logProbability)
        }
        dataset.metadata = DatasetRecorder.metadata(
            task: task, seed: seed, size: size, maxEpisodeSteps: environment.maxEpisodeSteps,
            command: "repro dataset generate \(task.name) --size \(size) --seed \(seed)",
            extra: ["algorithm": .string("random"),
                    "behavior_policy": .string("uniform random actions, each dimension independently U[low, high]")])
        return dataset
    }
}
