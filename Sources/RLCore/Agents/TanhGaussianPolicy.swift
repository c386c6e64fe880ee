import Foundation

/// The tanh-squashed Gaussian policy of SAC and CQL: a network s ↦ (μ(s), ρ(s)) with
/// 2·|A| outputs, a state-dependent log standard deviation squashed into [lo, hi],
///
///     log σ = lo + ½(hi − lo)(tanh ρ + 1),   u = μ + σ·ε,   ε ~ N(0, I),   a = tanh(u),
///     log π(a|s) = Σ_j [−½ε_j² − log σ_j − ½ log 2π − log(1 − tanh² u_j)].
///
/// `sample` draws a batch with the reparameterisation; `backward` takes ∂L/∂a per row and a
/// constant c = ∂L/∂log π (the same for every row) and back-propagates, with ε held fixed:
///
///     ∂L/∂μ_j     = g_j(1 − a_j²) + c·2a_j
///     ∂L/∂log σ_j = g_j(1 − a_j²)σ_jε_j + c·(−1 + 2a_jσ_jε_j)
///     ∂L/∂ρ_j     = ∂L/∂log σ_j · ½(hi − lo)(1 − tanh² ρ_j).
public final class TanhGaussianPolicy {
    public let network: MLP
    public let observationSize: Int
    public let actionSize: Int
    public let logStdMin: Float
    public let logStdMax: Float

    private var rows = 0
    private let noise = Workspace()
    private let actions = Workspace()
    private let logProbs = Workspace()
    private let logStds = Workspace()
    private let squashedRho = Workspace()
    private let outputGradient = Workspace()

    /// A policy with hidden layers `hiddenSizes` (ReLU) and PyTorch's default initialisation.
    public init(observationSize: Int, actionSize: Int, hiddenSizes: [Int], logStdMin: Float = -5, logStdMax: Float = 2,
                using rng: inout RandomStream) {
        precondition(logStdMin < logStdMax, "log σ range must be non-empty")
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.logStdMin = logStdMin
        self.logStdMax = logStdMax
        network = MLP(widths: [observationSize] + hiddenSizes + [2 * actionSize], using: &rng)
    }

    /// Draws a_i ~ π(·|s_i) for `rows` observations (rows × observationSize) and returns
    /// pointers to the actions (rows × actionSize) and their log-probabilities (rows), valid
    /// until the next `sample`. Keeps what `backward` needs.
    public func sample(_ observations: UnsafePointer<Float>, rows: Int, using rng: inout RandomStream)
        -> (actions: UnsafePointer<Float>, logProbs: UnsafePointer<Float>) {
        self.rows = rows
        let n = actionSize, count = rows * n
        for workspace in [noise, actions, logStds, squashedRho] { workspace.reserve(count) }
        logProbs.reserve(rows)
        rng.fillGaussian(UnsafeMutableBufferPointer(start: noise.pointer, count: count))
        let out = network.forward(observations, rows: rows)
        let halfRange = 0.5 * (logStdMax - logStdMin)
        for i in 0..<rows {
            var total: Float = 0
            for j in 0..<n {
                let mean = out[i * 2 * n + j]
                let t = Foundation.tanh(out[i * 2 * n + n + j])
                let logStd = logStdMin + halfRange * (t + 1)
                let epsilon = noise.pointer[i * n + j]
                let u = mean + Foundation.exp(logStd) * epsilon
                squashedRho.pointer[i * n + j] = t
                logStds.pointer[i * n + j] = logStd
                actions.pointer[i * n + j] = Foundation.tanh(u)
                total += -0.5 * epsilon * epsilon - logStd - halfLogTwoPi - TanhGaussianSample.logOneMinusTanhSquared(u)
            }
            logProbs.pointer[i] = total
        }
        return (UnsafePointer(actions.pointer), UnsafePointer(logProbs.pointer))
    }

