import Foundation
import Testing
@testable import RLCore

@Suite struct ParameterArchiveTests {
    @Test func roundTripsBitForBit() throws {
        var rng = RandomStream(seed: 2)
        let network = MLP(widths: [3, 5, 2], layerNorm: true, using: &rng)
        network.weights[0].values[0] = -0.0
        network.weights[0].values[1] = .leastNonzeroMagnitude
        var archive = ParameterArchive()
        archive.add(network.parameters, prefix: "actor.")
        archive.scalars["step"] = 123_456_789_012
        let decoded = try ParameterArchive(data: archive.encoded(), source: "memory")
        #expect(decoded == archive)

        var other = RandomStream(seed: 99)
        let restored = MLP(widths: [3, 5, 2], layerNorm: true, using: &other)
        try decoded.load(into: restored.parameters, prefix: "actor.")
        for (a, b) in zip(network.parameters, restored.parameters) {
            #expect(a.array.map(\.bitPattern) == b.array.map(\.bitPattern))
        }
        #expect(decoded.scalars["step"] == 123_456_789_012)
    }

    @Test func rejectsAWrongShapeNamingTheTensor() throws {
        var rng = RandomStream(seed: 3)
        var archive = ParameterArchive()
        archive.add(MLP(widths: [3, 5, 2], using: &rng).parameters, prefix: "q.")
        let wider = MLP(widths: [3, 6, 2], using: &rng)
        #expect(throws: ParameterArchiveError.shapeMismatch("q.layer0.weight", expected: [3, 6], found: [3, 5])) {
            try archive.load(into: wider.parameters, prefix: "q.")
        }
        #expect(throws: ParameterArchiveError.missingTensor("v.layer0.weight")) { try archive.load(into: wider.parameters, prefix: "v.") }
    }

    @Test func rejectsOtherVersionsTruncationAndForeignFiles() throws {
        var archive = ParameterArchive()
        archive.add(name: "x", shape: [2], values: [1, 2])
        var bytes = archive.encoded()
        #expect(throws: ParameterArchiveError.truncated("f")) { try ParameterArchive(data: bytes.dropLast(3), source: "f") }
        bytes[8] = 9
        #expect(throws: ParameterArchiveError.unsupportedVersion("f", 9)) { try ParameterArchive(data: bytes, source: "f") }
        #expect(throws: ParameterArchiveError.notAnArchive("f")) { try ParameterArchive(data: Data("hello world".utf8), source: "f") }
    }
}
