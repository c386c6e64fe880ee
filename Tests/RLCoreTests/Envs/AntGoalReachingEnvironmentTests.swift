import Foundation
import Testing
@testable import RLCore

@Suite struct AntGoalReachingEnvironmentTests {
    /// The controller's observation: the AntMaze observation without the torso's x, y, then the
    /// goal relative to the torso in its heading frame, shortened to R when farther.
    @Test func theObservationDropsThePositionAndAppendsTheClippedRelativeGoal() {
        var ant = (0..<29).map { Float($0) }
        (ant[3], ant[4], ant[5], ant[6]) = (1, 0, 0, 0)   // heading along +x: world and body axes agree
        let near = AntGoalReachingEnvironment.controllerObservation(antObservation: ant, relativeGoal: (3, -4), maximumDistance: 5)
        #expect(near.count == 29 && Array(near[0..<27]) == Array(ant[2..<29]))
        #expect(abs(near[27] - 3) < 1e-6 && abs(near[28] + 4) < 1e-6)
        let far = AntGoalReachingEnvironment.controllerObservation(antObservation: ant, relativeGoal: (30, -40), maximumDistance: 5)
        #expect(abs(far[27] - 3) < 1e-5 && abs(far[28] + 4) < 1e-5)
        // Turned 90° left (about z): a goal at world +x lies to the torso's right.
        (ant[3], ant[6]) = (Float(cos(Double.pi / 4)), Float(sin(Double.pi / 4)))
        let turned = AntGoalReachingEnvironment.controllerObservation(antObservation: ant, relativeGoal: (2, 0), maximumDistance: 5)
        #expect(abs(turned[27]) < 1e-5 && abs(turned[28] + 2) < 1e-5)
        #expect(abs(AntGoalReachingEnvironment.yaw(w: cos(0.3), x: 0, y: 0, z: sin(0.3)) - 0.6) < 1e-12)
    }

    /// In the environment: the last two entries are target − torso; the reward is the distance
    /// closed per second; a step that ends within 0.5 m of the target terminates with it.
    @Test func theRewardIsProgressAndTheTargetEndsTheEpisode() throws {
        let env = try AntGoalReachingEnvironment()
        #expect(env.observationSize == 29 && env.actionSize == 8 && env.controlRanges.allSatisfy { $0 == -30...30 })
        var rng = RandomStream(seed: 5)
        var headings: [Double] = []
        for _ in 0..<8 {
            let observation = env.reset(using: &rng)
            let d = env.distanceToTarget
            #expect((1...5.2).contains(d))
            let dx = env.target.x - env.simulation.qpos[0], dy = env.target.y - env.simulation.qpos[1]
            #expect(abs(Double(hypot(observation[27], observation[28])) - hypot(dx, dy)) < 1e-5)
            headings.append(2 * atan2(env.simulation.qpos[6], env.simulation.qpos[3]))
        }
        #expect(headings.max()! - headings.min()! > 3)   // a random heading at each reset (yaw = 2·atan2(q_z, q_w))

        _ = env.reset(using: &rng)
        let before = env.distanceToTarget
        let step = try env.step([Float](repeating: 0.5, count: 8))
        #expect(abs(step.reward - (before - env.distanceToTarget) / 0.1) < 1e-9 && !step.terminated)

        // Put the torso 0.3 m from the target at rest: the next step reaches it.
        var state = env.simulatorState
        state.qpos[0] = env.target.x - 0.3
        state.qpos[1] = env.target.y
        state.qvel = [Double](repeating: 0, count: state.qvel.count)
        _ = try env.restore(state)
        let reached = try env.step([Float](repeating: 0, count: 8))
        #expect(reached.terminated && !reached.truncated && reached.reward > -1)
        #expect(env.simulatorState.goal == [env.target.x, env.target.y])
    }

    /// A diverse reset starts the ant in a cell of D4RL's collection layout that is not a goal
    /// cell and sends it to one of the layout's goal cells (D4RL's `--multi_start` resets and
    /// `goal_sampler`); over 80 episodes every goal cell and many start cells come up.
    @Test func diverseResetsStartAnywhereAndAimAtTheCollectionGoals() throws {
        let env = try #require(makeEnvironment(for: TaskRegistry.task(named: "antmaze-large-diverse-v2")) as? AntMazeEnvironment)
        let goalCells = Set(env.maze.collectionGoalCells.map { [$0.row, $0.column] })
        let startCells = Set(env.maze.collectionStartCells.map { [$0.row, $0.column] })
        var rng = RandomStream(seed: 9)
        var starts: Set<[Int]> = [], goals: Set<[Int]> = []
        for _ in 0..<80 {
            let observation = env.resetDiverse(using: &rng)
            let start = try #require(env.maze.cell(containing: Double(observation[0]), Double(observation[1])))
            let goal = try #require(env.maze.cell(containing: env.goal.x, env.goal.y))
            starts.insert([start.row, start.column])
            goals.insert([goal.row, goal.column])
        }
        #expect(starts.isSubset(of: startCells) && starts.count > 20)
        #expect(goals == goalCells)
    }

