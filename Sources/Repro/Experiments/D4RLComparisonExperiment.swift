import Foundation
import RLCore

/// Chapter 4's experiment, the paper's Figure 4: O3F on LAPO against IQL, CQL and AWAC, each
/// trained offline and then fine-tuned online on the same task with the offline data in its
/// replay buffer. The baselines keep their offline objective and act with their own policy
/// (IQL with its usual two Q-functions); LAPO + O3F has five critics with REDQ targets, makes 20
/// critic updates per environment step and picks the best of 100 candidate actions.
///
/// | preset   | tasks                                  | seeds | offline K | online T | evaluation      | datasets |
/// |----------|----------------------------------------|-------|-----------|----------|-----------------|----------|
/// | tiny     | halfcheetah-random-v2                  | 1     | 100       | 40       | every 20 × 1    | tiny generated (tests) |
/// | quick    | {halfcheetah,hopper,walker2d}-random, halfcheetah-medium | 1 | 2,000 | 500 | every 100 × 2 | quick generated |
/// | standard | the six locomotion tasks, antmaze-large-diverse-v2, kitchen-mixed-v0 | 3 | 20,000 | 2,000 | every 250 × 5 (AntMaze × 25) | standard generated (1M; AntMaze: planner-driven ant controller; kitchen: scripted demonstrations) |
/// | paper    | + the AntMaze and Kitchen tasks        | 5     | 1,000,000 | 500,000  | every 10,000 × 10 | D4RL or generated |
///
/// The quick budget is a pipeline check that fits in an hour on two cores, datasets included:
/// hopper- and walker2d-medium are left out of it because their SAC "medium" recipe alone
/// takes longer. The budgets are small next to the paper's because LAPO + O3F's online step
/// costs ≈ 0.7 s of one core and CQL's update ≈ 80 ms (`repro bench agents`).
public struct D4RLComparisonExperiment {
    public static let name = "d4rl-comparison"
    /// The six locomotion tasks of the paper's Figure 4.
    public static let locomotionTasks = ["halfcheetah", "hopper", "walker2d"].flatMap { body in ["random", "medium"].map { "\(body)-\($0)-v2" } }
    /// The paper's other six: AntMaze and Kitchen.
    public static let otherTasks = ["antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2", "antmaze-large-diverse-v2",
                                    "kitchen-complete-v0", "kitchen-partial-v0", "kitchen-mixed-v0"]

    /// The four methods: (algorithm, online exploration, label).
    public static let methods: [(algorithm: String, exploration: OnlineExploration, label: String)] = [
        ("lapo", .o3f, "LAPO + O3F"), ("iql", .policy, "IQL"), ("cql", .policy, "CQL"), ("awac", .policy, "AWAC"),
    ]

    public var preset: Preset
    public var tasks: [String]
    public var seeds: [Int]
    public var budget: FineTuningBudget

    public init(preset: Preset) {
        self.preset = preset
        switch preset {
        case .tiny:
            tasks = ["halfcheetah-random-v2"]
            seeds = [0]
            budget = FineTuningBudget.tinyWithLAPO(iqlCritics: 2)
        case .quick:
            tasks = ["halfcheetah-random-v2", "hopper-random-v2", "walker2d-random-v2", "halfcheetah-medium-v2"]
            seeds = [0]
            budget = FineTuningBudget(offlineSteps: 2_000, onlineSteps: 500, offlineEvaluationInterval: 1_000, evaluationInterval: 100,
                                      evaluationEpisodes: 2, logInterval: 100, checkpointInterval: 100, datasetPreset: .quick, iqlCritics: 2)
        case .standard:
            tasks = Self.locomotionTasks + ["antmaze-large-diverse-v2", "kitchen-mixed-v0"]
            seeds = [0, 1, 2]
            budget = FineTuningBudget(offlineSteps: 20_000, onlineSteps: 2_000, offlineEvaluationInterval: 5_000,
                                      evaluationInterval: 250, evaluationEpisodes: 5, antMazeEvaluationEpisodes: 25, logInterval: 50,
                                      checkpointInterval: 250, datasetPreset: .standard, iqlCritics: 2)
        case .paper:
            tasks = Self.locomotionTasks + Self.otherTasks
            seeds = [0, 1, 2, 3, 4]
            budget = FineTuningBudget.paper(iqlCritics: 2)
        }
    }

    /// The online arms: every method on every task and seed.
    public var onlineJobs: [FineTuningJob] {
        tasks.flatMap { task in
            Self.methods.flatMap { method in
                seeds.map { FineTuningJob(experiment: Self.name, algorithm: method.algorithm, task: task, exploration: method.exploration,
                                          seed: $0, preset: preset) }
            }
        }
    }

    /// The offline phases the arms start from.
    public var offlineJobs: [FineTuningJob] { onlineJobs.map(\.offlineJob) }

    /// The label of an arm.
    public static func label(_ job: FineTuningJob) -> String {
        methods.first { $0.algorithm == job.algorithm }?.label ?? job.method
    }
}
