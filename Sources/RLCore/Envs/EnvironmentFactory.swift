/// The environment a D4RL task runs in: gym's locomotion bodies, D4RL's AntMaze mazes or D4RL's
/// Franka kitchen with the task's elements.
/// - Throws: `EnvironmentError.notAvailable` for an environment name the kit does not know, or a
///   `ModelAssetError` / `MuJoCoError` when the model file is missing or broken.
public func makeEnvironment(for task: D4RLTask, assets: ModelAssets = .standard) throws -> any Environment {
    switch task.domain {
    case .locomotion:
        guard let body = LocomotionEnvironment.Body(rawValue: task.environmentName) else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no environment named \(task.environmentName)")
        }
        return try LocomotionEnvironment(body, name: task.name, maxEpisodeSteps: task.maxEpisodeSteps, assets: assets)
    case .antmaze:
        guard let maze = MazeMap.named(task.environmentName) else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no maze named \(task.environmentName)")
        }
        return try AntMazeEnvironment(maze: maze, name: task.name, maxEpisodeSteps: task.maxEpisodeSteps,
                                      redrawsGoalEachEpisode: task.name.hasSuffix("-v2"), assets: assets)
    case .kitchen:
        guard let elements = KitchenTaskElement.elements(ofEnvironment: task.environmentName) else {
            throw EnvironmentError.notAvailable(task: task.name, reason: "no kitchen task named \(task.environmentName)")
        }
        return try KitchenEnvironment(taskElements: elements, name: task.name, maxEpisodeSteps: task.maxEpisodeSteps, assets: assets)
    }
}
