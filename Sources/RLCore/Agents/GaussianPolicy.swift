import Foundation

/// The Gaussian policy of IQL and AWAC: π(a|s) = N(μ(s), diag(σ²)) with μ from a network
/// (tanh on its output for IQL, none for AWAC) and a state-independent log σ, clipped to
/// [logStdMin, logStdMax]. Both algorithms fit it by advantage-weighted maximum likelihood
/// on dataset actions:
///
///     L = −(1/B) Σ_i w_i · log π(a_i|s_i),
///     ∂L/∂μ_ij = −(w_i/B)·(a_ij − μ_ij)/σ_j²,   ∂L/∂log σ_j = −(1/B) Σ_i w_i·(z_ij² − 1)
///
/// (z = (a − μ)/σ); the clip passes no gradient outside its range.
public final class GaussianPolicy {
    public let network: MLP
    /// log σ, one per action dimension (initialised to 0).
    public let logStd: Parameter
    public let logStdMin: Float
    public let logStdMax: Float
    public let actionSize: Int

    private let outputGradient = Workspace()
    private let samples = Workspace()
    private var clipped: [Float]
    private var dLogStd: [Float]

    public init(observationSize: Int, actionSize: Int, hiddenSizes: [Int], squashesMean: Bool, dropout: Float = 0,
                logStdMin: Float, logStdMax: Float, using rng: inout RandomStream) {
        network = MLP(widths: [observationSize] + hiddenSizes + [actionSize], outputActivation: squashesMean ? .tanh : .identity,
                      dropout: dropout, using: &rng)
        logStd = Parameter(name: "log_std", shape: [actionSize])
        self.logStdMin = logStdMin
        self.logStdMax = logStdMax
        self.actionSize = actionSize
        clipped = [Float](repeating: 0, count: actionSize)
        dLogStd = [Float](repeating: 0, count: actionSize)
    }

    /// The network's parameters, then log σ (optimiser and checkpoint order).
    public var parameters: [Parameter] { network.parameters + [logStd] }

    /// log σ_j after the clip.
    public func clippedLogStd(_ j: Int) -> Float { min(max(logStd.values[j], logStdMin), logStdMax) }

    /// Sets the gradients of L = −(1/B) Σ w_i log π(a_i|s_i) (zeroing them first) and returns L.
    public func weightedLogLikelihood(observations: UnsafePointer<Float>, actions: UnsafePointer<Float>,
                                      weights: UnsafePointer<Float>, rows: Int) -> Float {
        let n = actionSize
        network.isTraining = true
        outputGradient.reserve(rows * n)
        outputGradient.pointer.update(repeating: 0, count: rows * n)
        for j in 0..<n { clipped[j] = clippedLogStd(j); dLogStd[j] = 0 }
        var loss: Float = 0
        let mean = network.forward(observations, rows: rows)
        clipped.withUnsafeBufferPointer { logStds in
            dLogStd.withUnsafeMutableBufferPointer { dLog in
                for i in 0..<rows {
                    let w = weights[i]
                    loss -= w * Gaussian.logProb(x: actions + i * n, mean: mean + i * n, logStd: logStds.baseAddress!, count: n)
                    Gaussian.addLogProbGradient(x: actions + i * n, mean: mean + i * n, logStd: logStds.baseAddress!, count: n,
                                                scale: -w / Float(rows), dMean: outputGradient.pointer + i * n, dLogStd: dLog.baseAddress!)
                }
            }
        }
        network.zeroGradients()
        network.backward(outputGradient.pointer, needsInputGradient: false)
        for j in 0..<n {
            let inside = logStd.values[j] >= logStdMin && logStd.values[j] <= logStdMax
            logStd.gradient[j] = inside ? dLogStd[j] : 0
        }
        return loss / Float(rows)
    }

    /// a_i ~ π(·|s_i) for `rows` observations, clipped to [−1, 1], without dropout; the
    /// pointer is valid until the next call.
    public func sample(_ observations: UnsafePointer<Float>, rows: Int, using rng: inout RandomStream) -> UnsafePointer<Float> {
        let n = actionSize
        network.isTraining = false
        let mean = network.forward(observations, rows: rows)
        samples.reserve(rows * n)
        for i in 0..<rows {
            for j in 0..<n {
                let value = mean[i * n + j] + Foundation.exp(clippedLogStd(j)) * Float(rng.nextGaussian())
                samples.pointer[i * n + j] = min(max(value, -1), 1)
            }
        }
        return UnsafePointer(samples.pointer)
    }

    /// The mean μ(s) when deterministic, else a sample; clipped to [−1, 1]. Dropout is off.
    public func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        network.isTraining = false
        let mean = observation.withUnsafeBufferPointer { network.forward($0.baseAddress!, rows: 1) }
        return (0..<actionSize).map { j in
            var action = mean[j]
            if !deterministic { action += Foundation.exp(clippedLogStd(j)) * Float(rng.nextGaussian()) }
            return min(max(action, -1), 1)
        }
    }
}
