import Foundation
import Testing
import RLCore
@testable import Repro

/// Every preset of every experiment must describe schedules the trainer accepts: a preset that
/// is only checked when its first run starts (standard and paper runs take hours to reach) can
/// otherwise fail on the machine that finally runs it.
@Suite struct PresetScheduleTests {
    @Test(arguments: ExperimentCatalog.names)
    func everyFineTuningPresetHasValidSchedules(experiment: String) throws {
        for preset in Preset.allCases {
            let budget = try #require(ExperimentCatalog.budget(for: experiment, preset: preset))
            for domain in D4RLTask.Domain.allCases {
                let context = "\(experiment), preset \(preset), \(domain)"
                #expect(throws: Never.self, "\(context): offline schedule") {
                    try budget.offlineSchedule(on: domain, datasetTransitions: 1_000).validate()
                }
                for updatesPerStep in [1, budget.lapoUpdatesPerStep] {
                    #expect(throws: Never.self, "\(context): online schedule at UTD \(updatesPerStep)") {
                        try budget.onlineSchedule(on: domain, updatesPerStep: updatesPerStep, datasetTransitions: 1_000).validate()
                    }
                }
            }
        }
    }

    @Test func everySACAndAntControllerPresetHasAValidSchedule() throws {
        let store = ResultsStore(root: FileManager.default.temporaryDirectory)
        for preset in Preset.allCases {
            #expect(throws: Never.self, "repro train sac, preset \(preset)") { try SACPresets.schedule(for: preset).validate() }
            #expect(throws: Never.self, "medium dataset SAC, preset \(preset)") { try SACPresets.mediumSchedule(for: preset).validate() }
            #expect(throws: Never.self, "ant controller, preset \(preset)") {
                try AntControllerTraining(preset: preset, store: store).schedule.validate()
            }
        }
    }

    /// The check has teeth: the standard Figure 4 budget once logged every 100 steps and
    /// checkpointed every 250, which the trainer refuses.
    @Test func aCheckpointIntervalOffTheLogGridIsRefused() {
        var budget = D4RLComparisonExperiment(preset: .standard).budget
        budget.logInterval = 100
        #expect(throws: TrainingError.self) { try budget.onlineSchedule(on: .locomotion, updatesPerStep: 1, datasetTransitions: 1_000).validate() }
    }
}
