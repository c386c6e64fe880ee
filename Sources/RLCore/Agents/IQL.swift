import Foundation

/// Implicit Q-learning (Kostrikov, Nair & Levine 2021): offline RL that never queries the
/// critics at actions outside the dataset. One update on a batch {(s, a, r, s', d)} of size B,
/// in the reference implementation's order:
///
/// 1. value: L_V = (1/B) Σ |τ − 1(u < 0)|·u²,  u = min_k Q̄_k(s, a) − V(s)  (expectile τ;
///    Q̄: the target critics, the minimum over all m of them);
/// 2. actor: L_π = −(1/B) Σ w·log π(a|s),  w = min(exp(β·(min_k Q̄_k(s, a) − V(s))), 100),
///    with the V just updated (advantage-weighted regression, temperature β);
/// 3. critics: L_Q = Σ_k (1/B) Σ (Q_k(s, a) − y)²,  y = r + γ(1 − d)·V(s');
/// 4. targets: Q̄ ← τ_polyak·Q + (1 − τ_polyak)·Q̄.
///
/// The policy is a Gaussian N(tanh(μ(s)), diag(σ²)) with a state-independent log σ clipped to
/// [logStdMin, logStdMax]; actions are clipped to [−1, 1] when acting.
public final class IQL: Agent {
    /// IQL's settings; defaults are the locomotion values of IQL's reference configurations (Kostrikov et al. 2021).
    public struct Configuration: Codable, Equatable, Sendable {
        /// Hidden layer widths of actor, value and critics.
        public var hiddenSizes = [256, 256]
        /// Number of Q-functions m (2 in IQL; 5 for O3F, whose selector scores with their mean).
        public var critics = 2
        public var actorLearningRate: Float = 3e-4
        public var criticLearningRate: Float = 3e-4
        public var valueLearningRate: Float = 3e-4
        /// Discount γ.
        public var discount: Float = 0.99
        /// Polyak rate of the target critics.
        public var tau: Float = 0.005
        /// Minibatch size B.
        public var batchSize = 256
        /// Expectile τ of the value regression: 0.5 is the mean (SARSA-like), τ → 1 the max
        /// over in-support actions (locomotion 0.7, antmaze 0.9).
        public var expectile: Float = 0.7
        /// Inverse temperature β of the advantage weights: small → behaviour cloning, large →
        /// greedy w.r.t. Q (locomotion 3, antmaze 10, kitchen 0.5).
        public var temperature: Float = 3
        /// Cap on exp(β·A) (100 in the reference).
        public var weightCap: Float = 100
        /// Dropout on the actor's hidden layers while training (kitchen 0.1).
        public var actorDropout: Float = 0
        /// Clip range of the policy's log σ.
        public var logStdMin: Float = -5
        public var logStdMax: Float = 2
        /// Cosine decay of the actor's learning rate over this many updates; nil = constant.
        /// The reference decays it in offline-only training; its fine-tuning runs use no decay,
        /// and `beginOnlinePhase()` stops a decay in progress (the rate returns to its base).
        public var actorScheduleSteps: Int?

        public init() {}

        /// The reference settings of `task`'s domain: locomotion τ 0.7, β 3; antmaze τ 0.9,
        /// β 10; kitchen τ 0.7, β 0.5, actor dropout 0.1.
        public static func configuration(for task: D4RLTask, critics: Int = 2, actorScheduleSteps: Int? = nil) -> Configuration {
            var configuration = Configuration()
            configuration.critics = critics
            configuration.actorScheduleSteps = actorScheduleSteps
            switch task.domain {
            case .locomotion: (configuration.expectile, configuration.temperature) = (0.7, 3)
            case .antmaze: (configuration.expectile, configuration.temperature) = (0.9, 10)
            case .kitchen: (configuration.expectile, configuration.temperature, configuration.actorDropout) = (0.7, 0.5, 0.1)
            }
            return configuration
        }
    }

    public let configuration: Configuration
    public let name = "iql"
    public let observationSize: Int
    public let actionSize: Int
    public var batchSize: Int { configuration.batchSize }
    public var discount: Float { configuration.discount }
    public let metricNames = ["value_loss", "actor_loss", "critic_loss", "q_mean", "v_mean", "advantage_mean"]

