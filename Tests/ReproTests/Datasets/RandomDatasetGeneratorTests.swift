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
        let url = try request.run(locator: locator, makeEnvironment: { _ in PointMass() })
        #expect(url.path == folder.appendingPathComponent("kit/walker2d_random-v2.hdf5").path)
        #expect(try locator.locate(task) == url)
        let read = try D4RLFile.read(at: url, loadingInfos: true)
        #expect(read.count == 500 && read.infos.count == 3)

        // A second run refuses to overwrite without --force, and replaces the file with it.
        #expect(throws: DatasetGenerationError.exists(path: url.path)) {
            try request.run(locator: locator, makeEnvironment: { _ in PointMass() })
        }
        var forced = request
        forced.force = true
        forced.size = 200
        _ = try forced.run(locator: locator, makeEnvironment: { _ in PointMass() })
        #expect(try D4RLFile.read(at: url).count == 200)
    }

    @Test func mediumAndNonLocomotionTasksAreRefusedClearly() throws {
        let medium = DatasetGeneration(task: try TaskRegistry.task(named: "halfcheetah-medium-v2"), size: 10)
        do {
            _ = try medium.run(makeEnvironment: { _ in PointMass() })
            Issue.record("a medium dataset was generated")
        } catch let error as DatasetGenerationError {
            #expect(error.description.contains("SAC") && error.description.contains("later issue"))
        }
        let antmaze = DatasetGeneration(task: try TaskRegistry.task(named: "antmaze-umaze-diverse-v2"), size: 10)
        #expect(throws: DatasetGenerationError.notGeneratable(task: "antmaze-umaze-diverse-v2", kind: "diverse")) {
            try antmaze.run(makeEnvironment: { _ in PointMass() })
        }
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
        let bar = ProgressBar(label: "gen", total: 1000, enabled: false)
        let line = bar.line(done: 250, elapsed: 2)
        #expect(line.hasPrefix("gen [######..................] 25% 250/1000 125 steps/s ETA 0:06"))
        #expect(ProgressBar.formatDuration(3725) == "1:02:05")
    }
}
