import Foundation
import RLCore

/// The kit's experiments by name (for `repro finetune --experiment`), and the runs behind each
/// figure (for `repro sweep`).
public enum ExperimentCatalog {
    public static let names = [ActionRankingExperiment.name, ObjectiveSwitchingExperiment.name, LAPOExperiment.name,
                               D4RLComparisonExperiment.name]

    public static func budget(for experiment: String, preset: Preset) -> FineTuningBudget? {
        switch experiment {
        case ActionRankingExperiment.name: return ActionRankingExperiment(preset: preset).budget
        case ObjectiveSwitchingExperiment.name: return ObjectiveSwitchingExperiment(preset: preset).budget
        case LAPOExperiment.name: return LAPOExperiment(preset: preset).budget
        case D4RLComparisonExperiment.name: return D4RLComparisonExperiment(preset: preset).budget
        default: return nil
        }
    }

    /// The figures whose runs `repro sweep` knows.
    public static let figures = ["figure2", "figure3", "figure4", "figure5", "figure6"]

    /// Every run behind `figure` on `preset`: the offline phases, then the online arms. Every
    /// task runs here: the kit makes the locomotion and kitchen datasets it does not find
    /// (`DatasetGeneration`), and a task whose dataset it cannot make stops with where to put
    /// D4RL's file.
    public static func runs(for figure: String, preset: Preset) throws -> (offline: [FineTuningJob], online: [FineTuningJob]) {
        let arms: [FineTuningJob]
        switch figure {
        case "figure2":
            arms = ObjectiveSwitchingExperiment(preset: preset).figure2Jobs
        case "figure3":
            arms = ObjectiveSwitchingExperiment(preset: preset).figure3Jobs
        case "figure4":
            arms = D4RLComparisonExperiment(preset: preset).onlineJobs
        case "figure5":
            arms = ActionRankingExperiment(preset: preset).onlineJobs + LAPOExperiment(preset: preset).onlineJobs(arms: [.o3f, .noise])
        case "figure6":
            arms = LAPOExperiment(preset: preset).onlineJobs(arms: [.o3fOptimism, .o3f])
        default:
            throw ExperimentCatalogError.unknownFigure(figure)
        }
        let offline = arms.map(\.offlineJob).removingDuplicates()
        return (offline, arms)
    }
}

public enum ExperimentCatalogError: Error, CustomStringConvertible, Equatable {
    case unknownFigure(String)

    public var description: String {
        switch self {
        case .unknownFigure(let name): return "unknown figure '\(name)': sweeps know \(ExperimentCatalog.figures.joined(separator: ", "))"
        }
    }
}
