import Foundation

/// m multilayer perceptrons of one shape evaluated together on a shared input: the critic
/// ensemble O3F scores candidates with, and (with m = 1) every other network of the kit.
///
/// Layer l maps the input h_{l−1} of member k to
///
///     z_l^k = h_{l−1}^k · W_l^k + b_l^k,   h_l^k = dropout(σ_l(LN(z_l^k)))
///
/// with LayerNorm (LN) and dropout optional on hidden layers. The members' weights of a layer
/// are stored side by side as one fanIn × (m · fanOut) matrix, so all members' activations of a
/// batch form one B × (m · width) matrix: the first layer, whose input is shared, is ONE
/// matrix product for all members (forward, weight gradient and input gradient alike), and
/// the later layers are one product per member over column blocks of the same buffers.
///
/// `forward` keeps what `backward` needs in workspaces reused between calls; `backward`
/// returns ∂L/∂input (summed over members) and adds each member's parameter gradients to
/// its `Parameter.gradient`.
public final class MLPEnsemble {
    /// Layer widths including input and output, e.g. [23, 256, 256, 1].
    public let widths: [Int]
    /// Number of members m.
    public let members: Int
    public let activation: Activation
    public let outputActivation: Activation
    public let usesLayerNorm: Bool
    /// Probability of zeroing a hidden unit while training (inverted dropout); 0 disables it.
    public let dropout: Float
    /// When true, dropout is active in `forward`.
    public var isTraining = true

    /// Weights (fanIn × m·fanOut) and biases (m·fanOut) per layer.
    public let weights: [Parameter]
    public let biases: [Parameter]
    /// LayerNorm gains and shifts per hidden layer (empty without LayerNorm).
    public let gains: [Parameter]
    public let shifts: [Parameter]
    /// Every parameter, for optimisers, Polyak averaging and checkpoints.
    public let parameters: [Parameter]

    /// The stream dropout masks are drawn from; part of a checkpoint so a resumed run draws the same masks.
    public var dropoutStream: RandomStream
    private var batch = 0
    private let input = Workspace()
    private var outputs: [Workspace]      // h_l, B × m·width_l, l = 1…L
    private var normalized: [Workspace]   // LN's x̂ per hidden layer
    private var inverseStd: [Workspace]   // LN's 1/σ per row and member
    private var masks: [Workspace]        // dropout masks (already scaled by 1/(1−p))
    private let gradientA = Workspace()
    private let gradientB = Workspace()
    private let inputGradient = Workspace()
    private let ones = Workspace()
    private var onesCount = 0

