import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct AntMazeDatasetGeneratorTests {
    /// A small antmaze-umaze-diverse file, written and read back, has D4RL's antmaze keys,
    /// dtypes and shapes (no next_observations); 1000-step episodes end in timeouts and nothing
    /// else ends them; rewards and terminals are D4RL's relabelling at the task's goal, checked
    /// against the next row's torso position; infos/goal holds one goal per episode, in a goal cell;
    /// infos/qpos and infos/qvel agree with the observations; metadata says it is the kit's.
    @Test func aRecordingHasD4RLsAntMazeLayout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-antmaze-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let task = try TaskRegistry.task(named: "antmaze-umaze-diverse-v2")
        let environment = try #require(makeEnvironment(for: task) as? AntMazeEnvironment)
        var networks = RandomStream(seed: 2, for: .networks)
        let controller = SAC(observationSize: 29, actionSize: 8, configuration: SACPresets.configuration(for: .tiny), using: &networks)
        let generator = AntMazeDatasetGenerator(task: task, preset: .tiny, seed: 2, size: 2_300)
        var reported: [Int] = []
        let (recorded, statistics) = try generator.record(controller: controller, in: environment, progress: { reported.append($0) })
        #expect(reported.last == 2_300 && statistics.episodes == 2)
        let url = folder.appendingPathComponent(task.datasetFileName)
        try D4RLFile.write(recorded, to: url)

        let entries = Dictionary(uniqueKeysWithValues: try D4RLFile.entries(at: url).map { ($0.key, $0) })
        let n = 2_300
        #expect(entries["observations"]?.elementType == .float32 && entries["observations"]?.shape == [n, 29])
        #expect(entries["actions"]?.elementType == .float32 && entries["actions"]?.shape == [n, 8])
        #expect(entries["rewards"]?.elementType == .float32 && entries["rewards"]?.shape == [n])
        #expect(entries["terminals"]?.elementType == .bool && entries["terminals"]?.shape == [n])
        #expect(entries["timeouts"]?.elementType == .bool && entries["timeouts"]?.shape == [n])
        #expect(entries["infos/goal"]?.shape == [n, 2] && entries["infos/qpos"]?.shape == [n, 15] && entries["infos/qvel"]?.shape == [n, 14])
        #expect(entries["infos/goal"]?.elementType == .float32 && entries["infos/qpos"]?.elementType == .float32)
        #expect(entries["next_observations"] == nil && entries["infos/action_log_probs"] == nil)

        let dataset = try D4RLFile.read(at: url, task: task, loadingInfos: true)
        let timeouts = try #require(dataset.timeouts)
        #expect(timeouts.indices.filter { timeouts[$0] } == [999, 1999])
        #expect(dataset.actions.storage.allSatisfy { $0 >= -1 && $0 <= 1 })

        // Rewards and terminals: 1 exactly where the next row's torso is within 0.5 of the task's goal.
        guard case let .array(rewardGoal)? = dataset.metadata["reward_goal"] else { Issue.record("no reward_goal"); return }
        let g = (rewardGoal.values[0], rewardGoal.values[1])
        #expect((0..<1.6).contains(g.0) && (8..<9.6).contains(g.1))   // the U-maze's goal cell (0, 8) plus D4RL's offsets
        for i in 0..<(n - 1) where !timeouts[i] {
            let dx = Double(dataset.observations[i + 1, 0]) - g.0, dy = Double(dataset.observations[i + 1, 1]) - g.1
            let d = (dx * dx + dy * dy).squareRoot()
            if abs(d - 0.5) > 1e-4 { #expect(dataset.rewards[i] == (d <= 0.5 ? 1 : 0), "row \(i)") }
            #expect(dataset.terminals[i] == (dataset.rewards[i] == 1))
        }

        // One commanded goal per episode, in a goal cell of D4RL's collection layout (the U-maze
        // has one, the task's); the episodes' goals differ by D4RL's random offsets.
        let goal = try #require(dataset.infos["goal"]), qpos = try #require(dataset.infos["qpos"]), qvel = try #require(dataset.infos["qvel"])
        var episodeGoals: [[Double]] = []
        for start in [0, 1000, 2000] {
            let first = [goal.values[2 * start], goal.values[2 * start + 1]]
            #expect((start..<min(start + 1000, n)).allSatisfy { [goal.values[2 * $0], goal.values[2 * $0 + 1]] == first })
            let cell = try #require(environment.maze.cell(containing: first[0], first[1]))
            #expect(environment.maze.collectionGoalCells.contains { $0 == cell })
            episodeGoals.append(first)
        }
        #expect(Set(episodeGoals).count == 3)
        #expect((0..<n).allSatisfy { i in (0..<15).allSatisfy { Float(qpos.values[15 * i + $0]) == dataset.observations[i, $0] } })
        #expect((0..<n).allSatisfy { i in (0..<14).allSatisfy { Float(qvel.values[14 * i + $0]) == dataset.observations[i, 15 + $0] } })
        // A new episode starts somewhere else (a jump in the torso's position right after each timeout).
        for end in [999, 1999] {
            func distance(_ a: Int, _ b: Int) -> Double {
                hypot(Double(dataset.observations[a, 0] - dataset.observations[b, 0]), Double(dataset.observations[a, 1] - dataset.observations[b, 1]))
            }
            let jump = distance(end + 1, end), step = distance(end, end - 1)
            #expect(jump > 10 * step || jump > 1, "row \(end)")
        }

        if case let .string(origin)? = dataset.metadata["origin"] { #expect(origin.contains("generated by o3f-repro")) } else { Issue.record("no origin") }
        #expect(dataset.metadata["episodes"] == .integer(2) && dataset.metadata["goal_reached_fraction"] == .real(statistics.goalReachedFraction))
        // `repro dataset info` counts behaviour episodes between timeouts, not at D4RL's goal terminals.
        let info = try DatasetInfo(url: url, task: task)
        #expect(info.antMazeEpisodes?.total == 2 && info.antMazeEpisodes?.rewarded == statistics.episodesWithReward)
        #expect(info.report.contains("\ngoal reached\t") && info.report.contains("task's goal reached") && !info.report.contains("normalised score"))
        #expect(dataset.metadata["max_episode_steps"] == .integer(1000) && dataset.metadata["action_noise"] == .real(Double(Float(0.2))))
    }

    /// `repro dataset generate antmaze-… --controller-actor FILE`: the request writes D4RL's
    /// file name into the preset's folder, drives the actor from the file, reports the
    /// statistics and names the actor in the metadata and the command.
    @Test func generationDrivesAnExportedActor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-antmaze-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var networks = RandomStream(seed: 4, for: .networks)
        let actor = SAC(observationSize: 29, actionSize: 8, configuration: SACPresets.configuration(for: .tiny), using: &networks)
        let actorFile = folder.appendingPathComponent("actor.o3fparam")
        try AntControllerTraining.exportActor(of: actor, to: actorFile)
        let reloaded = try AntControllerTraining.controller(actorFile: actorFile)
        var a = RandomStream(seed: 1), b = RandomStream(seed: 1)
        let probe = [Float](repeating: 0.2, count: 29)
        #expect(actor.act(observation: probe, deterministic: true, using: &a) == reloaded.act(observation: probe, deterministic: true, using: &b))

        let task = try TaskRegistry.task(named: "antmaze-medium-diverse-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("kit").path],
                                     workingDirectory: folder).forDatasets(of: .tiny)
        var request = DatasetGeneration(task: task, size: 1_200, seed: 1, preset: .tiny)
        request.antControllerActor = actorFile
        var statistics: AntMazeDatasetGenerator.Statistics?
        request.lastAntMazeStatistics = { statistics = $0 }
        let url = try request.run(locator: locator, store: ResultsStore(root: folder.appendingPathComponent("runs")),
                                  makeEnvironment: { try makeEnvironment(for: $0) })
        #expect(url.lastPathComponent == task.datasetFileName && url.path.contains("/kit/tiny/"))
        #expect(statistics?.episodes == 1)
        let dataset = try D4RLFile.read(at: url, task: task)
        #expect(dataset.count == 1_200 && dataset.metadata["controller_actor"] == .string(actorFile.path))
        if case let .string(command)? = dataset.metadata["command"] {
            #expect(command == "repro dataset generate antmaze-medium-diverse-v2 --preset tiny --seed 1 --size 1200 --controller-actor \(actorFile.path)")
        } else { Issue.record("no command") }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs").path))   // no controller was trained
    }

    /// `repro dataset generate` accepts the antmaze -diverse tasks, with the preset's sizes.
    @Test func generationAcceptsTheDiverseTasks() throws {
        for name in ["antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2", "antmaze-large-diverse-v2"] {
            let task = try TaskRegistry.task(named: name)
            #expect(DatasetGeneration.canGenerate(task))
            #expect(DatasetGeneration.rows(of: task, preset: .standard) == 1_000_000)
            #expect(DatasetGeneration.rows(of: task, preset: .quick) == 100_000)
        }
    }
}
