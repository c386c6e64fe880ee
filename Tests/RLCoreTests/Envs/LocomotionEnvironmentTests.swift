import Foundation
import Testing
@testable import RLCore

private func actions(_ count: Int, size: Int, seed: UInt64) -> [[Float]] {
    var rng = RandomStream(seed: seed)
    return (0..<count).map { _ in (0..<size).map { _ in 2 * rng.nextUniformFloat() - 1 } }
}

@Suite struct LocomotionEnvironmentTests {
    @Test(arguments: LocomotionEnvironment.Body.allCases)
    func sizesMatchD4RL(body: LocomotionEnvironment.Body) throws {
        let environment = try LocomotionEnvironment(body)
        let expected: (Int, Int) = body == .hopper ? (11, 3) : (17, 6)
        #expect(environment.observationSize == expected.0 && environment.actionSize == expected.1)
        #expect(environment.actionLow.allSatisfy { $0 == -1 } && environment.actionHigh.allSatisfy { $0 == 1 })
    }

    @Test(arguments: LocomotionEnvironment.Body.allCases)
    func sameSeedGivesTheSameRollout(body: LocomotionEnvironment.Body) throws {
        func run() throws -> [[Float]] {
            let environment = try LocomotionEnvironment(body)
            var rng = RandomStream(seed: 9)
            var observations = [environment.reset(using: &rng)]
            for action in actions(50, size: environment.actionSize, seed: 1) {
                let step = try environment.step(action)
                observations.append(step.observation)
                if step.isLast { break }
            }
            return observations
        }
        #expect(try run() == run())
    }

    @Test(arguments: LocomotionEnvironment.Body.allCases)
    func rewardIsForwardVelocityPlusHealthyMinusControlCost(body: LocomotionEnvironment.Body) throws {
        let environment = try LocomotionEnvironment(body)
        var rng = RandomStream(seed: 2)
        _ = environment.reset(using: &rng)
        for action in actions(5, size: environment.actionSize, seed: 3) {
            let x0 = environment.simulatorState.qpos[0]
            let step = try environment.step(action)
            let x1 = environment.simulatorState.qpos[0]
            let cost = action.map { Double($0) * Double($0) }.reduce(0, +)
            let expected = (x1 - x0) / environment.dt + body.healthyReward - body.controlCostWeight * cost
            #expect(abs(step.reward - expected) < 1e-9)
        }
        #expect(environment.dt == (body == .halfCheetah ? 0.05 : 0.008))
    }

    @Test func hopperHealthBoundsAreStrict() throws {
        let environment = try LocomotionEnvironment(.hopper)
        func healthy(z: Double, angle: Double, velocity: Double = 0) -> Bool {
            var qpos = environment.simulation.initialQpos
            qpos[1] = z; qpos[2] = angle
            var qvel = [Double](repeating: velocity, count: environment.simulation.nv)
            return qpos.withUnsafeMutableBufferPointer { p in
                qvel.withUnsafeMutableBufferPointer { v in LocomotionEnvironment.Body.hopper.isHealthy(qpos: p, qvel: v) }
            }
        }
        #expect(healthy(z: 1.25, angle: 0))
        #expect(!healthy(z: 0.7, angle: 0))
        #expect(healthy(z: 0.7000001, angle: 0))
        #expect(!healthy(z: 1.25, angle: 0.2))
        #expect(!healthy(z: 1.25, angle: -0.2))
        #expect(healthy(z: 1.25, angle: 0.1999999))
        #expect(!healthy(z: 1.25, angle: 0, velocity: 100))
        #expect(healthy(z: 1.25, angle: 0, velocity: 99.9))
    }

    @Test func walkerHealthBoundsAreStrict() throws {
        let environment = try LocomotionEnvironment(.walker2d)
        func healthy(z: Double, angle: Double) -> Bool {
            var qpos = environment.simulation.initialQpos
            qpos[1] = z; qpos[2] = angle
            var qvel = [Double](repeating: 0, count: environment.simulation.nv)
            return qpos.withUnsafeMutableBufferPointer { p in
                qvel.withUnsafeMutableBufferPointer { v in LocomotionEnvironment.Body.walker2d.isHealthy(qpos: p, qvel: v) }
            }
        }
        #expect(healthy(z: 1.25, angle: 0))
        #expect(!healthy(z: 0.8, angle: 0) && healthy(z: 0.8000001, angle: 0))
        #expect(!healthy(z: 2.0, angle: 0) && healthy(z: 1.9999999, angle: 0))
        #expect(!healthy(z: 1.25, angle: 1) && !healthy(z: 1.25, angle: -1) && healthy(z: 1.25, angle: 0.9999999))
    }

    @Test(arguments: [LocomotionEnvironment.Body.hopper, .walker2d])
    func stateSetBelowTheHealthyHeightTerminates(body: LocomotionEnvironment.Body) throws {
        let environment = try LocomotionEnvironment(body)
        var rng = RandomStream(seed: 0)
        _ = environment.reset(using: &rng)
        var state = environment.simulatorState
        state.qpos[1] = 0.5
        state.warmstart = []
        _ = try environment.restore(state)
        let step = try environment.step([Float](repeating: 0, count: environment.actionSize))
        #expect(step.terminated && !step.truncated)
    }

