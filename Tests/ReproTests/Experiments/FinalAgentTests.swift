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

        #expect(throws: FineTuningError.runNotFinished(job: offline.description, path: tiny.fineTuning.directory(for: offline).url.path)) {
            try tiny.fineTuning.finalAgent(of: offline)
        }
        try tiny.fineTuning.run(offline)
        // The restored agent acts as the checkpoint's weights do, and not as freshly initialised ones.
        let trained = Self.actions(of: try tiny.fineTuning.finalAgent(of: offline), observationSize: 29)
        let archive = try ParameterArchive(contentsOf: tiny.fineTuning.directory(for: offline).checkpointURL.appendingPathComponent("agent.o3fparam"))
        var networks = RandomStream(seed: 0, for: .networks)
        let fresh = IQL(observationSize: 29, actionSize: 8,
                        configuration: { var c = IQL.Configuration.configuration(for: tiny.task, critics: 5); c.hiddenSizes = [16]; c.batchSize = 32; return c }(),
                        using: &networks)
        #expect(Self.actions(of: fresh, observationSize: 29) != trained, "the final agent must not be the untrained one")
        try fresh.restore(from: archive)
        #expect(Self.actions(of: fresh, observationSize: 29) == trained)

        // A clone without the checkpoint (committed runs keep only their small files): trained again.
        try FileManager.default.removeItem(at: tiny.fineTuning.directory(for: offline).checkpointURL)
        let recovered = Self.actions(of: try tiny.fineTuning.finalAgent(of: offline), observationSize: 29)
        #expect(recovered == trained)
        #expect(tiny.fineTuning.directory(for: offline).status == .done)
    }

    @Test func antMazeRolloutsMeasureTheApproachToTheGoal() throws {
        let task = try TaskRegistry.task(named: "antmaze-umaze-diverse-v2")
        var networks = RandomStream(seed: 3, for: .networks)
        let agent = IQL(observationSize: 29, actionSize: 8,
                        configuration: { var c = IQL.Configuration.configuration(for: task, critics: 2); c.hiddenSizes = [16]; return c }(),
                        using: &networks)
        let result = try rollout(task: task, agent: agent, episodes: 2, seed: 1)
        for episode in result.episodes {
            let approach = try #require(episode.approach)
            #expect(approach.closest <= approach.start && approach.closest <= approach.final)
            #expect(approach.start > AntMazeEnvironment.goalRadius, "the U-maze's start cell is metres from its goal")
            #expect((episode.episodeReturn == 1) == (approach.closest <= AntMazeEnvironment.goalRadius))
        }
        let table = rolloutTable(result.episodes)
        #expect(table.hasPrefix("episode\treturn\tlength\tnormalised score\tgoal distance: start\tclosest\tend (m)\n"))
        #expect(table.split(separator: "\n").count == 4 && table.split(separator: "\n").allSatisfy { $0.split(separator: "\t").count == 7 })

        let cheetah = try rollout(task: TaskRegistry.task(named: "halfcheetah-random-v2"), policy: .zero, episodes: 1, seed: 0)
        #expect(cheetah.episodes[0].approach == nil && !rolloutTable(cheetah.episodes).contains("goal distance"))
    }
}

/// The watch record a run keeps and the table Chapter 4 builds from the records.
@Suite struct GoalApproachTableTests {
    @Test func watchedRunsFillTheTableAndUnwatchedOnesStayOut() throws {
        let tiny = try TinyFineTuning(name: "approach", task: "antmaze-umaze-diverse-v2", evaluationInterval: 20)
        defer { try? FileManager.default.removeItem(at: tiny.folder) }
        let online = FineTuningJob(experiment: "test", algorithm: "iql", task: tiny.task.name, exploration: .policy, seed: 0, preset: .tiny)
        try tiny.fineTuning.run(online.offlineJob)
        try tiny.fineTuning.run(online)
        let results = try FineTuningResults(experiment: "test", preset: .tiny, jobs: [online], store: tiny.fineTuning.store)
        #expect(try GoalApproachTable(results: results).markdown() == nil, "nothing watched yet")

        let offline = try FinalAgentWatch.watch(online.offlineJob, in: tiny.fineTuning, episodes: 2, seed: 5)
        #expect(try FinalAgentWatch.read(in: tiny.fineTuning.directory(for: online.offlineJob)) == offline)
        #expect(offline.episodes.count == 2 && offline.provenance.seed == 5)
        let closest = try #require(offline.meanClosestApproach)
        let table = try #require(try GoalApproachTable(results: results).markdown())
        #expect(table.contains(String(format: "| %.1f (1 seed) | – |", closest)), "\(table)")

        try FinalAgentWatch.watch(online, in: tiny.fineTuning, episodes: 2, seed: 5)
        let both = try #require(try GoalApproachTable(results: results).markdown())
        #expect(!both.contains("| – |") && both.contains("over 2 episodes"), "\(both)")
    }
}
