import Foundation
import Testing
@testable import RLCore

private func tinyCQL(seed: UInt64, lagrange: Bool = true) -> CQL {
    var configuration = CQL.Configuration()
    configuration.hiddenSizes = [5]
    configuration.batchSize = 4
    configuration.sampledActions = 3
    configuration.usesLagrange = lagrange
    var rng = RandomStream(seed: seed)
    return CQL(observationSize: 3, actionSize: 2, configuration: configuration, using: &rng)
}

private func twin(of agent: CQL) throws -> CQL {
    var rng = RandomStream(seed: 4242)
    return try restoring(CQL(observationSize: agent.observationSize, actionSize: agent.actionSize, configuration: agent.configuration, using: &rng), from: agent)
}

@Suite struct CQLTests {
    /// The critics' gradients of one update are those of TD loss + α'·(w·gap − τ), the gap
    /// recomputed in Double from the proposals the update drew; the reported gap matches.
    @Test func penaltyAndCriticGradientsMatchADoubleReference() throws {
        let agent = tinyCQL(seed: 1)
        var rng = RandomStream(seed: 2)
        for seed in 0..<2 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
        let before = try twin(of: agent)
        let multiplier = Double(before.penalty.multiplier)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 11)
        var targetStream = rng
        let metrics = agent.update(with: batch, using: &rng)

        let c = agent.configuration
        // CQL's deterministic backup: no entropy term in the target (c.backsUpEntropy is false).
        let alpha = c.backsUpEntropy ? Double(before.core.temperature) : 0, gamma = Double(c.discount)
        let next = batch.nextObservations.withUnsafeBufferPointer { before.core.policy.sample($0.baseAddress!, rows: 4, using: &targetStream) }
        let nextActions = Matrix(rows: 4, columns: 2, storage: Array(UnsafeBufferPointer(start: next.actions, count: 8)))
        let nextLogProbs = Array(UnsafeBufferPointer(start: next.logProbs, count: 4))
        let qNext = doublePrecisionForward(before.core.targetCritics, concatenate(batch.nextObservations, nextActions))
        let targets = (0..<4).map { i in
            Double(batch.rewards[i, 0]) + gamma * Double(1 - batch.terminals[i, 0]) * (qNext[i].min()! - alpha * Double(nextLogProbs[i]))
        }
        let group = 3 * c.sampledActions, width = 5
        let proposals = Matrix(rows: 4 * group, columns: width,
                               storage: Array(UnsafeBufferPointer(start: agent.penalty.proposalRows.pointer, count: 4 * group * width)))
        let logDensities = Array(UnsafeBufferPointer(start: agent.penalty.proposalLogDensities.pointer, count: 4 * group)).map(Double.init)
        let dataInput = concatenate(batch.observations, batch.actions)

        func gaps(_ critics: MLPEnsemble) -> [Double] {
            let q = doublePrecisionForward(critics, dataInput)
            let proposalQ = doublePrecisionForward(critics, proposals)
            return (0..<2).map { k in
                (0..<4).reduce(0.0) { total, i in
                    let v = (0..<group).map { proposalQ[i * group + $0][k] - logDensities[i * group + $0] }
                    let largest = v.max()!
                    return total + largest + log(v.reduce(0) { $0 + exp($1 - largest) }) - q[i][k]
                } / 4
            }
        }
        let referenceGaps = gaps(before.core.critics)
        #expect(abs(metrics["cql_gap"]! - referenceGaps.reduce(0, +) / 2) < 1e-4 * max(1, abs(referenceGaps[0])))

