import Foundation
import Testing
@testable import RLCore

@Suite struct D4RLFileTests {
    @Test func everyKeyRoundTripsWithItsDtype() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.hdf5")
        let dataset = makeSampleDataset()
        try D4RLFile.write(dataset, to: url)

        let read = try D4RLFile.read(at: url, loadingInfos: true)
        #expect(read == dataset)

        let types = Dictionary(uniqueKeysWithValues: try D4RLFile.entries(at: url).map { ($0.key, $0) })
        #expect(types["observations"]?.elementType == .float32 && types["observations"]?.shape == [8, 3])
        #expect(types["actions"]?.elementType == .float32 && types["actions"]?.shape == [8, 2])
        #expect(types["rewards"]?.elementType == .float32 && types["rewards"]?.shape == [8])
        #expect(types["terminals"]?.elementType == .bool && types["timeouts"]?.elementType == .bool)
        #expect(types["next_observations"]?.shape == [8, 3])
        #expect(types["infos/qvel"]?.elementType == .float64 && types["infos/success"]?.elementType == .bool)
        #expect(types["infos/steps"]?.elementType == .int64)
        #expect(types["metadata/algorithm"]?.elementType == .string && types["metadata/algorithm"]?.shape == [])
        #expect(types["metadata/iteration"]?.elementType == .int64)
        #expect(types["metadata/policy/fc0/weight"]?.shape == [2, 3])
    }

    @Test func infosAreSkippedUnlessAskedFor() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.hdf5")
        try D4RLFile.write(makeSampleDataset(), to: url)
        let read = try D4RLFile.read(at: url)
        #expect(read.infos.isEmpty)
        #expect(read.metadata["iteration"] == .integer(-7))
    }

    @Test func writingLeavesNoTemporaryFileAndReplacesAnOldOne() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.hdf5")
        try D4RLFile.write(makeSampleDataset(rows: 10), to: url)
        try D4RLFile.write(makeSampleDataset(rows: 7), to: url)
        #expect(try D4RLFile.read(at: url).count == 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sample.hdf5"])
    }

    @Test func aFailedWriteLeavesNothingUnderTheRealName() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bad.hdf5")
        var dataset = makeSampleDataset()
        dataset.rewards[3] = .nan
        #expect(throws: D4RLFileError.self) {
            try D4RLFile.write(dataset, to: url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aKeyCannotBeBothADatasetAndAGroup() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("conflict.hdf5")
        var dataset = makeSampleDataset()
        dataset.metadata["policy"] = .string("random")
        #expect(throws: D4RLFileError.conflictingKeys(path: url.path, key: "metadata/policy", group: "metadata/policy")) {
            try D4RLFile.write(dataset, to: url)
        }
    }

    @Test func theTaskChecksObservationAndActionSizes() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.hdf5")
        try D4RLFile.write(makeSampleDataset(), to: url)
        let task = try TaskRegistry.task(named: "halfcheetah-random-v2")
        #expect(throws: D4RLFileError.wrongObservationSize(path: url.path, task: task.name, expected: 17, found: 3)) {
            try D4RLFile.read(at: url, task: task)
        }
    }

    @Test func badFilesGiveErrorsNamingFileAndKey() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let missing = folder.appendingPathComponent("absent.hdf5")
        #expect(throws: D4RLFileError.fileNotFound(path: missing.path)) { try D4RLFile.read(at: missing) }

        let text = folder.appendingPathComponent("text.hdf5")
        try Data("observations,actions\n1,2\n".utf8).write(to: text)
        #expect(throws: D4RLFileError.notHDF5(path: text.path)) { try D4RLFile.read(at: text) }

        let noActions = folder.appendingPathComponent("no-actions.hdf5")
        writeRawHDF5([("observations", [4, 2], [Float](repeating: 0, count: 8)), ("rewards", [4], [0, 0, 0, 0])], to: noActions)
        #expect(throws: D4RLFileError.missingKey(path: noActions.path, key: "actions")) { try D4RLFile.read(at: noActions) }

        let short = folder.appendingPathComponent("short.hdf5")
        writeRawHDF5([("observations", [4, 2], [Float](repeating: 0, count: 8)), ("actions", [4, 1], [0, 0, 0, 0]),
                      ("rewards", [3], [0, 0, 0]), ("terminals", [4], [0, 0, 0, 0])], to: short)
        #expect(throws: D4RLFileError.mismatchedLength(path: short.path, key: "rewards", expected: 4, found: 3)) {
            try D4RLFile.read(at: short)
        }

        let shortActions = folder.appendingPathComponent("short-actions.hdf5")
        writeRawHDF5([("observations", [4, 2], [Float](repeating: 0, count: 8)), ("actions", [3, 1], [0, 0, 0]),
                      ("rewards", [4], [0, 0, 0, 0]), ("terminals", [4], [0, 0, 0, 0])], to: shortActions)
        #expect(throws: D4RLFileError.mismatchedLength(path: shortActions.path, key: "actions", expected: 4, found: 3)) {
            try D4RLFile.read(at: shortActions)
        }

        let nan = folder.appendingPathComponent("nan.hdf5")
        writeRawHDF5([("observations", [3, 1], [0, 0, 0]), ("actions", [3, 1], [0, 0, 0]),
                      ("rewards", [3], [0, .nan, 0]), ("terminals", [3], [0, 0, 0])], to: nan)
        do {
            _ = try D4RLFile.read(at: nan)
            Issue.record("a NaN reward was accepted")
        } catch let error as D4RLFileError {
            guard case let .nonFinite(path, key, row, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == nan.path && key == "rewards" && row == 1)
            #expect(error.description.contains("rewards") && error.description.contains(nan.path))
        }

        let truncated = folder.appendingPathComponent("truncated.hdf5")
        try D4RLFile.write(makeSampleDataset(rows: 2000), to: truncated)
        let bytes = try Data(contentsOf: truncated)
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        #expect(throws: D4RLFileError.damaged(path: truncated.path)) { try D4RLFile.read(at: truncated) }
    }

    @Test func errorMessagesSayHowToFixThem() {
        let missing = D4RLFileError.missingKey(path: "/d/x.hdf5", key: "actions").description
        #expect(missing.contains("/d/x.hdf5") && missing.contains("'actions'") && missing.contains("repro dataset generate"))
        let size = D4RLFileError.wrongObservationSize(path: "/d/x.hdf5", task: "hopper-random-v2", expected: 11, found: 17).description
        #expect(size.contains("17") && size.contains("11") && size.contains("hopper-random-v2"))
    }
}
