import Testing
@testable import RLCore

/// A linear critic ensemble Q_k(s, a) = w_k · [s, a] + b_k, so scores are known exactly.
private func linearCritics(weights: [[Float]], observationSize: Int, actionSize: Int) -> MLPEnsemble {
    var rng = RandomStream(seed: 0)
    let members = weights.count
    let critics = MLPEnsemble(widths: [observationSize + actionSize, 1], members: members, activation: .identity, using: &rng)
    for i in 0..<(observationSize + actionSize) {
        for k in 0..<members { critics.weights[0].values[i * members + k] = weights[k][i] }
    }
    critics.biases[0].values.update(repeating: 0, count: members)
    return critics
}

@Suite struct CandidateRankingTests {
    @Test func picksTheCandidateWithTheHighestMeanQ() {
        // Q1 = a0 + 2·a1, Q2 = 3·a0: mean = 2·a0 + a1 (the observation weight is 0).
        let critics = linearCritics(weights: [[0, 1, 2], [0, 3, 0]], observationSize: 1, actionSize: 2)
        let ranking = CandidateRanking(candidates: 50, std: 0.3, observationSize: 1, actionSize: 2)
        var rng = RandomStream(seed: 4)
        let best = ranking.bestAction(observation: [0.5], policyAction: [0, 0], low: [-1, -1], high: [1, 1], critics: critics, using: &rng)
        let means = (0..<50).map { i -> Float in let c = ranking.candidate(i); return 2 * c[0] + c[1] }
        let expected = ranking.candidate(means.indices.max { means[$0] < means[$1] }!)
        #expect(best == expected)
        #expect(abs(ranking.scores.max()! - means.max()!) < 1e-5)
    }

    @Test func zeroSigmaReturnsThePolicyAction() {
        let critics = linearCritics(weights: [[0, 1], [0, -1]], observationSize: 1, actionSize: 1)
        let ranking = CandidateRanking(candidates: 10, std: 0, optimism: 1, observationSize: 1, actionSize: 1)
        var rng = RandomStream(seed: 1)
        #expect(ranking.bestAction(observation: [0], policyAction: [0.25], low: [-1], high: [1], critics: critics, using: &rng) == [0.25])
    }

    @Test func optimismPrefersDisagreementWhenMeansTie() {
        // Q1 = a, Q2 = −a: every mean is 0, the variance is a², so ω > 0 picks the largest |a|.
        let critics = linearCritics(weights: [[0, 1], [0, -1]], observationSize: 1, actionSize: 1)
        for spread in [CandidateRanking.Spread.variance, .standardDeviation] {
            let ranking = CandidateRanking(candidates: 40, std: 0.5, optimism: 1, spread: spread, observationSize: 1, actionSize: 1)
            var rng = RandomStream(seed: 2)
            let best = ranking.bestAction(observation: [0], policyAction: [0], low: [-1], high: [1], critics: critics, using: &rng)
            let largest = (0..<40).map { abs(ranking.candidate($0)[0]) }.max()!
            #expect(abs(best[0]) == largest)
        }
    }

    @Test func candidatesStayInTheActionBoxAndAreSeeded() {
        let critics = linearCritics(weights: [[0, 1, 1]], observationSize: 1, actionSize: 2)
        let ranking = CandidateRanking(candidates: 100, std: 2, observationSize: 1, actionSize: 2)
        var a = RandomStream(seed: 3), b = RandomStream(seed: 3)
        let first = ranking.bestAction(observation: [0], policyAction: [0.9, -0.9], low: [-1, -1], high: [1, 1], critics: critics, using: &a)
        #expect((0..<100).allSatisfy { ranking.candidate($0).allSatisfy { abs($0) <= 1 } })
        let second = ranking.bestAction(observation: [0], policyAction: [0.9, -0.9], low: [-1, -1], high: [1, 1], critics: critics, using: &b)
        #expect(first == second)
    }
}
