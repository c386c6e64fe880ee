import Foundation
import RLCore

/// The LAPO runs shared by Chapter 2 (Figure 5's LAPO panels: O3F against Gaussian noise) and
/// Chapter 3 (Figure 6: O3F scoring with the critics' mean, ω = 0, against mean plus their
/// spread, ω = 1). LAPO is trained offline once per (task, seed); every arm starts from it and
/// runs O3F's LAPO online: 5 Q-functions with REDQ targets and 20 critic updates per
/// environment step, which makes an online step cost ≈ 0.7 s of one core (`repro bench agents lapo`).
///
/// | preset   | tasks                 | seeds | offline K | online T | evaluation       | dataset |
/// |----------|-----------------------|-------|-----------|----------|------------------|---------|
/// | tiny     | halfcheetah-medium-v2 | 1     | 100       | 40       | every 20 × 1     | tiny generated (tests; 16×16, UTD 2) |
/// | quick    | halfcheetah-medium-v2 | 1     | 5,000     | 500      | every 100 × 2    | quick generated (100k) |
/// | standard | halfcheetah-medium-v2, antmaze-large-diverse-v2, kitchen-mixed-v0 | 2 (AntMaze, kitchen: 3) | 30,000 | 3,000 | every 500 × 5 (AntMaze × 25) | standard generated (1M; AntMaze: planner-driven ant controller; kitchen: scripted demonstrations) |
/// | paper    | + antmaze-large-diverse-v1, kitchen-mixed-v0 | 5 | 1,000,000 | 500,000 | every 10,000 × 10 | D4RL or generated |
///
/// The standard preset has 3,000 online steps and, on halfcheetah-medium, two seeds, not three,
/// because each LAPO seed costs ≈ 2.5 hours of one core there (30,000 offline updates at ≈ 0.08 s
/// and three online arms at ≈ 0.8 s a step with both cores busy): with 3,000 steps, Figure 6's
/// four arms on halfcheetah-medium finish in one three-hour sitting on two cores, offline phases
/// included. AntMaze and the kitchen, the tasks the paper's strongest claims are about, get
/// three seeds (a seed costs ≈ 5 hours of one core on antmaze-large-diverse, where an online
/// step takes ≈ 1.7 s, and ≈ 2.4 hours on kitchen-mixed).
/// The quick budget only shows the pipeline working; LAPO needs far more than 5,000 offline
/// updates to reach its published halfcheetah-medium score (≈ 47).
public struct LAPOExperiment {
    public static let name = "lapo-o3f"
    public var preset: Preset
    public var tasks: [String]
    /// The seeds each task runs; see `seeds(on:)`.
    public var seedsByTask: [String: [Int]]
    public var budget: FineTuningBudget

    public init(preset: Preset) {
        self.preset = preset
        switch preset {
        case .tiny:
            tasks = ["halfcheetah-medium-v2"]
            seedsByTask = ["halfcheetah-medium-v2": [0]]
            budget = FineTuningBudget.tinyWithLAPO()
        case .quick:
            tasks = ["halfcheetah-medium-v2"]
            seedsByTask = ["halfcheetah-medium-v2": [0]]
            budget = FineTuningBudget(offlineSteps: 5_000, onlineSteps: 500, offlineEvaluationInterval: 2_500, evaluationInterval: 100,
                                      evaluationEpisodes: 2, logInterval: 100, checkpointInterval: 100, datasetPreset: .quick)
        case .standard:
            tasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v2", "kitchen-mixed-v0"]
            seedsByTask = ["halfcheetah-medium-v2": [0, 1], "antmaze-large-diverse-v2": [0, 1, 2], "kitchen-mixed-v0": [0, 1, 2]]
            budget = FineTuningBudget(offlineSteps: 30_000, onlineSteps: 3_000, offlineEvaluationInterval: 10_000,
                                      evaluationInterval: 500, evaluationEpisodes: 5, antMazeEvaluationEpisodes: 25, logInterval: 100,
                                      checkpointInterval: 500, datasetPreset: .standard)
        case .paper:
            let paperTasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v1", "kitchen-mixed-v0"]
            tasks = paperTasks
            seedsByTask = Dictionary(uniqueKeysWithValues: paperTasks.map { ($0, [0, 1, 2, 3, 4]) })
            budget = FineTuningBudget.paper()
        }
    }

    /// The seeds run on `task` (none for a task the preset does not have).
    public func seeds(on task: String) -> [Int] { seedsByTask[task] ?? [] }

    /// "seeds 0 1", or, when the tasks differ, each task's: "seeds 0 1 on halfcheetah-medium-v2,
    /// 0 1 2 on kitchen-mixed-v0" (for the chapters' opening line).
    public var seedsDescription: String {
        let lists = tasks.map { seeds(on: $0).map(String.init).joined(separator: " ") }
        guard Set(lists).count > 1 else { return "seeds " + (lists.first ?? "") }
        return "seeds " + zip(lists, tasks).map { "\($0) on \($1)" }.joined(separator: ", ")
    }

    /// The offline phases, one per (task, seed).
    public var offlineJobs: [FineTuningJob] { onlineJobs(arms: [.o3f]).map(\.offlineJob) }

    /// The online arms `arms` on every task and seed.
    public func onlineJobs(arms: [OnlineExploration]) -> [FineTuningJob] {
        tasks.flatMap { task in
            seeds(on: task).flatMap { seed in
                arms.map { FineTuningJob(experiment: Self.name, algorithm: "lapo", task: task, exploration: $0, seed: seed, preset: preset) }
            }
        }
    }
}