    /// N(tanh μ(s), σ²) with a state-independent log σ.
    public let policy: GaussianPolicy
    /// The policy's network, s ↦ tanh μ(s).
    public var actor: MLP { policy.network }
    /// The policy's state-independent log σ.
    public var logStd: Parameter { policy.logStd }
    public let value: MLP
    public let critics: MLPEnsemble
    public let targetCritics: MLPEnsemble
    private let actorOptimizer: Adam
    private let valueOptimizer: Adam
    private let criticOptimizer: Adam
    /// Updates done so far.
    public private(set) var updates = 0
    private var scheduleStopped = false
    /// The expectile τ in use; objective schedules may change it between updates.
    public var expectile: Float

    private let criticInput = Workspace()
    private let targetMinimum = Workspace()
    private let values = Workspace()
    private let gradient = Workspace()
    private let weights = Workspace()

    public init(observationSize: Int, actionSize: Int, configuration: Configuration = Configuration(), using rng: inout RandomStream) {
        precondition(configuration.critics >= 1 && configuration.batchSize >= 1, "IQL needs at least one critic and a positive batch size")
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        expectile = configuration.expectile
        let hidden = configuration.hiddenSizes
        policy = GaussianPolicy(observationSize: observationSize, actionSize: actionSize, hiddenSizes: hidden, squashesMean: true,
                                dropout: configuration.actorDropout, logStdMin: configuration.logStdMin,
                                logStdMax: configuration.logStdMax, using: &rng)
        value = MLP(widths: [observationSize] + hidden + [1], using: &rng)
        critics = MLPEnsemble(widths: [observationSize + actionSize] + hidden + [1], members: configuration.critics, using: &rng)
        targetCritics = MLPEnsemble(widths: [observationSize + actionSize] + hidden + [1], members: configuration.critics, using: &rng)
        targetCritics.parameters.copyValues(from: critics.parameters)
        actorOptimizer = Adam(parameters: policy.parameters, learningRate: configuration.actorLearningRate)
        valueOptimizer = Adam(parameters: value.parameters, learningRate: configuration.valueLearningRate)
        criticOptimizer = Adam(parameters: critics.parameters, learningRate: configuration.criticLearningRate)
    }

    public var criticEnsemble: any CriticEnsemble { critics }

    // quote: iql-update
    public func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics {
        let rows = batch.size
        fillCriticInput(batch)
        computeTargetMinimum(rows: rows)
        let (valueLoss, vMean) = updateValue(batch)
        let (actorLoss, advantageMean) = updateActor(batch)
        let (criticLoss, qMean) = updateCritics(batch)
        polyakUpdate(target: targetCritics.parameters, source: critics.parameters, tau: configuration.tau)
        updates += 1
        return Metrics(["value_loss": Double(valueLoss), "actor_loss": Double(actorLoss), "critic_loss": Double(criticLoss),
                        "q_mean": Double(qMean), "v_mean": Double(vMean), "advantage_mean": Double(advantageMean)])
    }
    // end quote

