/// Runs scripted kitchen skills in a `KitchenEnvironment`: plans each element's waypoints from
/// the scene as it is when the skill starts, drives the end effector through them with
/// `KitchenArmController`, and reports every executed step.
///
/// Each step's action is the controller's, plus (when `actionNoise` > 0) Gaussian noise of that
/// standard deviation on every entry, clipped to [−1, 1]; the reported action is the one executed.
public final class KitchenDemonstrator {
    /// One executed step: the observation the action was chosen from, the action and what the
    /// environment returned.
    public struct Transition: Sendable {
        public var observation: [Float]
        public var action: [Float]
        public var step: Step
    }

    /// The environment the skills act in.
    public let environment: KitchenEnvironment
    /// The end-effector controller.
    public var controller: KitchenArmController
    /// Standard deviation of the Gaussian noise added to every action entry.
    public var actionNoise: Double

    /// A demonstrator for `environment` (D4RL's kitchen model).
    /// - Throws: `MuJoCoError.cannotLoad` when the model has no `end_effector` site.
    public init(environment: KitchenEnvironment, actionNoise: Double = 0) throws {
        self.environment = environment
        self.controller = try KitchenArmController(environment: environment)
        self.actionNoise = actionNoise
    }

    /// Resets the environment (drawing from `resets`) and performs `elements` in order, recording
    /// every row; stops early after `stepLimit` steps. The environment's own episode end (all of
    /// its task's elements done) and time limit do not stop a demonstration.
    /// - Throws: the environment's errors (e.g. an unstable simulation).
    public func demonstrate(_ elements: [KitchenTaskElement], resets: inout RandomStream, variation: inout RandomStream,
                            stepLimit: Int = 600) throws -> KitchenDemonstration {
        var demonstration = KitchenDemonstration(elements: elements)
        var observation = environment.reset(using: &resets)
        var steps = 0
        let simulation = environment.simulation
        for element in elements {
            let done = try perform(element, observation: &observation, variation: &variation, stepsTaken: &steps,
                                   stepLimit: stepLimit, record: { transition in
                demonstration.observations.append(transition.observation)
                demonstration.actions.append(transition.action)
            }, before: {
                demonstration.qpos.append(Array(simulation.qpos))
                demonstration.qvel.append(Array(simulation.qvel))
            })
            demonstration.completedBySkill.append(done)
        }
        let qpos = Array(simulation.qpos)
        demonstration.completedAtEnd = elements.map { $0.isComplete(qpos) }
        return demonstration
    }

    /// Performs `element`'s skill from the current state, starting from `observation` (the
    /// environment's last) and leaving it at the last step's. Stops early when `stepLimit`
    /// steps have been taken in total (`stepsTaken` counts them). Every step goes to `record`
    /// after it is taken; `before` is called just before it.
    /// - Returns: whether the element ended within its goal (on the true positions).
    /// - Throws: the environment's errors (e.g. an unstable simulation).
    @discardableResult
    public func perform(_ element: KitchenTaskElement, observation: inout [Float], variation: inout RandomStream,
                        stepsTaken: inout Int, stepLimit: Int = .max, record: (Transition) -> Void = { _ in },
                        before: () -> Void = {}) throws -> Bool {
        let scene = KitchenScene(simulation: environment.simulation)
        let waypoints = try KitchenSkill(element).waypoints(in: scene, variation: &variation)
        for waypoint in waypoints {
            let ended = try execute(waypoint, observation: &observation, noise: &variation, stepsTaken: &stepsTaken,
                                    stepLimit: stepLimit, before: before, record: record)
            if ended { break }
        }
        return element.isComplete(Array(environment.simulation.qpos))
    }

    /// Drives towards one waypoint; returns true when the step limit was hit. The environment's
    /// own episode end (all of its task's elements done) does not stop a demonstration.
    private func execute(_ planned: KitchenWaypoint, observation: inout [Float], noise: inout RandomStream,
                         stepsTaken: inout Int, stepLimit: Int, before: () -> Void, record: (Transition) -> Void) throws -> Bool {
        var waypoint = planned
        var controller = self.controller
        if let distance = waypoint.backOff {
            let pose = controller.currentPose()
            waypoint.pose = EndEffectorPose(position: pose.position - distance * pose.orientation.columns.2, orientation: pose.orientation)
        }
        controller.resetIntegral()
        if let speed = waypoint.speed { controller.maxLinearStep = speed }
        var held = 0
        for _ in 0..<waypoint.maxSteps {
            if stepsTaken >= stepLimit { return true }
            let pose = controller.currentPose()
            let offset = waypoint.pose.position - pose.position
            var reached = (offset * offset).sum() <= waypoint.tolerance * waypoint.tolerance
            if let orientation = waypoint.pose.orientation {
                let turn = (orientation * pose.orientation.transposed).rotationVector
                reached = reached && (turn * turn).sum() <= waypoint.angularTolerance * waypoint.angularTolerance
            }
            if reached || held > 0 {
                if held >= waypoint.holdSteps { return false }
                held += 1
            }
            var action = controller.action(towards: waypoint.pose, gripper: waypoint.gripper, observation: observation)
            if actionNoise > 0 {
                for j in action.indices { action[j] = min(max(action[j] + Float(actionNoise * noise.nextGaussian()), -1), 1) }
            }
            before()
            let step = try environment.step(action)
            stepsTaken += 1
            record(Transition(observation: observation, action: action, step: step))
            observation = step.observation
        }
        return false
    }
}
