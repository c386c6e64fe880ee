import Foundation

/// A fingerprint of the data a run trains on, for its provenance: datasets the kit generates
/// are made again on every machine (they are not committed), so two runs can say that they
/// saw the same transitions, and a file can be checked against a run (`repro dataset info`).
extension Transitions {
    /// FNV-1a, 64-bit, over the bytes of s, a, r, s′, the terminal flags and the time-limit
    /// flags, in that order (each array row after row, every value an IEEE-754 binary32 in the
    /// machine's byte order, little-endian on every platform the kit builds for):
    ///
    ///     h₀ = 0xcbf29ce484222325,  h ← (h ⊕ byte) · 0x100000001b3 (mod 2⁶⁴)
    ///
    /// written as "fnv1a64:" and 16 hexadecimal digits. Not a cryptographic hash: it tells
    /// equal data from changed data, not from data made to collide.
    public var digest: String {
        var hash = FNV1a64()
        for array in [observations.storage, actions.storage, rewards, nextObservations.storage, terminals, truncations] {
            array.withUnsafeBytes { hash.combine($0) }
        }
        return hash.text
    }
}

/// FNV-1a, 64-bit: h₀ = 0xcbf29ce484222325, then h ← (h ⊕ byte) · 0x100000001b3 (mod 2⁶⁴) for
/// every byte, written as "fnv1a64:" and 16 hexadecimal digits. A fingerprint that tells equal
/// bytes from changed ones (not from bytes made to collide).
public struct FNV1a64 {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// The digest of `data`.
    public init(_ data: Data) {
        data.withUnsafeBytes { combine($0) }
    }

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }

    public var text: String {
        let hex = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
