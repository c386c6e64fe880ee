import Foundation

/// log √(2π), the Gaussian's normalising constant per dimension.
public let halfLogTwoPi: Float = 0.918_938_533

/// A diagonal Gaussian N(μ, diag(σ²)) parameterised by μ and log σ, one row per batch element.
public enum Gaussian {
    /// log N(x; μ, σ) = Σ_j [−½((x_j − μ_j)/σ_j)² − log σ_j − ½ log 2π] for one row of length n.
    @inlinable
    public static func logProb(x: UnsafePointer<Float>, mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count n: Int) -> Float {
        var total: Float = 0
        for j in 0..<n {
            let z = (x[j] - mean[j]) * Foundation.exp(-logStd[j])
            total += -0.5 * z * z - logStd[j] - halfLogTwoPi
        }
        return total
    }

    /// The partial derivatives of `logProb` for a given x:
    /// ∂/∂μ_j = (x_j − μ_j)/σ_j², ∂/∂log σ_j = ((x_j − μ_j)/σ_j)² − 1, each scaled by `scale`
    /// and ADDED to the outputs.
    @inlinable
    public static func addLogProbGradient(x: UnsafePointer<Float>, mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count n: Int,
                                          scale: Float, dMean: UnsafeMutablePointer<Float>, dLogStd: UnsafeMutablePointer<Float>) {
        for j in 0..<n {
            let inverseStd = Foundation.exp(-logStd[j])
            let z = (x[j] - mean[j]) * inverseStd
            dMean[j] += scale * z * inverseStd
            dLogStd[j] += scale * (z * z - 1)
        }
    }

    /// Entropy ½·n·(1 + log 2π) + Σ log σ_j.
    @inlinable
    public static func entropy(logStd: UnsafePointer<Float>, count n: Int) -> Float {
        var total: Float = 0
        for j in 0..<n { total += logStd[j] + 0.5 + halfLogTwoPi }
        return total
    }
}

/// The tanh-squashed Gaussian of SAC's actor: u = μ + σ·ε with ε ~ N(0, I), a = tanh(u), and
///
///     log π(a) = log N(u; μ, σ) − Σ_j log(1 − tanh² u_j),
///     log(1 − tanh² u) = 2·(log 2 − u − softplus(−2u))     (stable for large |u|).
///
/// With ε fixed (the reparameterisation), the derivatives the actor loss needs are
/// ∂log π/∂μ_j = 2·tanh(u_j), ∂log π/∂log σ_j = −1 + 2·tanh(u_j)·σ_j·ε_j, ∂a_j/∂u_j = 1 − a_j².
public struct TanhGaussianSample {
    public var noise: [Float]
    public var preTanh: [Float]
    public var action: [Float]
    public var logProb: Float

    /// Draws a sample for one row.
    public init(mean: [Float], logStd: [Float], using rng: inout some RandomNumberGenerator) {
        let noise = mean.map { _ in Float(rng.nextGaussian()) }
        self.init(mean: mean, logStd: logStd, noise: noise)
    }

    /// The sample for a given ε.
    public init(mean: [Float], logStd: [Float], noise: [Float]) {
        precondition(mean.count == logStd.count && mean.count == noise.count, "mean, log σ and noise differ in length")
        self.noise = noise
        preTanh = (0..<mean.count).map { mean[$0] + Foundation.exp(logStd[$0]) * noise[$0] }
        action = preTanh.map { Foundation.tanh($0) }
        var total: Float = 0
        for j in 0..<mean.count {
            total += -0.5 * noise[j] * noise[j] - logStd[j] - halfLogTwoPi
            total -= TanhGaussianSample.logOneMinusTanhSquared(preTanh[j])
        }
        logProb = total
    }

    /// log(1 − tanh² u) = 2·(log 2 − u − softplus(−2u)).
    @inlinable
    public static func logOneMinusTanhSquared(_ u: Float) -> Float {
        2 * (0.693_147_18 - u - softplus(-2 * u))
    }

    /// ∂ log π / ∂μ_j.
    public func logProbGradientMean(_ j: Int) -> Float { 2 * action[j] }

    /// ∂ log π / ∂ log σ_j, given log σ_j.
    public func logProbGradientLogStd(_ j: Int, logStd: Float) -> Float {
        -1 + 2 * action[j] * Foundation.exp(logStd) * noise[j]
    }
}

/// softplus(x) = log(1 + eˣ), computed without overflow.
@inlinable
public func softplus(_ x: Float) -> Float {
    x > 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
}
