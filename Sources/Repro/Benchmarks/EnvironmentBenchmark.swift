import Foundation
import RLCore

/// Environment steps per second for a task beside a bare loop of `mj_step` calls on the same
/// model with the same frame skip and the same random controls, measured in one process.
/// The bare loop restarts from the environment's reset states at the same steps. The ratio is what the wrapper (action checks, clipping, reward, observation, health check)
/// costs.
public struct EnvironmentBenchmark {
    public struct Result: Sendable {
        public var task: String
        public var environmentStepsPerSecond: Double
        public var bareStepsPerSecond: Double
        public var ratio: Double { environmentStepsPerSecond / bareStepsPerSecond }
    }

    public init() {}

    /// Measures `steps` environment steps of `task` and as many bare frame-skipped steps.
    public func run(task: D4RLTask, steps: Int = 20_000) throws -> Result {
        guard let environment = try makeEnvironment(for: task) as? LocomotionEnvironment else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no benchmark for this domain yet")
        }
        var rng = RandomStream(seed: 0)
        let actions: [[Float]] = (0..<1000).map { _ in (0..<environment.actionSize).map { _ in 2 * rng.nextUniformFloat() - 1 } }

        // The bare loop restarts from exactly the states the environment reset to, at the same
        // steps, so both loops simulate the same trajectories (same contacts, same cost).
        var restarts: [Int: SimulatorState] = [:]
        func timeEnvironment(recording: Bool = false) throws -> Double {
            var resetRNG = RandomStream(seed: 1)
            _ = environment.reset(using: &resetRNG)
            if recording { restarts[0] = environment.simulatorState }
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                let step = try environment.step(actions[i % actions.count])
                if step.isLast {
                    _ = environment.reset(using: &resetRNG)
                    if recording { restarts[i + 1] = environment.simulatorState }
                }
            }
            return Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }

        func timeBare() throws -> Double {
            let simulation = environment.simulation
            try simulation.restoreState(restarts[0]!)
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                if i > 0, let state = restarts[i] { try simulation.restoreState(state) }
                let action = actions[i % actions.count]
                for j in 0..<action.count { simulation.ctrl[j] = Double(action[j]) }
                _ = simulation.step(frameSkip: environment.body.frameSkip)
            }
            return Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }

        // Warm up, then take the best of three alternating measurements of each.
        _ = try timeEnvironment(recording: true); _ = try timeBare()
        var environmentRate = 0.0, bareRate = 0.0
        for _ in 0..<3 {
            environmentRate = max(environmentRate, try timeEnvironment())
            bareRate = max(bareRate, try timeBare())
        }
        return Result(task: task.name, environmentStepsPerSecond: environmentRate, bareStepsPerSecond: bareRate)
    }
}
