import Foundation

/// Latent-variable advantage-weighted policy optimisation (Chen et al. 2022), the base the O3F
/// paper's main results are built on, with the paper's REDQ-style critic ensemble.
///
/// LAPO models the data's actions with a conditional VAE whose training is advantage-weighted,
/// and learns a deterministic policy in the VAE's latent space: π(s) = D(s, z_max·tanh f(s)),
/// so the policy can only emit actions the decoder learned to produce. Critics: m Q-functions
/// and one V, on z-normalised states and actions. One update on a batch of size B:
///
/// 1. value target: ṽ(s) = clamp(mix_K Q̄_k(s, D̄(s, π̄_z(s) + ε)), v_min, v_max), ε = clip(N(0, 0.1²), ±0.2),
///    mix_K q = ρ·min_{k∈K} q_k + (1 − ρ)·max_{k∈K} q_k over a random subset K of the target
///    critics (|K| = 2: REDQ; with m = 2, both — the reference's "doubleq" mix with ρ = doubleq_min);
/// 2. critics: L = Σ_k (1/B) Σ (Q_k(s, a) − y)² + (1/B) Σ (V(s) − ṽ(s))²,  y = r + γ(1 − d)·V(s');
/// 3. weights: A = r + γ(1 − d)·mix_K Q̄_k(s', D̄(s', π̄_z(s'))) − V(s),  w = τ_e if A > 0 else 1 − τ_e;
/// 4. CVAE: the weighted ELBO of `ConditionalVAE` with these w (β = klWeight);
/// 5. latent policy: L_π = −(1/B) Σ Q(s, D̄(s, π_z(s))), Q = Q_1 (LAPO) or the members' mean (REDQ);
/// 6. targets: Polyak τ for critics, latent policy and VAE (bars denote targets).
///
/// Online, steps 3–6 for the policy and VAE run on every `onlinePolicyUpdateInterval`-th call,
/// so a loop making U = 20 calls per environment step makes 20 critic updates and one policy
/// update, as REDQ does.
public final class LAPO: Agent {
    /// Which critic the latent policy climbs.
    public enum ActorObjective: String, Codable, Sendable {
        /// Q_1, as LAPO's reference code.
        case firstCritic
        /// The mean over all m critics, as REDQ's policy update.
        case criticMean
    }

    /// LAPO's settings; defaults are those of LAPO's reference code (Chen et al. 2022).
    public struct Configuration: Codable, Equatable, Sendable {
        /// Hidden widths of every network (encoder, decoder, latent policy, critics, value).
        public var hiddenSizes = [256, 256, 256]
        /// m, the Q-functions (2 in LAPO; 5 for O3F).
        public var critics = 2
        /// |K|, the size of the random subset of target critics the targets mix (REDQ: 2).
        public var targetSubsetSize = 2
        public var actorObjective = ActorObjective.firstCritic
        /// Dimension of z; nil means 2·|A|.
        public var latentSize: Int?
        /// z_max, the latent policy's bound.
        public var maxLatentAction: Float = 2
        /// β of the CVAE's KL term.
        public var klWeight: Float = 1
        /// τ_e of the advantage weights.
        public var expectile: Float = 0.9
        /// ρ of the min/max mix of target critics (1 = the minimum; antmaze 0.7).
        public var doubleQMin: Float = 1
        /// σ and clip of the latent noise in the value target.
        public var targetNoise: Float = 0.1
        public var targetNoiseClip: Float = 0.2
        /// [v_min, v_max], the value target's clamp: the scaled rewards' min and max over 1 − γ
        /// (antmaze: [0, 100]). The defaults do not clamp.
        public var valueMin: Float = -1e9
        public var valueMax: Float = 1e9
        /// Adam step size of every network.
        public var learningRate: Float = 2e-4
        public var discount: Float = 0.99
        /// Polyak rate of every target network.
        public var tau: Float = 0.005
        public var batchSize = 512
        /// Online, the CVAE and latent policy are updated on every k-th call (k = the updates per
        /// environment step, 20 for O3F); offline on every call.
        public var onlinePolicyUpdateInterval = 1

        public init() {}

