import Foundation
import Testing
@testable import RLCore

/// A random batch for agents with these sizes.
func randomBatch(size: Int, observationSize: Int, actionSize: Int, seed: UInt64) -> TransitionBatch {
    var rng = RandomStream(seed: seed)
    var batch = TransitionBatch(size: size, observationSize: observationSize, actionSize: actionSize)
    for i in 0..<batch.observations.count { batch.observations.storage[i] = 2 * rng.nextUniformFloat() - 1 }
    for i in 0..<batch.nextObservations.count { batch.nextObservations.storage[i] = 2 * rng.nextUniformFloat() - 1 }
    for i in 0..<batch.actions.count { batch.actions.storage[i] = 1.8 * rng.nextUniformFloat() - 0.9 }
    for i in 0..<size {
        batch.rewards.storage[i] = 2 * rng.nextUniformFloat() - 1
        batch.terminals.storage[i] = i % 3 == 0 ? 1 : 0
    }
    return batch
}

/// `copy` given `agent`'s whole learning state (through a checkpoint archive).
func restoring<A: Agent>(_ copy: A, from agent: any Agent) throws -> A {
    var archive = ParameterArchive()
    agent.save(into: &archive)
    try copy.restore(from: archive)
    return copy
}

/// A copy of `agent`'s whole learning state in a fresh agent.
func twin(of agent: SAC) throws -> SAC {
    var rng = RandomStream(seed: 999)
    return try restoring(SAC(observationSize: agent.observationSize, actionSize: agent.actionSize, configuration: agent.configuration, using: &rng), from: agent)
}

/// Central differences of `loss` with respect to every entry of `parameters`, compared with
/// their `gradient`; returns the largest relative error.
func worstRelativeError(_ parameters: [Parameter], analytic: [[Float]], step h: Float = 1e-2, loss: () -> Double) -> Double {
    var worst = 0.0
    for (p, gradient) in zip(parameters, analytic) {
        for i in 0..<p.count {
            let saved = p.values[i]
            p.values[i] = saved + h
            let plus = loss()
            p.values[i] = saved - h
            let minus = loss()
            p.values[i] = saved
            let numeric = (plus - minus) / (2 * Double(h))
            worst = max(worst, abs(Double(gradient[i]) - numeric) / max(1e-2, abs(numeric) + abs(Double(gradient[i]))))
        }
    }
    return worst
}

@Suite struct SACTests {
    static func tinyConfiguration() -> SAC.Configuration {
        var configuration = SAC.Configuration()
        configuration.hiddenSizes = [5]
        configuration.batchSize = 4
        configuration.initialTemperature = 0.3
        return configuration
    }

