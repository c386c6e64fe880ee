import Foundation
import Testing
@testable import RLCore

@Suite struct DatasetLocatorTests {
    @Test func searchesD4RLPlacesThenTheKitFolder() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "halfcheetah-medium-v2")
        let locator = DatasetLocator(environment: ["D4RL_DATASET_DIR": folder.appendingPathComponent("d4rl").path,
                                                   "HOME": folder.appendingPathComponent("home").path,
                                                   "O3F_DATASET_DIR": folder.appendingPathComponent("kit").path],
                                     workingDirectory: folder)
        let candidates = locator.candidates(for: task).map(\.path)
        #expect(candidates == [
            folder.appendingPathComponent("d4rl/halfcheetah_medium-v2.hdf5").path,
            folder.appendingPathComponent("home/.d4rl/datasets/halfcheetah_medium-v2.hdf5").path,
            folder.appendingPathComponent("kit/halfcheetah_medium-v2.hdf5").path,
        ])

        do {
            _ = try locator.locate(task)
            Issue.record("found a file that does not exist")
        } catch let error as DatasetLocatorError {
            for path in candidates { #expect(error.description.contains(path)) }
            #expect(error.description.contains("repro dataset generate halfcheetah-medium-v2"))
            #expect(error.description.contains("SAC"))
            let random = DatasetLocatorError.notFound(task: "hopper-random-v2", searched: ["/x"]).description
            #expect(random.contains("Generate it with `repro dataset generate hopper-random-v2`"))
            let antmaze = DatasetLocatorError.notFound(task: "antmaze-large-diverse-v2", searched: ["/x"]).description
            #expect(antmaze.contains("Generate it with `repro dataset generate antmaze-large-diverse-v2`") && antmaze.contains("waypoint planner"))
            let kitchen = DatasetLocatorError.notFound(task: "kitchen-mixed-v0", searched: ["/x"]).description
            #expect(kitchen.contains("Generate it with `repro dataset generate kitchen-mixed-v0`") && kitchen.contains("not its human ones"))
        }

        // A reduced budget writes to its own subfolder and reads it first, then the full-size file.
        let quick = DatasetLocator(environment: locator.environment, workingDirectory: folder, reducedBudget: "quick")
        #expect(quick.generatedURL(for: task).path == folder.appendingPathComponent("kit/quick/halfcheetah_medium-v2.hdf5").path)
        #expect(Array(quick.candidates(for: task).map(\.path).suffix(2)) == [
            folder.appendingPathComponent("kit/quick/halfcheetah_medium-v2.hdf5").path,
            folder.appendingPathComponent("kit/halfcheetah_medium-v2.hdf5").path,
        ])
        // …and its error suggests generating at that budget.
        do { _ = try quick.locate(task); Issue.record("found a file that does not exist") } catch {
            #expect("\(error)".contains("Generate it with `repro dataset generate halfcheetah-medium-v2 --preset quick`"))
        }

        // The kit's copy is found, and D4RL's own copy wins over it.
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("kit").path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: candidates[2], contents: Data())
        #expect(try locator.locate(task).path == candidates[2])
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("home/.d4rl/datasets").path,
                                                withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: candidates[1], contents: Data())
        #expect(try locator.locate(task).path == candidates[1])
    }

    @Test func theKitFolderIsAtThePackageRoot() throws {
        let folder = try makeDataScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("Package.swift").path, contents: Data())
        let nested = folder.appendingPathComponent("Sources/RLCore")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let locator = DatasetLocator(environment: ["HOME": folder.path], workingDirectory: nested)
        #expect(locator.generatedFolder.standardizedFileURL.path == folder.appendingPathComponent("datasets").standardizedFileURL.path)
    }
}
