import RLCore

/// SAC's budgets when it trains online from scratch (`repro train sac`) and when it makes a
/// "medium" dataset (`repro dataset generate TASK-medium-v2`).
///
/// | preset   | online steps | warm-up | evaluation       | medium dataset            |
/// |----------|--------------|---------|------------------|---------------------------|
/// | quick    | 30,000       | 5,000   | every 2,500 × 5  | ≤ 100,000 steps, 100,000 transitions |
/// | standard | 300,000      | 5,000   | every 10,000 × 10| ≤ 1,000,000 steps, 1,000,000 transitions |
/// | paper    | 1,000,000    | 5,000   | every 5,000 × 10 | ≤ 1,000,000 steps, 1,000,000 transitions |
///
/// One update per step, batch 256, the default `SAC.Configuration`.
public enum SACPresets {
    /// The schedule of `repro train sac`.
    public static func schedule(for preset: Preset, onlineSteps: Int? = nil) -> TrainingSchedule {
        switch preset {
        case .quick:
            return TrainingSchedule(onlineSteps: onlineSteps ?? 30_000, warmupSteps: 5_000, evaluationInterval: 2_500,
                                    evaluationEpisodes: 5, logInterval: 500, checkpointInterval: 5_000, bufferCapacity: 1_000_000)
        case .standard:
            return TrainingSchedule(onlineSteps: onlineSteps ?? 300_000, warmupSteps: 5_000, evaluationInterval: 10_000,
                                    evaluationEpisodes: 10, logInterval: 1_000, checkpointInterval: 10_000, bufferCapacity: 1_000_000)
        case .paper:
            return TrainingSchedule(onlineSteps: onlineSteps ?? 1_000_000, warmupSteps: 5_000, evaluationInterval: 5_000,
                                    evaluationEpisodes: 10, logInterval: 1_000, checkpointInterval: 10_000, bufferCapacity: 1_000_000)
        }
    }

    /// The schedule of the SAC run behind a medium dataset: at most this many steps, ending
    /// early once the evaluation reaches the target score (evaluated every 5,000 steps).
    public static func mediumSchedule(for preset: Preset) -> TrainingSchedule {
        let steps = preset == .quick ? 100_000 : 1_000_000
        return TrainingSchedule(onlineSteps: steps, warmupSteps: 5_000, evaluationInterval: 5_000, evaluationEpisodes: 5,
                                logInterval: 1_000, checkpointInterval: 5_000, bufferCapacity: steps)
    }

    /// Transitions in a medium dataset of this preset.
    public static func mediumDatasetSize(for preset: Preset) -> Int { preset == .quick ? 100_000 : 1_000_000 }
}
