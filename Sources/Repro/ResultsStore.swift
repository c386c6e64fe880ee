import Foundation
import RLCore

/// Names one run of an experiment: which figure's experiment, on which task, with which
/// method (agent and action selection, e.g. "iql+o3f"), which seed, on which budget.
public struct RunKey: Hashable, Codable, Sendable, CustomStringConvertible {
    public var experiment: String
    public var task: String
    public var method: String
    public var seed: Int
    public var preset: Preset

    public init(experiment: String, task: String, method: String, seed: Int, preset: Preset) {
        self.experiment = experiment
        self.task = task
        self.method = method
        self.seed = seed
        self.preset = preset
    }

    public var description: String { "\(experiment)/\(task)/\(method)/seed-\(seed) (\(preset))" }

    /// The run's folder below the store's root: `<preset>/<experiment>/<task>/<method>/seed-<seed>`.
    public var relativePath: String { "\(preset)/\(experiment)/\(task)/\(method)/seed-\(seed)" }
}

/// Where runs live. Runs on the `tiny` and `quick` budgets go to the git-ignored `runs/` folder; `standard`
/// and `paper` runs go to `results/`, whose small files (configuration, provenance, log,
/// completion record) are committed so figures and tables can be rebuilt without rerunning.
/// `O3F_RESULTS_DIR` overrides both (e.g. a shared path on a cluster).
public struct ResultsStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The store a run of `preset` uses, relative to the repository root `repository`.
    public static func standard(for preset: Preset, repository: URL,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> ResultsStore {
        if let override = environment["O3F_RESULTS_DIR"], !override.isEmpty {
            return ResultsStore(root: URL(fileURLWithPath: override))
        }
        return ResultsStore(root: repository.appendingPathComponent(preset == .quick || preset == .tiny ? "runs" : "results"))
    }

    /// The run directory of `key`.
    public func directory(for key: RunKey) -> RunDirectory {
        RunDirectory(url: root.appendingPathComponent(key.relativePath))
    }

    /// The status of each of `keys`.
    public func status(of keys: [RunKey]) -> [(key: RunKey, status: RunDirectory.Status)] {
        keys.map { ($0, directory(for: $0).status) }
    }
}