        /// The reference settings of `task`'s domain (antmaze: ρ 0.7), with `critics` Q-functions;
        /// more than two critics take REDQ's policy objective (their mean).
        public static func configuration(for task: D4RLTask, critics: Int = 2, updatesPerStep: Int = 1) -> Configuration {
            var configuration = Configuration()
            configuration.critics = critics
            configuration.actorObjective = critics > 2 ? .criticMean : .firstCritic
            configuration.onlinePolicyUpdateInterval = updatesPerStep
            if task.domain == .antmaze { configuration.doubleQMin = 0.7 }
            return configuration
        }
    }

    public let configuration: Configuration
    public let name = "lapo"
    public let observationSize: Int
    public let actionSize: Int
    public var batchSize: Int { configuration.batchSize }
    public var discount: Float { configuration.discount }
    public let metricNames = ["critic_loss", "value_loss", "vae_loss", "reconstruction", "kl", "actor_loss", "q_mean", "v_mean",
                              "positive_advantage"]

    /// z-normalisation of states and of actions (the dataset's statistics).
    public private(set) var stateNormalizer: StateNormalizer
    public private(set) var actionNormalizer: StateNormalizer
    public let vae: ConditionalVAE
    public let targetVAE: ConditionalVAE
    /// s ↦ tanh f(s); the latent action is z_max times this.
    public let latentPolicy: MLP
    public let targetLatentPolicy: MLP
    public let critics: MLPEnsemble
    public let targetCritics: MLPEnsemble
    public let value: MLP
    private let encoderOptimizer: Adam
    private let decoderOptimizer: Adam
    private let policyOptimizer: Adam
    private let criticOptimizer: Adam
    private let valueOptimizer: Adam
    /// Calls of `update` so far, and whether the loop has gone online.
    public private(set) var updates = 0
    public private(set) var isOnline = false
    /// The policy's metrics of its latest update (vae_loss, reconstruction, kl, actor_loss,
    /// positive_advantage), repeated by calls that update only the critics; 0 before the first.
    private var lastPolicyMetrics: [Float] = [0, 0, 0, 0, 0]

    private let states = Workspace(), nextStates = Workspace(), actions = Workspace()
    private let criticInput = Workspace(), latents = Workspace(), mixed = Workspace()
    private let targets = Workspace(), gradient = Workspace(), weights = Workspace()
    private lazy var scoringCritics = NormalizedCritics(agent: self)

    /// A new agent; `stateNormalizer` and `actionNormalizer` are fitted on the offline data
    /// (identity when nil).
    public init(observationSize: Int, actionSize: Int, configuration: Configuration = Configuration(),
                stateNormalizer: StateNormalizer? = nil, actionNormalizer: StateNormalizer? = nil, using rng: inout RandomStream) {
        precondition(configuration.critics >= 1, "LAPO needs at least one Q-function")
        precondition((1...configuration.critics).contains(configuration.targetSubsetSize),
                     "the target subset (\(configuration.targetSubsetSize)) must have between 1 and m = \(configuration.critics) critics")
        precondition(configuration.onlinePolicyUpdateInterval >= 1, "the policy update interval must be at least 1")
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.stateNormalizer = stateNormalizer ?? StateNormalizer(identityOfSize: observationSize)
        self.actionNormalizer = actionNormalizer ?? StateNormalizer(identityOfSize: actionSize)
        precondition(self.stateNormalizer.mean.count == observationSize && self.actionNormalizer.mean.count == actionSize,
                     "normalisers must match the observation and action sizes")
        let hidden = configuration.hiddenSizes, latent = configuration.latentSize ?? 2 * actionSize
        vae = ConditionalVAE(observationSize: observationSize, actionSize: actionSize, latentSize: latent, hiddenSizes: hidden, using: &rng)
        targetVAE = ConditionalVAE(observationSize: observationSize, actionSize: actionSize, latentSize: latent, hiddenSizes: hidden, using: &rng)
        latentPolicy = MLP(widths: [observationSize] + hidden + [latent], outputActivation: .tanh, using: &rng)
        targetLatentPolicy = MLP(widths: [observationSize] + hidden + [latent], outputActivation: .tanh, using: &rng)
        critics = MLPEnsemble(widths: [observationSize + actionSize] + hidden + [1], members: configuration.critics, using: &rng)
        targetCritics = MLPEnsemble(widths: [observationSize + actionSize] + hidden + [1], members: configuration.critics, using: &rng)
        value = MLP(widths: [observationSize] + hidden + [1], using: &rng)
        targetVAE.parameters.copyValues(from: vae.parameters)
        targetLatentPolicy.parameters.copyValues(from: latentPolicy.parameters)
        targetCritics.parameters.copyValues(from: critics.parameters)
        let rate = configuration.learningRate
        encoderOptimizer = Adam(parameters: vae.encoder.parameters, learningRate: rate)
        decoderOptimizer = Adam(parameters: vae.decoder.parameters, learningRate: rate)
        policyOptimizer = Adam(parameters: latentPolicy.parameters, learningRate: rate)
        criticOptimizer = Adam(parameters: critics.parameters, learningRate: rate)
        valueOptimizer = Adam(parameters: value.parameters, learningRate: rate)
    }

