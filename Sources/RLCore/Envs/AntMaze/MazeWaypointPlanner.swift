/// D4RL's high-level navigator for the AntMaze datasets (`create_navigation_policy` in its
/// `maze_env.py`, our own code): the ant is steered cell by cell along a shortest path of the
/// maze grid, its controller always aiming at the next cell.
///
/// For the torso at p = (x, y) and the goal g, with D4RL's cell lookup
///
///     cell(p) = (i_start + ⌊max(y, 10⁻⁴)/s⌋, j_start + ⌊max(x, 10⁻⁴)/s⌋)
///
/// (a cell "begins" at its centre: the torso counts as in the cell whose centre it last passed
/// in +x and +y, so it turns a corner only once past the corner cell's centre when moving that
/// way, and may count as in a wall cell), the waypoint is
///
///     n = maze.nextCell(from: cell(p), to: cell(g))
///     waypoint = g                          if n = cell(g)
///              = centre(n) + (u_x, u_y)     otherwise, u ~ U(0, ε)² drawn at every step,
///
/// ε = `waypointNoise` (D4RL's `_rowcol_to_xy(…, add_random_noise=True)`, s/4). Like the goals
/// D4RL's tasks draw, its waypoints sit up to a metre towards +x and +y of the cell centres,
/// so its paths pass where the task's goal is.
public struct MazeWaypointPlanner: Sendable {
    public let maze: MazeMap
    /// ε, the side of the waypoint's uniform offset, metres.
    public var waypointNoise: Double

    /// A planner over `maze`; ε defaults to s/4 (1 m in D4RL's mazes).
    public init(maze: MazeMap, waypointNoise: Double? = nil) {
        self.maze = maze
        self.waypointNoise = waypointNoise ?? maze.scaling / 4
    }

    /// D4RL's cell of a point (the formula on the type), kept inside the grid.
    public func cell(of position: (x: Double, y: Double)) -> (row: Int, column: Int) {
        let s = maze.scaling
        let row = maze.start.row + Int((max(position.y, 1e-4) / s).rounded(.down))
        let column = maze.start.column + Int((max(position.x, 1e-4) / s).rounded(.down))
        return (min(row, maze.rowCount - 1), min(column, maze.columnCount - 1))
    }

    /// The point the controller should walk to next, for the torso at `position` and the
    /// episode's `goal` (the formula on the type).
    public func waypoint(at position: (x: Double, y: Double), goal: (x: Double, y: Double),
                         using rng: inout some RandomNumberGenerator) -> (x: Double, y: Double) {
        let goalCell = cell(of: goal)
        guard let next = maze.nextCell(from: cell(of: position), to: goalCell), next != goalCell else { return goal }
        let centre = maze.center(row: next.row, column: next.column)
        return (centre.x + rng.nextUniform(in: 0, waypointNoise), centre.y + rng.nextUniform(in: 0, waypointNoise))
    }
}
