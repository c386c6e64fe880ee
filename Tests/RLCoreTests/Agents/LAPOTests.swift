import Foundation
import Testing
@testable import RLCore

private func tinyLAPO(seed: UInt64, critics: Int = 2, subset: Int = 2, policyInterval: Int = 1, targetNoise: Float = 0.1,
                      tau: Float = 0.005, stateNormalizer: StateNormalizer? = nil, actionNormalizer: StateNormalizer? = nil) -> LAPO {
    var configuration = LAPO.Configuration()
    configuration.hiddenSizes = [6, 5]
    configuration.batchSize = 4
    configuration.critics = critics
    configuration.targetSubsetSize = subset
    configuration.onlinePolicyUpdateInterval = policyInterval
    configuration.targetNoise = targetNoise
    configuration.tau = tau
    var rng = RandomStream(seed: seed)
    return LAPO(observationSize: 3, actionSize: 2, configuration: configuration, stateNormalizer: stateNormalizer,
                actionNormalizer: actionNormalizer, using: &rng)
}

private func twin(of agent: LAPO) throws -> LAPO {
    var rng = RandomStream(seed: 4242)
    return try restoring(LAPO(observationSize: agent.observationSize, actionSize: agent.actionSize, configuration: agent.configuration,
                              using: &rng), from: agent)
}

/// Sets every weight of `network` to 0 and its output biases to `outputs`.
private func makeConstant(_ network: MLP, outputs: [Float]) {
    for parameter in network.parameters { parameter.values.update(repeating: 0, count: parameter.count) }
    network.biases.last!.array = outputs
}

/// D(s, 2·tanh f(s)) in Double for each row of `observations`, as a Float matrix (LAPO's policy action).
private func decodedPolicyActions(_ policy: MLP, _ decoder: MLP, observations: Matrix, latentSize: Int) -> Matrix {
    let rows = observations.rows
    let latents = doublePrecisionForward(policy, observations).map { $0.map { 2 * Foundation.tanh($0) } }
    var latentMatrix = Matrix(rows: rows, columns: latentSize)
    for i in 0..<rows { for j in 0..<latentSize { latentMatrix[i, j] = Float(latents[i][j]) } }
    let decoded = doublePrecisionForward(decoder, concatenate(observations, latentMatrix))
    var actions = Matrix(rows: rows, columns: decoded[0].count)
    for i in 0..<rows { for j in 0..<decoded[0].count { actions[i, j] = Float(decoded[i][j]) } }
    return actions
}

@Suite struct LAPOTests {
    /// With constant networks (μ = 0.5, σ² = 0.25, â = 0.3) the weighted ELBO is a sum a reader can do by hand:
    /// rows a = 0.1 and −0.4 with weights 0.9 and 0.1, β = 0.5,
    /// KL = −½(1 + ln 0.25 − 0.25 − 0.25) = 0.443147, reconstruction 0.04 and 0.49,
    /// L = ½[0.9·(0.04 + 0.5·0.443147) + 0.1·(0.49 + 0.5·0.443147)] = 0.153287.
    @Test func weightedELBOMatchesAHandComputedValue() {
        var rng = RandomStream(seed: 1)
        let vae = ConditionalVAE(observationSize: 1, actionSize: 1, latentSize: 1, hiddenSizes: [2], using: &rng)
        makeConstant(vae.encoder, outputs: [0.5, log(0.25)])
        makeConstant(vae.decoder, outputs: [0.3])
        let states: [Float] = [0.7, -0.2], actions: [Float] = [0.1, -0.4], weights: [Float] = [0.9, 0.1]
        let loss = vae.accumulateGradients(observations: states, actions: actions, weights: weights, rows: 2, klWeight: 0.5, using: &rng)
        #expect(abs(loss.reconstruction - 0.265) < 1e-6)
        #expect(abs(loss.divergence - 0.443147) < 1e-5)
        #expect(abs(loss.total - 0.153287) < 1e-5)
    }

