import Foundation
import Testing
@testable import RLCore

/// Reads a file written by h5py (scripts/make-h5py-fixture.py; the formulas are there).
@Suite struct H5pyFixtureTests {
    private func fixtureURL() throws -> URL {
        try #require(Bundle.module.url(forResource: "h5py-d4rl-small", withExtension: "hdf5", subdirectory: "Fixtures"))
    }

    @Test func coreKeysMatchTheFormulas() throws {
        let dataset = try D4RLFile.read(at: fixtureURL(), loadingInfos: true)
        #expect(dataset.count == 12 && dataset.observationSize == 3 && dataset.actionSize == 2)
        for i in 0..<12 {
            for j in 0..<3 {
                #expect(dataset.observations[i, j] == Float(Double(i) + Double(j) / 10))
                #expect(dataset.nextObservations?[i, j] == Float(Double(i) + Double(j) / 10) + 100)
            }
            for j in 0..<2 { #expect(dataset.actions[i, j] == Float(Double(j) - Double(i) / 10)) }
            #expect(dataset.rewards[i] == Float(i) / 2)
            #expect(dataset.terminals[i] == (i == 4))
            #expect(dataset.timeouts?[i] == (i == 9))
        }
    }

    @Test func infosKeepTheirDtypes() throws {
        let dataset = try D4RLFile.read(at: fixtureURL(), loadingInfos: true)
        let qpos = try #require(dataset.infos["qpos"])
        #expect(qpos.elementType == .float32 && qpos.shape == [12, 4])
        #expect(qpos.values[5 * 4 + 3] == 53)
        let qvel = try #require(dataset.infos["qvel"])
        #expect(qvel.elementType == .float64 && qvel.shape == [12, 3] && qvel.values[2 * 3 + 1] == -3)
        #expect(dataset.infos["goal"]?.values.prefix(4) == [0, 1, 0, 1])
    }

    @Test func metadataReadsAsH5pyWroteIt() throws {
        let dataset = try D4RLFile.read(at: fixtureURL())
        #expect(dataset.metadata["algorithm"] == .string("SAC"))
        #expect(dataset.metadata["iteration"] == .integer(42))
        #expect(dataset.metadata["label"] == .string("fixed"))
        #expect(dataset.metadata["policy/fc0/weight"]
                == .array(NumericArray(elementType: .float32, shape: [2, 3], values: [0, 1, 2, 3, 4, 5])))
    }

    @Test func entriesListH5pyDtypes() throws {
        let entries = Dictionary(uniqueKeysWithValues: try D4RLFile.entries(at: fixtureURL()).map { ($0.key, $0) })
        #expect(entries["terminals"]?.elementType == .bool)
        #expect(entries["metadata/algorithm"]?.elementType == .string)
        #expect(entries.count == 13)
    }
}
