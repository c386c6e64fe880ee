import Foundation
import RLCore

/// Makes a D4RL "-diverse" AntMaze dataset the way D4RL's released scripts collect one
/// (`scripts/generation/generate_ant_maze_datasets.py` with `--noisy --multi_start`, then
/// `relabel_antmaze_rewards.py`), with our own controller and code:
///
/// - every episode starts in a uniformly drawn cell of D4RL's collection layout that is not one
///   of its goal cells and is sent to a goal in a uniformly drawn goal cell
///   (`AntMazeEnvironment.resetDiverse`, `MazeMap.collectionGoalCells`: the U-maze's one, the
///   medium maze's three, the large maze's seven; the task's goal cell is among them, or on the
///   only way into one), and lasts exactly `episodeSteps` = 1000 steps: reaching the goal does
///   not end it. The published files' names carry the script's `--multigoal` flag, which the
///   released script ignores, so these goals are what its code does, not a certainty about
///   D4RL's files (`MazeMap`);
/// - at each step `MazeWaypointPlanner` picks the next cell of a shortest path, the
///   goal-reaching controller (`AntControllerTraining`) is asked for an action towards it
///   (a sample of its policy, as D4RL's exploration policy was), and Gaussian noise is added:
///   a = clip(a_π + σ·ε, −1, 1), ε ~ N(0, I), σ = `actionNoise` = 0.2 (D4RL's `--noisy`).
///
/// Row i, as in D4RL's antmaze files (no `next_observations`, no log-probabilities):
/// - `observations` f32[N, 29]: the AntMaze observation the action was chosen from;
/// - `actions` f32[N, 8]: the action as executed;
/// - `rewards` f32[N]: D4RL's sparse relabelling, 1 if ‖(x, y)(s′_i) − g_task‖ ≤ 0.5 else 0,
///   with g_task the *task's* goal (the maze's goal cell plus D4RL's offsets, drawn once per
///   file and kept in `metadata/reward_goal`), not the episode's commanded goal;
/// - `terminals` bool[N]: the same condition (D4RL's relabelling sets them together); an
///   episode goes on after one;
/// - `timeouts` bool[N]: true on the last row of every 1000-step episode;
/// - `infos/goal` f32[N, 2]: the episode's commanded goal; `infos/qpos` f32[N, 15] and
///   `infos/qvel` f32[N, 14]: the simulator state before the action.
///
/// The file's `metadata/` gives the kit's provenance, the controller's run and score, and the
/// fraction of episodes in which the ant came within 0.5 m of its commanded goal
/// (`goal_reached_fraction`). Measured with the quick preset (seed 0, its controller after
/// 100,000 steps, which reaches 85% of open-space targets; commit e4acf84): the ant reached its
/// commanded goal in 74 of the U-maze's 100 episodes, 50 of the medium maze's and 28 of the
/// large maze's, and came within 0.5 m of the *task's* goal, which is what the rewards mark, in
/// 75, 15 and 6 of them (30,924, 128 and 1,078 rewarded rows). D4RL's navigator cuts corners
/// into walls where its cell lookup moves on half a cell early (travelling in −x or −y), which
/// costs the weak quick controller episodes in the bigger mazes; with a centred lookup and
/// waypoints (commit daa8632) the counts were 74/74, 64/2 and 49/9: more goals reached, but the
/// medium maze's task goal, in the corner of a cell crossed on the way to the dead end beside
/// it, was touched in 2 episodes. Recording runs at about 2,500 steps per CPU second.
///
/// Randomness: resets and goals from `.environment`, the policy and the action noise from
/// `.dataset`, waypoint offsets from `.exploration` streams of `seed`.
public struct AntMazeDatasetGenerator {
    public var task: D4RLTask
    public var preset: Preset
    public var seed: UInt64
    /// Transitions; nil means `defaultSize(for: preset)`.
    public var size: Int?
    /// σ of the Gaussian action noise.
    public var actionNoise: Float = 0.2
    /// Steps per episode (D4RL's `max_episode_steps`).
    public var episodeSteps = 1000

    public init(task: D4RLTask, preset: Preset, seed: UInt64 = 0, size: Int? = nil) {
        self.task = task
        self.preset = preset
        self.seed = seed
        self.size = size
    }

