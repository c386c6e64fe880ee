import Testing
@testable import RLCore

@Suite struct RewardTransformTests {
    private func dataset(rewards: [Float], timeouts: [Bool]) -> D4RLDataset {
        D4RLDataset(observations: Matrix(rows: rewards.count, columns: 1), actions: Matrix(rows: rewards.count, columns: 1),
                    rewards: rewards, terminals: [Bool](repeating: false, count: rewards.count), timeouts: timeouts)
    }

    @Test func iqlLocomotionScalesByTheReturnRange() throws {
        let task = try TaskRegistry.task(named: "hopper-medium-v2")
        // Returns 3, 7 and the unfinished 5: range 4.
        let data = dataset(rewards: [1, 2, 3, 4, 5], timeouts: [false, true, false, true, false])
        let transform = RewardTransform.iql(for: task, episodes: EpisodeSummary(of: data))
        #expect(transform.scale == 250 && transform.shift == 0)
        var rewards = data.rewards
        transform.apply(to: &rewards)
        #expect(rewards == [250, 500, 750, 1000, 1250])
    }

    @Test func iqlAntmazeShiftsByMinusOne() throws {
        let task = try TaskRegistry.task(named: "antmaze-large-diverse-v2")
        let transform = RewardTransform.iql(for: task, episodes: EpisodeSummary(of: dataset(rewards: [0, 1], timeouts: [false, false])))
        #expect(transform(1) == 0 && transform(0) == -1)
    }

    @Test func iqlKeepsKitchenAndAConstantReturnUnchanged() throws {
        let kitchen = try TaskRegistry.task(named: "kitchen-mixed-v0")
        #expect(RewardTransform.iql(for: kitchen, episodes: EpisodeSummary(of: dataset(rewards: [1, 2], timeouts: [true, true]))) == .identity)
        let cheetah = try TaskRegistry.task(named: "halfcheetah-medium-v2")
        #expect(RewardTransform.iql(for: cheetah, episodes: EpisodeSummary(of: dataset(rewards: [2, 2], timeouts: [true, true]))) == .identity)
    }

    @Test func lapoScalesAntmazeBy100AndOthersByTheLargestReward() throws {
        let antmaze = try TaskRegistry.task(named: "antmaze-medium-diverse-v2")
        #expect(RewardTransform.lapo(for: antmaze, rewards: [0, 1])(1) == 100)
        let kitchen = try TaskRegistry.task(named: "kitchen-partial-v0")
        #expect(RewardTransform.lapo(for: kitchen, rewards: [0, 1, 4, 2])(2) == 0.5)
        let cheetah = try TaskRegistry.task(named: "halfcheetah-random-v2")
        // No positive reward: divide by the largest magnitude, 4.
        #expect(RewardTransform.lapo(for: cheetah, rewards: [-4, -2])(-2) == -0.5)
        #expect(RewardTransform.lapo(for: cheetah, rewards: [0, 0]) == .identity)
    }

    @Test func cqlMapsAntmazesSparseRewardToPlusMinusFiveAndKeepsTheOthers() throws {
        let antmaze = try TaskRegistry.task(named: "antmaze-large-diverse-v2")
        #expect(RewardTransform.cql(for: antmaze)(0) == -5 && RewardTransform.cql(for: antmaze)(1) == 5)
        #expect(RewardTransform.cql(for: try TaskRegistry.task(named: "kitchen-mixed-v0")) == .identity)
        #expect(RewardTransform.cql(for: try TaskRegistry.task(named: "hopper-medium-v2")) == .identity)
    }
}
