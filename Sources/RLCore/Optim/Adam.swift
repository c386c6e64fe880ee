import Foundation

/// Adam (Kingma & Ba, 2015) with optional decoupled weight decay (AdamW, Loshchilov & Hutter,
/// 2019). For each parameter θ with gradient g, at step t:
///
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²
///     θ ← θ − lr·λ·θ − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
///
/// (λ = weight decay; 0 gives plain Adam). The learning rate may change between steps
/// (schedules set `learningRate`).
public final class Adam {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// Steps taken so far (t).
    public private(set) var step = 0
    private let firstMoments: [Parameter]
    private let secondMoments: [Parameter]

    public init(parameters: [Parameter], learningRate: Float = 3e-4, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.weightDecay = weightDecay
        firstMoments = parameters.map { Parameter(name: "adam.m.\($0.name)", shape: $0.shape) }
        secondMoments = parameters.map { Parameter(name: "adam.v.\($0.name)", shape: $0.shape) }
    }

    /// Applies one update from the accumulated gradients (it does not zero them).
    public func update() {
        step += 1
        let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(step)))
        let correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(step)))
        let stepSize = learningRate / correction1
        let decay = 1 - learningRate * weightDecay
        let b1 = beta1, b2 = beta2, eps = epsilon
        for (index, parameter) in parameters.enumerated() {
            let theta = parameter.values, g = parameter.gradient
            let m = firstMoments[index].values, v = secondMoments[index].values
            // Eight lanes at a time (explicit SIMD: the pointers could alias, so the compiler
            // would not vectorise the scalar loop), then the remainder.
            let lanes = parameter.count / 8 * 8
            var i = 0
            while i < lanes {
                let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                var mi = UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self)
                var vi = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
                let ti = UnsafeRawPointer(theta + i).loadUnaligned(as: SIMD8<Float>.self)
                mi = b1 * mi + (1 - b1) * gi
                vi = b2 * vi + (1 - b2) * gi * gi
                let updated = ti * decay - stepSize * mi / ((vi / correction2).squareRoot() + eps)
                UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(theta + i).storeBytes(of: updated, as: SIMD8<Float>.self)
                i += 8
            }
            while i < parameter.count {
                let gi = g[i]
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                theta[i] = theta[i] * decay - stepSize * m[i] / ((v[i] / correction2).squareRoot() + eps)
                i += 1
            }
        }
    }

    /// The optimiser's state as tensors (moments and the step count) for checkpoints.
    public var stateTensors: [Parameter] { firstMoments + secondMoments }

    /// Restores the step count (the moments are restored through `stateTensors`).
    public func restoreStep(_ value: Int) { step = value }
}

/// Scales all gradients by min(1, maxNorm/‖g‖₂), ‖g‖₂ taken over every parameter together,
/// and returns ‖g‖₂ before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var sum: Double = 0
    for p in parameters { for i in 0..<p.count { sum += Double(p.gradient[i]) * Double(p.gradient[i]) } }
    let norm = Float(sum.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for p in parameters { for i in 0..<p.count { p.gradient[i] *= scale } }
    }
    return norm
}

/// Polyak averaging of target networks: θ' ← (1 − τ)·θ' + τ·θ.
public func polyakUpdate(target: [Parameter], source: [Parameter], tau: Float) {
    precondition(target.count == source.count, "target and source networks differ")
    for (t, s) in zip(target, source) {
        precondition(t.count == s.count, "\(t.name) and \(s.name) differ in size")
        for i in 0..<t.count { t.values[i] = (1 - tau) * t.values[i] + tau * s.values[i] }
    }
}

/// Cosine decay from `initial` to 0 over `totalSteps`: lr(t) = initial · ½(1 + cos(π·min(t, T)/T)).
public struct CosineSchedule: Sendable, Codable, Equatable {
    public var initial: Float
    public var totalSteps: Int

    public init(initial: Float, totalSteps: Int) {
        precondition(totalSteps > 0, "a cosine schedule needs a positive number of steps")
        self.initial = initial
        self.totalSteps = totalSteps
    }

    public func value(at step: Int) -> Float {
        let progress = Double(min(max(step, 0), totalSteps)) / Double(totalSteps)
        return initial * Float(0.5 * (1 + cos(Double.pi * progress)))
    }
}