    /// A new ensemble with PyTorch's default initialisation, U(±1/√fanIn) for weights and biases.
    public init(widths: [Int], members: Int = 1, activation: Activation = .relu, outputActivation: Activation = .identity,
                layerNorm: Bool = false, dropout: Float = 0, using rng: inout RandomStream) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "an MLP needs positive widths, got \(widths)")
        precondition(members >= 1, "an ensemble needs at least one member")
        precondition(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)")
        self.widths = widths
        self.members = members
        self.activation = activation
        self.outputActivation = outputActivation
        self.usesLayerNorm = layerNorm
        self.dropout = dropout
        let layers = widths.count - 1
        var weights: [Parameter] = [], biases: [Parameter] = [], gains: [Parameter] = [], shifts: [Parameter] = []
        for l in 0..<layers {
            let fanIn = widths[l], fanOut = widths[l + 1]
            let w = Parameter(name: "layer\(l).weight", shape: [fanIn, members * fanOut])
            let b = Parameter(name: "layer\(l).bias", shape: [members * fanOut])
            let bound = 1 / Float(fanIn).squareRoot()
            for i in 0..<w.count { w.values[i] = bound * (2 * rng.nextUniformFloat() - 1) }
            for i in 0..<b.count { b.values[i] = bound * (2 * rng.nextUniformFloat() - 1) }
            weights.append(w); biases.append(b)
            if layerNorm && l < layers - 1 {
                let g = Parameter(name: "layer\(l).norm.gain", shape: [members * fanOut])
                g.values.update(repeating: 1, count: g.count)
                gains.append(g)
                shifts.append(Parameter(name: "layer\(l).norm.shift", shape: [members * fanOut]))
            }
        }
        self.weights = weights; self.biases = biases; self.gains = gains; self.shifts = shifts
        var all: [Parameter] = []
        for l in 0..<layers {
            all += [weights[l], biases[l]]
            if layerNorm && l < layers - 1 { all += [gains[l], shifts[l]] }
        }
        parameters = all
        dropoutStream = rng.split()
        outputs = (0..<layers).map { _ in Workspace() }
        normalized = (0..<layers).map { _ in Workspace() }
        inverseStd = (0..<layers).map { _ in Workspace() }
        masks = (0..<layers).map { _ in Workspace() }
    }

    public var inputSize: Int { widths[0] }
    public var outputSize: Int { widths[widths.count - 1] }
    private var layerCount: Int { widths.count - 1 }

    /// Runs the ensemble on `rows` inputs (row-major, rows × inputSize) and returns a pointer to
    /// the output, rows × (members · outputSize): member k's outputs are columns
    /// k·outputSize ..< (k+1)·outputSize. The pointer is valid until the next `forward`.
    @discardableResult
    public func forward(_ x: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        batch = rows
        input.reserve(rows * inputSize)
        input.pointer.update(from: x, count: rows * inputSize)
        var source = UnsafePointer(input.pointer)
        for l in 0..<layerCount {
            let fanIn = widths[l], fanOut = widths[l + 1], wide = members * fanOut
            let out = outputs[l]
            out.reserve(rows * wide)
            // z = h·W + b: broadcast the bias, then accumulate the product(s).
            for r in 0..<rows { (out.pointer + r * wide).update(from: biases[l].values, count: wide) }
            if l == 0 {
                gemm(m: rows, n: wide, k: fanIn, a: source, lda: fanIn, b: weights[l].values, ldb: wide,
                     beta: 1, c: out.pointer, ldc: wide)
            } else {
                let inWide = members * fanIn
                for k in 0..<members {
                    gemm(m: rows, n: fanOut, k: fanIn, a: source + k * fanIn, lda: inWide,
                         b: weights[l].values + k * fanOut, ldb: wide, beta: 1, c: out.pointer + k * fanOut, ldc: wide)
                }
            }
            let hidden = l < layerCount - 1
            if hidden && usesLayerNorm { layerNormForward(layer: l, rows: rows) }
            (hidden ? activation : outputActivation).apply(out.pointer, count: rows * wide)
            if hidden && dropout > 0 && isTraining { dropoutForward(layer: l, count: rows * wide) }
            source = UnsafePointer(out.pointer)
        }
        return outputs[layerCount - 1].pointer
    }

    /// `forward` for the members in `subset` only, for inference: the result has the usual
    /// layout (rows × members·outputSize), but only the columns of `subset`'s members are
    /// computed; the others hold stale values, and `backward` must not follow this call. REDQ's
    /// targets read two of five target critics, so this saves three fifths of that pass.
    @discardableResult
    public func forward(_ x: UnsafePointer<Float>, rows: Int, members subset: [Int]) -> UnsafeMutablePointer<Float> {
        precondition(subset.allSatisfy { (0..<members).contains($0) }, "members \(subset) outside 0..<\(members)")
        precondition(!(dropout > 0 && isTraining), "a member subset is for inference: switch dropout off first")
        batch = rows
        var source = x
        var sourceWidth = inputSize
        var sharedInput = true
        for l in 0..<layerCount {
            let fanIn = widths[l], fanOut = widths[l + 1], wide = members * fanOut
            let out = outputs[l]
            out.reserve(rows * wide)
            for k in subset {
                for r in 0..<rows { (out.pointer + r * wide + k * fanOut).update(from: biases[l].values + k * fanOut, count: fanOut) }
                gemm(m: rows, n: fanOut, k: fanIn, a: source + (sharedInput ? 0 : k * fanIn), lda: sourceWidth,
                     b: weights[l].values + k * fanOut, ldb: wide, beta: 1, c: out.pointer + k * fanOut, ldc: wide)
            }
            let hidden = l < layerCount - 1
            if hidden && usesLayerNorm { layerNormForward(layer: l, rows: rows) }
            (hidden ? activation : outputActivation).apply(out.pointer, count: rows * wide)
            source = UnsafePointer(out.pointer)
            sourceWidth = wide
            sharedInput = false
        }
        return outputs[layerCount - 1].pointer
    }

    /// Back-propagates ∂L/∂output (rows × members·outputSize, for the rows of the last
    /// `forward`), adds the parameter gradients and returns ∂L/∂input (rows × inputSize,
    /// summed over members), valid until the next call. With `needsInputGradient: false` the
    /// input gradient is not computed (value and policy networks never need it) and the
    /// returned buffer holds stale values. With `needsParameterGradients: false` only ∂L/∂input
    /// is computed and the parameter gradients are left untouched (SAC's and CQL's actor losses
    /// differentiate through the critics without training them).
    @discardableResult
    public func backward(_ outputGradient: UnsafePointer<Float>, needsInputGradient: Bool = true,
                         needsParameterGradients: Bool = true) -> UnsafeMutablePointer<Float> {
        let rows = batch
        var g = gradientA, spare = gradientB
        let lastWide = members * outputSize
        g.reserve(rows * lastWide)
        g.pointer.update(from: outputGradient, count: rows * lastWide)
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let fanIn = widths[l], fanOut = widths[l + 1], wide = members * fanOut
            let hidden = l < layerCount - 1
            let out = outputs[l].pointer
            if hidden && dropout > 0 && isTraining {
                let mask = masks[l].pointer
                for i in 0..<(rows * wide) { g.pointer[i] *= mask[i] }
            }
            if hidden && dropout > 0 && isTraining {
                // σ' from the pre-dropout output: y/mask where the mask is non-zero.
                activationBackwardThroughDropout(layer: l, gradient: g.pointer, count: rows * wide)
            } else {
                (hidden ? activation : outputActivation).backward(outputs: out, gradient: g.pointer, count: rows * wide)
            }
            if hidden && usesLayerNorm {
                layerNormBackward(layer: l, gradient: g.pointer, rows: rows, accumulatesParameters: needsParameterGradients)
            }
            if needsParameterGradients {
                // Bias gradient: column sums, db += dzᵀ·1.
                ones.reserve(rows)
                if onesCount < rows { ones.pointer.update(repeating: 1, count: rows); onesCount = rows }
                gemv(transposeA: true, rows: rows, columns: wide, a: g.pointer, lda: wide, x: ones.pointer, beta: 1, y: biases[l].gradient)
            }
            let source = l == 0 ? UnsafePointer(input.pointer) : UnsafePointer(outputs[l - 1].pointer)
            if l == 0 {
                // dW = xᵀ·dz (all members at once); dx = dz·Wᵀ sums the members' contributions.
                if needsParameterGradients {
                    gemm(transposeA: true, m: fanIn, n: wide, k: rows, a: source, lda: fanIn, b: g.pointer, ldb: wide,
                         beta: 1, c: weights[l].gradient, ldc: wide)
                }
                inputGradient.reserve(rows * fanIn)
                if needsInputGradient {
                    gemm(transposeB: true, m: rows, n: fanIn, k: wide, a: g.pointer, lda: wide, b: weights[l].values, ldb: wide,
                         c: inputGradient.pointer, ldc: fanIn)
                }
            } else {
                let inWide = members * fanIn
                spare.reserve(rows * inWide)
                for k in 0..<members {
                    if needsParameterGradients {
                        gemm(transposeA: true, m: fanIn, n: fanOut, k: rows, a: source + k * fanIn, lda: inWide,
                             b: g.pointer + k * fanOut, ldb: wide, beta: 1, c: weights[l].gradient + k * fanOut, ldc: wide)
                    }
                    gemm(transposeB: true, m: rows, n: fanIn, k: fanOut, a: g.pointer + k * fanOut, lda: wide,
                         b: weights[l].values + k * fanOut, ldb: wide, c: spare.pointer + k * fanIn, ldc: inWide)
                }
                swap(&g, &spare)
            }
        }
        return inputGradient.pointer
    }

    /// Sets every parameter gradient to zero.
    public func zeroGradients() { parameters.zeroGradients() }

    // MARK: - Matrix conveniences (tests, small calls)

    /// `forward` on a matrix; returns rows × (members · outputSize).
    public func callAsFunction(_ x: Matrix) -> Matrix {
        precondition(x.columns == inputSize, "expected \(inputSize) input columns, got \(x.columns)")
        let out = x.withUnsafeBufferPointer { forward($0.baseAddress!, rows: x.rows) }
        return Matrix(rows: x.rows, columns: members * outputSize, storage: Array(UnsafeBufferPointer(start: out, count: x.rows * members * outputSize)))
    }

    /// `backward` on a matrix; returns ∂L/∂input.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        precondition(outputGradient.rows == batch && outputGradient.columns == members * outputSize, "gradient shape differs from the last output")
        let dx = outputGradient.withUnsafeBufferPointer { backward($0.baseAddress!) }
        return Matrix(rows: batch, columns: inputSize, storage: Array(UnsafeBufferPointer(start: dx, count: batch * inputSize)))
    }

    // MARK: - LayerNorm and dropout

    /// LN(z) = gain ⊙ (z − μ)/√(σ² + 1e-5) + shift over each member's block of a row.
    private func layerNormForward(layer l: Int, rows: Int) {
        let width = widths[l + 1], wide = members * width
        let z = outputs[l].pointer
        normalized[l].reserve(rows * wide)
        inverseStd[l].reserve(rows * members)
        let xhat = normalized[l].pointer, inv = inverseStd[l].pointer
        let gain = gains[l].values, shift = shifts[l].values
        for r in 0..<rows {
            for k in 0..<members {
                let offset = r * wide + k * width
                var mean: Float = 0
                for j in 0..<width { mean += z[offset + j] }
                mean /= Float(width)
                var variance: Float = 0
                for j in 0..<width { let d = z[offset + j] - mean; variance += d * d }
                variance /= Float(width)
                let s = 1 / (variance + 1e-5).squareRoot()
                inv[r * members + k] = s
                for j in 0..<width {
                    let n = (z[offset + j] - mean) * s
                    xhat[offset + j] = n
                    z[offset + j] = gain[k * width + j] * n + shift[k * width + j]
                }
            }
        }
    }

    /// dz = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)) with dx̂ = gain ⊙ dy; also the gain and
    /// shift gradients.
    private func layerNormBackward(layer l: Int, gradient g: UnsafeMutablePointer<Float>, rows: Int, accumulatesParameters: Bool) {
        let width = widths[l + 1], wide = members * width
        let xhat = normalized[l].pointer, inv = inverseStd[l].pointer
        let gain = gains[l].values, dGain = gains[l].gradient, dShift = shifts[l].gradient
        for r in 0..<rows {
            for k in 0..<members {
                let offset = r * wide + k * width
                var meanD: Float = 0, meanDX: Float = 0
                for j in 0..<width {
                    let dy = g[offset + j]
                    if accumulatesParameters {
                        dGain[k * width + j] += dy * xhat[offset + j]
                        dShift[k * width + j] += dy
                    }
                    let d = dy * gain[k * width + j]
                    meanD += d
                    meanDX += d * xhat[offset + j]
                }
                meanD /= Float(width); meanDX /= Float(width)
                let s = inv[r * members + k]
                for j in 0..<width {
                    let d = g[offset + j] * gain[k * width + j]
                    g[offset + j] = s * (d - meanD - xhat[offset + j] * meanDX)
                }
            }
        }
    }

    private func dropoutForward(layer l: Int, count: Int) {
        masks[l].reserve(count)
        let mask = masks[l].pointer, y = outputs[l].pointer
        let keep = 1 - dropout, scale = 1 / keep
        for i in 0..<count {
            let m: Float = dropoutStream.nextUniformFloat() < keep ? scale : 0
            mask[i] = m
            y[i] *= m
        }
    }

    private func activationBackwardThroughDropout(layer l: Int, gradient g: UnsafeMutablePointer<Float>, count: Int) {
        let mask = masks[l].pointer, y = outputs[l].pointer
        for i in 0..<count {
            guard mask[i] != 0 else { g[i] = 0; continue }
            let preDropout = y[i] / mask[i]
            switch activation {
            case .relu: if preDropout <= 0 { g[i] = 0 }
            case .tanh: g[i] *= 1 - preDropout * preDropout
            case .identity: break
            }
        }
    }
}

/// A single multilayer perceptron: an `MLPEnsemble` of one member.
public typealias MLP = MLPEnsemble