        let error = worstRelativeError(before.core.critics.parameters, analytic: agent.core.critics.parameters.map(\.gradientArray), step: 1e-4) {
            let q = doublePrecisionForward(before.core.critics, dataInput)
            var td = 0.0
            for i in 0..<4 { for k in 0..<2 { td += (q[i][k] - targets[i]) * (q[i][k] - targets[i]) } }
            let penalty = gaps(before.core.critics).reduce(0.0) { $0 + multiplier * (Double(c.conservativeWeight) * $1 - Double(c.lagrangeThreshold)) }
            return td / 4 + penalty
        }
        #expect(error < 1e-2)
    }

    /// CQL backs up without the entropy term; the switch to SAC brings SAC's soft backup back.
    @Test func theSwitchToSACRestoresTheSoftBackup() {
        let agent = tinyCQL(seed: 5)
        #expect(!agent.configuration.backsUpEntropy && !agent.core.backsUpEntropy)
        agent.isConservative = false
        #expect(agent.core.backsUpEntropy && agent.core.criticRegularizer == nil)
        agent.isConservative = true
        #expect(!agent.core.backsUpEntropy)
    }

    /// α' grows while the weighted gap exceeds the threshold and shrinks when it is below.
    @Test func lagrangeMultiplierTracksTheThreshold() throws {
        for (threshold, grows) in [(Float(-100), true), (Float(1000), false)] {
            let agent = tinyCQL(seed: 3)
            agent.penalty.threshold = threshold
            var rng = RandomStream(seed: 4)
            let start = agent.penalty.multiplier
            for seed in 0..<5 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
            #expect((agent.penalty.multiplier > start) == grows)
        }
    }

    /// Switching the objective to SAC keeps every weight, and the next update is SAC's.
    @Test func switchingToSACKeepsTheNetworksAndUpdatesLikeSAC() throws {
        let agent = tinyCQL(seed: 5)
        var rng = RandomStream(seed: 6)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        let weights = agent.core.critics.parameters.map(\.array)
        agent.isConservative = false
        #expect(agent.core.critics.parameters.map(\.array) == weights)
        let sac = try restoring(SAC(observationSize: 3, actionSize: 2, configuration: agent.configuration.sac, using: &rng), from: agent.core)
        var a = rng, b = rng
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 2)
        let switched = agent.update(with: batch, using: &a)
        let plain = sac.update(with: batch, using: &b)
        #expect(switched["critic_loss"] == plain["critic_loss"] && switched["actor_loss"] == plain["actor_loss"])
        #expect(switched["cql_gap"] == 0)
    }

    @Test func restoredAgentContinuesIdentically() throws {
        let agent = tinyCQL(seed: 7)
        var rng = RandomStream(seed: 8)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        agent.penalty.threshold = 0.5
        let copy = try twin(of: agent)
        var a = rng, b = rng
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 3)
        #expect(agent.update(with: batch, using: &a) == copy.update(with: batch, using: &b))
        #expect(copy.penalty.threshold == 0.5)
    }
}

@Suite struct BehaviourCloningTests {
    /// −(1/B) Σ log π(a|s) of given actions: value against a Double recomputation, gradient
    /// against central differences.
    @Test func logLikelihoodGradientAgreesWithFiniteDifferences() {
        var rng = RandomStream(seed: 21)
        let policy = TanhGaussianPolicy(observationSize: 3, actionSize: 2, hiddenSizes: [5], using: &rng)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 22)
        func loss() -> Double {
            let out = doublePrecisionForward(policy.network, batch.observations)
            var total = 0.0
            for i in 0..<4 {
                for j in 0..<2 {
                    let a = Double(batch.actions[i, j]), u = atanh(a)
                    let logStd = Double(policy.logStdMin) + 0.5 * Double(policy.logStdMax - policy.logStdMin) * (Foundation.tanh(out[i][2 + j]) + 1)
                    let z = (u - out[i][j]) / exp(logStd)
                    total += -0.5 * z * z - logStd - 0.5 * log(2 * Double.pi) - log(1 - a * a)
                }
            }
            return -total / 4
        }
        policy.network.zeroGradients()
        let mean = batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in policy.accumulateLogLikelihoodGradient(observations: s.baseAddress!, actions: a.baseAddress!, rows: 4) }
        }
        #expect(abs(Double(-mean) - loss()) < 1e-4 * max(1, abs(loss())))
        let error = worstRelativeError(policy.network.parameters, analytic: policy.network.parameters.map(\.gradientArray), step: 1e-3, loss: loss)
        #expect(error < 1e-2)
    }

    /// CQL's actor clones the data for its first `behaviourCloningSteps` updates, then climbs Q.
    @Test func cqlClonesTheDataFirst() {
        var configuration = CQL.Configuration()
        configuration.hiddenSizes = [5]
        configuration.batchSize = 4
        configuration.sampledActions = 2
        configuration.behaviourCloningSteps = 2
        var rng = RandomStream(seed: 23)
        let agent = CQL(observationSize: 3, actionSize: 2, configuration: configuration, using: &rng)
        var cloning: [Bool] = []
        for seed in 0..<4 {
            _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng)
            cloning.append(agent.core.clonesBehaviour)
        }
        #expect(cloning == [true, true, false, false])
    }
}
