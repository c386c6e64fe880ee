/// O3F's optimistic action ranking (the paper's §5, Algorithm 1), as a pure computation on a
/// critic ensemble: given the policy's action a = π(s), draw N candidates
///
///     c_i = clip(a + σ·ε_i, low, high),   ε_i ~ N(0, I),
///
/// score each with the m critics,
///
///     f(s, c) = Q_mean(s, c) + ω · Q_spread(s, c),
///     Q_mean = (1/m) Σ_k Q_k,   Q_spread = (1/m) Σ_k (Q_k − Q_mean)²   (the paper's form, a variance)
///                            or its square root (`Spread.standardDeviation`),
///
/// and return the candidate with the highest score (the first on ties). All N·m critic
/// evaluations are one batched pass of the ensemble. With σ = 0 every candidate is a, so the
/// result is the policy's own action.
public final class CandidateRanking {
    /// How the ensemble's disagreement enters the score.
    public enum Spread: String, Codable, Sendable {
        /// (1/m) Σ (Q_k − Q_mean)², as printed in the paper.
        case variance
        /// √variance.
        case standardDeviation
    }

    public let candidateCount: Int
    public let std: Float
    public let optimism: Float
    public let spread: Spread
    public let observationSize: Int
    public let actionSize: Int

    private let inputs: Workspace
    private var noise: [Float]
    private var candidates: [Float]
    /// The scores of the last ranking, one per candidate.
    public private(set) var scores: [Float]

    /// - Parameters: N candidates, σ, ω and the spread form; the critics' input is
    ///   [observation, action] of sizes `observationSize` + `actionSize`.
    public init(candidates: Int = 100, std: Float, optimism: Float = 0, spread: Spread = .variance,
                observationSize: Int, actionSize: Int) {
        precondition(candidates >= 1, "O3F needs at least one candidate")
        precondition(std >= 0, "σ must be non-negative")
        candidateCount = candidates
        self.std = std
        self.optimism = optimism
        self.spread = spread
        self.observationSize = observationSize
        self.actionSize = actionSize
        inputs = Workspace(capacity: candidates * (observationSize + actionSize))
        noise = [Float](repeating: 0, count: candidates * actionSize)
        self.candidates = [Float](repeating: 0, count: candidates * actionSize)
        scores = [Float](repeating: 0, count: candidates)
    }

    /// The candidate of the last ranking at `index` (for inspection and tests).
    public func candidate(_ index: Int) -> [Float] {
        Array(candidates[(index * actionSize)..<((index + 1) * actionSize)])
    }

    /// Draws the candidates around `policyAction`, scores them with `critics` (an ensemble
    /// whose input is [observation, action] and whose output is one Q per member) and returns
    /// the best candidate.
    public func bestAction(observation: [Float], policyAction: [Float], low: [Float], high: [Float],
                           critics: any CriticEnsemble, using rng: inout some RandomNumberGenerator) -> [Float] {
        precondition(observation.count == observationSize && policyAction.count == actionSize, "observation or action size differs")
        if let network = critics as? MLPEnsemble {
            precondition(network.inputSize == observationSize + actionSize && network.outputSize == 1,
                         "the critics must map [observation, action] to one value per member")
        }
        let width = observationSize + actionSize
        noise.withUnsafeMutableBufferPointer { rng.fillGaussian($0) }
        for i in 0..<candidateCount {
            let row = inputs.pointer + i * width
            for j in 0..<observationSize { row[j] = observation[j] }
            for j in 0..<actionSize {
                let value = min(max(policyAction[j] + std * noise[i * actionSize + j], low[j]), high[j])
                candidates[i * actionSize + j] = value
                row[observationSize + j] = value
            }
        }
        // quote: candidate-scoring
        let q = critics.criticValues(ofRows: inputs.pointer, rows: candidateCount)
        let m = critics.criticCount
        var best = 0
        for i in 0..<candidateCount {
            var mean: Float = 0
            for k in 0..<m { mean += q[i * m + k] }
            mean /= Float(m)
            var score = mean
            if optimism != 0 {
                var variance: Float = 0
                for k in 0..<m { let d = q[i * m + k] - mean; variance += d * d }
                variance /= Float(m)
                score += optimism * (spread == .variance ? variance : variance.squareRoot())
            }
            scores[i] = score
            if score > scores[best] { best = i }
        }
        // end quote
        return candidate(best)
    }
}