    /// The gradients one update applies agree with central differences of L_Q (critics) and
    /// L_π (actor, through the just-updated critics), with the noise ε held fixed.
    @Test func updateGradientsAgreeWithFiniteDifferences() throws {
        var rng = RandomStream(seed: 1)
        let agent = SAC(observationSize: 3, actionSize: 2, configuration: Self.tinyConfiguration(), using: &rng)
        // A few updates first, so the critics and targets differ.
        for seed in 0..<3 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(10 + seed)), using: &rng) }
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 77)
        let start = rng
        _ = agent.update(with: batch, using: &rng)
        let alpha = Double(before.temperature), gamma = Double(before.configuration.discount)

        // Critic loss as a function of `before`'s critics, with the targets the update used.
        var targetStream = start
        let nextSample = batch.nextObservations.withUnsafeBufferPointer { before.policy.sample($0.baseAddress!, rows: 4, using: &targetStream) }
        let nextActions = Matrix(rows: 4, columns: 2, storage: Array(UnsafeBufferPointer(start: nextSample.actions, count: 8)))
        let nextLogProbs = Array(UnsafeBufferPointer(start: nextSample.logProbs, count: 4))
        let actorStream = targetStream
        let qNext = before.targetCritics(concatenate(batch.nextObservations, nextActions))
        let targets = (0..<4).map { i in
            Double(batch.rewards[i, 0]) + gamma * Double(1 - batch.terminals[i, 0]) * (Double(min(qNext[i, 0], qNext[i, 1])) - alpha * Double(nextLogProbs[i]))
        }
        // In Double precision with a small step: the loss is quadratic in Q, and ReLU kinks
        // must not fall inside the step.
        let criticError = worstRelativeError(before.critics.parameters, analytic: agent.critics.parameters.map(\.gradientArray), step: 1e-4) {
            let q = doublePrecisionForward(before.critics, concatenate(batch.observations, batch.actions))
            var total = 0.0
            for i in 0..<4 { for k in 0..<2 { let d = q[i][k] - targets[i]; total += d * d } }
            return total / 4
        }
        #expect(criticError < 2e-2)

        // Actor loss as a function of `before`'s actor, through `agent`'s updated critics.
        let actorError = worstRelativeError(before.policy.network.parameters, analytic: agent.policy.network.parameters.map(\.gradientArray)) {
            var stream = actorStream
            let sample = batch.observations.withUnsafeBufferPointer { before.policy.sample($0.baseAddress!, rows: 4, using: &stream) }
            let actions = Matrix(rows: 4, columns: 2, storage: Array(UnsafeBufferPointer(start: sample.actions, count: 8)))
            let logProbs = Array(UnsafeBufferPointer(start: sample.logProbs, count: 4))
            let q = agent.critics(concatenate(batch.observations, actions))
            return (0..<4).reduce(0.0) { $0 + alpha * Double(logProbs[$1]) - Double(min(q[$1, 0], q[$1, 1])) } / 4
        }
        #expect(actorError < 2e-2)
        // And the update really moved the parameters.
        #expect(agent.policy.network.parameters[0].array != before.policy.network.parameters[0].array)
    }

    @Test func temperatureFallsWhenEntropyIsAboveTarget() {
        var rng = RandomStream(seed: 2)
        var configuration = Self.tinyConfiguration()
        configuration.targetEntropy = -50   // far below any entropy a fresh policy has
        let agent = SAC(observationSize: 3, actionSize: 2, configuration: configuration, using: &rng)
        let start = agent.temperature
        for seed in 0..<5 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
        #expect(agent.temperature < start)
    }

    @Test func restoredAgentContinuesIdentically() throws {
        var rng = RandomStream(seed: 3)
        let agent = SAC(observationSize: 3, actionSize: 2, configuration: Self.tinyConfiguration(), using: &rng)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        let copy = try twin(of: agent)
        var a = rng, b = rng
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 2)
        #expect(agent.update(with: batch, using: &a) == copy.update(with: batch, using: &b))
        #expect(agent.act(observation: [0.1, 0.2, 0.3], deterministic: false, using: &a)
                == copy.act(observation: [0.1, 0.2, 0.3], deterministic: false, using: &b))
    }

    /// With weights scaled ×50 the pre-tanh means are far outside [-1, 1]; the actions still
    /// stay inside the box, and reach its edge.
    @Test func actionsStayInsideTheBox() {
        var rng = RandomStream(seed: 4)
        let agent = SAC(observationSize: 3, actionSize: 2, configuration: Self.tinyConfiguration(), using: &rng)
        for parameter in agent.policy.network.parameters { parameter.array = parameter.array.map { $0 * 50 } }
        var largest: Float = 0
        for _ in 0..<50 {
            let action = agent.act(observation: [5, -5, 9], deterministic: false, using: &rng)
            #expect(action.allSatisfy { abs($0) <= 1 })
            largest = max(largest, action.map(abs).max()!)
        }
        #expect(largest > 0.99)
    }
}

/// [A, B] side by side.
func concatenate(_ a: Matrix, _ b: Matrix) -> Matrix {
    var out = Matrix(rows: a.rows, columns: a.columns + b.columns)
    for i in 0..<a.rows {
        for j in 0..<a.columns { out[i, j] = a[i, j] }
        for j in 0..<b.columns { out[i, a.columns + j] = b[i, j] }
    }
    return out
}

/// The ensemble's output for `input` computed in Double precision from its Float parameters
/// (ReLU hidden layers, identity output, no LayerNorm or dropout): rows × members·outputSize.
func doublePrecisionForward(_ network: MLPEnsemble, _ input: Matrix) -> [[Double]] {
    let m = network.members
    var activations = (0..<input.rows).map { i in (0..<m).map { _ in (0..<input.columns).map { Double(input[i, $0]) } } }
    for l in 0..<(network.widths.count - 1) {
        let fanIn = network.widths[l], fanOut = network.widths[l + 1], wide = m * fanOut
        let w = network.weights[l].values, b = network.biases[l].values
        let hidden = l < network.widths.count - 2
        activations = activations.map { members in
            (0..<m).map { k in
                (0..<fanOut).map { j in
                    var z = Double(b[k * fanOut + j])
                    for i in 0..<fanIn { z += members[k][i] * Double(w[i * wide + k * fanOut + j]) }
                    return hidden ? max(z, 0) : z
                }
            }
        }
    }
    return activations.map { $0.flatMap { $0 } }
}
