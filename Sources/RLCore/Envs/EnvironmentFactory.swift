/// The environment a D4RL task runs in.
/// - Throws: `EnvironmentError.notAvailable` for Kitchen (its own issue), or a
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
        return try AntMazeEnvironment(maze: maze, name: task.name, maxEpisodeSteps: task.maxEpisodeSteps, assets: assets)
    case .kitchen:
        throw EnvironmentError.notAvailable(
            task: task.name,
            reason: "the \(task.domain.rawValue) environments are not yet available in this version of the kit; the locomotion tasks are (`repro env list`)")
    }
}

extension D4RLTask {
    /// Whether this version of the kit can simulate the task.
    public var isEnvironmentAvailable: Bool { domain != .kitchen }
}
