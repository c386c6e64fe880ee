/// How the online phase turns the agent's policy into the action it executes. The paper's
/// point is that this choice, not the learning objective, is what should change online.
public protocol ActionSelector: AnyObject {
    /// The action to execute at `observation`, inside [low, high].
    func action(for observation: [Float], agent: any Agent, low: [Float], high: [Float],
                using rng: inout RandomStream) -> [Float]
}

/// A selector as configuration: what a run records in its config.json and what the loop
/// builds its selector from.
public enum SelectorConfiguration: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The policy's own stochastic action (the unchanged offline algorithm).
    case policy
    /// A policy sample plus ε ~ N(0, σ²), clipped: the paper's noise baseline.
    case gaussianNoise(std: Float)
    /// O3F: the best of N candidates around π(s) under Q_mean + ω·Q_spread.
    case optimistic(candidates: Int, std: Float, optimism: Float, spread: CandidateRanking.Spread)

    /// O3F with the paper's settings for `task`: N = 100, σ from the task's domain, ω = 0.
    public static func o3f(for task: D4RLTask, optimism: Float = 0, spread: CandidateRanking.Spread = .variance) -> SelectorConfiguration {
        .optimistic(candidates: 100, std: task.domain.candidateStd, optimism: optimism, spread: spread)
    }

    /// A new selector for an agent with these sizes.
    public func makeSelector(observationSize: Int, actionSize: Int) -> any ActionSelector {
        switch self {
        case .policy: return PolicyAction()
        case .gaussianNoise(let std): return GaussianNoise(std: std)
        case let .optimistic(candidates, std, optimism, spread):
            return OptimisticActionSelector(candidates: candidates, std: std, optimism: optimism, spread: spread,
                                            observationSize: observationSize, actionSize: actionSize)
        }
    }

    public var description: String {
        switch self {
        case .policy: return "policy"
        case .gaussianNoise(let std): return "gaussian-noise(σ=\(std))"
        case let .optimistic(candidates, std, optimism, spread):
            return "o3f(N=\(candidates), σ=\(std), ω=\(optimism)\(spread == .variance ? "" : ", std"))"
        }
    }
}

/// a ~ π(·|s): the agent's own stochastic action.
public final class PolicyAction: ActionSelector {
    public init() {}

    public func action(for observation: [Float], agent: any Agent, low: [Float], high: [Float],
                       using rng: inout RandomStream) -> [Float] {
        agent.act(observation: observation, deterministic: false, using: &rng)
    }
}

/// a_t = clip(a + ε, low, high), a ~ π(·|s), ε ~ N(0, σ²I): the noise baseline of the paper's
/// Figure 5 ("the original approaches … with noise ε ~ N(0, σ²) added to the actions", with the
/// same σ as O3F).
public final class GaussianNoise: ActionSelector {
    public let std: Float

    public init(std: Float) {
        precondition(std >= 0, "σ must be non-negative")
        self.std = std
    }

    public func action(for observation: [Float], agent: any Agent, low: [Float], high: [Float],
                       using rng: inout RandomStream) -> [Float] {
        var action = agent.act(observation: observation, deterministic: false, using: &rng)
        for j in action.indices {
            action[j] = min(max(action[j] + std * Float(rng.nextGaussian()), low[j]), high[j])
        }
        return action
    }
}

// quote: o3f-selector
/// O3F (Algorithm 1): a ~ π(·|s) (line 2), c_i ~ N(a, σ²) clipped to the box, i = 1…N
/// (line 3), scored by Q_mean(s, c) + ω·Q_spread(s, c) over the agent's critic ensemble; the
/// argmax is executed (line 4). See `CandidateRanking` for the scoring.
public final class OptimisticActionSelector: ActionSelector {
    public let ranking: CandidateRanking

    public init(candidates: Int = 100, std: Float, optimism: Float = 0, spread: CandidateRanking.Spread = .variance,
                observationSize: Int, actionSize: Int) {
        ranking = CandidateRanking(candidates: candidates, std: std, optimism: optimism, spread: spread,
                                   observationSize: observationSize, actionSize: actionSize)
    }

    public func action(for observation: [Float], agent: any Agent, low: [Float], high: [Float],
                       using rng: inout RandomStream) -> [Float] {
        let policyAction = agent.act(observation: observation, deterministic: false, using: &rng)
        return ranking.bestAction(observation: observation, policyAction: policyAction, low: low, high: high,
                                  critics: agent.criticEnsemble, using: &rng)
    }
}
// end quote
