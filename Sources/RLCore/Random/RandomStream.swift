/// A seeded, splittable pseudo-random number generator: xoshiro256** (Blackman & Vigna, 2018)
/// seeded through SplitMix64.
///
/// Nothing in RLCore uses a global generator: every function that draws takes
/// `using rng: inout some RandomNumberGenerator`, and a run derives all of its generators from
/// one seed with `split()` or `init(seed:stream:)`, so a run is reproducible from its seed and
/// tests run in parallel.
///
/// Independence: `split()` hands out the current state and then advances this generator by
/// 2^128 steps (xoshiro's jump polynomial), so the two sequences cannot overlap for 2^128 draws.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable, Codable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose 256-bit state is filled from `seed` by SplitMix64 (never all zero).
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The `stream`-th independent generator of `seed`: the seed's generator jumped
    /// `stream + 1` times by 2^128 steps. Streams of one seed never overlap.
    public init(seed: UInt64, stream: Int) {
        precondition(stream >= 0, "stream index must be non-negative, got \(stream)")
        self.init(seed: seed)
        for _ in 0...stream { jump() }
    }

    /// Named streams of a run, so that adding draws to one part (say, exploration) never
    /// changes the numbers another part (say, network initialisation) sees.
    public enum Purpose: Int, CaseIterable, Sendable {
        case networks = 0, sampling, environment, exploration, evaluation, dataset
    }

    /// The generator of `seed` reserved for `purpose`.
    public init(seed: UInt64, for purpose: Purpose) {
        self.init(seed: seed, stream: purpose.rawValue)
    }

    /// xoshiro256**: result = rotl(s1 · 5, 7) · 9, then the linear state update.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Returns a generator that continues from the current state, and moves this one 2^128
    /// steps ahead, so the two never produce overlapping sequences.
    public mutating func split() -> RandomStream {
        let child = self
        jump()
        return child
    }

    /// Advances the state by 2^128 calls of `next()`.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
