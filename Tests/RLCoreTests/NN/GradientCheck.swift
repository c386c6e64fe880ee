@testable import RLCore

/// Finite-difference checks for the networks: the loss is L = Σ cᵢⱼ·outᵢⱼ with fixed random
/// c, so ∂L/∂out = c; central differences with step h in Float32 are compared with the
/// analytic gradients to a tolerance relative to their size.
struct GradientCheck {
    let network: MLPEnsemble
    let input: Matrix
    let coefficients: Matrix

    init(network: MLPEnsemble, rows: Int, seed: UInt64) {
        var rng = RandomStream(seed: seed)
        self.network = network
        input = Matrix(rows: rows, columns: network.inputSize, storage: (0..<(rows * network.inputSize)).map { _ in 2 * rng.nextUniformFloat() - 1 })
        let outputs = network.members * network.outputSize
        coefficients = Matrix(rows: rows, columns: outputs, storage: (0..<(rows * outputs)).map { _ in 2 * rng.nextUniformFloat() - 1 })
    }

    func loss(_ x: Matrix) -> Double {
        let out = network(x)
        return zip(out.storage, coefficients.storage).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Largest relative error over every parameter entry and every input entry.
    func maximumRelativeError(step h: Float = 1e-2) -> Double {
        network.zeroGradients()
        _ = network(input)
        let inputGradient = network.backward(coefficients)
        var worst = 0.0
        func compare(_ analytic: Float, _ numeric: Double) {
            let error = abs(Double(analytic) - numeric) / max(1e-2, abs(numeric) + abs(Double(analytic)))
            worst = max(worst, error)
        }
        for parameter in network.parameters {
            let analytic = parameter.gradientArray
            for i in 0..<parameter.count {
                let saved = parameter.values[i]
                parameter.values[i] = saved + h
                let plus = loss(input)
                parameter.values[i] = saved - h
                let minus = loss(input)
                parameter.values[i] = saved
                compare(analytic[i], (plus - minus) / (2 * Double(h)))
            }
        }
        for i in 0..<input.count {
            var x = input
            x.storage[i] += h
            let plus = loss(x)
            x.storage[i] -= 2 * h
            let minus = loss(x)
            compare(inputGradient.storage[i], (plus - minus) / (2 * Double(h)))
        }
        return worst
    }
}
