import Foundation
import Testing
@testable import RLCore

private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-trainer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A small SAC for the point task.
private func pointAgent(seed: UInt64) -> SAC {
    var configuration = SAC.Configuration()
    configuration.hiddenSizes = [32, 32]
    configuration.batchSize = 64
    configuration.actorLearningRate = 1e-3
    configuration.criticLearningRate = 1e-3
    configuration.temperatureLearningRate = 1e-3
    configuration.discount = 0.9
    var rng = RandomStream(seed: seed, for: .networks)
    return SAC(observationSize: 1, actionSize: 1, configuration: configuration, using: &rng)
}

/// The log without its wall-time column, which is the one thing allowed to differ.
private func logWithoutWallTime(_ url: URL) throws -> [String] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).dropLast().joined(separator: "\t") }
}

/// The log's rows, split into fields (header first).
private func logRows(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
}

/// The wall-time field (the last) of each row whose step (the first field) is at most `step`.
private func wallTimes(in url: URL, throughStep step: Int) throws -> [String] {
    try logRows(url).dropFirst().filter { Int($0[0])! <= step }.map { $0.last! }
}

/// Replaces the wall-time field of the rows up to `step` with `marker`.
private func markWallTime(in url: URL, throughStep step: Int, with marker: String) throws {
    let rows = try logRows(url)
    let marked = [rows[0]] + rows.dropFirst().map { row in
        Int(row[0])! <= step ? row.dropLast() + [marker] : row
    }
    try (marked.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
}

/// A few offline transitions of the point task, from uniform random actions.
private func pointDataset(count: Int, seed: UInt64, reward: Float? = nil) throws -> Transitions {
    let environment = PointEnvironment()
    var rng = RandomStream(seed: seed)
    var observations: [Float] = [], actions: [Float] = [], rewards: [Float] = [], next: [Float] = []
    var observation = environment.reset(using: &rng)
    for _ in 0..<count {
        let action = [2 * rng.nextUniformFloat() - 1]
        let step = try environment.step(action)
        observations += observation; actions += action; next += step.observation
        rewards.append(reward ?? Float(step.reward))
        observation = step.isLast ? environment.reset(using: &rng) : step.observation
    }
    return Transitions(observations: Matrix(rows: count, columns: 1, storage: observations),
                       actions: Matrix(rows: count, columns: 1, storage: actions), rewards: rewards,
                       nextObservations: Matrix(rows: count, columns: 1, storage: next),
                       terminals: [Float](repeating: 0, count: count), truncations: [Float](repeating: 0, count: count))
}

@Suite struct TrainerTests {
    /// SAC from scratch moves the point to the origin: uniform random actions score about −6
    /// per episode, the learned policy better than −1.5 after 1,500 steps.
    @Test func sacLearnsThePointTask() throws {
        let schedule = TrainingSchedule(onlineSteps: 1500, warmupSteps: 200, evaluationInterval: 500, evaluationEpisodes: 10,
                                        logInterval: 100, checkpointInterval: 500, bufferCapacity: 2000)
        let trainer = try Trainer(agent: pointAgent(seed: 1), environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                                  offlineData: nil, schedule: schedule, selector: .policy, seed: 1)
        let summary = try trainer.run()
        let first = try #require(summary.evaluations.first), last = try #require(summary.evaluations.last)
        #expect(summary.evaluations.map(\.step) == [0, 500, 1000, 1500])
        #expect(last.meanReturn > -1.5, "final return \(last.meanReturn), initial \(first.meanReturn)")
        #expect(summary.updates == 1300)
    }

    /// Killed after step 133 with its last checkpoint at step 75 (mid-episode), the resumed
    /// run writes the same log, row for row, as a run that was never interrupted.
    @Test func resumedRunWritesTheSameLogAsAnUninterruptedOne() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let offline = try pointDataset(count: 300, seed: 5)
        let schedule = TrainingSchedule(offlineSteps: 40, onlineSteps: 200, updatesPerStep: 2, evaluationInterval: 50,
                                        evaluationEpisodes: 2, logInterval: 25, checkpointInterval: 75, bufferCapacity: 600)
        func trainer() throws -> Trainer {
            try Trainer(agent: pointAgent(seed: 2), environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                        offlineData: offline, rewardTransform: RewardTransform(scale: 2), schedule: schedule,
                        selector: .o3f(for: TaskRegistry.task(named: "halfcheetah-medium-v2")), seed: 9)
        }
        let whole = RunDirectory(url: folder.appendingPathComponent("whole"))
        let expected = try trainer().run(in: whole)

        let interrupted = RunDirectory(url: folder.appendingPathComponent("interrupted"))
        let first = try trainer()
        first.stopAfterStep = 133
        _ = try first.run(in: interrupted)
        #expect(!FileManager.default.fileExists(atPath: interrupted.doneURL.path))
        #expect(FileManager.default.fileExists(atPath: interrupted.checkpointURL.path))
        // Mark the wall time of the rows up to the checkpoint: a resumed run keeps them as
        // they are, a run that started again from step 0 would write them anew.
        try markWallTime(in: interrupted.logURL, throughStep: 75, with: "-1")
        let resumed = try trainer().run(in: interrupted)

        #expect(try logWithoutWallTime(interrupted.logURL) == logWithoutWallTime(whole.logURL))
        #expect(try wallTimes(in: interrupted.logURL, throughStep: 75).allSatisfy { $0 == "-1" })
        #expect(try wallTimes(in: interrupted.logURL, throughStep: 200).contains { $0 != "-1" })
        // CPU time is measured over both sessions; never more than the cores could give.
        let cpuTime = try #require(resumed.cpuTime)
        #expect(cpuTime > 0 && cpuTime <= resumed.wallTime * Double(ProcessInfo.processInfo.activeProcessorCount) + 0.1)
        #expect(resumed.evaluations == expected.evaluations)
        #expect(resumed.updates == expected.updates)
        // A finished run is never redone: running again returns its summary at once.
        let again = try trainer()
        again.stopAfterStep = -39
        #expect(try again.run(in: interrupted).updates == expected.updates)
    }

    /// A checkpoint written before the kit measured CPU time has no `cpuTime`: the run it
    /// resumes reports none rather than only its last session's, and says which step it
    /// continued from.
    @Test func cpuTimeIsUnknownAfterResumingACheckpointWithoutIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schedule = TrainingSchedule(onlineSteps: 60, evaluationInterval: 20, evaluationEpisodes: 1, logInterval: 10,
                                        checkpointInterval: 20, bufferCapacity: 100)
        func trainer() throws -> Trainer {
            try Trainer(agent: pointAgent(seed: 3), environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                        offlineData: nil, schedule: schedule, selector: .policy, seed: 4)
        }
        let run = RunDirectory(url: folder.appendingPathComponent("run"))
        let first = try trainer()
        first.stopAfterStep = 30
        _ = try first.run(in: run)
        let loop = run.checkpointURL.appendingPathComponent("loop.json")
        var state = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: loop)) as? [String: Any])
        #expect(state.removeValue(forKey: "cpuTime") != nil)
        try JSONSerialization.data(withJSONObject: state).write(to: loop)

        let second = try trainer()
        var resumedAt: [Int] = []
        second.resumed = { resumedAt.append($0) }
        let summary = try second.run(in: run)
        #expect(resumedAt == [20])
        #expect(summary.finalStep == 60 && summary.cpuTime == nil)
    }

    /// A NaN reward makes the critic loss NaN on the first update: training stops with an
    /// error naming the step and the loss, and saves the state for inspection.
    @Test func nonFiniteLossStopsTrainingAndSavesTheState() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let offline = try pointDataset(count: 100, seed: 6, reward: .nan)
        let schedule = TrainingSchedule(offlineSteps: 10, onlineSteps: 0, evaluationInterval: 5, evaluationEpisodes: 1,
                                        logInterval: 5, checkpointInterval: 5, bufferCapacity: 100)
        let trainer = try Trainer(agent: pointAgent(seed: 3), environment: nil, evaluationEnvironment: PointEnvironment(),
                                  offlineData: offline, schedule: schedule, selector: .policy, seed: 1)
        let directory = RunDirectory(url: folder.appendingPathComponent("run"))
        #expect {
            try trainer.run(in: directory)
        } throws: { error in
            guard case let .nonFinite(step, metric, _, savedTo) = error as? TrainingError else { return false }
            return step == -9 && metric == "critic_loss" && savedTo.hasSuffix("failed-checkpoint")
        }
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("failed-checkpoint/agent.o3fparam").path))
        #expect(directory.status != .done)
    }

    @Test func scheduleErrorsNameTheField() {
        let schedule = TrainingSchedule(onlineSteps: 10, evaluationInterval: 5, logInterval: 4, checkpointInterval: 6)
        #expect(throws: TrainingError.invalidSchedule(field: "checkpointInterval", rule: "must be a multiple of logInterval (4)")) {
            try schedule.validate()
        }
        let tooSmall = TrainingSchedule(onlineSteps: 10, evaluationInterval: 5, logInterval: 5, checkpointInterval: 5, bufferCapacity: 5)
        #expect(throws: TrainingError.bufferTooSmall(capacity: 5, needed: 10)) {
            try Trainer(agent: pointAgent(seed: 1), environment: PointEnvironment(), evaluationEnvironment: nil,
                        offlineData: nil, schedule: tooSmall, selector: .policy, seed: 1)
        }
    }
}
