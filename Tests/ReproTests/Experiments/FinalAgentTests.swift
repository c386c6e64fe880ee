import Foundation
import Testing
import Repro
import RLCore

/// `FineTuning.finalAgent(of:)` (behind `repro finetune --watch`): the agent a finished run
/// ended with, restored from its checkpoint or trained again when the checkpoint is gone, and
/// its rollouts with the goal distances AntMaze reports.
@Suite struct FinalAgentTests {
    /// The agent's deterministic actions on a few fixed observations.
    static func actions(of agent: any Agent, observationSize: Int) -> [[Float]] {
        var stream = RandomStream(seed: 7, for: .evaluation)
        return (0..<3).map { i in
            let observation = (0..<observationSize).map { Float(($0 + i) % 5) * 0.3 - 0.6 }
            return agent.act(observation: observation, deterministic: true, using: &stream)
        }
    }

    @Test func theFinalAgentIsTheTrainedOneAndSurvivesALostCheckpoint() throws {
        let tiny = try TinyFineTuning(name: "final-agent", task: "antmaze-umaze-diverse-v2", evaluationInterval: 20)
        defer { try? FileManager.default.removeItem(at: tiny.folder) }
        let offline = FineTuningJob(experiment: "test", algorithm: "iql", task: tiny.task.name, exploration: nil, seed: 0, preset: .tiny)
        let run = tiny.fineTuning.directory(for: offline)

        #expect(throws: FineTuningError.noRun(job: offline.description, path: run.url.path)) { try tiny.fineTuning.finalAgent(of: offline) }
        try tiny.fineTuning.run(offline)
        // The restored agent acts as the checkpoint's weights do, and not as freshly initialised ones.
        let trained = Self.actions(of: try tiny.fineTuning.finalAgent(of: offline), observationSize: 29)
        let archive = try ParameterArchive(contentsOf: run.checkpointURL.appendingPathComponent("agent.o3fparam"))
        var networks = RandomStream(seed: 0, for: .networks)
        var configuration = IQL.Configuration.configuration(for: tiny.task, critics: 5)
        (configuration.hiddenSizes, configuration.batchSize) = ([16], 32)
        let fresh = IQL(observationSize: 29, actionSize: 8, configuration: configuration, using: &networks)
        #expect(Self.actions(of: fresh, observationSize: 29) != trained, "the final agent must not be the untrained one")
        try fresh.restore(from: archive)
        #expect(Self.actions(of: fresh, observationSize: 29) == trained)

        // A clone without the checkpoint (committed runs keep only their small files): trained again.
        try FileManager.default.removeItem(at: run.checkpointURL)
        #expect(Self.actions(of: try tiny.fineTuning.finalAgent(of: offline), observationSize: 29) == trained)
        #expect(run.status == .done)

        // A run made with other settings than the kit's for the job is not passed off as the job's.
        let edited = try String(contentsOf: run.configurationURL, encoding: .utf8).replacingOccurrences(of: "\"expectile\" : 0.9", with: "\"expectile\" : 0.8")
        #expect(edited != (try String(contentsOf: run.configurationURL, encoding: .utf8)), "the AntMaze IQL expectile is 0.9")
        try Data(edited.utf8).write(to: run.configurationURL)
        #expect(throws: RunDirectoryError.self) { try tiny.fineTuning.finalAgent(of: offline) }
    }

