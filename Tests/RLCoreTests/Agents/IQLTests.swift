import Foundation
import Testing
@testable import RLCore

private func tinyIQL(seed: UInt64, dropout: Float = 0, critics: Int = 2) -> IQL {
    var configuration = IQL.Configuration()
    configuration.hiddenSizes = [5]
    configuration.batchSize = 4
    configuration.critics = critics
    configuration.actorDropout = dropout
    var rng = RandomStream(seed: seed)
    return IQL(observationSize: 3, actionSize: 2, configuration: configuration, using: &rng)
}

/// A copy of an IQL's whole learning state.
private func twin(of agent: IQL) throws -> IQL {
    var rng = RandomStream(seed: 12345)
    return try restoring(IQL(observationSize: agent.observationSize, actionSize: agent.actionSize, configuration: agent.configuration, using: &rng), from: agent)
}

/// IQL's value loss in Double: the expectile regression of V towards min Q̄.
private func referenceValueLoss(_ configuration: IQL.Configuration, targets: [Double], values: [Double]) -> Double {
    zip(targets, values).reduce(0.0) { total, pair in
        let u = pair.0 - pair.1
        return total + (u < 0 ? 1 - Double(configuration.expectile) : Double(configuration.expectile)) * u * u
    } / Double(targets.count)
}

/// IQL's actor loss in Double: −mean of min(exp(β·A), cap)·log π(a|s).
private func referenceActorLoss(_ agent: IQL, batch: TransitionBatch, targets: [Double], values: [Double]) -> Double {
    let c = agent.configuration
    let means = tanhForward(agent.actor, batch.observations)
    let logStd = agent.logStd.array.map { Double(min(max($0, c.logStdMin), c.logStdMax)) }
    var loss = 0.0
    for i in 0..<batch.size {
        let weight = min(exp(Double(c.temperature) * (targets[i] - values[i])), Double(c.weightCap))
        loss -= weight * gaussianLogProb(batch.actions.row(i).map(Double.init), mean: means[i], logStd: logStd)
    }
    return loss / Double(batch.size)
}

/// log N(a; μ, σ) in Double.
private func gaussianLogProb(_ a: [Double], mean: [Double], logStd: [Double]) -> Double {
    zip(zip(a, mean), logStd).reduce(0) { total, item in
        let ((x, m), s) = item
        let z = (x - m) / exp(s)
        return total - 0.5 * z * z - s - 0.5 * log(2 * Double.pi)
    }
}

@Suite struct IQLTests {
    /// The three losses of one update, recomputed in Double precision from the agent's
    /// parameters before the update: L_V (expectile of min Q̄ − V), L_π (advantage-weighted
    /// log-likelihood with the updated V) and L_Q (TD towards r + γ(1−d)V'(s')).
    @Test func lossesMatchAHandComputedReference() throws {
        let agent = tinyIQL(seed: 1, critics: 3)
        var rng = RandomStream(seed: 2)
        for seed in 0..<3 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 9)
        let metrics = agent.update(with: batch, using: &rng)
        let c = agent.configuration
        let input = concatenate(batch.observations, batch.actions)
        let qTarget = doublePrecisionForward(before.targetCritics, input).map { $0.min()! }
        let v = doublePrecisionForward(before.value, batch.observations).map { $0[0] }
        let valueLoss = referenceValueLoss(c, targets: qTarget, values: v)
        #expect(abs(metrics["value_loss"]! - valueLoss) < 1e-5 * max(1, valueLoss))

        // The actor and critics see the value network after its step: take it from `agent`.
        let vNew = doublePrecisionForward(agent.value, batch.observations).map { $0[0] }
        let actorLoss = referenceActorLoss(before, batch: batch, targets: qTarget, values: vNew)
        #expect(abs(metrics["actor_loss"]! - actorLoss) < 1e-4 * max(1, abs(actorLoss)))

