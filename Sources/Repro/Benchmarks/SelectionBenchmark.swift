import RLCore

/// Time of one O3F action selection at HalfCheetah's sizes (observation 17, action 6): N = 100
/// candidates drawn around the policy action, scored by a 5-member critic ensemble
/// (23 → 256 → 256 → 1), the best returned. Candidate sampling is included; the policy's own
/// forward pass is not (it is the same for every selector).
public struct SelectionBenchmark {
    public init() {}

    /// Median seconds per selection.
    public func run(threads: Int, repetitions: Int = 500) -> Double {
        BLAS.setThreadCount(threads)
        var rng = RandomStream(seed: 0)
        let critics = MLPEnsemble(widths: [23, 256, 256, 1], members: 5, using: &rng)
        let ranking = CandidateRanking(candidates: 100, std: 0.2, observationSize: 17, actionSize: 6)
        let observation = (0..<17).map { _ in rng.nextUniformFloat() - 0.5 }
        let action = (0..<6).map { _ in rng.nextUniformFloat() - 0.5 }
        let low = [Float](repeating: -1, count: 6), high = [Float](repeating: 1, count: 6)
        return NNBenchmark.median(repetitions: repetitions) {
            _ = ranking.bestAction(observation: observation, policyAction: action, low: low, high: high, critics: critics, using: &rng)
        }
    }
}
