import Foundation

/// A learning agent as the training loop sees it: it updates from minibatches, acts, exposes
/// its critics so an action selector can score candidate actions (O3F), and saves and restores
/// all of its learning state.
///
/// Every agent of the kit (SAC, IQL, CQL, AWAC, LAPO) conforms; the loop, the selectors and
/// the checkpoints are written once against this protocol.
public protocol Agent: AnyObject {
    /// A short lowercase name for logs and run keys, e.g. "sac" or "iql".
    var name: String { get }
    var observationSize: Int { get }
    var actionSize: Int { get }
    /// Rows per minibatch the agent was configured for.
    var batchSize: Int { get }
    /// γ of its TD targets.
    var discount: Float { get }
    /// The names `update(with:using:)` reports, in order; the run log's loss columns.
    var metricNames: [String] { get }

    /// One gradient step of every network on `batch`, in the agent's fixed order.
    /// Returns the losses and Q statistics named by `metricNames`.
    func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics

    /// The action for one observation: the policy's mode when `deterministic`, otherwise a
    /// sample from the policy. Always inside the action box.
    func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float]

    /// The critic ensemble used to score candidate actions (Q_1 … Q_m of the paper).
    var criticEnsemble: any CriticEnsemble { get }

    /// Called once when the loop leaves the offline phase: agents that schedule something
    /// offline only (IQL's actor cosine decay) stop it here.
    func beginOnlinePhase()

    /// Every tensor and counter of the learning state: networks, target networks, optimiser
    /// moments, temperatures, step counters, dropout streams.
    func save(into archive: inout ParameterArchive)

    /// Restores what `save(into:)` wrote; throws when a tensor is missing or has another shape.
    func restore(from archive: ParameterArchive) throws
}

extension Agent {
    public func beginOnlinePhase() {}
}

/// Q-values of a batch of (state, action) rows from m critics, for action scoring.
public protocol CriticEnsemble: AnyObject {
    /// m, the number of critics.
    var criticCount: Int { get }
    /// Evaluates Q_k(s_i, a_i) for `rows` rows laid out as [s_i, a_i] and returns a pointer to
    /// rows × m values (critic k of row i at i·m + k), valid until the next call. The agent
    /// may normalise the inputs in place first.
    func criticValues(ofRows inputs: UnsafeMutablePointer<Float>, rows: Int) -> UnsafePointer<Float>
}

extension MLPEnsemble: CriticEnsemble {
    public var criticCount: Int { members }

    public func criticValues(ofRows inputs: UnsafeMutablePointer<Float>, rows: Int) -> UnsafePointer<Float> {
        precondition(outputSize == 1, "a critic ensemble has one output per member")
        return UnsafePointer(forward(inputs, rows: rows))
    }
}