    @Test func timeLimitTruncatesWithoutTerminating() throws {
        let environment = try LocomotionEnvironment(.halfCheetah)
        var rng = RandomStream(seed: 4)
        _ = environment.reset(using: &rng)
        let zero = [Float](repeating: 0, count: 6)
        for _ in 1..<1000 {
            let step = try environment.step(zero)
            #expect(!step.isLast)
        }
        let last = try environment.step(zero)
        #expect(last.truncated && !last.terminated)
    }

    @Test(arguments: LocomotionEnvironment.Body.allCases)
    func restoringAStateReproducesTheFutureExactly(body: LocomotionEnvironment.Body) throws {
        let environment = try LocomotionEnvironment(body)
        var rng = RandomStream(seed: 5)
        _ = environment.reset(using: &rng)
        let plan = actions(40, size: environment.actionSize, seed: 6)
        for action in plan[..<10] { _ = try environment.step(action) }
        let saved = environment.simulatorState
        let future = try plan[10...].map { try environment.step($0) }
        _ = try environment.restore(saved)
        let replayed = try plan[10...].map { try environment.step($0) }
        #expect(future == replayed)
    }

    @Test func badActionsAreErrorsAndLargeOnesAreClipped() throws {
        let environment = try LocomotionEnvironment(.hopper)
        var rng = RandomStream(seed: 1)
        _ = environment.reset(using: &rng)
        #expect(throws: EnvironmentError.actionLength(task: "hopper", expected: 3, got: 2)) { try environment.step([0, 0]) }
        #expect(throws: EnvironmentError.nonFiniteAction(task: "hopper", index: 1)) { try environment.step([0, .nan, 0]) }

        let saved = environment.simulatorState
        let big = try environment.step([5, -5, 5])
        _ = try environment.restore(saved)
        let clipped = try environment.step([1, -1, 1])
        #expect(big == clipped)
    }

    @Test func missingModelFileNamesTheSetupCommand() {
        let assets = ModelAssets(searchPath: [URL(fileURLWithPath: "/nonexistent-o3f-assets")])
        do {
            _ = try LocomotionEnvironment(.hopper, assets: assets)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("gym/hopper.xml"))
            #expect("\(error)".contains("make setup"))
        }
    }

    /// Every registered task has an environment; a name the factory does not know is refused.
    @Test func factoryBuildsEveryDomainAndRefusesUnknownNames() throws {
        let environment = try makeEnvironment(for: TaskRegistry.task(named: "walker2d-medium-v2"))
        #expect(environment.observationSize == 17)
        let kitchen = try #require(try makeEnvironment(for: TaskRegistry.task(named: "kitchen-mixed-v0")) as? KitchenEnvironment)
        #expect(kitchen.taskElements == [.microwave, .kettle, .bottomBurner, .lightSwitch] && kitchen.observationSize == 60)
        let partial = try #require(try makeEnvironment(for: TaskRegistry.task(named: "kitchen-partial-v0")) as? KitchenEnvironment)
        #expect(partial.taskElements == [.microwave, .kettle, .lightSwitch, .slideCabinet])
        let unknown = D4RLTask(name: "kitchen-other-v0", domain: .kitchen, environmentName: "kitchen-other", datasetKind: "other",
                               datasetFileName: "other.hdf5", referenceMinScore: 0, referenceMaxScore: 4, maxEpisodeSteps: 280)
        #expect(throws: EnvironmentError.notAvailable(task: "kitchen-other-v0", reason: "no kitchen task named kitchen-other")) {
            try makeEnvironment(for: unknown)
        }
    }

    @Test(arguments: [1e11, Double.nan])
    func unstablePhysicsIsAnErrorNamingTaskAndStep(velocity: Double) throws {
        let environment = try LocomotionEnvironment(.walker2d, name: "walker2d-random-v2")
        var rng = RandomStream(seed: 3)
        _ = environment.reset(using: &rng)
        let zero = [Float](repeating: 0, count: environment.actionSize)
        for _ in 0..<4 { _ = try environment.step(zero) }
        var state = environment.simulatorState
        state.qvel[3] = velocity
        _ = try environment.restore(state)
        #expect(throws: MuJoCoError.unstable(task: "walker2d-random-v2", step: 5)) { try environment.step(zero) }
    }

    @Test func unloadableModelSurfacesMuJoCosMessageAndTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.xml")
        try "<mujoco><worldbody><geom type=\"sphere\"</worldbody>".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try MuJoCoSimulation(modelFile: file)
            Issue.record("expected an error")
        } catch let MuJoCoError.cannotLoad(path, message) {
            #expect(path == file.path)
            #expect(message.lowercased().contains("xml"))
        }
    }
}
