import Foundation
import Testing
@testable import RLCore

@Suite struct KitchenArmControllerTests {
    private func kitchen(_ seed: UInt64 = 3) throws -> (KitchenEnvironment, [Float]) {
        let env = try #require(makeEnvironment(for: try TaskRegistry.task(named: "kitchen-partial-v0")) as? KitchenEnvironment)
        var rng = RandomStream(seed: seed)
        return (env, env.reset(using: &rng))
    }

    private func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { ((a - b) * (a - b)).sum().squareRoot() }

    /// Towards a pose 16 cm away and turned by 0.5 rad, the position and orientation errors
    /// shrink (halved within 10 steps, under 1 cm and 0.05 rad after 40), and every action stays
    /// in [−1, 1].
    @Test func theEndEffectorConvergesOnATargetPose() throws {
        let (env, first) = try kitchen()
        var controller = try KitchenArmController(environment: env)
        let start = controller.currentPose()
        let target = EndEffectorPose(position: start.position + SIMD3(0.08, 0.12, -0.06),
                                     orientation: Rotation3(axis: SIMD3(1, 0, 0), angle: 0.5) * start.orientation)
        func errors() -> (Double, Double) {
            let pose = controller.currentPose()
            let turn = (target.orientation! * pose.orientation.transposed).rotationVector
            return (distance(target.position, pose.position), (turn * turn).sum().squareRoot())
        }
        let initial = errors()
        var observation = first
        var history: [(Double, Double)] = []
        for _ in 0..<40 {
            let action = controller.action(towards: target, gripper: .open, observation: observation)
            #expect(action.count == 9 && action.allSatisfy { $0 >= -1 && $0 <= 1 })
            observation = try env.step(action).observation
            history.append(errors())
        }
        #expect(initial.0 > 0.15 && abs(initial.1 - 0.5) < 1e-6)
        #expect(history[9].0 < initial.0 / 2 && history[9].1 < initial.1 / 2, "after 10 steps: \(history[9])")
        #expect(history[39].0 < 0.01 && history[39].1 < 0.05, "after 40 steps: \(history[39])")
    }

    /// Asked to stay where it is, the arm holds its pose (the bias forces are fed forward),
    /// whereas zero actions let it sag under gravity (D4RL's targets start from the observed
    /// positions, so a = 0 holds nothing up).
    @Test func holdingAPoseCompensatesGravity() throws {
        let (env, first) = try kitchen()
        var controller = try KitchenArmController(environment: env)
        let start = controller.currentPose()
        var observation = first
        for _ in 0..<20 {
            observation = try env.step(controller.action(towards: EndEffectorPose(position: start.position, orientation: start.orientation),
                                                         gripper: .open, observation: observation)).observation
        }
        let held = distance(controller.currentPose().position, start.position)
        let (idle, _) = try kitchen()
        for _ in 0..<20 { _ = try idle.step([Float](repeating: 0, count: 9)) }
        let idleController = try KitchenArmController(environment: idle)
        let sagged = distance(idleController.currentPose().position, start.position)
        #expect(held < 0.005 && sagged > 0.05, "held \(held), sagged \(sagged)")
    }

    /// The gripper command closes both fingers to their lower bound and opens them to 0.04.
    @Test func theGripperOpensAndCloses() throws {
        let (env, first) = try kitchen()
        var controller = try KitchenArmController(environment: env)
        let pose = controller.currentPose()
        let hold = EndEffectorPose(position: pose.position, orientation: pose.orientation)
        var observation = first
        for _ in 0..<12 { observation = try env.step(controller.action(towards: hold, gripper: .closed, observation: observation)).observation }
        #expect(env.simulation.qpos[7] < 0.003 && env.simulation.qpos[8] < 0.003)
        for _ in 0..<12 { observation = try env.step(controller.action(towards: hold, gripper: .open, observation: observation)).observation }
        #expect(env.simulation.qpos[7] > 0.035 && env.simulation.qpos[8] > 0.035)
    }
}
