import RLCore

/// What a rollout follows through an episode besides its return: on AntMaze the ant's distances
/// to the goal (`GoalApproach`), in the kitchen the task elements completed, in the order they
/// were done. A score says how much; these say how far, and which.
public struct EpisodeProgress {
    /// The distances so far on AntMaze; nil elsewhere.
    public private(set) var approach: GoalApproach?
    /// The kitchen's elements completed so far, first done first; nil off the kitchen.
    public private(set) var completedElements: [KitchenTaskElement]?
    private var remaining: [KitchenTaskElement] = []

    /// Starts following an episode of `environment`, which has just been reset.
    public init(startingFrom environment: any Environment) {
        if let maze = environment as? AntMazeEnvironment {
            approach = GoalApproach(start: maze.distanceToGoal, closest: maze.distanceToGoal, final: maze.distanceToGoal)
        }
        if let kitchen = environment as? KitchenEnvironment {
            completedElements = []
            remaining = kitchen.remainingElements
        }
    }

    /// Takes in `environment` after one more step: the ant's new distance (the closest is the
    /// least so far), and the elements the step removed from the kitchen's remaining ones, in
    /// the task's order when one step completed several.
    public mutating func update(after environment: any Environment) {
        if let maze = environment as? AntMazeEnvironment, var distances = approach {
            distances.final = maze.distanceToGoal
            distances.closest = min(distances.closest, distances.final)
            approach = distances
        }
        if let kitchen = environment as? KitchenEnvironment, completedElements != nil {
            completedElements! += remaining.filter { !kitchen.remainingElements.contains($0) }
            remaining = kitchen.remainingElements
        }
    }
}
