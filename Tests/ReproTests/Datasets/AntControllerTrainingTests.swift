import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct AntControllerTrainingTests {
    /// The controller's run is a named run in the results store: an interrupted session leaves
    /// a checkpoint, the next one resumes it to the end, and a finished run is reused without
    /// training (same summary, same weights).
    @Test func theTinyControllerRunResumesAndIsReused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-ant-controller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let training = AntControllerTraining(preset: .tiny, seed: 3, store: ResultsStore(root: folder), onlineSteps: 600)
        #expect(training.runDirectory.url.path.hasSuffix("tiny/antmaze-controller/ant-goal-reaching/sac/seed-3"))
        #expect(training.schedule.warmupSteps == 200 && training.agentConfiguration.hiddenSizes == [32, 32])

        let (_, partial) = try training.train(showsProgress: false, stopAfterStep: 500)
        #expect(partial.finalStep == 500 && training.runDirectory.status != .done)
        try markWallTimes(inLogAt: training.runDirectory.logURL, throughStep: 500, with: "-1")
        let (agent, finished) = try training.train(showsProgress: false)
        let kept = try wallTimes(inLogAt: training.runDirectory.logURL)
        #expect(kept.filter { $0.value == "-1" }.keys.sorted() == kept.keys.filter { $0 <= 500 }.sorted(), "\(kept)")
        #expect(kept.keys.contains(600))
        let provenance = try training.runDirectory.provenance()
        #expect(provenance.resumptions?.map(\.step) == [500])
        #expect(finished.cpuTime.map { $0 > 0 } == true)
        #expect(finished.finalStep == 600 && training.runDirectory.status == .done)
        #expect(finished.updates == 400 && finished.evaluations.map(\.step) == [0, 500, 600])
        #expect(finished.evaluations.allSatisfy { $0.score.isFinite && $0.score == $0.meanReturn * 0.1 })

        let (again, reused) = try training.train(showsProgress: false)
        #expect(reused == finished)
        var a = RandomStream(seed: 1), b = RandomStream(seed: 1)
        let observation = [Float](repeating: 0.1, count: 29)
        #expect(agent.act(observation: observation, deterministic: true, using: &a) == again.act(observation: observation, deterministic: true, using: &b))

        // On a fresh clone the checkpoint is missing and the committed actor file stands in for
        // it: same actions, same summary, nothing trained (the log is untouched, no recovery).
        let files = FileManager.default
        #expect(files.fileExists(atPath: training.actorURL.path))
        let log = try String(contentsOf: training.runDirectory.logURL, encoding: .utf8)
        try files.removeItem(at: training.runDirectory.checkpointURL)
        let (fromFile, recorded) = try training.train(showsProgress: false)
        #expect(recorded == finished)
        var c = RandomStream(seed: 1), d = RandomStream(seed: 1)
        #expect(agent.act(observation: observation, deterministic: true, using: &c) == fromFile.act(observation: observation, deterministic: true, using: &d))
        #expect(try String(contentsOf: training.runDirectory.logURL, encoding: .utf8) == log)
        #expect(!files.fileExists(atPath: training.runDirectory.checkpointURL.path))
        // Asked for another run (another length), the committed actor is not passed off as it.
        let longer = AntControllerTraining(preset: .tiny, seed: 3, store: ResultsStore(root: folder), onlineSteps: 700)
        #expect(throws: RunDirectoryError.self) { try longer.train(showsProgress: false) }
    }

    /// A run that starts again from step 0 (an earlier process left its provenance but no
    /// checkpoint: killed before its first one, or the checkpoint stayed on another machine)
    /// records the binary that made its rows, not the one that made nothing it kept.
    @Test func aRunStartedAgainFromStepZeroRecordsItsOwnProvenance() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-ant-controller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let training = AntControllerTraining(preset: .tiny, seed: 5, store: ResultsStore(root: folder), onlineSteps: 600)
        let directory = training.runDirectory
        _ = try training.train(showsProgress: false, stopAfterStep: 500)
        try FileManager.default.removeItem(at: directory.checkpointURL)
        var stale = try directory.provenance()
        stale.kitCommit = "0123456789abcdef0123456789abcdef01234567"
        try JSONEncoder().encode(stale).write(to: directory.provenanceURL)

        _ = try training.train(showsProgress: false)
        let provenance = try directory.provenance()
        #expect(provenance.kitCommit == Provenance.current().kitCommit)
        #expect(provenance.resumptions == nil)
        #expect(directory.status == .done)
    }
}
