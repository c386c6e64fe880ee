import Foundation
import Testing
import RLCore
@testable import Repro

private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-repro-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct RandomDatasetGeneratorTests {
    @Test func recordsRandomRolloutsInTheD4RLSchema() throws {
        let task = try TaskRegistry.task(named: "halfcheetah-random-v2")
        let environment = PointMass(maxEpisodeSteps: 10)
        var reported: [Int] = []
        let dataset = try RandomDatasetGenerator(size: 2500, seed: 11).generate(task: task, in: environment) { reported.append($0) }
        #expect(dataset.count == 2500 && dataset.observationSize == 2 && dataset.actionSize == 1)
        #expect(reported == [1000, 2000, 2500])
        #expect(dataset.actions.storage.allSatisfy { $0 >= -1 && $0 <= 1 })

        let timeouts = try #require(dataset.timeouts)
        let next = try #require(dataset.nextObservations)
        #expect(!zip(dataset.terminals, timeouts).contains { $0 && $1 })
        #expect(dataset.terminals.contains(true) && timeouts.contains(true))
        let summary = EpisodeSummary(of: dataset)
        for episode in summary.episodes.dropLast() {
            #expect(episode.length <= 10)
            if episode.ending == .timeout { #expect(episode.length == 10) }
        }
        // Within an episode, s' of one row is s of the next; qpos/qvel are the state before the action.
        let qpos = try #require(dataset.infos["qpos"]), qvel = try #require(dataset.infos["qvel"])
        #expect(qpos.shape == [2500, 1] && qpos.elementType == .float32)
        for i in 0..<2499 where !dataset.terminals[i] && !timeouts[i] {
            #expect(next[i, 0] == dataset.observations[i + 1, 0] && next[i, 1] == dataset.observations[i + 1, 1])
        }
        for i in 0..<2500 {
            #expect(Float(qpos.values[i]) == dataset.observations[i, 0] && Float(qvel.values[i]) == dataset.observations[i, 1])
        }
        #expect(dataset.infos["action_log_probs"]?.values.first.map { abs($0 + log(2)) < 1e-12 } == true)
        #expect(dataset.metadata["seed"] == .integer(11))
        #expect(dataset.metadata["task"] == .string("halfcheetah-random-v2"))
        #expect(dataset.metadata["mujoco_version"] == .string(LibraryVersions.mujoco))
        if case let .string(origin)? = dataset.metadata["origin"] { #expect(origin.contains("o3f-repro")) } else { Issue.record("no origin") }
    }

    @Test func theSeedDeterminesTheDataset() throws {
        let task = try TaskRegistry.task(named: "hopper-random-v2")
        func make(_ seed: UInt64) throws -> D4RLDataset {
            var dataset = try RandomDatasetGenerator(size: 300, seed: seed).generate(task: task, in: PointMass())
            dataset.metadata = [:]
            return dataset
        }
        #expect(try make(5) == make(5))
        #expect(try make(5) != make(6))
    }

    @Test func generationWritesAFileTheReaderAccepts() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "walker2d-random-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("kit").path],
                                     workingDirectory: folder)
        let request = DatasetGeneration(task: task, size: 500, seed: 1)
        let store = ResultsStore(root: folder.appendingPathComponent("runs"))
        let url = try request.run(locator: locator, store: store, makeEnvironment: { _ in PointMass() })
        #expect(url.path == folder.appendingPathComponent("kit/walker2d_random-v2.hdf5").path)
        #expect(try locator.locate(task) == url)
        let read = try D4RLFile.read(at: url, loadingInfos: true)
        #expect(read.count == 500 && read.infos.count == 3)

        // A second run refuses to overwrite without --force, and replaces the file with it.
        #expect(throws: DatasetGenerationError.exists(path: url.path)) {
            try request.run(locator: locator, store: store, makeEnvironment: { _ in PointMass() })
        }
        var forced = request
        forced.force = true
        forced.size = 200
        _ = try forced.run(locator: locator, store: store, makeEnvironment: { _ in PointMass() })
        #expect(try D4RLFile.read(at: url).count == 200)
    }

    /// One maker per file: while another worker holds `<file>.lock`, a request is told so
    /// (the sweep tries it again later) and writes nothing; once that worker is gone the file is
    /// made, and the lock file removed.
    @Test func aDatasetBeingMadeElsewhereIsLeftToItsMaker() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "hopper-random-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.path], workingDirectory: folder)
        let url = locator.generatedURL(for: task)
        let request = DatasetGeneration(task: task, size: 100, seed: 1)
        let store = ResultsStore(root: folder.appendingPathComponent("runs"))
        do {
            let other = try RunLock(file: url.appendingPathExtension("lock"), guarding: url.path)
            #expect {
                try request.run(locator: locator, store: store, makeEnvironment: { _ in PointMass() })
            } throws: { error in
                guard case let .heldElsewhere(subject, _)? = error as? RunLockError else { return false }
                return subject == url.path
            }
            #expect(!FileManager.default.fileExists(atPath: url.path))
            withExtendedLifetime(other) {}
        }
        _ = try request.run(locator: locator, store: store, makeEnvironment: { _ in PointMass() })
        #expect(try D4RLFile.read(at: url).count == 100)
        #expect(!FileManager.default.fileExists(atPath: url.appendingPathExtension("lock").path))
    }

    /// An antmaze dataset needs the maze environment: any other is refused, naming the task.
    @Test func anAntMazeTaskRefusesAnotherEnvironment() throws {
        let antmaze = DatasetGeneration(task: try TaskRegistry.task(named: "antmaze-umaze-diverse-v2"), size: 10)
        #expect(throws: DatasetGenerationError.notGeneratable(task: "antmaze-umaze-diverse-v2", kind: "diverse")) {
            try antmaze.run(store: ResultsStore(root: URL(fileURLWithPath: "/nonexistent")), makeEnvironment: { _ in PointMass() })
        }
    }

    /// The medium recipe end to end on the point mass: a short SAC run that stops at its first
    /// evaluation at or above the target, then a recording of its stochastic policy with the
    /// policy's log-probabilities, weights and the achieved score in the file.
    @Test func mediumDatasetRecordsTheStoppedSACPolicy() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "hopper-medium-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("kit").path],
                                     workingDirectory: folder)
        var request = DatasetGeneration(task: task, size: 300, seed: 4, preset: .quick, targetScore: 0.5)
        request.mediumSchedule = TrainingSchedule(onlineSteps: 400, warmupSteps: 100, evaluationInterval: 100, evaluationEpisodes: 2,
                                                  logInterval: 100, checkpointInterval: 100, bufferCapacity: 400)
        let store = ResultsStore(root: folder.appendingPathComponent("runs"))
        let url = try request.run(locator: locator, store: store, makeEnvironment: { _ in PointMass(maxEpisodeSteps: 20) })
        let dataset = try D4RLFile.read(at: url, loadingInfos: true)
        #expect(dataset.count == 300)
        #expect(dataset.metadata["algorithm"] == .string("SAC"))
        // Hopper's normalisation maps the point mass's returns (≈ 0) to ≈ 0.62, above 0.5: the
        // run stops at its first evaluation, step 0, before any update.
        #expect(dataset.metadata["target_reached"] == .integer(1))
        #expect(dataset.metadata["iteration"] == .integer(0))
        guard case .array(let lastLayer)? = dataset.metadata["policy/last_fc/weight"] else {
            Issue.record("no policy weights in the metadata"); return
        }
        #expect(lastLayer.shape == [1, 256])
        let logProbs = try #require(dataset.infos["action_log_probs"])
        #expect(logProbs.values.allSatisfy { $0.isFinite } && Set(logProbs.values).count > 100)
        // Stochastic actions: not all equal for equal observations' neighbours.
        #expect(Set(dataset.actions.storage).count > 250)
        let run = store.directory(for: RunKey(experiment: "medium-dataset", task: task.name, method: "sac-target-0.5", seed: 4, preset: .quick))
        #expect(run.status == .done)

        // A higher target the budget cannot reach is recorded honestly.
        var hard = request
        hard.targetScore = 90
        hard.force = true
        hard.size = 50
        _ = try hard.run(locator: locator, store: store, makeEnvironment: { _ in PointMass(maxEpisodeSteps: 20) })
        let second = try D4RLFile.read(at: url)
        #expect(second.metadata["target_reached"] == .integer(0))
        #expect(second.metadata["behavior_policy"]?.description.contains("NOT reached") == true)
    }
}