    public var latentSize: Int { vae.latentSize }

    /// [v_min, v_max] of the reference: antmaze [0, 100] (rewards ×100, one at the goal);
    /// otherwise the smallest and largest scaled reward over 1 − γ.
    public static func valueRange(for task: D4RLTask, rewards: [Float], discount: Float) -> (Float, Float) {
        if task.domain == .antmaze { return (0, 100) }
        guard let low = rewards.min(), let high = rewards.max() else { return (-1e9, 1e9) }
        return (low / (1 - discount), high / (1 - discount))
    }

    /// The critics on raw [s, a] rows (normalised before evaluation), for O3F's scoring.
    public var criticEnsemble: any CriticEnsemble { scoringCritics }

    public func beginOnlinePhase() { isOnline = true }

    // quote: lapo-update
    public func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics {
        let rows = batch.size
        normalize(batch)
        let subset = targetSubset(using: &rng)
        let (criticLoss, valueLoss, qMean, vMean) = updateCritics(batch, subset: subset, using: &rng)
        let updatesPolicy = !isOnline || updates % configuration.onlinePolicyUpdateInterval == configuration.onlinePolicyUpdateInterval - 1
        if updatesPolicy {
            let positive = computeWeights(batch, subset: subset)
            let vaeLoss = updateVAE(rows: rows, using: &rng)
            let actorLoss = updateLatentPolicy(rows: rows)
            polyakUpdate(target: targetVAE.parameters, source: vae.parameters, tau: configuration.tau)
            polyakUpdate(target: targetLatentPolicy.parameters, source: latentPolicy.parameters, tau: configuration.tau)
            lastPolicyMetrics = [vaeLoss.total, vaeLoss.reconstruction, vaeLoss.divergence, actorLoss, positive]
        }
        polyakUpdate(target: targetCritics.parameters, source: critics.parameters, tau: configuration.tau)
        updates += 1
        let policy = lastPolicyMetrics.map(Double.init)
        return Metrics(["critic_loss": Double(criticLoss), "value_loss": Double(valueLoss), "vae_loss": policy[0],
                        "reconstruction": policy[1], "kl": policy[2], "actor_loss": policy[3], "q_mean": Double(qMean),
                        "v_mean": Double(vMean), "positive_advantage": policy[4]])
    }
    // end quote

    /// K: `targetSubsetSize` distinct critic indices drawn uniformly (all of them when |K| = m).
    func targetSubset(using rng: inout RandomStream) -> [Int] {
        let m = configuration.critics, size = configuration.targetSubsetSize
        if size == m { return Array(0..<m) }
        var indices = Array(0..<m)
        for i in 0..<size { indices.swapAt(i, i + rng.nextIndex(below: m - i)) }
        return Array(indices[0..<size]).sorted()
    }

    /// ρ·min + (1 − ρ)·max of row i's target-critic values over `subset`.
    @inline(__always)
    func mix(_ q: UnsafePointer<Float>, row i: Int, subset: [Int]) -> Float {
        let m = configuration.critics
        var low = Float.infinity, high = -Float.infinity
        for k in subset {
            low = min(low, q[i * m + k])
            high = max(high, q[i * m + k])
        }
        return configuration.doubleQMin * low + (1 - configuration.doubleQMin) * high
    }

