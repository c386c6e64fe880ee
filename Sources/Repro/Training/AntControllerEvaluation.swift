import Foundation
import RLCore

/// How well a goal-reaching controller reaches open-space targets: n episodes of
/// `AntGoalReachingEnvironment` with the policy's mean action, each from its own reset.
///
///     success rate = (1/n) Σ_e [d_T(e) ≤ 0.5],   closed = (1/n) Σ_e (d_0(e) − d_T(e)),
///
/// d_0 the target's distance at the reset and d_T at the episode's end (reached, fallen over
/// or out of time).
public struct AntControllerEvaluation: Sendable, Equatable {
    public var episodes: Int
    /// Fraction of episodes that ended within 0.5 m of their target.
    public var successRate: Double
    /// Mean distance closed, metres.
    public var meanDistanceClosed: Double
    /// Mean distance at the start, metres.
    public var meanInitialDistance: Double
    /// Mean steps per episode.
    public var meanLength: Double

    /// Runs `episodes` episodes of `policy` (controller observation ↦ action) in `environment`;
    /// resets draw from `RandomStream(seed:for: .evaluation)`.
    public init(policy: ([Float]) -> [Float], in environment: AntGoalReachingEnvironment, episodes: Int, seed: UInt64) throws {
        precondition(episodes >= 1, "an evaluation needs at least one episode")
        var rng = RandomStream(seed: seed, for: .evaluation)
        var reached = 0, closed = 0.0, initial = 0.0, steps = 0
        for _ in 0..<episodes {
            var observation = environment.reset(using: &rng)
            let start = environment.distanceToTarget
            while true {
                let step = try environment.step(policy(observation))
                observation = step.observation
                steps += 1
                if step.isLast { break }
            }
            let end = environment.distanceToTarget
            if end <= AntGoalReachingEnvironment.targetRadius { reached += 1 }
            closed += start - end
            initial += start
        }
        self.episodes = episodes
        successRate = Double(reached) / Double(episodes)
        meanDistanceClosed = closed / Double(episodes)
        meanInitialDistance = initial / Double(episodes)
        meanLength = Double(steps) / Double(episodes)
    }

    /// One line: "reached 17 of 20 targets (85%); closed 2.9 of 3.1 m on average; 41 steps per episode".
    public var summary: String {
        String(format: "reached %d of %d targets (%.0f%%); closed %.2f of %.2f m on average; %.0f steps per episode",
               Int((successRate * Double(episodes)).rounded()), episodes, 100 * successRate, meanDistanceClosed, meanInitialDistance, meanLength)
    }
}
