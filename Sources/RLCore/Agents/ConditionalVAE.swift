import Foundation

/// A conditional variational auto-encoder over actions, LAPO's model of the behaviour policy
/// (Chen et al. 2022): the encoder q(z | s, a) = N(μ(s, a), diag exp(ℓ(s, a))) and the
/// decoder â = D(s, z), both multilayer perceptrons.
///
/// LAPO trains it with an advantage-weighted ELBO: for rows i of a batch of size B with weights w_i,
///
///     L = (1/B) Σ_i w_i · ( ‖D(s_i, z_i) − a_i‖² + β·KL_i ),
///     z_i = μ_i + exp(ℓ_i / 2) ⊙ ε_i,  ε_i ~ N(0, I)   (the reparameterisation trick),
///     KL_i = KL(N(μ_i, e^{ℓ_i}) ‖ N(0, I)) = −½ Σ_j (1 + ℓ_ij − μ_ij² − e^{ℓ_ij}).
///
/// Actions a and states s are the agent's normalised ones; the decoder's output is unbounded.
public final class ConditionalVAE {
    public let observationSize: Int
    public let actionSize: Int
    /// Dimension of z (LAPO: twice the action dimension).
    public let latentSize: Int
    /// [s, a] ↦ [μ, ℓ] (2·latentSize outputs: the two heads of the reference as one layer).
    public let encoder: MLP
    /// [s, z] ↦ â.
    public let decoder: MLP
    /// Encoder then decoder parameters.
    public let parameters: [Parameter]

    private let encoderInput = Workspace()
    private let decoderInput = Workspace()
    private let noise = Workspace()
    private let outputGradient = Workspace()
    private let latentGradient = Workspace()

    public init(observationSize: Int, actionSize: Int, latentSize: Int, hiddenSizes: [Int], using rng: inout RandomStream) {
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.latentSize = latentSize
        encoder = MLP(widths: [observationSize + actionSize] + hiddenSizes + [2 * latentSize], using: &rng)
        decoder = MLP(widths: [observationSize + latentSize] + hiddenSizes + [actionSize], using: &rng)
        parameters = encoder.parameters + decoder.parameters
    }

    /// â_i = D(s_i, z_i) for `rows` rows; the result (rows × actionSize) is valid until the
    /// decoder's next forward pass.
    public func decode(observations: UnsafePointer<Float>, latents: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        fillStateActionRows(decoderInput, observations: observations, observationSize: observationSize,
                            actions: latents, actionSize: latentSize, rows: rows)
        return decoder.forward(decoderInput.pointer, rows: rows)
    }

    /// The terms of one weighted ELBO evaluation.
    public struct Loss: Equatable, Sendable {
        /// L, the weighted objective above.
        public var total: Float
        /// (1/B) Σ ‖â_i − a_i‖² (unweighted).
        public var reconstruction: Float
        /// (1/B) Σ KL_i (unweighted).
        public var divergence: Float
    }

    /// Evaluates L on the batch (drawing ε from `rng`) and adds ∂L/∂θ to the encoder's and
    /// decoder's parameter gradients (zero them first). With δ_i = 2 w_i (â_i − a_i)/B back-
    /// propagated through the decoder to g_z = ∂L/∂z_i:
    ///
    ///     ∂L/∂μ_ij = g_z,ij + w_i β μ_ij / B,
    ///     ∂L/∂ℓ_ij = g_z,ij · ε_ij · ½ e^{ℓ_ij/2} + w_i β (e^{ℓ_ij} − 1) / (2B).
    public func accumulateGradients(observations s: UnsafePointer<Float>, actions a: UnsafePointer<Float>,
                                    weights w: UnsafePointer<Float>, rows: Int, klWeight beta: Float,
                                    using rng: inout RandomStream) -> Loss {
        let (o, n, l) = (observationSize, actionSize, latentSize)
        fillStateActionRows(encoderInput, observations: s, observationSize: o, actions: a, actionSize: n, rows: rows)
        let encoded = encoder.forward(encoderInput.pointer, rows: rows)          // rows × [μ, ℓ]
        noise.reserve(rows * l)
        rng.fillGaussian(UnsafeMutableBufferPointer(start: noise.pointer, count: rows * l))
        latentGradient.reserve(rows * l)                                          // z, then ∂L/∂z
        for i in 0..<rows {
            for j in 0..<l {
                let mu = encoded[i * 2 * l + j], logVariance = encoded[i * 2 * l + l + j]
                latentGradient.pointer[i * l + j] = mu + exp(logVariance / 2) * noise.pointer[i * l + j]
            }
        }
        let reconstruction = decode(observations: s, latents: latentGradient.pointer, rows: rows)
        outputGradient.reserve(rows * n)
        let scale = 1 / Float(rows)
        var weightedSum: Float = 0, squaredErrors: Float = 0, divergences: Float = 0
        for i in 0..<rows {
            var squared: Float = 0
            for j in 0..<n {
                let difference = reconstruction[i * n + j] - a[i * n + j]
                squared += difference * difference
                outputGradient.pointer[i * n + j] = 2 * w[i] * difference * scale
            }
            var divergence: Float = 0
            for j in 0..<l {
                let mu = encoded[i * 2 * l + j], logVariance = encoded[i * 2 * l + l + j]
                divergence -= 0.5 * (1 + logVariance - mu * mu - exp(logVariance))
            }
            squaredErrors += squared
            divergences += divergence
            weightedSum += w[i] * (squared + beta * divergence)
        }
        let inputGradient = decoder.backward(outputGradient.pointer)            // rows × [∂s, ∂z]
        outputGradient.reserve(rows * 2 * l)
        for i in 0..<rows {
            for j in 0..<l {
                let mu = encoded[i * 2 * l + j], logVariance = encoded[i * 2 * l + l + j]
                let gz = inputGradient[i * (o + l) + o + j]
                outputGradient.pointer[i * 2 * l + j] = gz + w[i] * beta * mu * scale
                outputGradient.pointer[i * 2 * l + l + j] = gz * noise.pointer[i * l + j] * 0.5 * exp(logVariance / 2)
                    + w[i] * beta * (exp(logVariance) - 1) * 0.5 * scale
            }
        }
        encoder.backward(outputGradient.pointer, needsInputGradient: false)
        return Loss(total: weightedSum * scale, reconstruction: squaredErrors * scale, divergence: divergences * scale)
    }
}