    /// Normalised s, a, s' of the batch into the agent's workspaces.
    private func normalize(_ batch: TransitionBatch) {
        let rows = batch.size
        batch.observations.withUnsafeBufferPointer { stateNormalizer.normalize($0.baseAddress!, rows: rows, into: states) }
        batch.nextObservations.withUnsafeBufferPointer { stateNormalizer.normalize($0.baseAddress!, rows: rows, into: nextStates) }
        batch.actions.withUnsafeBufferPointer { actionNormalizer.normalize($0.baseAddress!, rows: rows, into: actions) }
    }

    /// mix_K Q̄(s, D̄(s, π̄_z(s) [+ ε])) for `rows` normalised states, into `mixed`.
    private func targetPolicyValue(states s: UnsafePointer<Float>, rows: Int, subset: [Int], noisy: Bool,
                                   using rng: inout RandomStream) {
        let l = latentSize, zMax = configuration.maxLatentAction
        let squashed = targetLatentPolicy.forward(s, rows: rows)
        latents.reserve(rows * l)
        for i in 0..<(rows * l) {
            var z = zMax * squashed[i]
            if noisy {
                let clip = configuration.targetNoiseClip
                z += min(max(configuration.targetNoise * Float(rng.nextGaussian()), -clip), clip)
            }
            latents.pointer[i] = z
        }
        let decoded = targetVAE.decode(observations: s, latents: latents.pointer, rows: rows)
        fillStateActionRows(criticInput, observations: s, observationSize: observationSize, actions: decoded, actionSize: actionSize, rows: rows)
        let q = subset.count < configuration.critics ? targetCritics.forward(criticInput.pointer, rows: rows, members: subset)
                                                     : targetCritics.forward(criticInput.pointer, rows: rows)
        mixed.reserve(rows)
        for i in 0..<rows { mixed.pointer[i] = mix(q, row: i, subset: subset) }
    }

    /// Steps 1–2. Returns the Q loss (summed over members), the V loss and the means of Q and V.
    private func updateCritics(_ batch: TransitionBatch, subset: [Int], using rng: inout RandomStream)
        -> (critic: Float, value: Float, qMean: Float, vMean: Float) {
        let rows = batch.size, gamma = configuration.discount
        targetPolicyValue(states: states.pointer, rows: rows, subset: subset, noisy: true, using: &rng)
        targets.reserve(2 * rows)                                     // [y | ṽ]
        for i in 0..<rows { targets.pointer[rows + i] = min(max(mixed.pointer[i], configuration.valueMin), configuration.valueMax) }
        let nextValue = value.forward(nextStates.pointer, rows: rows)
        batch.rewards.withUnsafeBufferPointer { r in
            batch.terminals.withUnsafeBufferPointer { d in
                for i in 0..<rows { targets.pointer[i] = r[i] + gamma * (1 - d[i]) * nextValue[i] }
            }
        }
        let v = value.forward(states.pointer, rows: rows)
        gradient.reserve(rows)
        let valueLoss = Loss.meanSquaredError(prediction: v, target: targets.pointer + rows, count: rows, gradient: gradient.pointer)
        var vSum: Float = 0
        for i in 0..<rows { vSum += v[i] }
        value.zeroGradients()
        value.backward(gradient.pointer, needsInputGradient: false)
        valueOptimizer.update()
        fillStateActionRows(criticInput, observations: states.pointer, observationSize: observationSize, actions: actions.pointer,
                            actionSize: actionSize, rows: rows)
        let (criticLoss, qMean) = critics.regressMembers(inputs: criticInput.pointer, targets: targets.pointer, rows: rows,
                                                         gradient: gradient, optimizer: criticOptimizer)
        return (criticLoss, valueLoss, qMean, vSum / Float(rows))
    }

    /// Step 3: w_i from the advantage under the target policy. Returns the fraction with A > 0.
    private func computeWeights(_ batch: TransitionBatch, subset: [Int]) -> Float {
        let rows = batch.size, gamma = configuration.discount
        var unused = RandomStream(seed: 0)
        targetPolicyValue(states: nextStates.pointer, rows: rows, subset: subset, noisy: false, using: &unused)
        let v = value.forward(states.pointer, rows: rows)
        weights.reserve(rows)
        var positive = 0
        batch.rewards.withUnsafeBufferPointer { r in
            batch.terminals.withUnsafeBufferPointer { d in
                for i in 0..<rows {
                    let advantage = r[i] + gamma * (1 - d[i]) * mixed.pointer[i] - v[i]
                    if advantage > 0 { positive += 1 }
                    weights.pointer[i] = advantage > 0 ? configuration.expectile : 1 - configuration.expectile
                }
            }
        }
        return Float(positive) / Float(rows)
    }

