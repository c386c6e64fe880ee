import Foundation
import Testing
@testable import RLCore

@Suite struct KitchenEnvironmentTests {
    private func environment(_ task: String = "kitchen-mixed-v0") throws -> KitchenEnvironment {
        try #require(makeEnvironment(for: try TaskRegistry.task(named: task)) as? KitchenEnvironment)
    }

    private let zero = [Float](repeating: 0, count: 9)

    /// Observation = noisy qpos (robot 9, objects 21), then the task's goals at their qpos
    /// indices and zero elsewhere; the noise stays within D4RL's 0.1 · pos_noise_amp and reaches it.
    @Test(arguments: ["kitchen-complete-v0", "kitchen-partial-v0", "kitchen-mixed-v0"])
    func observationIsNoisyPositionsThenTheTaskGoals(task: String) throws {
        let env = try environment(task)
        #expect(env.observationSize == 60 && env.actionSize == 9 && env.maxEpisodeSteps == 280)
        #expect(env.actionLow == [Float](repeating: -1, count: 9) && env.actionHigh == [Float](repeating: 1, count: 9))
        #expect(env.simulation.nq == 30 && env.simulation.nv == 29 && env.simulation.nu == 9 && abs(env.dt - 0.08) < 1e-12)

        // D4RL's goals, written out here independently of the environment's table.
        var goal = [Double](repeating: 0, count: 30)
        goal[22] = -0.75                                                        // microwave
        for (i, g) in zip(23..<30, [-0.23, 0.75, 1.62, 0.99, 0, 0, -0.06]) { goal[i] = g }  // kettle
        (goal[17], goal[18]) = (-0.69, -0.05)                                   // light switch
        if task == "kitchen-mixed-v0" { (goal[11], goal[12]) = (-0.88, -0.01) } else { goal[19] = 0.37 }

        var rng = RandomStream(seed: 4)
        var largestRobotNoise = 0.0
        for episode in 0..<12 {
            var observation = env.reset(using: &rng)
            if episode == 0 {   // the first episode is looked at after five steps, the others at their reset
                for step in 0..<5 { observation = try env.step(step.isMultiple(of: 2) ? zero : [Float](repeating: 0.5, count: 9)).observation }
            }
            let state = env.simulatorState
            if episode > 0 {
                // D4RL's reset pose at rest; MuJoCo normalises the kettle's quaternion (D4RL's has norm 1.006).
                let quaternion = KitchenRobot.initialQpos[26...]
                let norm = quaternion.map { $0 * $0 }.reduce(0, +).squareRoot()
                #expect(state.qpos[..<26] == KitchenRobot.initialQpos[..<26] && state.qvel.allSatisfy { $0 == 0 })
                #expect(zip(state.qpos[26...], quaternion).allSatisfy { abs($0 - $1 / norm) < 1e-12 })
            }
            #expect(observation.count == 60)
            #expect(Array(observation[30...]) == goal.map(Float.init))
            #expect(Array(observation[..<30]) == state.kitchen!.observedQpos.map(Float.init))
            for i in 0..<30 {
                // Half-widths 0.1 · pos_noise_amp: 0.01 on the robot, 0.00005 on qpos 11–16, 0.01 on the doors.
                let halfWidth = i < 9 || (20...22).contains(i) || (26...28).contains(i) ? 0.01 : (11...16).contains(i) ? 0.00005 : 0.0005
                let noise = abs(Double(observation[i]) - state.qpos[i])
                #expect(noise <= halfWidth + 1e-6, "qpos \(i): noise \(noise)")
                if i < 9 { largestRobotNoise = max(largestRobotNoise, noise) }
            }
        }
        #expect(largestRobotNoise > 0.009)
    }

