import Foundation

/// A D4RL AntMaze layout: a grid of cells, each a wall block, free floor, the start or the goal.
///
/// The maps are D4RL's evaluation layouts (`U_MAZE_TEST`, `BIG_MAZE_TEST`, `HARDEST_MAZE_TEST`
/// in its `locomotion/maze_env.py`; the grids are data, cited, not code), each with the layout
/// D4RL's released dataset script collects data in (`U_MAZE`, `BIG_MAZE`, `HARDEST_MAZE`): the
/// same walls, with goal marks on the cells its episodes are sent to. Whether the published
/// "-diverse" files came from exactly these goals cannot be read from that code (its
/// `--multigoal` flag, which names the files, does nothing); D4RL's wiki says "random goal
/// locations", and Gymnasium-Robotics, from D4RL's maintainers, keeps these cells as its
/// `*_DIVERSE_G` maps. World coordinates put
/// the start cell's centre at the origin: cell (row i, column j) is centred at
/// (x, y) = (j·s − j_start·s, i·s − i_start·s) with the cell size s = 4. A wall cell is a box
/// of half-extents (s/2, s/2, h·s/2) standing on the floor, h = 0.5.
public struct MazeMap: Sendable, Equatable {
    public enum Cell: Character, Sendable {
        case wall = "#", free = ".", start = "S", goal = "G"
    }

    /// Rows of cells, row 0 first (smallest y): the evaluation layout, whose one goal is the task's.
    public let cells: [[Cell]]
    /// The data-collection layout: `cells`' walls, its goal marks where D4RL's released
    /// `generate_ant_maze_datasets.py` draws each episode's goal.
    public let collectionCells: [[Cell]]
    /// s, the side of a cell in metres.
    public let scaling: Double
    /// h, the wall height as a fraction of s.
    public let height: Double

    /// `collectionRows` defaults to `rows`: data collected in the evaluation layout.
    public init(rows: [String], collectionRows: [String]? = nil, scaling: Double = 4, height: Double = 0.5) {
        cells = rows.map { $0.map { Cell(rawValue: $0)! } }
        collectionCells = (collectionRows ?? rows).map { $0.map { Cell(rawValue: $0)! } }
        self.scaling = scaling
        self.height = height
        precondition(cells.allSatisfy { $0.count == cells[0].count }, "maze rows must have equal length")
        precondition(cells.joined().filter { $0 == .start }.count == 1, "a maze has exactly one start cell")
        precondition(collectionCells.map { $0.map { $0 == .wall } } == cells.map { $0.map { $0 == .wall } },
                     "the collection layout must have the evaluation layout's walls")
        precondition(collectionCells.joined().contains(.goal), "the collection layout needs a goal cell")
    }

    /// D4RL's 5×5 U-maze (antmaze-umaze); its data were collected towards the task's goal.
    public static let umaze = MazeMap(rows: ["#####",
                                             "#S..#",
                                             "###.#",
                                             "#G..#",
                                             "#####"])
    /// D4RL's 8×8 "big" maze (antmaze-medium); its data were collected towards three goal
    /// cells, one of them (row 6, column 5) reached only through the task's goal cell.
    public static let medium = MazeMap(rows: ["########",
                                              "#S.##..#",
                                              "#..#...#",
                                              "##...###",
                                              "#..#...#",
                                              "#.#..#.#",
                                              "#...#.G#",
                                              "########"],
                                       collectionRows: ["########",
                                                        "#S.##..#",
                                                        "#..#..G#",
                                                        "##...###",
                                                        "#..#...#",
                                                        "#G#..#.#",
                                                        "#...#G.#",
                                                        "########"])
    /// D4RL's 9×12 "hardest" maze (antmaze-large); its data were collected towards seven goal
    /// cells, the task's among them.
    public static let large = MazeMap(rows: ["############",
                                             "#S...#.....#",
                                             "#.##.#.#.#.#",
                                             "#......#...#",
                                             "#.####.###.#",
                                             "#..#.#.....#",
                                             "##.#.#.#.###",
                                             "#..#...#.G.#",
                                             "############"],
                                      collectionRows: ["############",
                                                       "#S...#G....#",
                                                       "#.##.#.#.#.#",
                                                       "#....G.#..G#",
                                                       "#.####.###.#",
                                                       "#.G#.#.....#",
                                                       "##.#.#.#.###",
                                                       "#..#G.G#.G.#",
                                                       "############"])