    /// Step 4: one Adam step of the advantage-weighted ELBO.
    private func updateVAE(rows: Int, using rng: inout RandomStream) -> ConditionalVAE.Loss {
        vae.encoder.zeroGradients()
        vae.decoder.zeroGradients()
        let loss = vae.accumulateGradients(observations: states.pointer, actions: actions.pointer, weights: weights.pointer,
                                           rows: rows, klWeight: configuration.klWeight, using: &rng)
        encoderOptimizer.update()
        decoderOptimizer.update()
        return loss
    }

    /// Step 5: the latent policy climbs Q through the target decoder. Returns L_π.
    private func updateLatentPolicy(rows: Int) -> Float {
        let (l, n, m, o) = (latentSize, actionSize, configuration.critics, observationSize)
        let zMax = configuration.maxLatentAction
        let squashed = latentPolicy.forward(states.pointer, rows: rows)
        latents.reserve(rows * l)
        for i in 0..<(rows * l) { latents.pointer[i] = zMax * squashed[i] }
        let decoded = targetVAE.decode(observations: states.pointer, latents: latents.pointer, rows: rows)
        fillStateActionRows(criticInput, observations: states.pointer, observationSize: o, actions: decoded, actionSize: n, rows: rows)
        let q = critics.forward(criticInput.pointer, rows: rows)
        gradient.reserve(rows * m)
        var loss: Float = 0
        for i in 0..<rows {
            for k in 0..<m {
                let counts = configuration.actorObjective == .criticMean || k == 0
                let share: Float = configuration.actorObjective == .criticMean ? 1 / Float(m) : 1
                if counts { loss -= share * q[i * m + k] }
                gradient.pointer[i * m + k] = counts ? -share / Float(rows) : 0
            }
        }
        let criticInputGradient = critics.backward(gradient.pointer, needsParameterGradients: false)
        gradient.reserve(rows * n)
        for i in 0..<rows { (gradient.pointer + i * n).update(from: criticInputGradient + i * (o + n) + o, count: n) }
        let decoderInputGradient = targetVAE.decoder.backward(gradient.pointer, needsParameterGradients: false)
        gradient.reserve(rows * l)
        for i in 0..<rows {
            for j in 0..<l { gradient.pointer[i * l + j] = zMax * decoderInputGradient[i * (o + l) + o + j] }
        }
        latentPolicy.zeroGradients()
        latentPolicy.backward(gradient.pointer, needsInputGradient: false)
        policyOptimizer.update()
        return loss / Float(rows)
    }

    /// π_z(s) = z_max·tanh f(s) for one raw observation: always inside [−z_max, z_max].
    public func latentAction(observation: [Float]) -> [Float] {
        precondition(observation.count == observationSize, "expected an observation of \(observationSize) values, got \(observation.count)")
        let state = stateNormalizer.normalized(observation)
        let squashed = state.withUnsafeBufferPointer { latentPolicy.forward($0.baseAddress!, rows: 1) }
        return (0..<latentSize).map { configuration.maxLatentAction * squashed[$0] }
    }