    /// A step targets q̃ + 2 · clip(a, ±1) · 0.08 from the last observation's positions q̃, clipped
    /// to the joints' position bounds; the position actuators then pull the joints that way.
    @Test func actionsAreVelocitiesIntegratedFromTheLastObservationAndClippedToTheLimits() throws {
        let env = try environment()
        var rng = RandomStream(seed: 7)
        _ = env.reset(using: &rng)
        var state = env.simulatorState
        // Joint 3 near its upper bound 0 and finger 7 near its bound 0.04, so a push clips.
        state.kitchen!.observedQpos[3] = -0.05
        state.kitchen!.observedQpos[7] = 0.03
        let observed = state.kitchen!.observedQpos
        _ = try env.restore(state)
        // Joint 2 and 4 ask beyond ±1 (clipped to ±1); 3, 7 and 8 hit their position bounds.
        let action: [Float] = [0.5, 1, 3, 1, -3, 0, -0.75, 1, -1]
        let before = env.simulatorState.qpos
        _ = try env.step(action)
        let expected = [observed[0] + 0.08, observed[1] + 0.16, observed[2] + 0.16, 0, observed[4] - 0.16, observed[5],
                        observed[6] - 0.12, 0.04, 0]
        for j in 0..<9 { #expect(abs(env.simulation.ctrl[j] - expected[j]) < 1e-12, "joint \(j)") }
        let after = env.simulatorState.qpos
        #expect(after[0] > before[0] + 0.01 && after[1] > before[1] + 0.01 && after[4] < before[4] - 0.01, "\(before) → \(after)")
        #expect(throws: EnvironmentError.actionLength(task: "kitchen-mixed-v0", expected: 9, got: 8)) { try env.step([Float](repeating: 0, count: 8)) }
        #expect(throws: EnvironmentError.nonFiniteAction(task: "kitchen-mixed-v0", index: 2)) { try env.step([0, 0, .nan, 0, 0, 0, 0, 0, 0]) }
    }

    /// +1 when an element's joints come within 0.3 of its goal, paid once: the element leaves the
    /// task. An element 0.35 from its goal pays nothing. A bare qpos/qvel state starts a new episode.
    @Test func anElementWithinItsGoalPaysOnceAndIsRemoved() throws {
        let env = try environment()
        var rng = RandomStream(seed: 1)
        _ = env.reset(using: &rng)
        #expect(env.remainingElements == [.microwave, .kettle, .bottomBurner, .lightSwitch])
        var state = env.simulatorState
        state.qpos[22] = -0.75 + 0.35   // the microwave door, short of the threshold
        _ = try env.restore(state)
        let short = try env.step(zero)
        #expect(short.reward == 0 && env.remainingElements.count == 4)

        state = env.simulatorState
        state.qpos[22] = -0.75           // the microwave door open at its goal
        _ = try env.restore(state)
        let opened = try env.step(zero)
        #expect(opened.reward == 1 && !opened.terminated && !opened.truncated)
        #expect(env.remainingElements == [.kettle, .bottomBurner, .lightSwitch])
        #expect(env.simulatorState.kitchen?.remainingElements == [.kettle, .bottomBurner, .lightSwitch])
        let again = try env.step(zero)
        #expect(abs(env.simulatorState.qpos[22] + 0.75) < 0.3 && again.reward == 0)

        _ = try env.restore(SimulatorState(qpos: env.simulatorState.qpos, qvel: env.simulatorState.qvel))
        #expect(env.remainingElements == [.microwave, .kettle, .bottomBurner, .lightSwitch])
        #expect(try env.step(zero).reward == 1)
    }

    /// The episode ends (terminated, not truncated) when the last element is done: three at once
    /// pay 3, the fourth pays 1 and ends it.
    @Test func completingEveryElementTerminates() throws {
        let env = try environment("kitchen-partial-v0")
        var rng = RandomStream(seed: 2)
        _ = env.reset(using: &rng)
        var state = env.simulatorState
        state.qpos[22] = -0.75                                                  // microwave
        state.qpos.replaceSubrange(23..<30, with: [-0.23, 0.75, 1.62, 0.99, 0, 0, -0.06])  // kettle
        (state.qpos[17], state.qpos[18]) = (-0.69, -0.05)                       // light switch
        _ = try env.restore(state)
        let three = try env.step(zero)
        #expect(three.reward == 3 && !three.terminated && env.remainingElements == [.slideCabinet])

        state = env.simulatorState
        state.qpos[19] = 0.37                                                   // slide cabinet
        _ = try env.restore(state)
        let last = try env.step(zero)
        #expect(last.reward == 1 && last.terminated && !last.truncated && env.remainingElements.isEmpty)
    }

    /// Without progress the 280th step truncates the episode, and no step before it does.
    @Test func theTimeLimitTruncatesAtStep280() throws {
        let env = try environment("kitchen-complete-v0")
        var rng = RandomStream(seed: 3)
        _ = env.reset(using: &rng)
        var steps: [Step] = []
        repeat { steps.append(try env.step(zero)) } while !steps.last!.isLast && steps.count < 300
        #expect(steps.count == 280)
        #expect(steps.last!.truncated && !steps.last!.terminated)
        #expect(steps.allSatisfy { $0.reward == 0 })
    }

    /// The same reset stream gives the same episode; another stream the same physics with
    /// different noise; a saved state continues exactly as the episode did.
    @Test func resetsAreDeterministicAndSavedStatesContinueExactly() throws {
        let actions: [[Float]] = {
            var rng = RandomStream(seed: 11)
            return (0..<12).map { _ in (0..<9).map { _ in 2 * rng.nextUniformFloat() - 1 } }
        }()
        func run(_ env: KitchenEnvironment, seed: UInt64) throws -> [[Float]] {
            var rng = RandomStream(seed: seed)
            return try [env.reset(using: &rng)] + actions.map { try env.step($0).observation }
        }
        let env = try environment(), other = try environment()
        let first = try run(env, seed: 5)
        #expect(try run(other, seed: 5) == first)
        let reseeded = try run(other, seed: 6)
        #expect(reseeded[0] != first[0])
        #expect(zip(reseeded[0], first[0]).allSatisfy { abs($0 - $1) <= 0.02 })

        var rng = RandomStream(seed: 5)
        _ = env.reset(using: &rng)
        for action in actions.prefix(6) { _ = try env.step(action) }
        let saved = env.simulatorState
        let continued = try actions.suffix(6).map { try env.step($0) }
        let decoded = try JSONDecoder().decode(SimulatorState.self, from: JSONEncoder().encode(saved))
        #expect(decoded == saved)
        _ = env.reset(using: &rng)
        #expect(try env.restore(decoded) == first[6])
        #expect(try actions.suffix(6).map { try env.step($0) } == continued)
    }
}
