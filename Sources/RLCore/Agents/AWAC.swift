import Foundation

/// Advantage-weighted actor-critic (Nair et al. 2020): twin critics trained by TD towards
/// r + γ(1 − d)·min_k Q̄_k(s', a'), a' ~ π(·|s'), and an actor fitted by advantage-weighted
/// maximum likelihood on the dataset's (or buffer's) actions,
///
///     L_π = −(1/B) Σ_i min(exp(A_i/λ), 100) · log π(a_i|s_i),
///     A_i = min_k Q_k(s_i, a_i) − min_k Q_k(s_i, ã_i),  ã_i ~ π(·|s_i),
///
/// with λ the temperature (1 offline; the fine-tuning literature uses 0.1; the paper's Figure 3
/// lowers it from 1 to 0.1 online). One update: critics → actor → targets. The policy is a
/// Gaussian with an unsquashed mean and a state-independent log σ, actions clipped to [−1, 1].
public final class AWAC: Agent {
    /// AWAC's settings (Nair et al. 2020): lr 3e-4, λ 1 and 2 critics as CORL's code defaults (its tuned
    /// locomotion configurations use λ 1/3 and batch 256); batch 1024 as the authors' rlkit example.
    public struct Configuration: Codable, Equatable, Sendable {
        public var hiddenSizes = [256, 256]
        public var critics = 2
        public var actorLearningRate: Float = 3e-4
        public var criticLearningRate: Float = 3e-4
        public var discount: Float = 0.99
        public var tau: Float = 0.005
        public var batchSize = 1024
        /// λ: small → greedy with respect to Q, large → behaviour cloning.
        public var lambda: Float = 1
        /// Cap on exp(A/λ).
        public var weightCap: Float = 100
        public var logStdMin: Float = -20
        public var logStdMax: Float = 2

        public init() {}
    }

    public let configuration: Configuration
    public let name = "awac"
    public let observationSize: Int
    public let actionSize: Int
    public var batchSize: Int { configuration.batchSize }
    public var discount: Float { configuration.discount }
    public let metricNames = ["critic_loss", "actor_loss", "q_mean", "advantage_mean"]

    public let policy: GaussianPolicy
    public let critics: MLPEnsemble
    public let targetCritics: MLPEnsemble
    private let actorOptimizer: Adam
    private let criticOptimizer: Adam
    /// λ in use; schedules may change it between updates.
    public var lambda: Float
    public private(set) var updates = 0

    private let rowsWorkspace = Workspace()
    private let targets = Workspace()
    private let gradient = Workspace()
    private let advantages = Workspace()
    private let weights = Workspace()

    public init(observationSize: Int, actionSize: Int, configuration: Configuration = Configuration(), using rng: inout RandomStream) {
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        lambda = configuration.lambda
        policy = GaussianPolicy(observationSize: observationSize, actionSize: actionSize, hiddenSizes: configuration.hiddenSizes,
                                squashesMean: false, logStdMin: configuration.logStdMin, logStdMax: configuration.logStdMax, using: &rng)
        let widths = [observationSize + actionSize] + configuration.hiddenSizes + [1]
        critics = MLPEnsemble(widths: widths, members: configuration.critics, using: &rng)
        targetCritics = MLPEnsemble(widths: widths, members: configuration.critics, using: &rng)
        targetCritics.parameters.copyValues(from: critics.parameters)
        actorOptimizer = Adam(parameters: policy.parameters, learningRate: configuration.actorLearningRate)
        criticOptimizer = Adam(parameters: critics.parameters, learningRate: configuration.criticLearningRate)
    }

    public var criticEnsemble: any CriticEnsemble { critics }

    public func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics {
        let (criticLoss, qMean) = updateCritics(batch, using: &rng)
        let (actorLoss, advantageMean) = updateActor(batch, using: &rng)
        polyakUpdate(target: targetCritics.parameters, source: critics.parameters, tau: configuration.tau)
        updates += 1
        return Metrics(["critic_loss": Double(criticLoss), "actor_loss": Double(actorLoss), "q_mean": Double(qMean),
                        "advantage_mean": Double(advantageMean)])
    }

    /// min over members of row i of an ensemble output.
    private func rowMinimum(_ q: UnsafePointer<Float>, _ i: Int) -> Float {
        let m = configuration.critics
        var smallest = q[i * m]
        for k in 1..<max(m, 1) { smallest = min(smallest, q[i * m + k]) }
        return smallest
    }

