import Foundation
import Testing
@testable import RLCore

private func tinyAWAC(seed: UInt64, lambda: Float = 1) -> AWAC {
    var configuration = AWAC.Configuration()
    configuration.hiddenSizes = [5]
    configuration.batchSize = 4
    configuration.lambda = lambda
    var rng = RandomStream(seed: seed)
    return AWAC(observationSize: 3, actionSize: 2, configuration: configuration, using: &rng)
}

private func twin(of agent: AWAC) throws -> AWAC {
    var rng = RandomStream(seed: 77)
    return try restoring(AWAC(observationSize: 3, actionSize: 2, configuration: agent.configuration, using: &rng), from: agent)
}

@Suite struct AWACTests {
    /// Both losses of one update and the actor's gradients, against a Double reference that
    /// redraws the update's policy samples from the same stream. With λ = 0.01 the weights
    /// exp(A/λ) of some samples reach the cap of 100.
    @Test(arguments: [0.3, 0.01] as [Float])
    func lossesWeightsAndGradientsMatchADoubleReference(lambda: Float) throws {
        let agent = tinyAWAC(seed: 1, lambda: lambda)
        var rng = RandomStream(seed: 2)
        for seed in 0..<2 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 21)
        var stream = rng
        let metrics = agent.update(with: batch, using: &rng)

        func sample(_ policy: GaussianPolicy, _ states: Matrix) -> Matrix {
            let pointer = states.withUnsafeBufferPointer { policy.sample($0.baseAddress!, rows: 4, using: &stream) }
            return Matrix(rows: 4, columns: 2, storage: Array(UnsafeBufferPointer(start: pointer, count: 8)))
        }
        let nextActions = sample(before.policy, batch.nextObservations)
        let policyActions = sample(before.policy, batch.observations)
        let qNext = doublePrecisionForward(before.targetCritics, concatenate(batch.nextObservations, nextActions))
        var targets: [Double] = []
        for i in 0..<4 {
            let bootstrap: Double = 0.99 * Double(1 - batch.terminals[i, 0]) * qNext[i].min()!
            targets.append(Double(batch.rewards[i, 0]) + bootstrap)
        }
        let q = doublePrecisionForward(before.critics, concatenate(batch.observations, batch.actions))
        var criticLoss = 0.0
        for i in 0..<4 { for value in q[i] { criticLoss += (value - targets[i]) * (value - targets[i]) } }
        criticLoss /= 4
        #expect(abs(metrics["critic_loss"]! - criticLoss) < 1e-4 * max(1, criticLoss))

        // Advantages with the critics after their step.
        let qData = doublePrecisionForward(agent.critics, concatenate(batch.observations, batch.actions)).map { $0.min()! }
        let qPolicy = doublePrecisionForward(agent.critics, concatenate(batch.observations, policyActions)).map { $0.min()! }
        let weights: [Double] = (0..<4).map { min(exp((qData[$0] - qPolicy[$0]) / Double(lambda)), 100) }
        #expect(weights.contains(100) == (lambda < 0.1), "weights \(weights)")
        func actorLoss() -> Double {
            let means = doublePrecisionForward(before.policy.network, batch.observations)
            let logStd: [Double] = before.policy.logStd.array.map { Double(min(max($0, -20), 2)) }
            var total = 0.0
            for i in 0..<4 {
                var logProb = 0.0
                for j in 0..<2 {
                    let z: Double = (Double(batch.actions[i, j]) - means[i][j]) / exp(logStd[j])
                    logProb += -0.5 * z * z - logStd[j] - 0.5 * log(2 * Double.pi)
                }
                total -= weights[i] * logProb
            }
            return total / 4
        }
        #expect(abs(metrics["actor_loss"]! - actorLoss()) < 1e-4 * max(1, abs(actorLoss())))
        let error = worstRelativeError(before.policy.parameters, analytic: agent.policy.parameters.map(\.gradientArray), step: 1e-3) { actorLoss() }
        #expect(error < 2e-2)
    }

    @Test func restoredAgentContinuesIdenticallyWithItsLambda() throws {
        let agent = tinyAWAC(seed: 3)
        var rng = RandomStream(seed: 4)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        agent.lambda = 0.1
        let copy = try twin(of: agent)
        #expect(copy.lambda == 0.1)
        var a = rng, b = rng
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 2)
        #expect(agent.update(with: batch, using: &a) == copy.update(with: batch, using: &b))
    }
}