    /// Rows [s_i, a_i] of the batch.
    private func fillCriticInput(_ batch: TransitionBatch) {
        batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in
                fillStateActionRows(criticInput, observations: s.baseAddress!, observationSize: observationSize,
                                    actions: a.baseAddress!, actionSize: actionSize, rows: batch.size)
            }
        }
    }

    /// min_k Q̄_k(s_i, a_i), the target both the value and the actor use.
    private func computeTargetMinimum(rows: Int) {
        let m = configuration.critics
        let q = targetCritics.forward(criticInput.pointer, rows: rows)
        targetMinimum.reserve(rows)
        for i in 0..<rows {
            var smallest = q[i * m]
            for k in 1..<max(m, 1) { smallest = min(smallest, q[i * m + k]) }
            targetMinimum.pointer[i] = smallest
        }
    }

    /// Step 1: expectile regression of V(s) towards min_k Q̄_k(s, a). Returns L_V and mean V.
    private func updateValue(_ batch: TransitionBatch) -> (loss: Float, mean: Float) {
        let rows = batch.size
        gradient.reserve(rows)
        let (loss, mean) = batch.observations.withUnsafeBufferPointer { s -> (Float, Float) in
            let v = value.forward(s.baseAddress!, rows: rows)
            let loss = Loss.expectile(prediction: v, target: targetMinimum.pointer, count: rows, tau: expectile,
                                      gradient: gradient.pointer)
            var total: Float = 0
            for i in 0..<rows { total += v[i] }
            return (loss, total / Float(rows))
        }
        value.zeroGradients()
        value.backward(gradient.pointer, needsInputGradient: false)
        valueOptimizer.update()
        return (loss, mean)
    }

    /// Step 2: advantage-weighted regression with the updated V. Returns L_π and the mean advantage.
    private func updateActor(_ batch: TransitionBatch) -> (loss: Float, advantageMean: Float) {
        let rows = batch.size
        weights.reserve(rows)
        values.reserve(rows)
        batch.observations.withUnsafeBufferPointer { s in
            let v = value.forward(s.baseAddress!, rows: rows)
            for i in 0..<rows { values.pointer[i] = targetMinimum.pointer[i] - v[i] }   // advantages
        }
        var advantageSum: Float = 0
        for i in 0..<rows { advantageSum += values.pointer[i] }
        Loss.advantageWeights(advantages: values.pointer, count: rows, temperature: configuration.temperature,
                              cap: configuration.weightCap, into: weights.pointer)
        if let steps = configuration.actorScheduleSteps, !scheduleStopped {
            actorOptimizer.learningRate = CosineSchedule(initial: configuration.actorLearningRate, totalSteps: steps).value(at: updates)
        }
        let loss = batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in
                policy.weightedLogLikelihood(observations: s.baseAddress!, actions: a.baseAddress!, weights: weights.pointer, rows: rows)
            }
        }
        actorOptimizer.update()
        return (loss, advantageSum / Float(rows))
    }

    /// Step 3: TD regression of every Q_k towards r + γ(1 − d)·V(s'). Returns L_Q and mean Q.
    private func updateCritics(_ batch: TransitionBatch) -> (loss: Float, mean: Float) {
        let rows = batch.size, gamma = configuration.discount
        values.reserve(rows)
        batch.nextObservations.withUnsafeBufferPointer { next in
            let v = value.forward(next.baseAddress!, rows: rows)
            batch.rewards.withUnsafeBufferPointer { r in
                batch.terminals.withUnsafeBufferPointer { d in
                    for i in 0..<rows { values.pointer[i] = r[i] + gamma * (1 - d[i]) * v[i] }
                }
            }
        }
        return critics.regressMembers(inputs: criticInput.pointer, targets: values.pointer, rows: rows,
                                      gradient: gradient, optimizer: criticOptimizer)
    }

    /// The policy's action: the mean tanh(μ(s)) when deterministic, else a Gaussian sample;
    /// clipped to [−1, 1]. Dropout is off when acting.
    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        precondition(observation.count == observationSize, "expected an observation of \(observationSize) values, got \(observation.count)")
        return policy.act(observation: observation, deterministic: deterministic, using: &rng)
    }

    /// Online, the actor's learning rate stays at its base value (no decay while fine-tuning).
    public func beginOnlinePhase() {
        scheduleStopped = true
        actorOptimizer.learningRate = configuration.actorLearningRate
    }

    // MARK: - Checkpoints

    public func save(into archive: inout ParameterArchive) {
        archive.add(policy.parameters, prefix: "actor.")
        archive.add(value.parameters, prefix: "value.")
        archive.add(critics.parameters, prefix: "critics.")
        archive.add(targetCritics.parameters, prefix: "target_critics.")
        actorOptimizer.save(into: &archive, prefix: "actor.")
        valueOptimizer.save(into: &archive, prefix: "value.")
        criticOptimizer.save(into: &archive, prefix: "critics.")
        archive.add(actor.dropoutStream, name: "actor.dropout_stream")
        archive.scalars["updates"] = Int64(updates)
        archive.scalars["schedule_stopped"] = scheduleStopped ? 1 : 0
        archive.add(name: "iql.expectile", shape: [1], values: [expectile])
    }

    public func restore(from archive: ParameterArchive) throws {
        try archive.load(into: policy.parameters, prefix: "actor.")
        try archive.load(into: value.parameters, prefix: "value.")
        try archive.load(into: critics.parameters, prefix: "critics.")
        try archive.load(into: targetCritics.parameters, prefix: "target_critics.")
        try actorOptimizer.restore(from: archive, prefix: "actor.")
        try valueOptimizer.restore(from: archive, prefix: "value.")
        try criticOptimizer.restore(from: archive, prefix: "critics.")
        actor.dropoutStream = try archive.randomStream(named: "actor.dropout_stream")
        updates = Int(archive.scalars["updates"] ?? 0)
        scheduleStopped = archive.scalars["schedule_stopped"] == 1
        // Checkpoints written before objective schedules existed hold no expectile: keep the configured one.
        expectile = archive.tensors["iql.expectile"]?.values[0] ?? configuration.expectile
        if scheduleStopped { actorOptimizer.learningRate = configuration.actorLearningRate }
    }
}
