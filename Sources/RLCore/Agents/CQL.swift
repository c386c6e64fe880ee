import Foundation

/// Conservative Q-learning (Kumar et al. 2020), CQL(H) on top of SAC: the critics are trained
/// with SAC's TD regression plus a penalty that pushes Q down on actions the policy and a
/// uniform proposal would pick and up on the dataset's actions,
///
///     P_k = w · (1/B) Σ_i [ κ·log Σ_j exp((Q_k(s_i, c_ij) − log q(c_ij))/κ) − Q_k(s_i, a_i) ],
///
/// with N actions each from U[−1, 1]^|A| (log q = |A|·log ½), from π(·|s_i) and from π(·|s'_i)
/// (log q = their log-probabilities): the importance-sampled log-sum-exp of the CQL paper.
/// With the Lagrange form the weight is learned: the critics minimise α'·(P_k − τ) and α'
/// maximises it, so P_k settles near the threshold τ (the paper's Figure 3 lowers τ
/// from 5 to 0.5 online). The actor and the entropy temperature are SAC's.
public final class CQL: Agent {
    /// CQL's settings; defaults are the common library defaults for CQL (Kumar et al. 2020): actor lr 1e-4, critic lr 3e-4, w = 5, N = 10.
    public struct Configuration: Codable, Equatable, Sendable {
        public var hiddenSizes = [256, 256]
        public var critics = 2
        public var actorLearningRate: Float = 1e-4
        public var criticLearningRate: Float = 3e-4
        public var temperatureLearningRate: Float = 1e-4
        public var discount: Float = 0.99
        public var tau: Float = 0.005
        public var batchSize = 256
        /// w, the weight of the conservative penalty (CORL's `cql_alpha`, the paper's 5.0).
        public var conservativeWeight: Float = 5
        /// N, sampled actions per proposal (uniform, π(·|s), π(·|s')).
        public var sampledActions = 10
        /// κ, the temperature of the log-sum-exp.
        public var penaltyTemperature: Float = 1
        /// Learn the penalty's multiplier α' so that the gap stays near `lagrangeThreshold`.
        public var usesLagrange = true
        /// τ, the target action gap of the Lagrange form (5 offline in the paper's Figure 3).
        public var lagrangeThreshold: Float = 5
        public var lagrangeLearningRate: Float = 3e-4
        /// Keep SAC's entropy term in the TD target. CQL's reference code for D4RL uses a
        /// deterministic backup (`deterministic_backup=True`; CORL's `backup_entropy=False`).
        public var backsUpEntropy = false
        /// Offline updates whose actor clones the data's actions (α log π − log π(a|s)) before it
        /// starts climbing Q: CQL's reference `policy_eval_start` (40,000 there). Experiments set it.
        public var behaviourCloningSteps = 0

        public init() {}

        /// SAC's settings for the shared parts.
        var sac: SAC.Configuration {
            var sac = SAC.Configuration()
            sac.hiddenSizes = hiddenSizes
            sac.critics = critics
            sac.actorLearningRate = actorLearningRate
            sac.criticLearningRate = criticLearningRate
            sac.temperatureLearningRate = temperatureLearningRate
            sac.discount = discount
            sac.tau = tau
            sac.batchSize = batchSize
            return sac
        }
    }

    public let configuration: Configuration
    public let name = "cql"
    /// The SAC agent whose critics carry the penalty.
    public let core: SAC
    public let penalty: ConservativePenalty

    public init(observationSize: Int, actionSize: Int, configuration: Configuration = Configuration(), using rng: inout RandomStream) {
        self.configuration = configuration
        core = SAC(observationSize: observationSize, actionSize: actionSize, configuration: configuration.sac, using: &rng)
        penalty = ConservativePenalty(configuration: configuration, observationSize: observationSize, actionSize: actionSize)
        core.criticRegularizer = penalty
        core.backsUpEntropy = configuration.backsUpEntropy
    }