    /// tiny 5,000 (tests); quick 100,000 (100 episodes); standard and paper D4RL's 1,000,000.
    public static func defaultSize(for preset: Preset) -> Int {
        switch preset {
        case .tiny: return 5_000
        case .quick: return 100_000
        case .standard, .paper: return 1_000_000
        }
    }

    /// What one recording did, for the file's metadata and the command's printout.
    public struct Statistics: Sendable, Equatable {
        /// Whole episodes recorded (the last may be cut by the size and is not counted).
        public var episodes = 0
        /// Of those, the ones in which the torso came within 0.5 m of the commanded goal.
        public var episodesReachingGoal = 0
        /// Of those, the ones with at least one reward (the task's goal reached).
        public var episodesWithReward = 0
        /// Rows with reward 1.
        public var rewardRows = 0

        public var goalReachedFraction: Double { episodes == 0 ? 0 : Double(episodesReachingGoal) / Double(episodes) }

        public var summary: String {
            String(format: "the ant reached its commanded goal in %d of %d episodes (%.1f%%); %d episodes and %d rows reward the task's goal",
                   episodesReachingGoal, episodes, 100 * goalReachedFraction, episodesWithReward, rewardRows)
        }
    }

    /// Trains (or resumes, or reuses) the controller run of `preset` in `store`, then records;
    /// with `controllerActor`, drives the actor that file holds (`AntControllerTraining.exportActor`)
    /// instead, and the file's metadata names it.
    public func generate(in environment: AntMazeEnvironment, store: ResultsStore, controllerActor: URL? = nil, showsProgress: Bool = true,
                         progress: ((Int) -> Void)? = nil) throws -> (dataset: D4RLDataset, statistics: Statistics) {
        if let controllerActor {
            let controller = try AntControllerTraining.controller(actorFile: controllerActor)
            var (dataset, statistics) = try record(controller: controller, in: environment, progress: progress)
            dataset.metadata["controller_actor"] = .string(controllerActor.path)
            if case let .string(command)? = dataset.metadata["command"] {
                dataset.metadata["command"] = .string(command + " --controller-actor \(controllerActor.path)")
            }
            return (dataset, statistics)
        }
        let training = AntControllerTraining(preset: preset, seed: seed, store: store)
        let (controller, summary) = try training.train(showsProgress: showsProgress)
        var (dataset, statistics) = try record(controller: controller, in: environment, progress: progress)
        let evaluation = summary.finalEvaluation
        dataset.metadata["controller_run"] = .string(training.runDirectory.url.path)
        dataset.metadata["controller_command"] = .string(training.command)
        dataset.metadata["controller_steps"] = .integer(Int64(summary.finalStep))
        if let evaluation { dataset.metadata["controller_distance_closed"] = .real(evaluation.score) }
        return (dataset, statistics)
    }