    /// The layout of an AntMaze environment name ("antmaze-umaze", "antmaze-medium", "antmaze-large").
    public static func named(_ environmentName: String) -> MazeMap? {
        switch environmentName {
        case "antmaze-umaze": return .umaze
        case "antmaze-medium": return .medium
        case "antmaze-large": return .large
        default: return nil
        }
    }

    public var rowCount: Int { cells.count }
    public var columnCount: Int { cells[0].count }

    /// (row, column) of every cell of `kind`, row by row.
    public func positions(of kind: Cell) -> [(row: Int, column: Int)] {
        Self.positions(in: cells) { $0 == kind }
    }

    /// (row, column) of every cell of `grid` that `isIncluded`, row by row.
    static func positions(in grid: [[Cell]], where isIncluded: (Cell) -> Bool) -> [(row: Int, column: Int)] {
        grid.indices.flatMap { i in grid[i].indices.filter { isIncluded(grid[i][$0]) }.map { (i, $0) } }
    }

    public var start: (row: Int, column: Int) { positions(of: .start)[0] }

    /// The centre of cell (row, column) in world coordinates.
    public func center(row: Int, column: Int) -> (x: Double, y: Double) {
        (Double(column - start.column) * scaling, Double(row - start.row) * scaling)
    }

    /// The cell containing world point (x, y), or nil outside the grid.
    public func cell(containing x: Double, _ y: Double) -> (row: Int, column: Int)? {
        let column = Int(((x / scaling) + Double(start.column) + 0.5).rounded(.down))
        let row = Int(((y / scaling) + Double(start.row) + 0.5).rounded(.down))
        guard (0..<rowCount).contains(row), (0..<columnCount).contains(column) else { return nil }
        return (row, column)
    }

    public func isWall(row: Int, column: Int) -> Bool {
        !(0..<rowCount).contains(row) || !(0..<columnCount).contains(column) || cells[row][column] == .wall
    }

    /// The MJCF `<geom>` elements of the wall blocks, for the model's worldbody.
    public var wallGeoms: String {
        let half = scaling / 2, z = height * scaling / 2
        return positions(of: .wall).map { cell in
            let (x, y) = center(row: cell.row, column: cell.column)
            return String(format: "    <geom name=\"block_%d_%d\" type=\"box\" pos=\"%.6f %.6f %.6f\" size=\"%.6f %.6f %.6f\" "
                          + "contype=\"1\" conaffinity=\"1\" rgba=\"0.7 0.5 0.3 1\"/>",
                          cell.row, cell.column, x, y, z, half, half, z)
        }.joined(separator: "\n")
    }

    /// The first cell on a shortest path (4-connected, through non-wall cells) from `from` to
    /// `to` — `to` itself when they are equal — as D4RL's `_get_best_next_rowcol` finds it: a
    /// breadth-first search from `to`, layer by layer, each cell's neighbours looked at left,
    /// right, down, up, returns the first cell found next to `from`; so between equally short
    /// routes it picks D4RL's, and from a wall cell (where D4RL's cell lookup can put the ant,
    /// `MazeWaypointPlanner`) it returns the open neighbour nearest `to`. Nil when `to` is a
    /// wall or no path exists.
    public func nextCell(from: (row: Int, column: Int), to: (row: Int, column: Int)) -> (row: Int, column: Int)? {
        if from == to { return to }
        guard !isWall(row: to.row, column: to.column) else { return nil }
        var queued: Set<Int> = [to.row * columnCount + to.column]
        var layer = [to]
        while !layer.isEmpty {
            var nextLayer: [(row: Int, column: Int)] = []
            for cell in layer {
                for (dr, dc) in [(0, -1), (0, 1), (1, 0), (-1, 0)] {
                    let next = (row: cell.row + dr, column: cell.column + dc)
                    if next == from { return cell }
                    guard !isWall(row: next.row, column: next.column),
                          queued.insert(next.row * columnCount + next.column).inserted else { continue }
                    nextLayer.append(next)
                }
            }
            layer = nextLayer
        }
        return nil
    }
}
