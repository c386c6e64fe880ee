/// A named tensor of trainable values with its gradient, both in memory the parameter owns.
/// Networks expose their parameters as a list, so one optimiser, one Polyak update and one
/// checkpoint format serve every network.
public final class Parameter {
    /// A stable name used in checkpoints, e.g. "layer0.weight".
    public let name: String
    /// The tensor's shape, e.g. [fanIn, members · fanOut].
    public let shape: [Int]
    /// Number of elements, the product of `shape`.
    public let count: Int
    /// The values θ.
    public let values: UnsafeMutablePointer<Float>
    /// The gradient ∂L/∂θ, accumulated by backward passes until `zeroGradient()`.
    public let gradient: UnsafeMutablePointer<Float>

    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
        count = shape.reduce(1, *)
        values = .allocate(capacity: count)
        values.initialize(repeating: 0, count: count)
        gradient = .allocate(capacity: count)
        gradient.initialize(repeating: 0, count: count)
    }

    deinit {
        values.deallocate()
        gradient.deallocate()
    }

    /// The values as an array (for tests and serialisation).
    public var array: [Float] {
        get { Array(UnsafeBufferPointer(start: values, count: count)) }
        set {
            precondition(newValue.count == count, "\(name) has \(count) values, got \(newValue.count)")
            values.update(from: newValue, count: count)
        }
    }

    /// The gradient as an array.
    public var gradientArray: [Float] { Array(UnsafeBufferPointer(start: gradient, count: count)) }

    /// Sets the gradient to zero.
    public func zeroGradient() { gradient.update(repeating: 0, count: count) }

    /// Copies the values of `other` (same shape) into this parameter.
    public func copyValues(from other: Parameter) {
        precondition(other.count == count, "cannot copy \(other.name) \(other.shape) into \(name) \(shape)")
        values.update(from: other.values, count: count)
    }
}

extension Array where Element == Parameter {
    /// Sets every gradient to zero.
    public func zeroGradients() { forEach { $0.zeroGradient() } }

    /// Copies every value from `source` (same structure): hard target-network initialisation.
    public func copyValues(from source: [Parameter]) {
        precondition(count == source.count, "parameter lists differ in length")
        for (target, parameter) in zip(self, source) { target.copyValues(from: parameter) }
    }
}