    /// The collection layouts are D4RL's `U_MAZE`, `BIG_MAZE` and `HARDEST_MAZE`: one goal cell
    /// in the U-maze, three in the medium maze, seven in the large; the task's goal cell is one
    /// of them or lies on the only way into one.
    @Test func collectionLayoutsSendEpisodesPastTheTasksGoal() {
        func cells(_ list: [(row: Int, column: Int)]) -> [[Int]] { list.map { [$0.row, $0.column] } }
        #expect(cells(MazeMap.umaze.collectionGoalCells) == [[3, 1]])
        #expect(cells(MazeMap.medium.collectionGoalCells) == [[2, 6], [5, 1], [6, 5]])
        #expect(cells(MazeMap.large.collectionGoalCells) == [[1, 6], [3, 5], [3, 10], [5, 2], [7, 4], [7, 6], [7, 9]])
        #expect(cells(MazeMap.large.positions(of: .goal)) == [[7, 9]])
        // Medium's goal cell (6, 5) is a dead end behind the task's goal (6, 6).
        #expect(cells(MazeMap.medium.positions(of: .goal)) == [[6, 6]])
        #expect(MazeMap.medium.nextCell(from: (row: 5, column: 6), to: (row: 6, column: 5)).map { [$0.row, $0.column] } == [6, 6])
    }
}

@Suite struct MazeWaypointPlannerTests {
    /// D4RL's navigator in the U-maze (goal cell (3, 1), centred at (0, 8)): a cell counts from
    /// its centre onwards in +x and +y; the waypoint is the next cell's centre plus U(0, 1 m)²,
    /// drawn anew every step, and the goal itself once the next cell is the goal's; from a wall
    /// cell the lookup names, the open neighbour nearest the goal.
    @Test func waypointsFollowD4RLsShortestPathThenTheGoal() {
        let planner = MazeWaypointPlanner(maze: .umaze)
        var rng = RandomStream(seed: 1)
        let centre = MazeMap.umaze.center(row: 3, column: 1)
        let goal = (x: centre.x + 0.3, y: centre.y + 0.2)
        func expectWaypoint(at p: (x: Double, y: Double), near cell: (x: Double, y: Double), _ comment: Comment) {
            let w = planner.waypoint(at: p, goal: goal, using: &rng)
            #expect((cell.x...cell.x + 1).contains(w.x) && (cell.y...cell.y + 1).contains(w.y), comment)
        }
        // At the start cell (1, 1), also behind its centre: the next cell is (1, 2), centred at (4, 0).
        expectWaypoint(at: (0.2, 0.1), near: (4, 0), "start")
        expectWaypoint(at: (-0.5, -0.3), near: (4, 0), "behind the start cell's centre")
        // In (1, 2) but short of its centre: still counted in (1, 1).
        expectWaypoint(at: (3.0, 0.2), near: (4, 0), "short of (1, 2)'s centre")
        // Past (1, 2)'s centre: on to (1, 3), then down the U from (1, 3) to (2, 3) and (3, 3).
        expectWaypoint(at: (4.2, 0.1), near: (8, 0), "past (1, 2)'s centre")
        expectWaypoint(at: (8.1, 0.2), near: (8, 4), "the corner (1, 3)")
        expectWaypoint(at: (8.3, 4.1), near: (8, 8), "(2, 3)")
        // In (2, 3) left of its centre the lookup names the wall cell (2, 2); its open neighbour
        // nearest the goal is (3, 2), centred at (4, 8).
        expectWaypoint(at: (7.0, 4.5), near: (4, 8), "counted in the wall cell (2, 2)")
        // Counted in (3, 2), next to the goal cell: the goal itself.
        let last = planner.waypoint(at: (7.9, 8.2), goal: goal, using: &rng)
        #expect(last == goal)
        // Between equally short routes the search picks D4RL's: from (1, 6) to (1, 1) in the
        // medium maze, down to (2, 6) (D4RL's `_get_best_next_rowcol`), not left to (1, 5).
        #expect(MazeMap.medium.nextCell(from: (row: 1, column: 6), to: (row: 1, column: 1)).map { [$0.row, $0.column] } == [2, 6])
        // Offsets are drawn every step.
        let a = planner.waypoint(at: (0.2, 0.1), goal: goal, using: &rng), b = planner.waypoint(at: (0.2, 0.1), goal: goal, using: &rng)
        #expect(a != b)
    }
}
