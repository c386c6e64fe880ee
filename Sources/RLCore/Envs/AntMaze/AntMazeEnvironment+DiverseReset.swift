extension MazeMap {
    /// Every cell that is not a wall (free, start and goal cells), row by row: where the
    /// "diverse" datasets start and send the ant.
    public var openCells: [(row: Int, column: Int)] {
        cells.indices.flatMap { i in cells[i].indices.filter { cells[i][$0] != .wall }.map { (i, $0) } }
    }
}

extension AntMazeEnvironment {
    /// Starts an episode the way D4RL's "diverse" datasets were collected (`non_zero_reset`
    /// and a goal per episode): the usual reset (reference pose plus U(±0.1) on qpos,
    /// 0.1·N(0, 1) on qvel), then the torso moved to a uniformly drawn open cell's centre plus
    /// U(0, s/4) on each coordinate (D4RL's `_get_reset_location`), and the goal drawn from
    /// the open cells with `sampleGoal(among:)`'s offsets. Returns the observation.
    public func resetDiverse(using rng: inout some RandomNumberGenerator) -> [Float] {
        _ = reset(using: &rng)
        let open = maze.openCells
        let cell = open[Int(rng.next(upperBound: UInt64(open.count)))]
        let centre = maze.center(row: cell.row, column: cell.column)
        let s = maze.scaling
        simulation.qpos[0] += centre.x + rng.nextUniform(in: 0, s / 4)
        simulation.qpos[1] += centre.y + rng.nextUniform(in: 0, s / 4)
        simulation.forward()
        goal = sampleGoal(among: open, using: &rng)
        return (0..<15).map { Float(simulation.qpos[$0]) } + (0..<14).map { Float(simulation.qvel[$0]) }
    }
}
