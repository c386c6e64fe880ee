/// Per-dimension z-normalisation of observations (and, for LAPO, of actions):
/// s ↦ (s − μ) / (σ + ε), with μ and σ the mean and (population) standard deviation of the
/// dataset's rows.
///
/// ε keeps constant dimensions (σ = 0) finite: they map to 0. Its default, 1e-3, is TD3+BC's
/// and CORL's; LAPO's reference code adds 1e-6. The kit keeps 1e-3 for LAPO too, so that online
/// a near-constant dimension (Kitchen's goal entries) that leaves its dataset value moves the
/// network's input by about a thousand times the change, not a million.
public struct StateNormalizer: Sendable, Equatable, Codable {
    /// μ, one per dimension.
    public var mean: [Float]
    /// σ, one per dimension.
    public var std: [Float]
    /// ε added to σ.
    public var epsilon: Float

    /// The identity normaliser (μ = 0, σ = 1, ε = 0) for `size` dimensions.
    public init(identityOfSize size: Int) {
        mean = [Float](repeating: 0, count: size)
        std = [Float](repeating: 1, count: size)
        epsilon = 0
    }

    /// A normaliser with the given statistics (e.g. read back from a checkpoint).
    public init(mean: [Float], std: [Float], epsilon: Float) {
        precondition(mean.count == std.count, "μ has \(mean.count) entries, σ \(std.count)")
        self.mean = mean
        self.std = std
        self.epsilon = epsilon
    }

    /// μ and σ of the rows of `observations`, accumulated in double precision.
    /// An empty matrix gives the identity normaliser with ε.
    public init(fitting observations: Matrix, epsilon: Float = 1e-3) {
        let n = observations.rows, d = observations.columns
        var sum = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
        observations.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in 0..<d {
                    let value = Double(x[i * d + j])
                    sum[j] += value
                    squares[j] += value * value
                }
            }
        }
        let count = Double(max(n, 1))
        mean = sum.map { Float($0 / count) }
        std = (0..<d).map { j in
            guard n > 0 else { return 1 }
            let mu = sum[j] / count
            return Float(max(squares[j] / count - mu * mu, 0).squareRoot())
        }
        self.epsilon = epsilon
    }

    /// Normalises every row of `observations` in place.
    public func normalize(_ observations: inout Matrix) {
        let d = observations.columns
        precondition(d == mean.count, "normaliser has \(mean.count) dimensions, matrix has \(d) columns")
        let inverse = std.map { 1 / ($0 + epsilon) }
        let rows = observations.rows
        observations.withUnsafeMutableBufferPointer { x in
            for i in 0..<rows {
                for j in 0..<d { x[i * d + j] = (x[i * d + j] - mean[j]) * inverse[j] }
            }
        }
    }

    /// The normalised copy of one observation.
    public func normalized(_ observation: [Float]) -> [Float] {
        precondition(observation.count == mean.count, "observation has \(observation.count) entries, normaliser \(mean.count)")
        return observation.indices.map { (observation[$0] - mean[$0]) / (std[$0] + epsilon) }
    }

    /// Normalises one row of `mean.count` values in place.
    @inlinable
    public func normalizeInPlace(_ row: UnsafeMutablePointer<Float>) {
        for j in 0..<mean.count { row[j] = (row[j] - mean[j]) / (std[j] + epsilon) }
    }

    /// Normalised copies of `rows` rows, written to `workspace`.
    public func normalize(_ x: UnsafePointer<Float>, rows: Int, into workspace: Workspace) {
        let d = mean.count
        workspace.reserve(rows * d)
        let inverse = std.map { 1 / ($0 + epsilon) }
        for i in 0..<rows {
            for j in 0..<d { workspace.pointer[i * d + j] = (x[i * d + j] - mean[j]) * inverse[j] }
        }
    }

    /// The inverse map of one row, x ↦ x·(σ + ε) + μ.
    public func denormalized(_ x: [Float]) -> [Float] {
        precondition(x.count == mean.count, "row has \(x.count) entries, normaliser \(mean.count)")
        return x.indices.map { x[$0] * (std[$0] + epsilon) + mean[$0] }
    }
}