    /// π(s) = D̄(s, π_z(s)) in raw action units, clipped to [−1, 1]. The policy is
    /// deterministic: `deterministic` and `rng` do not change it (exploration comes from the
    /// selector: Gaussian noise or O3F's candidates).
    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        let z = latentAction(observation: observation)
        let state = stateNormalizer.normalized(observation)
        let action = state.withUnsafeBufferPointer { s in
            z.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: targetVAE.decode(observations: s.baseAddress!, latents: $0.baseAddress!, rows: 1),
                                                                  count: actionSize)) }
        }
        return actionNormalizer.denormalized(action).map { min(max($0, -1), 1) }
    }

    // MARK: - Checkpoints

    public func save(into archive: inout ParameterArchive) {
        for (prefix, model) in [("vae.", vae), ("target_vae.", targetVAE)] {
            archive.add(model.encoder.parameters, prefix: prefix + "encoder.")
            archive.add(model.decoder.parameters, prefix: prefix + "decoder.")
        }
        archive.add(latentPolicy.parameters, prefix: "latent_policy.")
        archive.add(targetLatentPolicy.parameters, prefix: "target_latent_policy.")
        archive.add(critics.parameters, prefix: "critics.")
        archive.add(targetCritics.parameters, prefix: "target_critics.")
        archive.add(value.parameters, prefix: "value.")
        encoderOptimizer.save(into: &archive, prefix: "vae.encoder.")
        decoderOptimizer.save(into: &archive, prefix: "vae.decoder.")
        policyOptimizer.save(into: &archive, prefix: "latent_policy.")
        criticOptimizer.save(into: &archive, prefix: "critics.")
        valueOptimizer.save(into: &archive, prefix: "value.")
        for (name, normalizer) in [("state", stateNormalizer), ("action", actionNormalizer)] {
            archive.add(name: "lapo.\(name)_mean", shape: [normalizer.mean.count], values: normalizer.mean)
            archive.add(name: "lapo.\(name)_std", shape: [normalizer.std.count], values: normalizer.std)
            archive.add(name: "lapo.\(name)_epsilon", shape: [1], values: [normalizer.epsilon])
        }
        archive.add(name: "lapo.last_policy_metrics", shape: [lastPolicyMetrics.count], values: lastPolicyMetrics)
        archive.scalars["updates"] = Int64(updates)
        archive.scalars["online"] = isOnline ? 1 : 0
    }

    public func restore(from archive: ParameterArchive) throws {
        for (prefix, model) in [("vae.", vae), ("target_vae.", targetVAE)] {
            try archive.load(into: model.encoder.parameters, prefix: prefix + "encoder.")
            try archive.load(into: model.decoder.parameters, prefix: prefix + "decoder.")
        }
        try archive.load(into: latentPolicy.parameters, prefix: "latent_policy.")
        try archive.load(into: targetLatentPolicy.parameters, prefix: "target_latent_policy.")
        try archive.load(into: critics.parameters, prefix: "critics.")
        try archive.load(into: targetCritics.parameters, prefix: "target_critics.")
        try archive.load(into: value.parameters, prefix: "value.")
        try encoderOptimizer.restore(from: archive, prefix: "vae.encoder.")
        try decoderOptimizer.restore(from: archive, prefix: "vae.decoder.")
        try policyOptimizer.restore(from: archive, prefix: "latent_policy.")
        try criticOptimizer.restore(from: archive, prefix: "critics.")
        try valueOptimizer.restore(from: archive, prefix: "value.")
        func normalizer(_ name: String, size: Int) throws -> StateNormalizer {
            guard let mean = archive.tensors["lapo.\(name)_mean"]?.values, let std = archive.tensors["lapo.\(name)_std"]?.values,
                  let epsilon = archive.tensors["lapo.\(name)_epsilon"]?.values.first, mean.count == size, std.count == size else {
                throw ParameterArchiveError.missingTensor("lapo.\(name)_mean/std/epsilon of size \(size)")
            }
            return StateNormalizer(mean: mean, std: std, epsilon: epsilon)
        }
        stateNormalizer = try normalizer("state", size: observationSize)
        actionNormalizer = try normalizer("action", size: actionSize)
        if let last = archive.tensors["lapo.last_policy_metrics"]?.values, last.count == lastPolicyMetrics.count { lastPolicyMetrics = last }
        updates = Int(archive.scalars["updates"] ?? 0)
        isOnline = archive.scalars["online"] == 1
    }

    /// The critics as O3F sees them: raw [s, a] rows, normalised in place, then evaluated.
    final class NormalizedCritics: CriticEnsemble {
        unowned let agent: LAPO
        init(agent: LAPO) { self.agent = agent }

        var criticCount: Int { agent.configuration.critics }

        func criticValues(ofRows inputs: UnsafeMutablePointer<Float>, rows: Int) -> UnsafePointer<Float> {
            let (o, n) = (agent.observationSize, agent.actionSize)
            let (states, actions) = (agent.stateNormalizer, agent.actionNormalizer)
            for i in 0..<rows {
                states.normalizeInPlace(inputs + i * (o + n))
                actions.normalizeInPlace(inputs + i * (o + n) + o)
            }
            return UnsafePointer(agent.critics.forward(inputs, rows: rows))
        }
    }
}
