import RLCore

/// How a fine-tuning run chooses its actions online: the one thing the paper changes.
public enum OnlineExploration: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    /// O3F: the best of N = 100 candidates around a policy sample, scored by the critics' mean (ω = 0).
    case o3f
    /// O3F with the uncertainty bonus ω = 1 (Figure 6).
    case o3fOptimism = "o3f-omega1"
    /// A policy sample plus ε ~ N(0, σ²) with O3F's σ (Figure 5's baseline).
    case noise
    /// The policy's own sample: the offline algorithm unchanged.
    case policy

    /// The selector for `task` (σ = 0.2 on locomotion, 0.05 elsewhere).
    public func selector(for task: D4RLTask) -> SelectorConfiguration {
        switch self {
        case .o3f: return .o3f(for: task)
        case .o3fOptimism: return .o3f(for: task, optimism: 1)
        case .noise: return .gaussianNoise(std: task.domain.candidateStd)
        case .policy: return .policy
        }
    }

    /// The name figures and tables use.
    public var label: String {
        switch self {
        case .o3f: return "O3F"
        case .o3fOptimism: return "O3F (ω = 1)"
        case .noise: return "Gaussian noise"
        case .policy: return "policy sample"
        }
    }

    public var description: String { rawValue }
}
