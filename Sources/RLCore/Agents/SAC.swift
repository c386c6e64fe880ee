import Foundation

/// Soft actor-critic (Haarnoja et al. 2018) with twin critics and automatic entropy tuning:
/// the kit's online learner, used to make "medium" datasets and as the optimistic objective
/// CQL switches to in Chapter 1.
///
/// One update on a batch {(s, a, r, s', d)} of size B, in this order:
///
/// 1. critics: y = r + γ(1 − d)(min_k Q̄_k(s', a') − α log π(a'|s')), a' ~ π(·|s') (without the
///    entropy term when `backsUpEntropy` is false),
///    L_Q = Σ_k (1/B) Σ_i (Q_k(s_i, a_i) − y_i)²  (Q̄: the target critics);
/// 2. actor: L_π = (1/B) Σ_i [α log π(ã_i|s_i) − min_k Q_k(s_i, ã_i)], ã ~ π(·|s) reparameterised
///    (or, while `clonesBehaviour`, −log π(a_i|s_i) of the batch's actions in place of −min Q);
/// 3. temperature: L_α = −(1/B) Σ_i α·(log π(ã_i|s_i) + H̄), stepped in log α, H̄ = −|A|;
/// 4. targets: Q̄ ← τ·Q + (1 − τ)·Q̄.
///
/// `d` is 1 only for true terminals: a time-limit truncation still bootstraps.
public final class SAC: Agent {
    /// SAC's settings; defaults are the common library defaults (Haarnoja et al. 2018: lr 3e-4, automatic entropy with target −|A|).
    public struct Configuration: Codable, Equatable, Sendable {
        /// Hidden layer widths of the actor and of each critic.
        public var hiddenSizes = [256, 256]
        /// Number of critics m (2: the twin critics of TD3/SAC; the target is their minimum).
        public var critics = 2
        /// Adam step size of the actor.
        public var actorLearningRate: Float = 3e-4
        /// Adam step size of the critics.
        public var criticLearningRate: Float = 3e-4
        /// Adam step size of log α.
        public var temperatureLearningRate: Float = 3e-4
        /// Discount γ.
        public var discount: Float = 0.99
        /// Polyak rate τ of the target critics.
        public var tau: Float = 0.005
        /// Minibatch size B.
        public var batchSize = 256
        /// α at the start of training.
        public var initialTemperature: Float = 1
        /// Target entropy H̄; nil means −|A| (Haarnoja et al. 2018b).
        public var targetEntropy: Float?
        /// Range [lo, hi] of the actor's log σ.
        public var logStdMin: Float = -5
        public var logStdMax: Float = 2

        public init() {}
    }

    public let configuration: Configuration
    public let name = "sac"
    public let observationSize: Int
    public let actionSize: Int
    public var batchSize: Int { configuration.batchSize }
    public var discount: Float { configuration.discount }
    public let metricNames = ["critic_loss", "actor_loss", "temperature", "entropy", "q_mean"]

    public let policy: TanhGaussianPolicy
    public let critics: MLPEnsemble
    public let targetCritics: MLPEnsemble
    /// log α, one value.
    public let logTemperature = Parameter(name: "log_alpha", shape: [1])
    private let actorOptimizer: Adam
    private let criticOptimizer: Adam
    private let temperatureOptimizer: Adam
    /// Updates done so far.
    public private(set) var updates = 0
    /// An extra term of the critics' loss (CQL's conservative penalty); nil is plain SAC.
    /// Setting it to nil at the online boundary is the paper's CQL → SAC objective switch.
    public var criticRegularizer: (any CriticRegularizer)?
    /// Whether the TD target keeps the entropy term −α log π(a'|s') (SAC's soft backup). CQL's
    /// offline recipe drops it (a "deterministic backup"); switching to SAC restores it.
    public var backsUpEntropy = true
    /// While true the actor clones the batch's actions instead of climbing Q:
    /// L_π = (1/B) Σ_i [α log π(ã_i|s_i) − log π(a_i|s_i)] (CQL's warm start).
    public var clonesBehaviour = false

    private let criticInput = Workspace()
    private let targetInput = Workspace()
    private let targets = Workspace()
    private let criticGradient = Workspace()
    private let regularizerGradient = Workspace()