    private func fill(_ observations: UnsafePointer<Float>, _ actions: UnsafePointer<Float>, rows: Int) {
        fillStateActionRows(rowsWorkspace, observations: observations, observationSize: observationSize,
                            actions: actions, actionSize: actionSize, rows: rows)
    }

    /// TD regression towards r + γ(1 − d)·min_k Q̄_k(s', a'), a' ~ π(·|s').
    private func updateCritics(_ batch: TransitionBatch, using rng: inout RandomStream) -> (Float, Float) {
        let rows = batch.size, gamma = configuration.discount
        targets.reserve(rows)
        batch.nextObservations.withUnsafeBufferPointer { next in
            let actions = policy.sample(next.baseAddress!, rows: rows, using: &rng)
            fill(next.baseAddress!, actions, rows: rows)
        }
        let q = targetCritics.forward(rowsWorkspace.pointer, rows: rows)
        batch.rewards.withUnsafeBufferPointer { r in
            batch.terminals.withUnsafeBufferPointer { d in
                for i in 0..<rows { targets.pointer[i] = r[i] + gamma * (1 - d[i]) * rowMinimum(q, i) }
            }
        }
        batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in fill(s.baseAddress!, a.baseAddress!, rows: rows) }
        }
        return critics.regressMembers(inputs: rowsWorkspace.pointer, targets: targets.pointer, rows: rows,
                                      gradient: gradient, optimizer: criticOptimizer)
    }

    /// Advantage-weighted likelihood with A = min Q(s, a) − min Q(s, ã), ã ~ π(·|s).
    private func updateActor(_ batch: TransitionBatch, using rng: inout RandomStream) -> (Float, Float) {
        let rows = batch.size
        advantages.reserve(rows)
        weights.reserve(rows)
        batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in fill(s.baseAddress!, a.baseAddress!, rows: rows) }
            let data = critics.forward(rowsWorkspace.pointer, rows: rows)
            for i in 0..<rows { advantages.pointer[i] = rowMinimum(data, i) }
            let sampled = policy.sample(s.baseAddress!, rows: rows, using: &rng)
            fill(s.baseAddress!, sampled, rows: rows)
            let baseline = critics.forward(rowsWorkspace.pointer, rows: rows)
            for i in 0..<rows { advantages.pointer[i] -= rowMinimum(baseline, i) }
        }
        var sum: Float = 0
        for i in 0..<rows { sum += advantages.pointer[i] }
        Loss.advantageWeights(advantages: advantages.pointer, count: rows, temperature: 1 / lambda, cap: configuration.weightCap,
                              into: weights.pointer)
        let loss = batch.observations.withUnsafeBufferPointer { s in
            batch.actions.withUnsafeBufferPointer { a in
                policy.weightedLogLikelihood(observations: s.baseAddress!, actions: a.baseAddress!, weights: weights.pointer, rows: rows)
            }
        }
        actorOptimizer.update()
        return (loss, sum / Float(rows))
    }

    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        policy.act(observation: observation, deterministic: deterministic, using: &rng)
    }

    public func save(into archive: inout ParameterArchive) {
        archive.add(policy.parameters, prefix: "actor.")
        archive.add(critics.parameters, prefix: "critics.")
        archive.add(targetCritics.parameters, prefix: "target_critics.")
        actorOptimizer.save(into: &archive, prefix: "actor.")
        criticOptimizer.save(into: &archive, prefix: "critics.")
        archive.add(name: "awac.lambda", shape: [1], values: [lambda])
        archive.scalars["updates"] = Int64(updates)
    }

    public func restore(from archive: ParameterArchive) throws {
        try archive.load(into: policy.parameters, prefix: "actor.")
        try archive.load(into: critics.parameters, prefix: "critics.")
        try archive.load(into: targetCritics.parameters, prefix: "target_critics.")
        try actorOptimizer.restore(from: archive, prefix: "actor.")
        try criticOptimizer.restore(from: archive, prefix: "critics.")
        guard let stored = archive.tensors["awac.lambda"] else { throw ParameterArchiveError.missingTensor("awac.lambda") }
        lambda = stored.values[0]
        updates = Int(archive.scalars["updates"] ?? 0)
    }
}
