/// One of the seven things in D4RL's Franka kitchen that a task can ask the robot to change,
/// with the joints that describe it and the configuration that counts as done.
///
/// The indices and goals are D4RL's data (`OBS_ELEMENT_INDICES`, `OBS_ELEMENT_GOALS` and
/// `BONUS_THRESH` in `d4rl/kitchen/kitchen_envs.py`). Indices count in qpos, which is also the
/// layout of the observation's first 30 entries (robot 0..<9, objects 9..<30): e.g. the
/// microwave door is hinge joint qpos[22], the kettle its free joint qpos[23..<30] (position,
/// then quaternion w x y z).
public enum KitchenTaskElement: String, CaseIterable, Codable, Sendable {
    case bottomBurner = "bottom burner"
    case topBurner = "top burner"
    case lightSwitch = "light switch"
    case slideCabinet = "slide cabinet"
    case hingeCabinet = "hinge cabinet"
    case microwave
    case kettle

    /// The element's qpos indices (D4RL's `OBS_ELEMENT_INDICES`).
    public var qposIndices: [Int] {
        switch self {
        case .bottomBurner: return [11, 12]
        case .topBurner: return [15, 16]
        case .lightSwitch: return [17, 18]
        case .slideCabinet: return [19]
        case .hingeCabinet: return [20, 21]
        case .microwave: return [22]
        case .kettle: return [23, 24, 25, 26, 27, 28, 29]
        }
    }

    /// The element's target positions at `qposIndices` (D4RL's `OBS_ELEMENT_GOALS`): a knob
    /// turned, the switch flipped, a door slid or swung open, the kettle moved onto the top-left
    /// burner upright.
    public var goal: [Double] {
        switch self {
        case .bottomBurner: return [-0.88, -0.01]
        case .topBurner: return [-0.92, -0.01]
        case .lightSwitch: return [-0.69, -0.05]
        case .slideCabinet: return [0.37]
        case .hingeCabinet: return [0, 1.45]
        case .microwave: return [-0.75]
        case .kettle: return [-0.23, 0.75, 1.62, 0.99, 0, 0, -0.06]
        }
    }

    /// D4RL's `BONUS_THRESH`: an element is done when its joints are closer than this to the goal.
    public static let completionDistance = 0.3

    /// Euclidean distance ‖q[qposIndices] − goal‖ from the positions `qpos` (30 entries) to the goal.
    public func distanceToGoal(_ qpos: [Double]) -> Double {
        var sum = 0.0
        for (index, target) in zip(qposIndices, goal) {
            let difference = qpos[index] - target
            sum += difference * difference
        }
        return sum.squareRoot()
    }

    /// Whether the element is done in `qpos`: ‖q[qposIndices] − goal‖ < 0.3 (strictly, as D4RL).
    public func isComplete(_ qpos: [Double]) -> Bool { distanceToGoal(qpos) < Self.completionDistance }

    /// The elements of a D4RL kitchen environment, in D4RL's `TASK_ELEMENTS` order:
    /// `kitchen-complete` and `kitchen-partial` (KitchenMicrowaveKettleLightSliderV0) ask for the
    /// microwave, kettle, light switch and slide cabinet; `kitchen-mixed`
    /// (KitchenMicrowaveKettleBottomBurnerLightV0) for the microwave, kettle, bottom burner and
    /// light switch. Nil for any other name.
    public static func elements(ofEnvironment name: String) -> [KitchenTaskElement]? {
        switch name {
        case "kitchen-complete", "kitchen-partial": return [.microwave, .kettle, .lightSwitch, .slideCabinet]
        case "kitchen-mixed": return [.microwave, .kettle, .bottomBurner, .lightSwitch]
        default: return nil
        }
    }

    /// D4RL's goal part of the observation (30 entries, indexed like qpos): each of `elements`'
    /// goal at its indices, zero elsewhere. D4RL builds it from all of the task's elements once
    /// per episode (`_get_task_goal`), so it does not change as elements are completed.
    public static func goalVector(of elements: [KitchenTaskElement]) -> [Double] {
        var vector = [Double](repeating: 0, count: KitchenRobot.qposCount)
        for element in elements {
            for (index, target) in zip(element.qposIndices, element.goal) { vector[index] = target }
        }
        return vector
    }
}
