import Foundation
import RLCore

/// Environment steps per second for a task beside a bare loop of `mj_step` calls on the same
/// model with the same frame skip and the same random controls, restarting at the same steps
/// from the same states, measured in one process (best of three alternating passes).
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
        let environment = try makeEnvironment(for: task)
        // The bare loop writes the controls the environment would: the action itself on the
        // locomotion models, the action mapped onto the ±30 control range on AntMaze, on the
        // kitchen the position target integrated from the current positions (without the
        // observation noise the environment starts from).
        let simulation: MuJoCoSimulation, frameSkip: Int, controls: (Int, Float) -> Double
        if let locomotion = environment as? LocomotionEnvironment {
            (simulation, frameSkip, controls) = (locomotion.simulation, locomotion.body.frameSkip, { Double($1) })
        } else if let maze = environment as? AntMazeEnvironment {
            let ranges = maze.controlRanges
            (simulation, frameSkip) = (maze.simulation, AntMazeEnvironment.frameSkip)
            controls = { j, a in ranges[j].lowerBound + (Double(a) + 1) / 2 * (ranges[j].upperBound - ranges[j].lowerBound) }
        } else if let kitchen = environment as? KitchenEnvironment {
            let (qpos, dt) = (kitchen.simulation.qpos, kitchen.dt)
            (simulation, frameSkip) = (kitchen.simulation, KitchenRobot.frameSkip)
            controls = { j, a in KitchenRobot.positionTarget(joint: j, observedPosition: qpos[j], action: a, duration: dt) }
        } else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no benchmark for this domain yet")
        }
        var rng = RandomStream(seed: 0)
        let actions: [[Float]] = (0..<1000).map { _ in (0..<environment.actionSize).map { _ in 2 * rng.nextUniformFloat() - 1 } }

        // One untimed pass records where the episodes end and the states they restart from;
        // the timed passes are deterministic (same actions, same reset seed), so the bare loop
        // can restart at the same steps from the same states and simulate the same trajectory.
        var restarts: [(step: Int, state: SimulatorState)] = []
        var resetRNG = RandomStream(seed: 1)
        _ = environment.reset(using: &resetRNG)
        let firstState = environment.simulatorState
        for i in 0..<steps where try environment.step(actions[i % actions.count]).isLast {
            _ = environment.reset(using: &resetRNG)
            restarts.append((i, environment.simulatorState))
        }

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

        func timeBare() throws -> Double {
            try simulation.restoreState(firstState)
            var next = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                let action = actions[i % actions.count]
                for j in 0..<action.count { simulation.ctrl[j] = controls(j, action[j]) }
                simulation.stepWithoutChecks(frameSkip: frameSkip)
                if next < restarts.count, restarts[next].step == i {
                    try simulation.restoreState(restarts[next].state)
                    next += 1
                }
            }
            return Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }

        // Warm up, then take the best of three alternating measurements of each.
        _ = try timeEnvironment(); _ = try timeBare()
        var environmentRate = 0.0, bareRate = 0.0
        for _ in 0..<3 {
            environmentRate = max(environmentRate, try timeEnvironment())
            bareRate = max(bareRate, try timeBare())
        }
        return Result(task: task.name, environmentStepsPerSecond: environmentRate, bareStepsPerSecond: bareRate)
    }
}
