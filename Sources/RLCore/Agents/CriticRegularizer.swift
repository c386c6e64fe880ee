/// An extra term in an actor-critic agent's critic loss, added in the same optimiser step as
/// the TD regression (CQL's conservative penalty is one).
public protocol CriticRegularizer: AnyObject {
    /// Adds the gradients of its loss to the critics' parameter gradients (it may run the
    /// critics forward and backward on rows of its own) and its derivatives with respect to the
    /// data values Q_k(s_i, a_i) to `dataGradient` (rows × m, critic k of row i at i·m + k).
    /// `dataRows` holds the batch's [s_i, a_i] rows.
    func accumulate(batch: TransitionBatch, dataRows: UnsafePointer<Float>, critics: MLPEnsemble, policy: TanhGaussianPolicy,
                    dataGradient: UnsafeMutablePointer<Float>, using rng: inout RandomStream)
}