    /// A new agent with freshly initialised networks drawn from `rng`.
    public init(observationSize: Int, actionSize: Int, configuration: Configuration = Configuration(),
                using rng: inout RandomStream) {
        precondition(configuration.critics >= 1 && configuration.batchSize >= 1, "SAC needs at least one critic and a positive batch size")
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        policy = TanhGaussianPolicy(observationSize: observationSize, actionSize: actionSize, hiddenSizes: configuration.hiddenSizes,
                                    logStdMin: configuration.logStdMin, logStdMax: configuration.logStdMax, using: &rng)
        let criticWidths = [observationSize + actionSize] + configuration.hiddenSizes + [1]
        critics = MLPEnsemble(widths: criticWidths, members: configuration.critics, using: &rng)
        targetCritics = MLPEnsemble(widths: criticWidths, members: configuration.critics, using: &rng)
        targetCritics.parameters.copyValues(from: critics.parameters)
        logTemperature.values[0] = Foundation.log(configuration.initialTemperature)
        actorOptimizer = Adam(parameters: policy.network.parameters, learningRate: configuration.actorLearningRate)
        criticOptimizer = Adam(parameters: critics.parameters, learningRate: configuration.criticLearningRate)
        temperatureOptimizer = Adam(parameters: [logTemperature], learningRate: configuration.temperatureLearningRate)
    }

