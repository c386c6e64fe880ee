/// Pieces every actor-critic agent shares: building the critics' [s, a] input rows and the
/// TD regression step of a critic ensemble.

/// Writes rows [s_i, a_i] (observation then action) into `workspace`.
func fillStateActionRows(_ workspace: Workspace, observations: UnsafePointer<Float>, observationSize o: Int,
                         actions: UnsafePointer<Float>, actionSize n: Int, rows: Int) {
    let width = o + n
    workspace.reserve(rows * width)
    for i in 0..<rows {
        (workspace.pointer + i * width).update(from: observations + i * o, count: o)
        (workspace.pointer + i * width + o).update(from: actions + i * n, count: n)
    }
}

extension MLPEnsemble {
    /// One optimiser step of every member towards the same targets:
    ///
    ///     L = Σ_k (1/B) Σ_i (Q_k(x_i) − y_i)²,   ∂L/∂Q_k(x_i) = 2(Q_k(x_i) − y_i)/B,
    ///
    /// (each member's mean squared error, summed over members, as SAC's and IQL's critics are
    /// trained). Returns L and the mean of Q over rows and members.
    ///
    /// A regulariser (CQL's penalty) can take part: `extraGradient` (rows × m) is added to
    /// ∂L/∂Q before back-propagating, and with `keepingGradients` the parameter gradients it
    /// already accumulated are kept rather than zeroed.
    func regressMembers(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int,
                        gradient: Workspace, optimizer: Adam, extraGradient: UnsafePointer<Float>? = nil,
                        keepingGradients: Bool = false) -> (loss: Float, mean: Float) {
        let m = members
        let q = forward(inputs, rows: rows)
        gradient.reserve(rows * m)
        var loss: Float = 0, sum: Float = 0
        let scale = 2 / Float(rows)
        for i in 0..<rows {
            for k in 0..<m {
                let difference = q[i * m + k] - targets[i]
                loss += difference * difference
                sum += q[i * m + k]
                gradient.pointer[i * m + k] = scale * difference + (extraGradient?[i * m + k] ?? 0)
            }
        }
        if !keepingGradients { zeroGradients() }
        backward(gradient.pointer, needsInputGradient: false)
        optimizer.update()
        return (loss / Float(rows), sum / Float(rows * m))
    }
}