    /// Records `size` rows of `controller` (a SAC agent over `AntGoalReachingEnvironment`'s
    /// observations) navigating `environment`'s maze.
    public func record(controller: SAC, in environment: AntMazeEnvironment, maximumTargetDistance: Double = 5,
                       progress: ((Int) -> Void)? = nil) throws -> (dataset: D4RLDataset, statistics: Statistics) {
        let size = self.size ?? Self.defaultSize(for: preset)
        precondition(size >= 1, "a dataset needs at least one transition")
        var resets = RandomStream(seed: seed, for: .environment)
        var actionStream = RandomStream(seed: seed, for: .dataset)
        var waypointStream = RandomStream(seed: seed, for: .exploration)
        let rewardGoal = environment.sampleGoal(using: &resets)
        let planner = MazeWaypointPlanner(maze: environment.maze)

        let obsSize = environment.observationSize, actSize = environment.actionSize
        var observations = Matrix(rows: size, columns: obsSize)
        var actions = Matrix(rows: size, columns: actSize)
        var rewards = [Float](repeating: 0, count: size)
        var terminals = [Bool](repeating: false, count: size)
        var timeouts = [Bool](repeating: false, count: size)
        var goals: [Double] = [], qpos: [Double] = [], qvel: [Double] = []
        let nq = environment.simulation.nq, nv = environment.simulation.nv
        goals.reserveCapacity(2 * size)
        qpos.reserveCapacity(nq * size)
        qvel.reserveCapacity(nv * size)

        var statistics = Statistics()
        var observation = environment.resetDiverse(using: &resets)
        var episodeStep = 0, reachedGoal = false, rewarded = false
        for i in 0..<size {
            let q = environment.simulation.qpos, v = environment.simulation.qvel
            qpos.append(contentsOf: q.map { Double(Float($0)) })
            qvel.append(contentsOf: v.map { Double(Float($0)) })
            let goal = environment.goal
            goals += [Double(Float(goal.x)), Double(Float(goal.y))]
            let position = (x: q[0], y: q[1])
            let waypoint = planner.waypoint(at: position, goal: goal, using: &waypointStream)
            let input = AntGoalReachingEnvironment.controllerObservation(
                antObservation: observation, relativeGoal: (waypoint.x - position.x, waypoint.y - position.y),
                maximumDistance: maximumTargetDistance)
            var action = controller.act(observation: input, deterministic: false, using: &actionStream)
            for j in 0..<actSize { action[j] = min(max(action[j] + actionNoise * Float(actionStream.nextGaussian()), -1), 1) }
            let step = try environment.step(action)
            episodeStep += 1
            let x = environment.simulation.qpos[0], y = environment.simulation.qpos[1]
            let atTaskGoal = ((x - rewardGoal.x) * (x - rewardGoal.x) + (y - rewardGoal.y) * (y - rewardGoal.y)).squareRoot()
                <= AntMazeEnvironment.goalRadius
            for j in 0..<obsSize { observations[i, j] = observation[j] }
            for j in 0..<actSize { actions[i, j] = action[j] }
            rewards[i] = atTaskGoal ? 1 : 0
            terminals[i] = atTaskGoal
            if atTaskGoal { statistics.rewardRows += 1; rewarded = true }
            if environment.distanceToGoal <= AntMazeEnvironment.goalRadius { reachedGoal = true }
            if episodeStep == episodeSteps {
                timeouts[i] = true
                statistics.episodes += 1
                if reachedGoal { statistics.episodesReachingGoal += 1 }
                if rewarded { statistics.episodesWithReward += 1 }
                observation = environment.resetDiverse(using: &resets)
                episodeStep = 0
                reachedGoal = false
                rewarded = false
            } else {
                observation = step.observation
            }
            if (i + 1) % 1000 == 0 || i + 1 == size { progress?(i + 1) }
        }

        var dataset = D4RLDataset(
            observations: observations, actions: actions, rewards: rewards, terminals: terminals, timeouts: timeouts,
            infos: ["goal": .float32(rows: size, columns: 2, values: goals),
                    "qpos": .float32(rows: size, columns: nq, values: qpos),
                    "qvel": .float32(rows: size, columns: nv, values: qvel)])
        dataset.metadata = DatasetRecorder.metadata(
            task: task, seed: seed, size: size, maxEpisodeSteps: episodeSteps,
            command: "repro dataset generate \(task.name) --preset \(preset) --seed \(seed)" + (self.size.map { " --size \($0)" } ?? ""),
            extra: [
                "algorithm": .string("SAC goal-reaching controller driven by a waypoint planner"),
                "behavior_policy": .string(String(format: "the kit's open-space SAC ant controller steered to the next cell of a shortest path "
                                                  + "(MazeWaypointPlanner), policy samples plus N(0, %.2f²) action noise; a random start "
                                                  + "cell (not a goal cell) and one of D4RL's goal cells per episode (diverse); %d-step episodes", actionNoise, episodeSteps)),
                "reward_goal": .array(NumericArray(elementType: .float32, shape: [2], values: [rewardGoal.x, rewardGoal.y])),
                "action_noise": .real(Double(actionNoise)),
                "episodes": .integer(Int64(statistics.episodes)),
                "episodes_reaching_goal": .integer(Int64(statistics.episodesReachingGoal)),
                "episodes_with_reward": .integer(Int64(statistics.episodesWithReward)),
                "goal_reached_fraction": .real(statistics.goalReachedFraction),
                "preset": .string(preset.rawValue),
            ])
        return (dataset, statistics)
    }
}
