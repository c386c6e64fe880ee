import Foundation

/// Uniform and Gaussian draws on any generator. The Gaussian uses the Box–Muller transform:
/// for u₁ ∈ (0, 1], u₂ ∈ [0, 1), z₁ = √(−2 ln u₁)·cos(2πu₂) and z₂ = √(−2 ln u₁)·sin(2πu₂)
/// are independent N(0, 1).
extension RandomNumberGenerator {
    /// A uniform Float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextUniformFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform Double in [low, high).
    @inlinable
    public mutating func nextUniform(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUniformDouble()
    }

    /// One standard normal draw (Box–Muller, computed in Double).
    @inlinable
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextUniformDouble()  // (0, 1]: log is finite
        let u2 = nextUniformDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// Fills `buffer` with draws of N(mean, std²), using both outputs of each Box–Muller pair.
    @inlinable
    public mutating func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1) {
        var i = 0
        let n = buffer.count
        while i < n {
            let u1 = 1.0 - nextUniformDouble()
            let u2 = nextUniformDouble()
            let r = (-2.0 * log(u1)).squareRoot()
            let theta = 2.0 * Double.pi * u2
            buffer[i] = mean + std * Float(r * cos(theta))
            if i + 1 < n { buffer[i + 1] = mean + std * Float(r * sin(theta)) }
            i += 2
        }
    }

    /// Fills `buffer` with draws of U[low, high).
    @inlinable
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, low: Float, high: Float) {
        for i in buffer.indices { buffer[i] = low + (high - low) * nextUniformFloat() }
    }

    /// A uniform integer in 0..<upperBound (unbiased, by rejection).
    @inlinable
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        return Int(next(upperBound: UInt64(upperBound)))
    }
}