        let vNext = doublePrecisionForward(agent.value, batch.nextObservations).map { $0[0] }
        let q = doublePrecisionForward(before.critics, input)
        var criticLoss = 0.0
        for i in 0..<4 {
            let y = Double(batch.rewards[i, 0]) + Double(c.discount) * Double(1 - batch.terminals[i, 0]) * vNext[i]
            for k in 0..<3 { criticLoss += (q[i][k] - y) * (q[i][k] - y) }
        }
        criticLoss /= 4
        #expect(abs(metrics["critic_loss"]! - criticLoss) < 1e-4 * max(1, criticLoss))
    }

    /// The actor's and the value's gradients agree with central differences of their losses.
    @Test func gradientsAgreeWithFiniteDifferences() throws {
        let agent = tinyIQL(seed: 3)
        var rng = RandomStream(seed: 4)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 5)
        _ = agent.update(with: batch, using: &rng)
        let c = agent.configuration
        let qTarget = doublePrecisionForward(before.targetCritics, concatenate(batch.observations, batch.actions)).map { $0.min()! }

        let valueError = worstRelativeError(before.value.parameters, analytic: agent.value.parameters.map(\.gradientArray), step: 1e-4) {
            referenceValueLoss(c, targets: qTarget, values: doublePrecisionForward(before.value, batch.observations).map { $0[0] })
        }
        #expect(valueError < 1e-2)

        let vNew = doublePrecisionForward(agent.value, batch.observations).map { $0[0] }
        let actorParameters = before.actor.parameters + [before.logStd]
        let analytic = (agent.actor.parameters + [agent.logStd]).map(\.gradientArray)
        let actorError = worstRelativeError(actorParameters, analytic: analytic, step: 1e-3) {
            referenceActorLoss(before, batch: batch, targets: qTarget, values: vNew)
        }
        #expect(actorError < 2e-2)
    }

    @Test func restoredAgentContinuesIdenticallyEvenWithDropout() throws {
        let agent = tinyIQL(seed: 5, dropout: 0.3)
        var rng = RandomStream(seed: 6)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        let copy = try twin(of: agent)
        var a = rng, b = rng
        for seed in 2...3 {
            let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed))
            #expect(agent.update(with: batch, using: &a) == copy.update(with: batch, using: &b))
        }
        #expect(agent.act(observation: [0.3, -0.2, 0.1], deterministic: false, using: &a)
                == copy.act(observation: [0.3, -0.2, 0.1], deterministic: false, using: &b))
    }

    @Test func domainSettingsFollowTheReference() throws {
        let kitchen = IQL.Configuration.configuration(for: try TaskRegistry.task(named: "kitchen-mixed-v0"), critics: 5)
        #expect(kitchen.expectile == 0.7 && kitchen.temperature == 0.5 && kitchen.actorDropout == 0.1 && kitchen.critics == 5)
        let antmaze = IQL.Configuration.configuration(for: try TaskRegistry.task(named: "antmaze-large-diverse-v2"))
        #expect(antmaze.expectile == 0.9 && antmaze.temperature == 10 && antmaze.actorDropout == 0)
    }

    @Test func actionsAreClippedAndTheModeIsDeterministic() {
        let agent = tinyIQL(seed: 7)
        var a = RandomStream(seed: 1), b = RandomStream(seed: 2)
        #expect(agent.act(observation: [1, 2, 3], deterministic: true, using: &a) == agent.act(observation: [1, 2, 3], deterministic: true, using: &b))
        agent.logStd.array = [2, 2]   // σ ≈ 7.4: most samples fall outside the box
        for _ in 0..<20 { #expect(agent.act(observation: [1, 2, 3], deterministic: false, using: &a).allSatisfy { abs($0) <= 1 }) }
    }
}

/// tanh(network(x)) rows in Double (the IQL actor's mean).
func tanhForward(_ network: MLPEnsemble, _ input: Matrix) -> [[Double]] {
    // The actor's output activation is tanh; doublePrecisionForward computes the identity output.
    doublePrecisionForward(network, input).map { $0.map { Foundation.tanh($0) } }
}
