/// D4RL's high-level navigator for the AntMaze datasets (`create_navigation_policy` in its
/// `maze_env.py`, our own code): the ant is steered cell by cell along a shortest path of the
/// maze grid, its controller always aiming at the next cell.
///
/// For the torso at p = (x, y) in cell c and the goal g in cell c_g:
///
///     n = maze.nextCell(from: c, to: c_g)
///     waypoint = g                          if n = c_g (the ant is in or next to the goal cell)
///              = centre(n) + (u_x, u_y)     otherwise, u ~ U(−ε, ε)², ε = `waypointNoise`
///
/// The offset u is drawn when the waypoint cell n changes and kept until it changes again
/// (D4RL draws a non-negative U(0, s/4) offset at every step, paired with its cell lookup that
/// is shifted by half a cell; our cells are the ones `MazeMap.cell(containing:)` reports, so the
/// offset is centred). When the torso's point falls outside the open cells (pressed into a wall
/// block's edge) the last open cell it was in stands for c.
public struct MazeWaypointPlanner: Sendable {
    public let maze: MazeMap
    /// ε, the half-width of the waypoint's uniform offset, metres.
    public var waypointNoise: Double
    private var lastCell: (row: Int, column: Int)?
    private var waypointCell: (row: Int, column: Int)?
    private var offset: (x: Double, y: Double) = (0, 0)

    /// A planner over `maze`; ε defaults to s/8 (0.5 m in D4RL's mazes).
    public init(maze: MazeMap, waypointNoise: Double? = nil) {
        self.maze = maze
        self.waypointNoise = waypointNoise ?? maze.scaling / 8
    }

    /// Forgets the episode's cells (call at every reset).
    public mutating func reset() {
        lastCell = nil
        waypointCell = nil
    }

    /// The open cell the torso at `position` is in: its own cell, else the last open one,
    /// else the nearest open cell's centre.
    public mutating func currentCell(at position: (x: Double, y: Double)) -> (row: Int, column: Int) {
        if let cell = maze.cell(containing: position.x, position.y), !maze.isWall(row: cell.row, column: cell.column) {
            lastCell = cell
            return cell
        }
        if let lastCell { return lastCell }
        let nearest = maze.openCells.min { a, b in
            let ca = maze.center(row: a.row, column: a.column), cb = maze.center(row: b.row, column: b.column)
            return (ca.x - position.x) * (ca.x - position.x) + (ca.y - position.y) * (ca.y - position.y)
                < (cb.x - position.x) * (cb.x - position.x) + (cb.y - position.y) * (cb.y - position.y)
        }!
        lastCell = nearest
        return nearest
    }

    /// The point the controller should walk to next, for the torso at `position` and the
    /// episode's `goal` (the formula on the type).
    public mutating func waypoint(at position: (x: Double, y: Double), goal: (x: Double, y: Double),
                                  using rng: inout some RandomNumberGenerator) -> (x: Double, y: Double) {
        let cell = currentCell(at: position)
        guard let goalCell = maze.cell(containing: goal.x, goal.y),
              let next = maze.nextCell(from: cell, to: goalCell), next != goalCell else { return goal }
        if waypointCell.map({ $0 != next }) ?? true {
            waypointCell = next
            offset = (rng.nextUniform(in: -waypointNoise, waypointNoise), rng.nextUniform(in: -waypointNoise, waypointNoise))
        }
        let centre = maze.center(row: next.row, column: next.column)
        return (centre.x + offset.x, centre.y + offset.y)
    }
}