    public var observationSize: Int { core.observationSize }
    public var actionSize: Int { core.actionSize }
    public var batchSize: Int { core.batchSize }
    public var discount: Float { core.discount }
    public var metricNames: [String] { core.metricNames + ["cql_gap", "cql_alpha"] }
    public var criticEnsemble: any CriticEnsemble { core.critics }

    /// False once the objective has switched to plain SAC.
    public var isConservative: Bool {
        get { core.criticRegularizer != nil }
        set {
            core.criticRegularizer = newValue ? penalty : nil
            core.backsUpEntropy = newValue ? configuration.backsUpEntropy : true
        }
    }

    public func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics {
        core.clonesBehaviour = isConservative && core.updates < configuration.behaviourCloningSteps
        var metrics = core.update(with: batch, using: &rng)
        metrics["cql_gap"] = isConservative ? Double(penalty.lastGap) : 0
        metrics["cql_alpha"] = isConservative ? Double(penalty.multiplier) : 0
        return metrics
    }

    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        core.act(observation: observation, deterministic: deterministic, using: &rng)
    }

    public func save(into archive: inout ParameterArchive) {
        core.save(into: &archive)
        penalty.save(into: &archive)
        archive.scalars["cql.conservative"] = isConservative ? 1 : 0
    }

    public func restore(from archive: ParameterArchive) throws {
        try core.restore(from: archive)
        try penalty.restore(from: archive)
        isConservative = archive.scalars["cql.conservative"] != 0
    }
}

/// CQL(H)'s penalty as a `CriticRegularizer` (see `CQL`), with its Lagrange multiplier.
public final class ConservativePenalty: CriticRegularizer {
    public let configuration: CQL.Configuration
    private let observationSize: Int
    private let actionSize: Int
    /// log α' of the Lagrange form.
    public let logMultiplier = Parameter(name: "cql.log_alpha_prime", shape: [1])
    private let multiplierOptimizer: Adam
    /// The threshold τ; schedules may change it between updates.
    public var threshold: Float

    /// The mean over critics of the last gap P_k / w (the log-sum-exp minus the data Q).
    public private(set) var lastGap: Float = 0
    /// The rows [s_i, c_ij] of the last update, B·3N of them, and their log q(c_ij).
    private(set) var proposalRows = Workspace()
    private(set) var proposalLogDensities = Workspace()
    private let repeated = Workspace()
    private let proposals = Workspace()
    private let dataValues = Workspace()
    private let gradient = Workspace()

    init(configuration: CQL.Configuration, observationSize: Int, actionSize: Int) {
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        threshold = configuration.lagrangeThreshold
        multiplierOptimizer = Adam(parameters: [logMultiplier], learningRate: configuration.lagrangeLearningRate)
    }

    /// α' = clamp(exp(log α'), 0, 10⁶) with the Lagrange form, else 1.
    public var multiplier: Float {
        configuration.usesLagrange ? min(max(Foundation.exp(logMultiplier.values[0]), 0), 1e6) : 1
    }