    @Test func antMazeRolloutsMeasureTheApproachToTheGoal() throws {
        let task = try TaskRegistry.task(named: "antmaze-umaze-diverse-v2")
        var networks = RandomStream(seed: 3, for: .networks)
        var configuration = IQL.Configuration.configuration(for: task, critics: 2)
        configuration.hiddenSizes = [16]
        let agent = IQL(observationSize: 29, actionSize: 8, configuration: configuration, using: &networks)
        let result = try rollout(task: task, agent: agent, episodes: 2, seed: 1)
        // The first reset, made independently from the same stream: the start distance is its.
        let maze = try #require(try makeEnvironment(for: task) as? AntMazeEnvironment)
        var stream = RandomStream(seed: 1, for: .environment)
        _ = maze.reset(using: &stream)
        #expect(result.episodes[0].approach?.start == maze.distanceToGoal)
        for episode in result.episodes {
            let approach = try #require(episode.approach)
            #expect(approach.start > AntMazeEnvironment.goalRadius, "the U-maze's start cell is metres from its goal")
            #expect((episode.episodeReturn == 1) == (approach.closest <= AntMazeEnvironment.goalRadius))
        }
        // Standing still (zero torques), the ant ends about where it started.
        let still = try rollout(task: task, policy: .zero, episodes: 1, seed: 1).episodes[0]
        let approach = try #require(still.approach)
        #expect(abs(approach.final - approach.start) < 0.5 && approach.closest > approach.start - 0.5, "\(approach)")

        let table = rolloutTable(result.episodes)
        #expect(table.hasPrefix("episode\treturn\tlength\tnormalised score\tgoal distance: start\tclosest\tend (m)\n"))
        #expect(table.split(separator: "\n").count == 4 && table.split(separator: "\n").allSatisfy { $0.split(separator: "\t").count == 7 })
        let cheetah = try rollout(task: TaskRegistry.task(named: "halfcheetah-random-v2"), policy: .zero, episodes: 1, seed: 0)
        #expect(cheetah.episodes[0].approach == nil && !rolloutTable(cheetah.episodes).contains("goal distance"))
    }
}

/// The watch record a run keeps and the table Chapter 4 builds from the records.
@Suite struct GoalApproachTableTests {
    @Test func watchedRunsFillTheTableSeedBySeed() throws {
        let tiny = try TinyFineTuning(name: "approach", task: "antmaze-umaze-diverse-v2", evaluationInterval: 20)
        defer { try? FileManager.default.removeItem(at: tiny.folder) }
        let arms = (0..<2).map { FineTuningJob(experiment: "test", algorithm: "iql", task: tiny.task.name, exploration: .policy, seed: $0, preset: .tiny) }
        for arm in arms {
            try tiny.fineTuning.run(arm.offlineJob)
            try tiny.fineTuning.run(arm)
        }
        let results = try FineTuningResults(experiment: "test", preset: .tiny, jobs: arms, store: tiny.fineTuning.store)
        #expect(try GoalApproachTable(results: results).markdown() == nil, "nothing watched yet")
        let file = tiny.folder.appendingPathComponent("approach-tiny.md")
        #expect(try GoalApproachTable(results: results).write(to: file) == false)
        #expect(!FileManager.default.fileExists(atPath: file.path), "no table, no file")

        let offline = try arms.map { try FinalAgentWatch.watch($0.offlineJob, in: tiny.fineTuning, episodes: 2) }
        #expect(try FinalAgentWatch.read(in: tiny.fineTuning.directory(for: arms[0].offlineJob)) == offline[0])
        #expect(offline[1].episodes.count == 2 && offline[1].provenance.seed == 1)
        let online = try FinalAgentWatch.watch(arms[0], in: tiny.fineTuning, episodes: 2)
        #expect(online.episodes.map { $0.approach?.start } == offline[0].episodes.map { $0.approach?.start },
                "a seed's offline and fine-tuned agents start from the same resets")

        let table = try #require(try GoalApproachTable(results: results).markdown())
        let start = SeedCurve.Point(step: 0, seedValues: offline.compactMap(\.meanStartDistance)).summary()
        let before = SeedCurve.Point(step: 0, seedValues: offline.compactMap(\.meanClosestApproach)).summary()
        let after = String(format: "%.1f (1 of 2 seeds)", try #require(online.meanClosestApproach))
        #expect(table.contains("| \(start) | \(before) | \(after) |"), "\(table)")
        #expect(try GoalApproachTable(results: results).write(to: file))
        #expect(try String(contentsOf: file, encoding: .utf8) == table)

        // A run made again since it was watched: its record no longer counts.
        let log = tiny.fineTuning.directory(for: arms[0]).logURL
        try Data((try String(contentsOf: log, encoding: .utf8) + "\n").utf8).write(to: log)
        #expect(try FinalAgentWatch.read(in: tiny.fineTuning.directory(for: arms[0])) == nil)
        #expect(try #require(try GoalApproachTable(results: results).markdown()).contains("| \(start) | \(before) | – |"))
    }
}
