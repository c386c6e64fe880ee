import Foundation
import RLCore

/// Chapter 2's experiment (the paper's Figure 5): IQL trained offline, then fine-tuned online
/// acting with O3F or with Gaussian noise of the same σ, on each task and seed.
///
/// | preset   | tasks                 | seeds | offline K | online T | evaluation      | dataset |
/// |----------|-----------------------|-------|-----------|----------|-----------------|---------|
/// | tiny     | halfcheetah-medium-v2 | 1     | 200       | 200      | every 100 × 1   | tiny generated (tests) |
/// | quick    | halfcheetah-medium-v2 | 2     | 25,000    | 25,000   | every 2,500 × 5 | quick generated (100k) |
/// | standard | halfcheetah-medium-v2, antmaze-large-diverse-v2, kitchen-mixed-v0 | 3 | 100,000 | 50,000 | every 5,000 × 10 (AntMaze × 25) | standard generated (1M; AntMaze: planner-driven ant controller; kitchen: scripted demonstrations) |
/// | paper    | + antmaze-large-diverse-v1, kitchen-mixed-v0 | 5 | 1,000,000 | 500,000 | every 10,000 × 10 | D4RL or generated |
///
/// The paper does not state its seeds or its online budget for Figure 5; 500,000 steps is the
/// span of its Figure 3 axis.
public struct ActionRankingExperiment {
    public static let name = "figure5"
    public var preset: Preset
    public var tasks: [String]
    public var seeds: [Int]
    public var arms: [OnlineExploration]
    public var budget: FineTuningBudget

    public init(preset: Preset) {
        self.preset = preset
        arms = [.o3f, .noise]
        switch preset {
        case .tiny:
            tasks = ["halfcheetah-medium-v2"]
            seeds = [0]
            budget = FineTuningBudget(offlineSteps: 200, onlineSteps: 200, offlineEvaluationInterval: 100, evaluationInterval: 100,
                                      evaluationEpisodes: 1, logInterval: 50, checkpointInterval: 100, hiddenSizes: [32, 32],
                                      batchSize: 64, datasetPreset: .tiny)
        case .quick:
            tasks = ["halfcheetah-medium-v2"]
            seeds = [0, 1]
            budget = FineTuningBudget(offlineSteps: 25_000, onlineSteps: 25_000, offlineEvaluationInterval: 5_000,
                                      evaluationInterval: 2_500, evaluationEpisodes: 5, logInterval: 500,
                                      checkpointInterval: 5_000, datasetPreset: .quick)
        case .standard:
            tasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v2", "kitchen-mixed-v0"]
            seeds = [0, 1, 2]
            budget = FineTuningBudget(offlineSteps: 100_000, onlineSteps: 50_000, offlineEvaluationInterval: 10_000,
                                      evaluationInterval: 5_000, evaluationEpisodes: 10, antMazeEvaluationEpisodes: 25,
                                      logInterval: 1_000, checkpointInterval: 10_000, datasetPreset: .standard)
        case .paper:
            tasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v1", "kitchen-mixed-v0"]
            seeds = [0, 1, 2, 3, 4]
            budget = FineTuningBudget.paper()
        }
    }

    /// The offline phases, one per (task, seed).
    public var offlineJobs: [FineTuningJob] {
        tasks.flatMap { task in seeds.map { FineTuningJob(experiment: Self.name, task: task, exploration: nil, seed: $0, preset: preset) } }
    }

    /// The online arms, each starting from its (task, seed) offline phase.
    public var onlineJobs: [FineTuningJob] {
        tasks.flatMap { task in
            seeds.flatMap { seed in arms.map { FineTuningJob(experiment: Self.name, task: task, exploration: $0, seed: seed, preset: preset) } }
        }
    }
}
