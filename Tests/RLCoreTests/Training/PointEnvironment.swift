@testable import RLCore

/// A task small enough to learn in seconds: a point on a line, x₀ ~ U(−1, 1), moved by
/// x' = clip(x + 0.25·a, −2, 2) for a ∈ [−1, 1], rewarded −|x'|, truncated after 10 steps.
/// Moving straight to the origin scores about −0.5 per episode; uniform random actions about −6.
final class PointEnvironment: Environment {
    let observationSize = 1
    let actionSize = 1
    let actionLow: [Float] = [-1]
    let actionHigh: [Float] = [1]
    let maxEpisodeSteps = 10
    private var x: Double = 0
    private var elapsed = 0

    func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        x = Double(2 * rng.nextUniformFloat() - 1)
        elapsed = 0
        return [Float(x)]
    }

    func step(_ action: [Float]) throws -> Step {
        let a = min(max(Double(action[0]), -1), 1)
        x = min(max(x + 0.25 * a, -2), 2)
        elapsed += 1
        return Step(observation: [Float(x)], reward: -abs(x), terminated: false, truncated: elapsed >= maxEpisodeSteps)
    }

    var simulatorState: SimulatorState { SimulatorState(qpos: [x], qvel: [], time: Double(elapsed), elapsedSteps: elapsed) }

    func restore(_ state: SimulatorState) throws -> [Float] {
        x = state.qpos[0]
        elapsed = state.elapsedSteps
        return [Float(x)]
    }
}
