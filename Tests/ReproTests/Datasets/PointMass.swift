import Foundation
import RLCore

/// A real (if tiny) environment for the dataset tests: a unit point mass on a line, pushed by
/// a force a ∈ [−1, 1] for dt = 0.1 (semi-implicit Euler: v += a·dt, x += v·dt).
/// Observation (x, v); reward −x²; the episode terminates when |x| > 0.3 and is truncated
/// after `maxEpisodeSteps` steps. Reset: x ~ U(−0.1, 0.1), v = 0.
final class PointMass: Environment {
    let observationSize = 2
    let actionSize = 1
    let actionLow: [Float] = [-1]
    let actionHigh: [Float] = [1]
    let maxEpisodeSteps: Int
    private var x = 0.0, v = 0.0, elapsed = 0

    init(maxEpisodeSteps: Int = 10) { self.maxEpisodeSteps = maxEpisodeSteps }

    func reset(using rng: inout some RandomNumberGenerator) -> [Float] {
        x = rng.nextUniform(in: -0.1, 0.1)
        v = 0
        elapsed = 0
        return [Float(x), Float(v)]
    }

    func step(_ action: [Float]) throws -> Step {
        guard action.count == 1, action[0].isFinite else { throw PointMassError.badAction(action) }
        let force = Double(min(max(action[0], -1), 1))
        v += force * 0.1
        x += v * 0.1
        elapsed += 1
        let terminated = abs(x) > 0.3
        return Step(observation: [Float(x), Float(v)], reward: -x * x, terminated: terminated,
                    truncated: !terminated && elapsed >= maxEpisodeSteps)
    }

    var simulatorState: SimulatorState { SimulatorState(qpos: [x], qvel: [v], elapsedSteps: elapsed) }

    func restore(_ state: SimulatorState) throws -> [Float] {
        x = state.qpos[0]
        v = state.qvel[0]
        elapsed = state.elapsedSteps
        return [Float(x), Float(v)]
    }
}

enum PointMassError: Error { case badAction([Float]) }
