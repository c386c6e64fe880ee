extension MazeMap {
    /// The cells D4RL's released dataset script sends its episodes to: the goal marks of the
    /// collection layout (`goal_sampler` draws among them uniformly).
    public var collectionGoalCells: [(row: Int, column: Int)] {
        Self.positions(in: collectionCells) { $0 == .goal }
    }

    /// The cells D4RL's dataset episodes started in: the collection layout's open cells other
    /// than its goal cells (`_get_reset_location` counts a goal mark as a wall).
    public var collectionStartCells: [(row: Int, column: Int)] {
        Self.positions(in: collectionCells) { $0 != .wall && $0 != .goal }
    }
}

extension AntMazeEnvironment {
    /// Starts an episode the way D4RL's released script collects "diverse" data
    /// (`generate_ant_maze_datasets.py --multi_start`, a goal per episode): the ant's pose reset
    /// as `reset` does (reference pose plus U(±0.1) on qpos, 0.1·N(0, 1) on qvel), the torso put
    /// at a start cell drawn uniformly from `MazeMap.collectionStartCells`, at its centre plus
    /// U(0, s/4) on each coordinate (`_get_reset_location` sets qpos[0..<2] so), and the goal
    /// drawn from `MazeMap.collectionGoalCells` with `sampleGoal(among:)`'s offsets. Returns
    /// the observation.
    public func resetDiverse(using rng: inout some RandomNumberGenerator) -> [Float] {
        resetPose(using: &rng)
        let starts = maze.collectionStartCells
        let cell = starts[Int(rng.next(upperBound: UInt64(starts.count)))]
        let centre = maze.center(row: cell.row, column: cell.column)
        let s = maze.scaling
        simulation.qpos[0] = centre.x + rng.nextUniform(in: 0, s / 4)
        simulation.qpos[1] = centre.y + rng.nextUniform(in: 0, s / 4)
        simulation.forward()
        goal = sampleGoal(among: maze.collectionGoalCells, using: &rng)
        return simulation.antObservation
    }
}