    /// The encoder's and decoder's gradients agree with central differences of the ELBO (same ε each time).
    @Test func vaeGradientsAgreeWithFiniteDifferences() {
        var rng = RandomStream(seed: 2)
        let vae = ConditionalVAE(observationSize: 3, actionSize: 2, latentSize: 2, hiddenSizes: [5], using: &rng)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 3)
        let weights: [Float] = [0.9, 0.1, 0.9, 0.5]
        let noise = RandomStream(seed: 7)
        func loss() -> Float {
            var draw = noise
            return vae.accumulateGradients(observations: batch.observations.storage, actions: batch.actions.storage, weights: weights,
                                           rows: 4, klWeight: 0.7, using: &draw).total
        }
        vae.parameters.zeroGradients()
        _ = loss()
        let analytic = vae.parameters.map(\.gradientArray)
        let error = worstRelativeError(vae.parameters, analytic: analytic, step: 1e-2) { Double(loss()) }
        #expect(error < 2e-2)
    }

    /// With no target noise the value and critic losses of an update equal a Double-precision
    /// recomputation: ṽ = min_k Q̄_k(s, D̄(s, 2·tanh f̄(s))), y = r + γ(1 − d)V(s').
    @Test func criticLossesMatchAReference() throws {
        let agent = tinyLAPO(seed: 4, targetNoise: 0)
        var rng = RandomStream(seed: 5)
        for seed in 0..<3 { _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng) }
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 11)
        let metrics = agent.update(with: batch, using: &rng)
        let c = agent.configuration
        let decodedMatrix = decodedPolicyActions(before.targetLatentPolicy, before.targetVAE.decoder, observations: batch.observations,
                                                 latentSize: agent.latentSize)
        let valueTargets = doublePrecisionForward(before.targetCritics, concatenate(batch.observations, decodedMatrix)).map { $0.min()! }
        let v = doublePrecisionForward(before.value, batch.observations).map { $0[0] }
        let valueLoss = zip(v, valueTargets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 4
        #expect(abs(metrics["value_loss"]! - valueLoss) < 1e-4 * max(1, valueLoss))

        let vNext = doublePrecisionForward(before.value, batch.nextObservations).map { $0[0] }
        let q = doublePrecisionForward(before.critics, concatenate(batch.observations, batch.actions))
        var criticLoss = 0.0
        for i in 0..<4 {
            let y = Double(batch.rewards[i, 0]) + Double(c.discount) * Double(1 - batch.terminals[i, 0]) * vNext[i]
            for k in 0..<2 { criticLoss += (q[i][k] - y) * (q[i][k] - y) }
        }
        #expect(abs(metrics["critic_loss"]! - criticLoss / 4) < 1e-4 * max(1, criticLoss / 4))
    }

    /// The latent policy's gradient, back-propagated through the critics and the target decoder, agrees with
    /// central differences of L_π = −(1/B) Σ Q_1(s, D̄(s, 2·tanh f(s))) (τ = 0 keeps the targets fixed).
    @Test func latentPolicyGradientAgreesWithFiniteDifferences() throws {
        let agent = tinyLAPO(seed: 15, tau: 0)
        var rng = RandomStream(seed: 16)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        let before = try twin(of: agent)
        let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 17)
        _ = agent.update(with: batch, using: &rng)
        func loss() -> Double {
            let decodedMatrix = decodedPolicyActions(before.latentPolicy, agent.targetVAE.decoder, observations: batch.observations,
                                                     latentSize: agent.latentSize)
            return -doublePrecisionForward(agent.critics, concatenate(batch.observations, decodedMatrix)).map { $0[0] }.reduce(0, +) / 4
        }
        let error = worstRelativeError(before.latentPolicy.parameters, analytic: agent.latentPolicy.parameters.map(\.gradientArray),
                                       step: 1e-2, loss: loss)
        #expect(error < 3e-2)
    }

    @Test func latentPolicyStaysWithinItsBound() {
        let agent = tinyLAPO(seed: 6)
        for parameter in agent.latentPolicy.parameters { parameter.array = parameter.array.map { $0 * 50 } }
        var rng = RandomStream(seed: 7)
        var largest: Float = 0
        for _ in 0..<50 {
            let observation = (0..<3).map { _ in 10 * rng.nextUniformFloat() - 5 }
            let z = agent.latentAction(observation: observation)
            #expect(z.allSatisfy { abs($0) <= agent.configuration.maxLatentAction })
            largest = max(largest, z.map(abs).max()!)
            #expect(agent.act(observation: observation, deterministic: false, using: &rng).allSatisfy { abs($0) <= 1 })
        }
        #expect(largest > 1.9)   // the bound is reached, not just respected
    }

    /// REDQ's subsets: |K| distinct members, every pair of the 5 drawn about equally often,
    /// and the ρ = 1 mix is the subset's minimum.
    @Test func targetSubsetsAreDistinctUniformAndMixToTheirMinimum() {
        let agent = tinyLAPO(seed: 8, critics: 5, subset: 2)
        var rng = RandomStream(seed: 9)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<5_000 {
            let subset = agent.targetSubset(using: &rng)
            #expect(subset.count == 2 && subset[0] < subset[1] && subset.allSatisfy { (0..<5).contains($0) })
            counts[subset, default: 0] += 1
        }
        #expect(counts.count == 10)
        #expect(counts.values.allSatisfy { (400...600).contains($0) })
        let q: [Float] = [3, -1, 7, 2, 5]
        #expect(q.withUnsafeBufferPointer { agent.mix($0.baseAddress!, row: 0, subset: [2, 4]) } == 5)
        #expect(q.withUnsafeBufferPointer { agent.mix($0.baseAddress!, row: 0, subset: [1, 3]) } == -1)
        let everyone = tinyLAPO(seed: 8, critics: 2, subset: 2)
        #expect(everyone.targetSubset(using: &rng) == [0, 1])
    }

    /// Online with interval 3, the CVAE and latent policy move on every third call only; the critics on every call.
    @Test func onlineThePolicyUpdatesOnEveryKthCall() {
        let agent = tinyLAPO(seed: 10, critics: 5, policyInterval: 3)
        var rng = RandomStream(seed: 11)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        agent.beginOnlinePhase()
        var policyChanges: [Bool] = [], criticChanges: [Bool] = []
        for seed in 2...7 {
            let (policy, vae, critics) = (agent.latentPolicy.parameters[0].array, agent.vae.parameters[0].array, agent.critics.parameters[0].array)
            _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed)), using: &rng)
            #expect((agent.latentPolicy.parameters[0].array != policy) == (agent.vae.parameters[0].array != vae))
            policyChanges.append(agent.latentPolicy.parameters[0].array != policy)
            criticChanges.append(agent.critics.parameters[0].array != critics)
        }
        #expect(policyChanges == [false, true, false, false, true, false])
        #expect(criticChanges.allSatisfy { $0 })
    }

    /// O3F scores raw [s, a] rows; the agent's critics see them normalised.
    @Test func scoringNormalisesStatesAndActions() {
        let states = StateNormalizer(mean: [1, -2, 0.5], std: [2, 0.5, 1], epsilon: 0)
        let actions = StateNormalizer(mean: [0.1, -0.1], std: [0.5, 0.25], epsilon: 0)
        let agent = tinyLAPO(seed: 12, critics: 5, stateNormalizer: states, actionNormalizer: actions)
        var raw: [Float] = [3, -1, 0.5, 0.6, 0.15]
        let normalised: [Float] = [1, 2, 0, 1, 1]
        let scored = raw.withUnsafeMutableBufferPointer { Array(UnsafeBufferPointer(start: agent.criticEnsemble.criticValues(ofRows: $0.baseAddress!, rows: 1), count: 5)) }
        let direct = normalised.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: agent.critics.forward($0.baseAddress!, rows: 1), count: 5)) }
        #expect(scored == direct)
        #expect(agent.criticEnsemble.criticCount == 5)
    }

    @Test func restoredAgentContinuesIdenticallyWithItsNormalisersAndPhase() throws {
        let agent = tinyLAPO(seed: 13, critics: 5, policyInterval: 2,
                             stateNormalizer: StateNormalizer(mean: [1, 2, 3], std: [1, 2, 3], epsilon: 1e-3),
                             actionNormalizer: StateNormalizer(mean: [0, 0.5], std: [0.5, 0.5], epsilon: 1e-3))
        var rng = RandomStream(seed: 14)
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 1), using: &rng)
        agent.beginOnlinePhase()
        _ = agent.update(with: randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: 2), using: &rng)
        let copy = try twin(of: agent)
        #expect(copy.stateNormalizer == agent.stateNormalizer && copy.actionNormalizer == agent.actionNormalizer && copy.isOnline)
        var a = rng, b = rng
        for seed in 3...5 {
            let batch = randomBatch(size: 4, observationSize: 3, actionSize: 2, seed: UInt64(seed))
            #expect(agent.update(with: batch, using: &a) == copy.update(with: batch, using: &b))
        }
        #expect(agent.act(observation: [0.3, -0.2, 0.1], deterministic: true, using: &a) == copy.act(observation: [0.3, -0.2, 0.1], deterministic: true, using: &b))
    }

    @Test func domainSettingsFollowTheReference() throws {
        let antmaze = LAPO.Configuration.configuration(for: try TaskRegistry.task(named: "antmaze-large-diverse-v2"), critics: 5, updatesPerStep: 20)
        #expect(antmaze.doubleQMin == 0.7 && antmaze.critics == 5 && antmaze.actorObjective == .criticMean && antmaze.onlinePolicyUpdateInterval == 20)
        let cheetah = LAPO.Configuration.configuration(for: try TaskRegistry.task(named: "halfcheetah-medium-v2"))
        #expect(cheetah.doubleQMin == 1 && cheetah.actorObjective == .firstCritic && cheetah.batchSize == 512 && cheetah.hiddenSizes == [256, 256, 256])
    }
}
