import Foundation
import RLCore

extension RunCost {
    /// One-core seconds of one step of the AntMaze controller's training (SAC update, ant
    /// physics, its share of the evaluations), measured: the standard run took 4,034 CPU
    /// seconds for 500,000 steps (commit 5647afa, beside one or two other busy processes). SAC's
    /// locomotion update time (`secondsPerUpdate`) plus a step of ant physics said 6.0 ms.
    public static let antControllerStep = 0.0081

    /// Estimated one-core seconds of `repro dataset generate` for `task` at `preset`, from the
    /// same reference times as the runs: the rows recorded (one environment step each, and a
    /// policy pass where a policy acts), plus the SAC training behind a "medium" file or an
    /// AntMaze controller (`antControllerStep` each; none when `controllerTrained`: its run is
    /// finished in the store). A medium file's SAC stops at its target score, so its estimate
    /// is an upper bound (`isUpperBound`: the budget's every step); the kitchen's counts its
    /// physics alone. Nil for data the kit cannot make.
    public static func datasetSeconds(of task: D4RLTask, preset: Preset,
                                      controllerTrained: Bool = false) -> (seconds: Double, isUpperBound: Bool)? {
        guard DatasetGeneration.canGenerate(task) else { return nil }
        let rows = Double(DatasetGeneration.rows(of: task, preset: preset))
        let step = environmentStep[task.domain]!
        let sacStep = secondsPerUpdate["sac"]! * sizeFactor(SACPresets.configuration(for: preset).hiddenSizes) + step
        switch (task.domain, task.datasetKind) {
        case (.locomotion, "random"):
            return (rows * step, false)
        case (.locomotion, _):
            let training = Double(SACPresets.mediumSchedule(for: preset).onlineSteps) * sacStep
            return (training + rows * (step + policyPass), true)
        case (.antmaze, _):
            let training = controllerTrained ? 0 : Double(AntControllerTraining.schedule(for: preset).onlineSteps)
                * antControllerStep * sizeFactor(AntControllerTraining.agentConfiguration(for: preset).hiddenSizes)
            return (training + rows * (step + policyPass), false)
        default:
            // Kitchen: the physics of the recorded steps only; the scripted controller's own work
            // and discarded demonstrations are not counted, so this is a lower bound.
            return (rows * step, false)
        }
    }
}
