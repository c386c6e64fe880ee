import Foundation

/// The losses the agents minimise, each as a pure function that returns the loss and writes
/// ∂L/∂prediction (averaged over the n elements) into `gradient`.
public enum Loss {
    /// Mean squared error L = (1/n) Σ (pᵢ − tᵢ)², ∂L/∂pᵢ = 2(pᵢ − tᵢ)/n.
    @discardableResult
    public static func meanSquaredError(prediction p: UnsafePointer<Float>, target t: UnsafePointer<Float>, count n: Int,
                                        gradient: UnsafeMutablePointer<Float>) -> Float {
        var total: Float = 0
        let scale = 2 / Float(n)
        for i in 0..<n {
            let d = p[i] - t[i]
            total += d * d
            gradient[i] = scale * d
        }
        return total / Float(n)
    }

    /// IQL's expectile (asymmetric L2) loss on u = t − p: L = (1/n) Σ |τ − 1(uᵢ < 0)|·uᵢ²,
    /// ∂L/∂pᵢ = −2·|τ − 1(uᵢ < 0)|·uᵢ/n. With τ > ½ it weighs targets above the prediction
    /// more, so p approaches an upper expectile of t (IQL's V ≈ max over in-support actions).
    @discardableResult
    public static func expectile(prediction p: UnsafePointer<Float>, target t: UnsafePointer<Float>, count n: Int, tau: Float,
                                 gradient: UnsafeMutablePointer<Float>) -> Float {
        var total: Float = 0
        for i in 0..<n {
            let u = t[i] - p[i]
            let weight = u < 0 ? 1 - tau : tau
            total += weight * u * u
            gradient[i] = -2 * weight * u / Float(n)
        }
        return total / Float(n)
    }

    /// The advantage weights of IQL and AWAC: wᵢ = min(exp(β·Aᵢ), cap) (cap 100 in IQL).
    public static func advantageWeights(advantages: UnsafePointer<Float>, count n: Int, temperature beta: Float, cap: Float = 100,
                                        into weights: UnsafeMutablePointer<Float>) {
        for i in 0..<n { weights[i] = min(Foundation.exp(beta * advantages[i]), cap) }
    }

    /// Advantage-weighted log-likelihood L = −(1/n) Σ wᵢ·log π(aᵢ|sᵢ) with the weights held
    /// fixed; ∂L/∂log πᵢ = −wᵢ/n.
    @discardableResult
    public static func weightedLogLikelihood(logProbs: UnsafePointer<Float>, weights: UnsafePointer<Float>, count n: Int,
                                             gradient: UnsafeMutablePointer<Float>) -> Float {
        var total: Float = 0
        for i in 0..<n {
            total -= weights[i] * logProbs[i]
            gradient[i] = -weights[i] / Float(n)
        }
        return total / Float(n)
    }
}
