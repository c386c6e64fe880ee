import Foundation

/// An element-wise nonlinearity σ and its derivative, written in terms of the output y = σ(x)
/// so backward needs only what forward kept: ReLU σ' = 1(y > 0), tanh σ' = 1 − y², identity 1.
public enum Activation: String, Codable, Sendable {
    case relu, tanh, identity

    /// y ← σ(y) in place over `count` elements.
    @inlinable
    public func apply(_ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu: for i in 0..<count { y[i] = max(y[i], 0) }
        case .tanh: for i in 0..<count { y[i] = Foundation.tanh(y[i]) }
        case .identity: break
        }
    }

    /// g ← g ⊙ σ'(x), with σ'(x) computed from the output y.
    @inlinable
    public func backward(outputs y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu:
            // Eight lanes at a time with a select, not a branch: the sign pattern of a ReLU
            // layer is random, so a branchy loop mispredicts half the time (the pointers may
            // alias, so the compiler would not vectorise this loop by itself).
            let lanes = count / 8 * 8
            var i = 0
            while i < lanes {
                let yi = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
                var gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                gi.replace(with: 0, where: yi .<= 0)
                UnsafeMutableRawPointer(g + i).storeBytes(of: gi, as: SIMD8<Float>.self)
                i += 8
            }
            while i < count { g[i] = y[i] > 0 ? g[i] : 0; i += 1 }
        case .tanh: for i in 0..<count { g[i] *= 1 - y[i] * y[i] }
        case .identity: break
        }
    }
}