    /// α = exp(log α).
    public var temperature: Float { Foundation.exp(logTemperature.values[0]) }
    /// H̄.
    public var targetEntropy: Float { configuration.targetEntropy ?? -Float(actionSize) }
    public var criticEnsemble: any CriticEnsemble { critics }

    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        policy.act(observation: observation, deterministic: deterministic, using: &rng)
    }

    // quote: sac-update
    public func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics {
        let criticLoss = updateCritics(batch, using: &rng)
        let (actorLoss, logProbMean) = updateActor(batch, using: &rng)
        updateTemperature(logProbMean: logProbMean)
        polyakUpdate(target: targetCritics.parameters, source: critics.parameters, tau: configuration.tau)
        updates += 1
        return Metrics(["critic_loss": Double(criticLoss.loss), "actor_loss": Double(actorLoss),
                        "temperature": Double(temperature), "entropy": Double(-logProbMean), "q_mean": Double(criticLoss.mean)])
    }
    // end quote

    /// Step 1: the soft TD target from the target critics, then one Adam step on L_Q.
    private func updateCritics(_ batch: TransitionBatch, using rng: inout RandomStream) -> (loss: Float, mean: Float) {
        let rows = batch.size, m = configuration.critics
        let alpha = backsUpEntropy ? temperature : 0, gamma = configuration.discount
        targets.reserve(rows)
        batch.nextObservations.withUnsafeBufferPointer { next in
            let sampled = policy.sample(next.baseAddress!, rows: rows, using: &rng)
            fillRows(targetInput, observations: next.baseAddress!, actions: sampled.actions, rows: rows)
            let q = targetCritics.forward(targetInput.pointer, rows: rows)
            batch.rewards.withUnsafeBufferPointer { r in
                batch.terminals.withUnsafeBufferPointer { d in
                    for i in 0..<rows {
                        var smallest = q[i * m]
                        for k in 1..<max(m, 1) { smallest = min(smallest, q[i * m + k]) }
                        targets.pointer[i] = r[i] + gamma * (1 - d[i]) * (smallest - alpha * sampled.logProbs[i])
                    }
                }
            }
        }
        batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in fillRows(criticInput, observations: s.baseAddress!, actions: a.baseAddress!, rows: rows) }
        }
        guard let regularizer = criticRegularizer else {
            return critics.regressMembers(inputs: criticInput.pointer, targets: targets.pointer, rows: rows,
                                          gradient: criticGradient, optimizer: criticOptimizer)
        }
        critics.zeroGradients()
        regularizerGradient.reserve(rows * configuration.critics)
        regularizerGradient.pointer.update(repeating: 0, count: rows * configuration.critics)
        regularizer.accumulate(batch: batch, dataRows: criticInput.pointer, critics: critics, policy: policy,
                               dataGradient: regularizerGradient.pointer, using: &rng)
        return critics.regressMembers(inputs: criticInput.pointer, targets: targets.pointer, rows: rows,
                                      gradient: criticGradient, optimizer: criticOptimizer,
                                      extraGradient: regularizerGradient.pointer, keepingGradients: true)
    }

    /// Step 2: the reparameterised actor loss through the (just updated) critics, whose
    /// parameters are not trained by it. Returns L_π and the batch mean of log π.
    private func updateActor(_ batch: TransitionBatch, using rng: inout RandomStream) -> (loss: Float, logProbMean: Float) {
        let rows = batch.size, m = configuration.critics, width = observationSize + actionSize
        let alpha = temperature
        let logProbs = batch.observations.withUnsafeBufferPointer { s in
            let sampled = policy.sample(s.baseAddress!, rows: rows, using: &rng)
            fillRows(criticInput, observations: s.baseAddress!, actions: sampled.actions, rows: rows)
            return sampled.logProbs
        }
        if clonesBehaviour {
            var logProbSum: Float = 0
            for i in 0..<rows { logProbSum += logProbs[i] }
            criticGradient.reserve(rows * width)
            criticGradient.pointer.update(repeating: 0, count: rows * width)
            policy.network.zeroGradients()
            policy.backward(actionGradient: criticGradient.pointer + observationSize, stride: width, logProbGradient: alpha / Float(rows))
            let likelihood = batch.observations.withUnsafeBufferPointer { s in
                batch.actions.withUnsafeBufferPointer { a in
                    policy.accumulateLogLikelihoodGradient(observations: s.baseAddress!, actions: a.baseAddress!, rows: rows)
                }
            }
            actorOptimizer.update()
            return (alpha * logProbSum / Float(rows) - likelihood, logProbSum / Float(rows))
        }
        let q = critics.forward(criticInput.pointer, rows: rows)
        criticGradient.reserve(rows * m)
        var loss: Float = 0, logProbSum: Float = 0
        for i in 0..<rows {
            var smallest = 0
            for k in 1..<max(m, 1) where q[i * m + k] < q[i * m + smallest] { smallest = k }
            for k in 0..<m { criticGradient.pointer[i * m + k] = k == smallest ? -1 / Float(rows) : 0 }
            loss += alpha * logProbs[i] - q[i * m + smallest]
            logProbSum += logProbs[i]
        }
        let inputGradient = critics.backward(criticGradient.pointer, needsInputGradient: true, needsParameterGradients: false)
        policy.network.zeroGradients()
        policy.backward(actionGradient: inputGradient + observationSize, stride: width, logProbGradient: alpha / Float(rows))
        actorOptimizer.update()
        return (loss / Float(rows), logProbSum / Float(rows))
    }

    /// Step 3: ∂L_α/∂log α = −α·(mean log π + H̄).
    private func updateTemperature(logProbMean: Float) {
        logTemperature.gradient[0] = -temperature * (logProbMean + targetEntropy)
        temperatureOptimizer.update()
    }

    /// Writes rows [s_i, a_i] into `workspace`.
    private func fillRows(_ workspace: Workspace, observations: UnsafePointer<Float>, actions: UnsafePointer<Float>, rows: Int) {
        fillStateActionRows(workspace, observations: observations, observationSize: observationSize,
                            actions: actions, actionSize: actionSize, rows: rows)
    }

    // MARK: - Checkpoints

    public func save(into archive: inout ParameterArchive) {
        archive.add(policy.network.parameters, prefix: "actor.")
        archive.add(critics.parameters, prefix: "critics.")
        archive.add(targetCritics.parameters, prefix: "target_critics.")
        archive.add([logTemperature], prefix: "")
        actorOptimizer.save(into: &archive, prefix: "actor.")
        criticOptimizer.save(into: &archive, prefix: "critics.")
        temperatureOptimizer.save(into: &archive, prefix: "temperature.")
        archive.scalars["updates"] = Int64(updates)
    }

    public func restore(from archive: ParameterArchive) throws {
        try archive.load(into: policy.network.parameters, prefix: "actor.")
        try archive.load(into: critics.parameters, prefix: "critics.")
        try archive.load(into: targetCritics.parameters, prefix: "target_critics.")
        try archive.load(into: [logTemperature], prefix: "")
        try actorOptimizer.restore(from: archive, prefix: "actor.")
        try criticOptimizer.restore(from: archive, prefix: "critics.")
        try temperatureOptimizer.restore(from: archive, prefix: "temperature.")
        updates = Int(archive.scalars["updates"] ?? 0)
    }
}
