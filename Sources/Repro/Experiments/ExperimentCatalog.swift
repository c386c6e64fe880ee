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

    /// Every run behind `figure` on `preset` (offline phases first, then the online arms), on the
    /// tasks whose environments the kit has.
    public static func runs(for figure: String, preset: Preset) throws -> (offline: [FineTuningJob], online: [FineTuningJob]) {
        func available(_ jobs: [FineTuningJob]) throws -> [FineTuningJob] {
            try jobs.filter { try TaskRegistry.task(named: $0.task).isEnvironmentAvailable }
        }
        let online: [FineTuningJob]
        switch figure {
        case "figure2":
            online = ObjectiveSwitchingExperiment(preset: preset).figure2Jobs
        case "figure3":
            online = ObjectiveSwitchingExperiment(preset: preset).figure3Jobs
        case "figure4":
            online = D4RLComparisonExperiment(preset: preset).onlineJobs
        case "figure5":
            online = ActionRankingExperiment(preset: preset).onlineJobs + LAPOExperiment(preset: preset).onlineJobs(arms: [.o3f, .noise])
        case "figure6":
            online = LAPOExperiment(preset: preset).onlineJobs(arms: [.o3fOptimism, .o3f])
        default:
            throw ExperimentCatalogError.unknownFigure(figure)
        }
        let arms = try available(online)
        let offline = arms.map(\.offlineJob).reduce(into: [FineTuningJob]()) { if !$0.contains($1) { $0.append($1) } }
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
