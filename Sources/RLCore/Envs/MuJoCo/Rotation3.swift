import Foundation

/// A rotation of 3-D space as a 3 × 3 orthonormal matrix R (world ← frame): its columns are the
/// frame's x, y and z axes in world coordinates, and R·v turns a frame vector into a world one.
/// Just what poses and orientation errors need; MuJoCo's `xmat` arrays are read into it.
public struct Rotation3: Sendable, Equatable {
    /// The matrix by columns.
    public var columns: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    /// The rotation with these columns (they should be orthonormal and right-handed).
    public init(columns x: SIMD3<Double>, _ y: SIMD3<Double>, _ z: SIMD3<Double>) {
        columns = (x, y, z)
    }

    /// The rotation from nine entries in row-major order (MuJoCo's `xmat` layout).
    public init(rowMajor m: [Double]) {
        precondition(m.count == 9, "a 3 × 3 matrix has 9 entries, got \(m.count)")
        columns = (SIMD3(m[0], m[3], m[6]), SIMD3(m[1], m[4], m[7]), SIMD3(m[2], m[5], m[8]))
    }

    /// No rotation.
    public static let identity = Rotation3(columns: SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    /// The rotation by `angle` radians about the unit vector `axis` (right hand), by Rodrigues'
    /// formula R = I + sin θ · [a]× + (1 − cos θ) · [a]×².
    public init(axis: SIMD3<Double>, angle: Double) {
        let a = axis / (axis * axis).sum().squareRoot()
        let c = cos(angle), s = sin(angle), t = 1 - c
        columns = (SIMD3(t * a.x * a.x + c, t * a.x * a.y + s * a.z, t * a.x * a.z - s * a.y),
                   SIMD3(t * a.x * a.y - s * a.z, t * a.y * a.y + c, t * a.y * a.z + s * a.x),
                   SIMD3(t * a.x * a.z + s * a.y, t * a.y * a.z - s * a.x, t * a.z * a.z + c))
    }

    public static func == (lhs: Rotation3, rhs: Rotation3) -> Bool {
        lhs.columns.0 == rhs.columns.0 && lhs.columns.1 == rhs.columns.1 && lhs.columns.2 == rhs.columns.2
    }

    /// R · v.
    public static func * (r: Rotation3, v: SIMD3<Double>) -> SIMD3<Double> {
        r.columns.0 * v.x + r.columns.1 * v.y + r.columns.2 * v.z
    }

    /// The composition `lhs · rhs` (first `rhs`, then `lhs`).
    public static func * (lhs: Rotation3, rhs: Rotation3) -> Rotation3 {
        Rotation3(columns: lhs * rhs.columns.0, lhs * rhs.columns.1, lhs * rhs.columns.2)
    }

    /// The inverse rotation Rᵀ.
    public var transposed: Rotation3 {
        let (x, y, z) = columns
        return Rotation3(columns: SIMD3(x.x, y.x, z.x), SIMD3(x.y, y.y, z.y), SIMD3(x.z, y.z, z.z))
    }

    /// The rotation vector θ·a of this rotation (its axis a scaled by its angle θ ∈ [0, π]), the
    /// logarithm of the rotation: from the skew part ½(R − Rᵀ) = sin θ · [a]× and the trace
    /// 1 + 2 cos θ. Near θ = π the axis comes from the diagonal instead.
    public var rotationVector: SIMD3<Double> {
        let (x, y, z) = columns
        let skew = SIMD3(y.z - z.y, z.x - x.z, x.y - y.x) / 2      // sin θ · a
        let cosine = min(max((x.x + y.y + z.z - 1) / 2, -1), 1)
        let sine = (skew * skew).sum().squareRoot()
        let angle = atan2(sine, cosine)
        if sine > 1e-9 { return skew * (angle / sine) }
        if cosine > 0 { return skew }                                // θ ≈ 0: R ≈ I + [θa]×
        // θ ≈ π: R ≈ 2aaᵀ − I, so aᵢ² = (Rᵢᵢ + 1)/2; signs from the largest component's column.
        let diagonal = SIMD3(x.x, y.y, z.z)
        let squares = (diagonal + 1) / 2
        let k = squares.x >= squares.y && squares.x >= squares.z ? 0 : squares.y >= squares.z ? 1 : 2
        var unit = SIMD3<Double>(0, 0, 0)
        unit[k] = 1
        let axis = ([x, y, z][k] + unit) / (2 * squares[k].squareRoot())   // column k = 2aₖa − eₖ
        return axis * angle
    }
}
