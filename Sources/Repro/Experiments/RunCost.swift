import Foundation
import RLCore

/// The estimated one-core time of a fine-tuning run, for `repro sweep plan` and the Slurm
/// time limits. It multiplies the run's updates by the update times `repro bench agents`
/// measured on the kit's reference machine (2-core AMD EPYC VM, one BLAS thread; commit
/// 9666994, LAPO at commit c562587) and adds its environment steps and evaluations. Networks smaller than the reference
/// 256-wide ones (the `tiny` budgets) scale the time by their share of the multiply-adds.
public enum RunCost {
    /// Seconds per update at the reference sizes, by algorithm.
    public static let secondsPerUpdate: [String: Double] = [
        "sac": 0.0055, "iql-2": 0.0053, "iql-5": 0.0096, "cql": 0.079, "awac": 0.021, "lapo": 0.069,
    ]
    /// Seconds of one LAPO call that updates only the critics (one UTD-20 environment step,
    /// 0.681 s, is 19 of them and one full update).
    public static let lapoCriticCall = 0.0322
    /// Seconds of one policy pass at evaluation (one state, the reference sizes).
    public static let policyPass = 0.00012
    /// Seconds of one environment step by domain (`repro bench env`, one core: halfcheetah
    /// 36,000 steps/s, hopper 14,000, walker2d 11,000; AntMaze 1,700–2,700; the kitchen 115
    /// alone and 43 with both cores busy, MuJoCo-bound at 40 substeps of its model).
    public static let environmentStep: [D4RLTask.Domain: Double] = [.locomotion: 0.00005, .antmaze: 0.0005, .kitchen: 0.0087]

    /// Seconds of one evaluation episode of `task`: its time limit in steps of physics and
    /// policy (0.15 s on locomotion, 2.5 s on the kitchen).
    public static func evaluationEpisode(of task: D4RLTask) -> Double {
        Double(task.maxEpisodeSteps) * (environmentStep[task.domain]! + policyPass)
    }
    /// Seconds of one O3F action choice (100 candidates through the critics).
    public static let selection = 0.0006

    /// Estimated seconds of `job` on one core under `budget`.
    public static func seconds(of job: FineTuningJob, budget: FineTuningBudget) -> Double {
        let task = (try? TaskRegistry.task(named: job.task)) ?? TaskRegistry.all[0]
        let episode = evaluationEpisode(of: task)
        let key = job.algorithm == "iql" ? "iql-\(budget.iqlCritics)" : job.algorithm
        let update = (secondsPerUpdate[key] ?? secondsPerUpdate["iql-5"]!) * sizeFactor(budget.hiddenSizes)
        if job.exploration == nil {
            let evaluations = Double(budget.offlineSteps / max(budget.offlineEvaluationInterval, 1) + 1)
            return Double(budget.offlineSteps) * update + evaluations * Double(budget.evaluationEpisodes(on: task.domain)) * episode
        }
        var perStep = update + environmentStep[task.domain]!
        if job.algorithm == "lapo" {
            let calls = budget.lapoUpdatesPerStep
            perStep = (Double(calls - 1) * lapoCriticCall / secondsPerUpdate["lapo"]! + 1) * update
        }
        if job.objective == .switchToSAC { perStep = secondsPerUpdate["sac"]! * sizeFactor(budget.hiddenSizes) + environmentStep[task.domain]! }
        if job.exploration == .o3f || job.exploration == .o3fOptimism { perStep += selection }
        let evaluations = Double(budget.onlineSteps / max(budget.evaluationInterval, 1) + 1)
        return Double(budget.onlineSteps) * perStep + evaluations * Double(budget.evaluationEpisodes(on: task.domain)) * episode
    }

    /// Multiply-adds of hidden layers `sizes` relative to the reference two 256-wide layers.
    static func sizeFactor(_ sizes: [Int]?) -> Double {
        guard let sizes, !sizes.isEmpty else { return 1 }
        let products = zip(sizes, sizes.dropFirst()).map { Double($0 * $1) }.reduce(0, +) + Double(sizes.reduce(0, +) * 24)
        return max(products / Double(256 * 256 + 512 * 24), 0.01)
    }
}
