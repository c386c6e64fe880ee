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

    /// Why the kit cannot run `task` on this machine, or nil when it can. Every task's
    /// environment is in the kit; what can be missing is the dataset. The kit makes the
    /// locomotion datasets itself and runs AntMaze on D4RL's files (a run without one stops and
    /// says where to put it); it cannot make Kitchen's demonstrations yet, so a Kitchen task is
    /// run only when D4RL's file is found (`DatasetLocator`) and skipped otherwise.
    public static func reasonToSkip(_ task: D4RLTask, locator: DatasetLocator = DatasetLocator()) -> String? {
        guard task.domain == .kitchen, (try? locator.locate(task)) == nil else { return nil }
        return "no dataset: put D4RL's \(task.datasetFileName) in $D4RL_DATASET_DIR or ~/.d4rl/datasets, or make the kit's scripted demonstrations (not human ones) with `repro dataset generate \(task.name)`, to run it"
    }

    /// The tasks among `names` that the kit cannot run here, in order, each with its reason.
    /// - Throws: `TaskLookupError` for a name the registry does not know.
    public static func skippedTasks(_ names: [String], locator: DatasetLocator = DatasetLocator()) throws -> [(task: String, reason: String)] {
        try names.compactMap { name in reasonToSkip(try TaskRegistry.task(named: name), locator: locator).map { (name, $0) } }
    }

    /// Every run behind `figure` on `preset` (offline phases first, then the online arms), on the
    /// tasks the kit can run here (`reasonToSkip`).
    public static func runs(for figure: String, preset: Preset,
                            locator: DatasetLocator = DatasetLocator()) throws -> (offline: [FineTuningJob], online: [FineTuningJob]) {
        func available(_ jobs: [FineTuningJob]) throws -> [FineTuningJob] {
            try jobs.filter { reasonToSkip(try TaskRegistry.task(named: $0.task), locator: locator) == nil }
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