@Suite struct DatasetInfoTests {
    @Test func reportsSizesEpisodesReturnsScoreAndOrigin() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "hopper-random-v2")
        let url = folder.appendingPathComponent("points.hdf5")
        try D4RLFile.write(try RandomDatasetGenerator(size: 400, seed: 2).generate(task: task, in: PointMass()), to: url)
        // Not a hopper file (2-dim observations): the info names no task unless told, and
        // finds it from metadata/task, then refuses the wrong shapes.
        #expect(throws: D4RLFileError.self) { try DatasetInfo(url: url) }

        let file = folder.appendingPathComponent("other.hdf5")
        try D4RLFile.write(try RandomDatasetGenerator(size: 400, seed: 2).generate(task: task, in: PointMass()), to: file)
        var dataset = try D4RLFile.read(at: file, loadingInfos: true)
        dataset.metadata["task"] = nil
        try D4RLFile.write(dataset, to: file)
        let info = try DatasetInfo(url: file)
        #expect(info.task == nil && info.transitions == 400)
        let report = info.report
        #expect(report.contains("transitions\t400"))
        #expect(report.contains("digest\t\(Transitions(qLearningViewOf: dataset).digest) "))
        #expect(report.contains("observations\tfloat32\t[400, 2]"))
        #expect(report.contains("terminals\tbool\t[400]"))
        #expect(report.contains("generated by o3f-repro"))
        #expect(report.contains("return\tmin"))
        #expect(report.contains("episodes\t\(EpisodeSummary(of: dataset).episodes.count)"))
        #expect(!report.contains("normalised score\t"))
    }
}

