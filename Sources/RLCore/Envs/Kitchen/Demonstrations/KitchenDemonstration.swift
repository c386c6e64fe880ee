/// One scripted demonstration in the kitchen: the demonstrator performing `elements` in order
/// from a reset, row by row as a dataset stores it.
///
/// Row i holds the observation the action was chosen from, the action as executed, and the
/// simulator state (qpos 30, qvel 29) before the action. `completedAtEnd` says, per element,
/// whether its joints were within D4RL's 0.3 of its goal (on the true positions) after the last
/// row; `completedBySkill` whether they were when its own skill had finished.
public struct KitchenDemonstration: Sendable {
    /// The elements demonstrated, in the order performed.
    public var elements: [KitchenTaskElement]
    /// The observation (60 entries) before each action.
    public var observations: [[Float]] = []
    /// Each action as executed (9 entries in [−1, 1]).
    public var actions: [[Float]] = []
    /// MuJoCo's qpos before each action.
    public var qpos: [[Double]] = []
    /// MuJoCo's qvel before each action.
    public var qvel: [[Double]] = []
    /// Per element: done when its skill finished.
    public var completedBySkill: [Bool] = []
    /// Per element: done after the last row.
    public var completedAtEnd: [Bool] = []

    public init(elements: [KitchenTaskElement]) {
        self.elements = elements
    }

    /// Number of rows.
    public var count: Int { actions.count }

    /// Whether every element demonstrated was done at the end.
    public var succeeded: Bool { !completedAtEnd.isEmpty && completedAtEnd.allSatisfy { $0 } }
}
