import Foundation
import RLCore

/// A fixed policy for checking environments: uniformly random actions in the action box, or
/// all-zero actions.
public enum FixedPolicy: String, CaseIterable, Sendable {
    case random, zero

    func action(for environment: any Environment, using rng: inout RandomStream) -> [Float] {
        switch self {
        case .zero:
            return [Float](repeating: 0, count: environment.actionSize)
        case .random:
            return (0..<environment.actionSize).map { i in
                let low = environment.actionLow[i], high = environment.actionHigh[i]
                return low + (high - low) * rng.nextUniformFloat()
            }
        }
    }
}

/// One finished episode.
public struct RolloutEpisode: Codable, Sendable, Equatable {
    /// Undiscounted sum of rewards.
    public var episodeReturn: Double
    /// Steps until termination or the time limit.
    public var length: Int
    /// D4RL's 100·(return − min)/(max − min) for the task.
    public var normalizedScore: Double
    /// On a goal-reaching task (AntMaze), how near the torso came to the goal; nil elsewhere.
    public var approach: GoalApproach?
    /// In the kitchen, the task elements completed, first done first; nil elsewhere (and in
    /// records written before the kit kept them).
    public var completedElements: [KitchenTaskElement]?

    public init(episodeReturn: Double, length: Int, normalizedScore: Double, approach: GoalApproach? = nil,
                completedElements: [KitchenTaskElement]? = nil) {
        self.episodeReturn = episodeReturn
        self.length = length
        self.normalizedScore = normalizedScore
        self.approach = approach
        self.completedElements = completedElements
    }
}

/// Distances (metres) from the ant's torso to the episode's goal: at the reset, the least over
/// the episode (after every step), and at its end. A success rate of 0 says nothing of how far an
/// agent got; these do.
public struct GoalApproach: Codable, Sendable, Equatable {
    public var start: Double
    public var closest: Double
    public var final: Double

    public init(start: Double, closest: Double, final: Double) {
        self.start = start
        self.closest = closest
        self.final = final
    }
}

/// Rolls `policy` out for `episodes` episodes of `task`; the environment's reset noise and the
/// policy's actions come from separate streams of `seed`.
public func rollout(task: D4RLTask, policy: FixedPolicy, episodes: Int, seed: UInt64,
                    assets: ModelAssets = .standard) throws -> (episodes: [RolloutEpisode], stepsPerSecond: Double) {
    try rollout(task: task, episodes: episodes, seed: seed, assets: assets) { environment, _, rng in
        policy.action(for: environment, using: &rng)
    }
}

/// Rolls `agent`'s deterministic policy out for `episodes` episodes of `task`, as the training
/// loop's evaluations do (new resets from `seed`, so not the same episodes as a run's logged
/// evaluations).
public func rollout(task: D4RLTask, agent: any Agent, episodes: Int, seed: UInt64,
                    assets: ModelAssets = .standard) throws -> (episodes: [RolloutEpisode], stepsPerSecond: Double) {
    try rollout(task: task, episodes: episodes, seed: seed, assets: assets) { _, observation, rng in
        agent.act(observation: observation, deterministic: true, using: &rng)
    }
}

/// The episodes of `action` (called with the environment, the observation and the action
/// stream) on a new environment for `task`.
private func rollout(task: D4RLTask, episodes: Int, seed: UInt64, assets: ModelAssets,
                     action: (any Environment, [Float], inout RandomStream) -> [Float]) throws -> (episodes: [RolloutEpisode], stepsPerSecond: Double) {
    let environment = try makeEnvironment(for: task, assets: assets)
    var environmentRNG = RandomStream(seed: seed, for: .environment)
    var policyRNG = RandomStream(seed: seed, for: .exploration)
    var summaries: [RolloutEpisode] = []
    var steps = 0
    let start = Date()
    for _ in 0..<episodes {
        var observation = environment.reset(using: &environmentRNG)
        var progress = EpisodeProgress(startingFrom: environment)
        var total = 0.0, length = 0
        while true {
            let step = try environment.step(action(environment, observation, &policyRNG))
            total += step.reward
            length += 1
            observation = step.observation
            progress.update(after: environment)
            if step.isLast { break }
        }
        steps += length
        summaries.append(RolloutEpisode(episodeReturn: total, length: length, normalizedScore: task.normalizedScore(ofReturn: total),
                                        approach: progress.approach, completedElements: progress.completedElements))
    }
    return (summaries, Double(steps) / max(Date().timeIntervalSince(start), 1e-9))
}

/// Replays `actions` from a given simulator state (or a seeded reset) and returns one TSV row
/// per step: step, reward, terminated, truncated, then the observation. Stops at the end of
/// the episode.
public func replay(task: D4RLTask, actions: [[Float]], qpos: [Double]?, qvel: [Double]?, seed: UInt64,
                   assets: ModelAssets = .standard) throws -> [String] {
    let environment = try makeEnvironment(for: task, assets: assets)
    var rng = RandomStream(seed: seed, for: .environment)
    _ = environment.reset(using: &rng)
    if qpos != nil || qvel != nil {
        guard let qpos, let qvel else { throw ReplayError.partialState }
        _ = try environment.restore(SimulatorState(qpos: qpos, qvel: qvel))
    }
    var rows: [String] = []
    for (index, action) in actions.enumerated() {
        let step = try environment.step(action)
        let fields = ["\(index + 1)", "\(step.reward)", step.terminated ? "1" : "0", step.truncated ? "1" : "0"]
            + step.observation.map { "\($0)" }
        rows.append(fields.joined(separator: "\t"))
        if step.isLast { break }
    }
    return rows
}

/// Parses an actions file: one action per line, whitespace-separated numbers; blank lines and
/// lines starting with # are skipped.
public func parseActions(_ text: String, file: String, actionSize: Int) throws -> [[Float]] {
    var actions: [[Float]] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let values = fields.compactMap { Float($0) }
        guard values.count == fields.count, values.count == actionSize else {
            throw ReplayError.badActionLine(file: file, line: number + 1, expected: actionSize)
        }
        actions.append(values)
    }
    return actions
}

/// Bad input to `replay`.
public enum ReplayError: Error, CustomStringConvertible, Equatable {
    case partialState
    case badActionLine(file: String, line: Int, expected: Int)

    public var description: String {
        switch self {
        case .partialState:
            return "give both --qpos and --qvel to start from a simulator state, or neither for a seeded reset"
        case let .badActionLine(file, line, expected):
            return "\(file):\(line): expected \(expected) whitespace-separated numbers (one action per line)"
        }
    }
}