@Suite struct ProgressBarTests {
    @Test func showsPercentRateAndETA() {
        let bar = ProgressBar(label: "gen", total: 1000, display: .hidden)
        let line = bar.line(done: 250, elapsed: 2)
        #expect(line.hasPrefix("gen [######..................] 25% 250/1000 125 steps/s ETA 0:06"))
        #expect(ProgressBar.formatDuration(3725) == "1:02:05")
        // Training runs add the last evaluation's score.
        bar.note = "score 31.4"
        #expect(bar.line(done: 250, elapsed: 2).contains("ETA 0:06 · score 31.4"))
    }

    /// A resumed run starts part done: its rate counts only the steps made since.
    @Test func aResumedRunsRateCountsItsOwnSteps() {
        let bar = ProgressBar(label: "sac", total: 1000, display: .hidden)
        bar.update(600)
        #expect(bar.line(done: 700, elapsed: 2).contains("50 steps/s ETA 0:06"), "\(bar.line(done: 700, elapsed: 2))")
    }

    @Test func logsWriteWholeLinesAtTheirIntervalAndAtTheEnd() {
        var written: [String] = []
        let everyUpdate = ProgressBar(label: "sac", total: 100, display: .lines(every: 0)) { written.append($0) }
        everyUpdate.update(40)
        everyUpdate.update(100)
        everyUpdate.finish()
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") && !$0.contains("  \n") })
        #expect(written[0].contains("40% 40/100") && written[1].contains("100% 100/100"))

        // Work shorter than the interval leaves the log as it was, end included.
        written = []
        let everyMinute = ProgressBar(label: "sac", total: 100, display: .lines(every: 60)) { written.append($0) }
        everyMinute.update(10)
        everyMinute.update(90)
        everyMinute.finish()
        #expect(written.isEmpty)

        // A run that stops early (its target score reached) ends at its own count, not 100%.
        written = []
        let early = ProgressBar(label: "sac", total: 100, display: .lines(every: 0)) { written.append($0) }
        early.update(30)
        early.finish()
        #expect(written.last?.contains("30% 30/100") == true, "\(written)")

        written = []
        let hidden = ProgressBar(label: "sac", total: 100, display: .hidden) { written.append($0) }
        hidden.update(50)
        hidden.finish()
        #expect(written.isEmpty)
    }
}
