/// An affine map of rewards, r ↦ scale · r + shift, as the agents' reference implementations
/// apply to a dataset before training. The same transform must be applied to online rewards
/// when fine-tuning, so it is a value that can be kept and reused.
public struct RewardTransform: Sendable, Equatable, Codable, CustomStringConvertible {
    public var scale: Float
    public var shift: Float

    public init(scale: Float = 1, shift: Float = 0) {
        self.scale = scale
        self.shift = shift
    }

    /// r ↦ r.
    public static let identity = RewardTransform()

    /// The transformed reward scale · r + shift.
    @inlinable public func callAsFunction(_ reward: Float) -> Float { scale * reward + shift }

    /// Transforms every reward in place.
    public func apply(to rewards: inout [Float]) {
        for i in rewards.indices { rewards[i] = scale * rewards[i] + shift }
    }

    public var description: String { "r·\(scale) + \(shift)" }

    /// IQL's transform (Kostrikov et al. 2021):
    /// - locomotion: r · 1000 / (max return − min return), returns over the dataset's
    ///   trajectories (unfinished last one included); identity when the range is 0;
    /// - antmaze: r − 1 (reward 0 at the goal, −1 elsewhere);
    /// - kitchen: identity.
    public static func iql(for task: D4RLTask, episodes: EpisodeSummary) -> RewardTransform {
        switch task.domain {
        case .antmaze: return RewardTransform(shift: -1)
        case .kitchen: return .identity
        case .locomotion:
            let returns = episodes.returns
            guard let low = returns.min(), let high = returns.max(), high > low else { return .identity }
            return RewardTransform(scale: Float(1000 / (high - low)))
        }
    }

    /// CQL's transform in offline-to-online work (CORL's and Cal-QL's AntMaze settings,
    /// reward_scale 10 and reward_bias −5): antmaze r · 10 − 5, so the sparse {0, 1} reward
    /// becomes {−5, +5}; identity elsewhere (locomotion and kitchen rewards as stored).
    public static func cql(for task: D4RLTask) -> RewardTransform {
        task.domain == .antmaze ? RewardTransform(scale: 10, shift: -5) : .identity
    }

    /// LAPO's transform (Chen et al. 2022): antmaze r · 100; otherwise r / max r over the
    /// dataset (max |r| when no reward is positive; identity when every reward is 0).
    public static func lapo(for task: D4RLTask, rewards: [Float]) -> RewardTransform {
        if task.domain == .antmaze { return RewardTransform(scale: 100) }
        var largest = rewards.max() ?? 0
        if largest <= 0 { largest = rewards.map(abs).max() ?? 0 }
        return largest > 0 ? RewardTransform(scale: 1 / largest) : .identity
    }
}
