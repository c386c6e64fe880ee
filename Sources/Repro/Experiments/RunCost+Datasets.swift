import Foundation
import RLCore

extension RunCost {
    /// Estimated one-core seconds of `repro dataset generate` for `task` at `preset`, from the
    /// same reference times as the runs: the rows recorded (one environment step each, and a
    /// policy pass where a policy acts), plus the SAC training behind a "medium" file or an
    /// AntMaze controller. A medium file's SAC stops at its target score, so its estimate is an
    /// upper bound (`isUpperBound`: the budget's every step); so is AntMaze's when the
    /// controller it would train has already been trained; the kitchen's counts its physics
    /// alone. Nil for data the kit cannot make.
    public static func datasetSeconds(of task: D4RLTask, preset: Preset) -> (seconds: Double, isUpperBound: Bool)? {
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
            let training = Double(AntControllerTraining.schedule(for: preset).onlineSteps)
                * (secondsPerUpdate["sac"]! * sizeFactor(AntControllerTraining.agentConfiguration(for: preset).hiddenSizes) + step)
            return (training + rows * (step + policyPass), true)
        default:
            // Kitchen: the physics of the recorded steps only; the scripted controller's own work
            // and discarded demonstrations are not counted, so this is a lower bound.
            return (rows * step, false)
        }
    }
}
