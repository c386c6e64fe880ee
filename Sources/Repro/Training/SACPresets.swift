import RLCore

/// SAC's budgets when it trains online from scratch (`repro train sac`) and when it makes a
/// "medium" dataset (`repro dataset generate TASK-medium-v2`).
///
/// | preset   | online steps | warm-up | evaluation       | medium dataset            |
/// |----------|--------------|---------|------------------|---------------------------|
/// | tiny     | 600          | 200     | every 300 × 1    | ≤ 600 steps, 5,000 transitions (tests) |
/// | quick    | 30,000       | 5,000   | every 2,500 × 5  | ≤ 100,000 steps, 100,000 transitions |
/// | standard | 300,000      | 5,000   | every 10,000 × 10| ≤ 1,000,000 steps, 1,000,000 transitions |
/// | paper    | 1,000,000    | 5,000   | every 5,000 × 10 | ≤ 1,000,000 steps, 1,000,000 transitions |
///
/// One update per step, batch 256, the default `SAC.Configuration`.
public enum SACPresets {
    /// The schedule of `repro train sac`.
    public static func schedule(for preset: Preset, onlineSteps: Int? = nil) -> TrainingSchedule {
        switch preset {
        case .tiny:
            return TrainingSchedule(onlineSteps: onlineSteps ?? 600, warmupSteps: 200, evaluationInterval: 300,
                                    evaluationEpisodes: 1, logInterval: 100, checkpointInterval: 300, bufferCapacity: 1_000)
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
        if preset == .tiny {
            return TrainingSchedule(onlineSteps: 600, warmupSteps: 200, evaluationInterval: 300, evaluationEpisodes: 1,
                                    logInterval: 100, checkpointInterval: 300, bufferCapacity: 600)
        }
        let steps = preset == .quick ? 100_000 : 1_000_000
        return TrainingSchedule(onlineSteps: steps, warmupSteps: 5_000, evaluationInterval: 5_000, evaluationEpisodes: 5,
                                logInterval: 1_000, checkpointInterval: 5_000, bufferCapacity: steps)
    }

    /// SAC's settings for a preset: the library defaults, except `tiny`'s small networks.
    public static func configuration(for preset: Preset) -> SAC.Configuration {
        var configuration = SAC.Configuration()
        if preset == .tiny {
            configuration.hiddenSizes = [32, 32]
            configuration.batchSize = 64
        }
        return configuration
    }

    /// Transitions in a medium dataset of this preset.
    public static func mediumDatasetSize(for preset: Preset) -> Int {
        switch preset {
        case .tiny: return 5_000
        case .quick: return 100_000
        case .standard, .paper: return 1_000_000
        }
    }
}
