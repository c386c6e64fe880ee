import Foundation
import Testing
@testable import RLCore

@Suite struct KitchenSkillTests {
    private func kitchen() throws -> KitchenEnvironment {
        try #require(makeEnvironment(for: try TaskRegistry.task(named: "kitchen-mixed-v0")) as? KitchenEnvironment)
    }

    /// From D4RL's reset each element's skill brings its joints within 0.3 of D4RL's goal (on the
    /// true positions, and still on the next observation, which is what D4RL's reward reads)
    /// well inside the 280-step limit, and leaves every other element as it found it.
    @Test(arguments: KitchenTaskElement.allCases)
    func eachSkillCompletesItsElementFromTheResetPose(element: KitchenTaskElement) throws {
        let env = try kitchen()
        let demonstrator = try KitchenDemonstrator(environment: env)
        var resets = RandomStream(seed: 21), variation = RandomStream(seed: 22)
        var observation = env.reset(using: &resets)
        let before = Array(env.simulation.qpos)
        #expect(!element.isComplete(before))
        var steps = 0
        let done = try demonstrator.perform(element, observation: &observation, variation: &variation, stepsTaken: &steps, stepLimit: 150)
        let after = Array(env.simulation.qpos)
        #expect(done && element.isComplete(after) && steps < 150, "\(element): distance \(element.distanceToGoal(after)) after \(steps) steps")
        #expect(element.isComplete(observation.prefix(30).map(Double.init)))
        for other in KitchenTaskElement.allCases where other != element {
            let moved = abs(other.distanceToGoal(after) - other.distanceToGoal(before))
            #expect(moved < 0.05, "\(element) moved \(other) by \(moved)")
        }
    }

    /// A demonstration of kitchen-partial's own sequence completes all four elements and
    /// records one observation, action and simulator state per step; the same streams give the
    /// same demonstration, other variation draws a different one.
    @Test func aDemonstrationCompletesItsSequenceAndVariesWithItsSeed() throws {
        let env = try kitchen()
        let demonstrator = try KitchenDemonstrator(environment: env)
        func demonstrate(_ seed: UInt64) throws -> KitchenDemonstration {
            var resets = RandomStream(seed: 5), variation = RandomStream(seed: seed)
            return try demonstrator.demonstrate([.microwave, .kettle, .lightSwitch, .slideCabinet], resets: &resets, variation: &variation)
        }
        let demonstration = try demonstrate(1)
        #expect(demonstration.succeeded && demonstration.completedBySkill == [true, true, true, true])
        #expect(demonstration.count > 100 && demonstration.count < 600)
        // All four are done within the environment's 280-step episode (at the controller's
        // former speed this sequence took longer).
        let elements: [KitchenTaskElement] = [.microwave, .kettle, .lightSwitch, .slideCabinet]
        let finished = demonstration.qpos.firstIndex { qpos in elements.allSatisfy { $0.isComplete(qpos) } }
        #expect(finished.map { $0 < 280 } == true, "finished at \(String(describing: finished))")
        #expect(demonstration.observations.count == demonstration.count && demonstration.qpos.count == demonstration.count
                && demonstration.qvel.count == demonstration.count)
        #expect(demonstration.observations.allSatisfy { $0.count == 60 })
        #expect(demonstration.qpos[0][..<26] == KitchenRobot.initialQpos[..<26])   // the first row is the reset state
        // Row i's observation is the noisy reading of row i's state.
        for i in stride(from: 0, to: demonstration.count, by: 37) {
            #expect(zip(demonstration.observations[i].prefix(9), demonstration.qpos[i]).allSatisfy { abs(Double($0) - $1) <= 0.0100001 })
        }
        let again = try demonstrate(1)
        #expect(again.actions == demonstration.actions)
        let other = try demonstrate(2)
        #expect(other.actions.prefix(20) != demonstration.actions.prefix(20))
    }
}
