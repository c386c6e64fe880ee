import Testing
import RLCore
@testable import Repro

@Suite struct RolloutTests {
    @Test func randomHalfCheetahScoresNearD4RLsRandomReference() throws {
        let result = try rollout(task: TaskRegistry.task(named: "halfcheetah-random-v2"), policy: .random, episodes: 2, seed: 0)
        #expect(result.episodes.allSatisfy { $0.length == 1000 })
        #expect(result.episodes.allSatisfy { abs($0.normalizedScore) < 5 })
        // Uniform actions cost 0.1·|a|² ≈ 0.2 per step in control alone (−200 per episode,
        // give or take the forward reward); a reward of zero would score 2.3 and pass the line
        // above, not this one.
        #expect(result.episodes.allSatisfy { (-400 ... -50).contains($0.episodeReturn) }, "\(result.episodes)")
    }

    @Test func replayFromAnExplicitStateMatchesSteppingTheEnvironment() throws {
        let task = try TaskRegistry.task(named: "hopper-medium-v2")
        let environment = try makeEnvironment(for: task)
        var qpos = (environment as! LocomotionEnvironment).simulation.initialQpos
        qpos[0] = 0.3
        let qvel = [Double](repeating: 0.1, count: 6)
        let actionsText = "0.1 0.2 0.3\n# a comment\n\n-1 0 1\n"
        let actions = try parseActions(actionsText, file: "a.txt", actionSize: 3)
        #expect(actions == [[0.1, 0.2, 0.3], [-1, 0, 1]])

        let rows = try replay(task: task, actions: actions, qpos: qpos, qvel: qvel, seed: 0)
        _ = try environment.restore(SimulatorState(qpos: qpos, qvel: qvel))
        let expected = try actions.enumerated().map { index, action -> String in
            let step = try environment.step(action)
            return ([String(index + 1), "\(step.reward)", step.terminated ? "1" : "0", step.truncated ? "1" : "0"]
                + step.observation.map { "\($0)" }).joined(separator: "\t")
        }
        #expect(rows == expected)
        // The given state is the one replayed: another velocity gives other rows.
        #expect(try replay(task: task, actions: actions, qpos: qpos, qvel: [Double](repeating: 0, count: 6), seed: 0) != rows)
    }

    @Test func badActionLinesNameTheFileAndLine() {
        #expect(throws: ReplayError.badActionLine(file: "a.txt", line: 2, expected: 3)) {
            try parseActions("0 0 0\n0 x 0\n", file: "a.txt", actionSize: 3)
        }
    }
}

/// What a rollout follows besides the return: in the kitchen, the elements done and their order.
@Suite struct EpisodeProgressTests {
    @Test func kitchenEpisodesRecordTheElementsCompletedFirstDoneFirst() throws {
        let task = try TaskRegistry.task(named: "kitchen-mixed-v0")
        let kitchen = try #require(try makeEnvironment(for: task) as? KitchenEnvironment)
        let zero = [Float](repeating: 0, count: kitchen.actionSize)
        var rng = RandomStream(seed: 1)
        _ = kitchen.reset(using: &rng)
        var progress = EpisodeProgress(startingFrom: kitchen)
        #expect(progress.completedElements == [] && progress.approach == nil)
        _ = try kitchen.step(zero)
        progress.update(after: kitchen)
        #expect(progress.completedElements == [])

        var state = kitchen.simulatorState
        state.qpos[22] = -0.75                          // the microwave door open at its goal
        _ = try kitchen.restore(state)
        _ = try kitchen.step(zero)
        progress.update(after: kitchen)
        #expect(progress.completedElements == [.microwave])
        // Two at once, the light switch and the bottom burner: listed in the task's order.
        state = kitchen.simulatorState
        state.qpos[17] = -0.69; state.qpos[18] = -0.05  // the light switch flipped
        state.qpos[11] = -0.88; state.qpos[12] = -0.01  // the bottom burner's knob turned
        _ = try kitchen.restore(state)
        let step = try kitchen.step(zero)
        progress.update(after: kitchen)
        #expect(step.reward == 2)
        #expect(progress.completedElements == [.microwave, .bottomBurner, .lightSwitch])
        // A step that completes nothing adds nothing.
        _ = try kitchen.step(zero)
        progress.update(after: kitchen)
        #expect(progress.completedElements == [.microwave, .bottomBurner, .lightSwitch])
    }

    @Test func kitchenRolloutsListTheirElementsAndOtherTasksDoNot() throws {
        let kitchen = try rollout(task: TaskRegistry.task(named: "kitchen-mixed-v0"), policy: .zero, episodes: 1, seed: 0)
        #expect(kitchen.episodes[0].completedElements == [], "standing still completes nothing")
        let table = rolloutTable(kitchen.episodes)
        #expect(table.hasPrefix("episode\treturn\tlength\tnormalised score\telements completed\n"), "\(table)")
        #expect(table.contains("\t280\t0.00\tnone\n") && table.hasSuffix("\t0.00"), "\(table)")
        let cheetah = try rollout(task: TaskRegistry.task(named: "halfcheetah-random-v2"), policy: .zero, episodes: 1, seed: 0)
        #expect(cheetah.episodes[0].completedElements == nil && !rolloutTable(cheetah.episodes).contains("elements"))
    }
}
