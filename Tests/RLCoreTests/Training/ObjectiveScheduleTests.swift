import Foundation
import Testing
@testable import RLCore

/// Critics that return the same value everywhere.
private final class ConstantCritics: CriticEnsemble {
    let value: Float
    private var output: [Float] = [0, 0]
    init(value: Float) { self.value = value }
    var criticCount: Int { 2 }
    func criticValues(ofRows inputs: UnsafeMutablePointer<Float>, rows: Int) -> UnsafePointer<Float> {
        output = [Float](repeating: value, count: rows * 2)
        return output.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }
}

/// Stands still (action 0) and believes every state-action is worth 3.
private final class StillAgent: Agent {
    let name = "still"
    let observationSize = 1
    let actionSize = 1
    let batchSize = 4
    let discount: Float = 0.9
    let metricNames: [String] = []
    let critics = ConstantCritics(value: 3)
    func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics { Metrics() }
    func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] { [0] }
    var criticEnsemble: any CriticEnsemble { critics }
    func save(into archive: inout ParameterArchive) {}
    func restore(from archive: ParameterArchive) throws {}
}

@Suite struct ObjectiveScheduleTests {
    @Test func valuesAtChosenSteps() {
        #expect(ObjectiveSchedule.fixed.value(initial: 5, onlineStep: 100) == 5)
        #expect(ObjectiveSchedule.abrupt(to: 0.5).value(initial: 5, onlineStep: 0) == 5)
        #expect(ObjectiveSchedule.abrupt(to: 0.5).value(initial: 5, onlineStep: 1) == 0.5)
        let linear = ObjectiveSchedule.linear(to: 0.85, over: 100)
        #expect(linear.value(initial: 0.7, onlineStep: 0) == 0.7)
        #expect(abs(linear.value(initial: 0.7, onlineStep: 50) - 0.775) < 1e-6)
        #expect(linear.value(initial: 0.7, onlineStep: 100) == 0.85)
        #expect(linear.value(initial: 0.7, onlineStep: 5000) == 0.85)
    }

    /// AWAC's λ moves linearly from 1 to 0.1 over the online phase, as the log shows.
    @Test func trainerMovesTheParameterAndLogsIt() throws {
        var configuration = AWAC.Configuration()
        configuration.hiddenSizes = [8]
        configuration.batchSize = 16
        var rng = RandomStream(seed: 1)
        let agent = AWAC(observationSize: 1, actionSize: 1, configuration: configuration, using: &rng)
        var schedule = TrainingSchedule(onlineSteps: 40, warmupSteps: 0, evaluationInterval: 20, evaluationEpisodes: 1,
                                        logInterval: 20, checkpointInterval: 20, bufferCapacity: 100)
        schedule.objective = .linear(to: 0.1, over: 40)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-objective-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let trainer = try Trainer(agent: agent, environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                                  offlineData: nil, schedule: schedule, selector: .policy, seed: 1)
        _ = try trainer.run(in: RunDirectory(url: folder))
        #expect(abs(agent.lambda - 0.1) < 1e-6)
        let rows = try String(contentsOf: folder.appendingPathComponent("log.tsv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let column = try #require(rows[0].firstIndex(of: "objective_parameter"))
        let logged = rows.dropFirst().compactMap { Float($0[column]) }
        #expect(logged.count == 3 && zip(logged, [1, 0.55, 0.1]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    /// CQL → SAC: the penalty is dropped at the first online step and stays off.
    @Test func cqlSwitchesToSACAtTheOnlineBoundary() throws {
        var configuration = CQL.Configuration()
        configuration.hiddenSizes = [8]
        configuration.batchSize = 16
        configuration.sampledActions = 2
        var rng = RandomStream(seed: 2)
        let agent = CQL(observationSize: 1, actionSize: 1, configuration: configuration, using: &rng)
        var schedule = TrainingSchedule(offlineSteps: 10, onlineSteps: 10, evaluationInterval: 10, evaluationEpisodes: 1,
                                        logInterval: 5, checkpointInterval: 5, bufferCapacity: 100)
        schedule.objective = .switchToSAC
        var observations: [Float] = [], actions: [Float] = []
        for i in 0..<50 { observations.append(Float(i % 7) / 7); actions.append(Float(i % 3) / 3 - 0.3) }
        let offline = Transitions(observations: Matrix(rows: 50, columns: 1, storage: observations), actions: Matrix(rows: 50, columns: 1, storage: actions),
                                  rewards: [Float](repeating: -0.5, count: 50), nextObservations: Matrix(rows: 50, columns: 1, storage: observations),
                                  terminals: [Float](repeating: 0, count: 50), truncations: [Float](repeating: 0, count: 50))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-switch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let trainer = try Trainer(agent: agent, environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                                  offlineData: offline, schedule: schedule, selector: .policy, seed: 1)
        _ = try trainer.run(in: RunDirectory(url: folder))
        #expect(!agent.isConservative)
        let rows = try String(contentsOf: folder.appendingPathComponent("log.tsv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let gap = try #require(rows[0].firstIndex(of: "cql_gap"))
        let offlineGaps = rows.dropFirst().filter { $0[1] == "offline" }.compactMap { Double($0[gap]) }
        let onlineGaps = rows.dropFirst().filter { $0[1] == "online" }.compactMap { Double($0[gap]) }
        #expect(offlineGaps.count == 2 && offlineGaps.allSatisfy { $0 != 0 })
        #expect(onlineGaps == [0, 0])
        // A switch needs a CQL agent.
        #expect(throws: TrainingError.self) {
            try Trainer(agent: StillAgent(), environment: PointEnvironment(), evaluationEnvironment: nil, offlineData: nil,
                        schedule: schedule, selector: .policy, seed: 1)
        }
    }

    /// Critics that say 3 everywhere, on a point that stands still at x₀ for 10 steps
    /// (reward −|x₀| each): the estimate is 3 and the return is the mean of the discounted
    /// tails −|x₀|·(1 − γ^(10−t))/(1 − γ).
    @Test func qBiasComparesTheEstimateWithTheDiscountedReturn() throws {
        var schedule = TrainingSchedule(onlineSteps: 0, evaluationInterval: 1, evaluationEpisodes: 1, logInterval: 1, checkpointInterval: 1,
                                        bufferCapacity: 10)
        schedule.offlineSteps = 0
        schedule.onlineSteps = 1
        schedule.measuresQBias = true
        let trainer = try Trainer(agent: StillAgent(), environment: PointEnvironment(), evaluationEnvironment: PointEnvironment(),
                                  offlineData: nil, schedule: schedule, selector: .policy, seed: 3)
        let summary = try trainer.run()
        let first = try #require(summary.evaluations.first)
        // The evaluation episode starts where the run's evaluation stream puts the point; the
        // still agent keeps it there, so every reward is −|x₀|.
        var evaluationStream = RandomStream(seed: 3, for: .evaluation)
        let distance = abs(Double(2 * evaluationStream.nextUniformFloat() - 1))
        #expect(abs(first.meanReturn + 10 * distance) < 1e-5)
        let expected = (0..<10).map { t in -distance * (1 - pow(0.9, Double(10 - t))) / (1 - 0.9) }.reduce(0, +) / 10
        #expect(first.qEstimate == 3)
        #expect(abs(try #require(first.qReturn) - expected) < 1e-5)
        #expect(abs(try #require(first.qBias) - (3 - expected)) < 1e-5)
        #expect(trainer.logColumns.suffix(4) == ["q_estimate", "q_return", "q_bias", "wall_time"])
    }
}