    public func accumulate(batch: TransitionBatch, dataRows: UnsafePointer<Float>, critics: MLPEnsemble, policy: TanhGaussianPolicy,
                           dataGradient: UnsafeMutablePointer<Float>, using rng: inout RandomStream) {
        let rows = batch.size, n = configuration.sampledActions, o = observationSize, a = actionSize
        let m = critics.members, width = o + a, group = 3 * n
        // Q_k(s_i, a_i), kept before the proposals' forward pass overwrites the critics' caches.
        let q = critics.forward(dataRows, rows: rows)
        dataValues.reserve(rows * m)
        dataValues.pointer.update(from: q, count: rows * m)

        proposalRows.reserve(rows * group * width)
        proposalLogDensities.reserve(rows * group)
        let uniformLogDensity = Float(a) * Foundation.log(0.5)
        // Uniform proposals.
        for i in 0..<rows {
            for j in 0..<n {
                let row = proposalRows.pointer + (i * group + j) * width
                for d in 0..<a { row[o + d] = 2 * rng.nextUniformFloat() - 1 }
                proposalLogDensities.pointer[i * group + j] = uniformLogDensity
            }
        }
        // Policy proposals at s (group 1) and at s' (group 2), evaluated at s.
        for (g, matrix) in [(1, batch.observations), (2, batch.nextObservations)] {
            repeated.reserve(rows * n * o)
            matrix.withUnsafeBufferPointer { states in
                for i in 0..<rows { for j in 0..<n { (repeated.pointer + (i * n + j) * o).update(from: states.baseAddress! + i * o, count: o) } }
            }
            let sampled = policy.sample(repeated.pointer, rows: rows * n, using: &rng)
            for i in 0..<rows {
                for j in 0..<n {
                    let row = proposalRows.pointer + (i * group + g * n + j) * width
                    (row + o).update(from: sampled.actions + (i * n + j) * a, count: a)
                    proposalLogDensities.pointer[i * group + g * n + j] = sampled.logProbs[i * n + j]
                }
            }
        }
        batch.observations.withUnsafeBufferPointer { states in
            for i in 0..<rows { for j in 0..<group { (proposalRows.pointer + (i * group + j) * width).update(from: states.baseAddress! + i * o, count: o) } }
        }

        // quote: cql-penalty
        // The log-sum-exp per (state, critic) and its softmax gradient.
        let values = critics.forward(proposalRows.pointer, rows: rows * group)
        gradient.reserve(rows * group * m)
        let c = multiplier, w = configuration.conservativeWeight, temperature = configuration.penaltyTemperature
        let scale = c * w / Float(rows)
        var gaps = [Float](repeating: 0, count: m)
        for i in 0..<rows {
            for k in 0..<m {
                var largest = -Float.infinity
                for j in 0..<group {
                    let v = (values[(i * group + j) * m + k] - proposalLogDensities.pointer[i * group + j]) / temperature
                    largest = max(largest, v)
                }
                var total: Float = 0
                for j in 0..<group {
                    let v = (values[(i * group + j) * m + k] - proposalLogDensities.pointer[i * group + j]) / temperature
                    let e = Foundation.exp(v - largest)
                    gradient.pointer[(i * group + j) * m + k] = e
                    total += e
                }
                for j in 0..<group { gradient.pointer[(i * group + j) * m + k] *= scale / total }
                gaps[k] += temperature * (largest + Foundation.log(total)) - dataValues.pointer[i * m + k]
                dataGradient[i * m + k] -= scale
            }
        }
        // end quote
        critics.backward(gradient.pointer, needsInputGradient: false)
        for k in 0..<m { gaps[k] /= Float(rows) }
        lastGap = gaps.reduce(0, +) / Float(m)
        if configuration.usesLagrange {
            // α' maximises Σ_k α'·(w·gap_k − τ)/2 (the critics minimise it): one ascent step in log α'.
            let slack = gaps.reduce(Float(0)) { $0 + (w * $1 - threshold) } / 2
            logMultiplier.gradient[0] = -c * slack
            multiplierOptimizer.update()
        }
    }

    func save(into archive: inout ParameterArchive) {
        archive.add([logMultiplier], prefix: "")
        multiplierOptimizer.save(into: &archive, prefix: "cql.lagrange.")
        archive.add(name: "cql.threshold", shape: [1], values: [threshold])
    }

    func restore(from archive: ParameterArchive) throws {
        try archive.load(into: [logMultiplier], prefix: "")
        try multiplierOptimizer.restore(from: archive, prefix: "cql.lagrange.")
        guard let stored = archive.tensors["cql.threshold"] else { throw ParameterArchiveError.missingTensor("cql.threshold") }
        threshold = stored.values[0]
    }
}
