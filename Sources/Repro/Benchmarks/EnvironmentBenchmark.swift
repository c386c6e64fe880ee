import Foundation
import RLCore

/// Environment steps per second for a task beside a bare loop of `mj_step` calls on the same
/// model with the same frame skip and the same random controls, measured in one process.
/// The ratio is what the wrapper (action checks, clipping, reward, observation, health check)
/// costs.
public struct EnvironmentBenchmark {
    /// One task's measurement.
    public struct Result: Sendable {
        /// The task name.
        public var task: String
        /// Environment steps per second (`step(_:)`, with resets at episode ends).
        public var environmentStepsPerSecond: Double
        /// Frame-skipped `mj_step` loops per second, controls written, nothing checked.
        public var bareStepsPerSecond: Double
        /// environment / bare; the target is ≥ 0.9.
        public var ratio: Double { environmentStepsPerSecond / bareStepsPerSecond }
    }

    /// A benchmark; `run(task:steps:)` measures.
    public init() {}

    /// Measures `steps` environment steps of `task` and as many bare frame-skipped steps.
    public func run(task: D4RLTask, steps: Int = 20_000) throws -> Result {
        guard let environment = try makeEnvironment(for: task) as? LocomotionEnvironment else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no benchmark for this domain yet")
        }
        var rng = RandomStream(seed: 0)
        let actions: [[Float]] = (0..<1000).map { _ in (0..<environment.actionSize).map { _ in 2 * rng.nextUniformFloat() - 1 } }

        func timeEnvironment() throws -> Double {
            var resetRNG = RandomStream(seed: 1)
            _ = environment.reset(using: &resetRNG)
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                let step = try environment.step(actions[i % actions.count])
                if step.isLast { _ = environment.reset(using: &resetRNG) }
            }
            return Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }

        func timeBare() -> Double {
            let simulation = environment.simulation
            simulation.resetData()
            simulation.forward()
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                let action = actions[i % actions.count]
                for j in 0..<action.count { simulation.ctrl[j] = Double(action[j]) }
                simulation.stepWithoutChecks(frameSkip: environment.body.frameSkip)
                if i % 1000 == 999 { simulation.resetData(); simulation.forward() }
            }
            return Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }

        // Warm up, then take the best of three alternating measurements of each.
        _ = try timeEnvironment(); _ = timeBare()
        var environmentRate = 0.0, bareRate = 0.0
        for _ in 0..<3 {
            environmentRate = max(environmentRate, try timeEnvironment())
            bareRate = max(bareRate, timeBare())
        }
        return Result(task: task.name, environmentStepsPerSecond: environmentRate, bareStepsPerSecond: bareRate)
    }
}
