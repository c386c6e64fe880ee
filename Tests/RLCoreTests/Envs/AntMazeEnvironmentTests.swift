import Foundation
import Testing
@testable import RLCore

@Suite struct AntMazeEnvironmentTests {
    private func environment(_ task: String = "antmaze-umaze-diverse-v2") throws -> AntMazeEnvironment {
        try #require(makeEnvironment(for: try TaskRegistry.task(named: task)) as? AntMazeEnvironment)
    }

    /// A wall block stands on every wall cell of each map, at the cell's centre, and nowhere else.
    @Test(arguments: ["antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2", "antmaze-large-diverse-v2"])
    func wallBlocksStandExactlyOnTheMapsWalls(task: String) throws {
        let env = try environment(task)
        let blocks = env.simulation.geomNames.filter { $0.hasPrefix("block_") }
        let walls = env.maze.positions(of: .wall)
        #expect(blocks.count == walls.count)
        for (row, column) in walls {
            let placement = try #require(env.simulation.geomPlacement(named: "block_\(row)_\(column)"))
            let (x, y) = env.maze.center(row: row, column: column)
            #expect(abs(placement.position[0] - x) < 1e-9 && abs(placement.position[1] - y) < 1e-9 && abs(placement.position[2] - 1) < 1e-9)
            #expect(placement.size == [2, 2, 1])
        }
        #expect(env.maze.rowCount * env.maze.columnCount == [25, 64, 108][["antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2", "antmaze-large-diverse-v2"].firstIndex(of: task)!])
    }

    /// Reward 1 and the end of the episode within 0.5 of the goal; 0 and going on outside it.
    @Test func theGoalRewardsAndEndsTheEpisodeWithinItsRadius() throws {
        let env = try environment()
        var rng = RandomStream(seed: 1)
        _ = env.reset(using: &rng)
        var state = env.simulatorState
        for (offset, reached) in [(0.2, true), (1.5, false)] {
            state.qpos[0] = state.goal![0] + offset
            state.qpos[1] = state.goal![1]
            state.qvel = [Double](repeating: 0, count: state.qvel.count)
            _ = try env.restore(state)
            let step = try env.step([Float](repeating: 0, count: 8))
            #expect(step.reward == (reached ? 1 : 0) && step.terminated == reached && !step.truncated, "offset \(offset)")
        }
    }

    /// Observation layout, action scaling onto ±30, a fresh goal near the goal cell every
    /// episode (v2 resets), the time limit, and the goal kept in a saved state.
    @Test func resetsObservationsTimeLimitAndState() throws {
        let env = try environment()
        #expect(env.observationSize == 29 && env.actionSize == 8 && env.maxEpisodeSteps == 700)
        #expect(env.controlRanges.allSatisfy { $0 == -30...30 })
        var rng = RandomStream(seed: 2)
        var goals: [[Double]] = []
        for _ in 0..<5 {
            let observation = env.reset(using: &rng)
            #expect(observation.count == 29 && abs(observation[0]) <= 0.1 && abs(observation[1]) <= 0.1)
            let goal = env.simulatorState.goal!
            // The U-maze's goal cell is two cells below the start: centre (0, 8), offsets in [0, 1.5).
            #expect((0..<1.5).contains(goal[0]) && (8..<9.5).contains(goal[1]))
            goals.append(goal)
        }
        #expect(Set(goals.map { $0[0] }).count == 5)
        let saved = env.simulatorState
        var last: Step?
        for _ in 0..<700 { last = try env.step([Float](repeating: 0.3, count: 8)); if last!.isLast { break } }
        #expect(last?.truncated == true && last?.reward == 0)
        _ = env.reset(using: &rng)
        let observation = try env.restore(saved)
        #expect(env.simulatorState.goal == saved.goal && observation.count == 29)
        #expect(env.simulation.ctrl.allSatisfy { abs($0) <= 30 })
    }

    /// -v0 and -v1 keep one goal for the environment's life, the same in every environment of
    /// the task (a run's own, its evaluations', a resumed run's), and return to it after a
    /// diverse reset; -v2 draws one per episode.
    @Test func onlyV2DrawsAGoalEveryEpisode() throws {
        for (version, redraws) in [("v0", false), ("v1", false), ("v2", true)] {
            let env = try environment("antmaze-large-diverse-\(version)")
            #expect((env.fixedGoal == nil) == redraws)
            var rng = RandomStream(seed: 3)
            var goals: Set<[Double]> = []
            for _ in 0..<4 {
                _ = env.reset(using: &rng)
                goals.insert(env.simulatorState.goal!)
            }
            #expect(goals.count == (redraws ? 4 : 1), "\(version)")
            let other = try environment("antmaze-large-diverse-\(version)")
            var otherRNG = RandomStream(seed: 4)
            _ = other.resetDiverse(using: &otherRNG)
            _ = other.reset(using: &otherRNG)
            #expect((other.simulatorState.goal! == env.simulatorState.goal!) == !redraws, "\(version)")
        }
    }
}

@Suite struct MazeMapTests {
    /// The planner's path from the start to the goal: free cells only, one step at a time, as short as BFS allows.
    /// Shortest lengths counted by hand on the maps, e.g. the large maze: down 2, right 5, down 2, right 2, down 2, right 1.
    @Test(arguments: [("antmaze-umaze", 6), ("antmaze-medium", 10), ("antmaze-large", 14)])
    func thePlannersPathAvoidsWalls(name: String, shortest: Int) throws {
        let maze = try #require(MazeMap.named(name))
        var cell = maze.start
        let goal = maze.positions(of: .goal)[0]
        var steps = 0
        while cell != goal {
            let next = try #require(maze.nextCell(from: cell, to: goal))
            #expect(!maze.isWall(row: next.row, column: next.column))
            #expect(abs(next.row - cell.row) + abs(next.column - cell.column) == 1)
            cell = next
            steps += 1
            try #require(steps < 200)
        }
        #expect(steps == shortest)
        #expect(maze.nextCell(from: maze.start, to: (0, 0)) == nil)   // a wall is never a target
    }

    @Test func cellsAndCoordinatesAgree() {
        let maze = MazeMap.large
        for (row, column) in maze.positions(of: .free) {
            let (x, y) = maze.center(row: row, column: column)
            #expect(maze.cell(containing: x + 1.9, y - 1.9)! == (row, column))
        }
        #expect(maze.center(row: 1, column: 1) == (0, 0))
        #expect(maze.center(row: 7, column: 9) == (32, 24))
    }
}