    /// Back-propagates a loss through the last `sample`: `actionGradient` holds ∂L/∂a_i at
    /// row i with `stride` floats between rows, `logProbGradient` is ∂L/∂log π_i (one value
    /// for all rows). Adds the network's parameter gradients.
    public func backward(actionGradient: UnsafePointer<Float>, stride: Int, logProbGradient c: Float) {
        let n = actionSize
        outputGradient.reserve(rows * 2 * n)
        let halfRange = 0.5 * (logStdMax - logStdMin)
        for i in 0..<rows {
            for j in 0..<n {
                let k = i * n + j
                let a = actions.pointer[k], std = Foundation.exp(logStds.pointer[k]), epsilon = noise.pointer[k]
                let g = actionGradient[i * stride + j] * (1 - a * a)
                let dMean = g + c * 2 * a
                let dLogStd = g * std * epsilon + c * (-1 + 2 * a * std * epsilon)
                let t = squashedRho.pointer[k]
                outputGradient.pointer[i * 2 * n + j] = dMean
                outputGradient.pointer[i * 2 * n + n + j] = dLogStd * halfRange * (1 - t * t)
            }
        }
        network.backward(outputGradient.pointer, needsInputGradient: false)
    }

    /// Behaviour cloning: adds to the network's gradients those of
    ///
    ///     L = −(w/B) Σ_i log π(a_i|s_i),   u = atanh(a) (a clipped to ±(1 − 10⁻⁶)),
    ///     log π(a|s) = Σ_j [−½((u_j − μ_j)/σ_j)² − log σ_j − ½ log 2π − log(1 − a_j²)],
    ///
    /// ∂L/∂μ_j = −(w/B)(u_j − μ_j)/σ_j², ∂L/∂log σ_j = −(w/B)(((u_j − μ_j)/σ_j)² − 1), and returns
    /// the mean log-likelihood. It runs its own forward pass: call it after any `backward` of a
    /// `sample` (CQL's warm start: SAC's entropy term plus this, then one optimiser step).
    @discardableResult
    public func accumulateLogLikelihoodGradient(observations: UnsafePointer<Float>, actions a: UnsafePointer<Float>, rows: Int,
                                                weight: Float = 1) -> Float {
        let n = actionSize
        let out = network.forward(observations, rows: rows)
        outputGradient.reserve(rows * 2 * n)
        let halfRange = 0.5 * (logStdMax - logStdMin), scale = weight / Float(rows)
        var total: Float = 0
        for i in 0..<rows {
            for j in 0..<n {
                let action = min(max(a[i * n + j], -1 + 1e-6), 1 - 1e-6)
                let u = atanh(action)
                let mean = out[i * 2 * n + j]
                let t = Foundation.tanh(out[i * 2 * n + n + j])
                let logStd = logStdMin + halfRange * (t + 1)
                let z = (u - mean) / Foundation.exp(logStd)
                total += -0.5 * z * z - logStd - halfLogTwoPi - Foundation.log(1 - action * action)
                outputGradient.pointer[i * 2 * n + j] = -scale * z / Foundation.exp(logStd)
                outputGradient.pointer[i * 2 * n + n + j] = -scale * (z * z - 1) * halfRange * (1 - t * t)
            }
        }
        network.backward(outputGradient.pointer, needsInputGradient: false)
        return total / Float(rows)
    }

    /// The action for one observation: tanh(μ(s)) when deterministic, else a sample.
    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        precondition(observation.count == observationSize, "expected an observation of \(observationSize) values, got \(observation.count)")
        if deterministic {
            let out = observation.withUnsafeBufferPointer { network.forward($0.baseAddress!, rows: 1) }
            return (0..<actionSize).map { Foundation.tanh(out[$0]) }
        }
        let sampled = observation.withUnsafeBufferPointer { sample($0.baseAddress!, rows: 1, using: &rng) }
        return Array(UnsafeBufferPointer(start: sampled.actions, count: actionSize))
    }

    /// Log-probabilities of the last `sample` (for dataset generation's `action_log_probs`).
    public var lastLogProbs: [Float] { Array(UnsafeBufferPointer(start: logProbs.pointer, count: rows)) }
}
