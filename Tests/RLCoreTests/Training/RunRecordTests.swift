import Foundation
import Testing
@testable import RLCore

private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct RunRecordTests {
    @Test func logResumesByDroppingRowsAfterTheCheckpoint() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("log.tsv")
        let columns = ["step", "phase", "loss"]

        let uninterrupted = try RunLog(url: url, columns: columns)
        for step in 1...6 { try uninterrupted.append(step: step, ["phase": "online", "loss": .number(Double(step) / 4)]) }
        let expected = try String(contentsOf: url, encoding: .utf8)

        // Crash after step 5 with a checkpoint at step 3; resume and write steps 4...6 again.
        let crashed = try RunLog(url: url, columns: columns)
        for step in 1...5 { try crashed.append(step: step, ["phase": "online", "loss": .number(Double(step) / 4)]) }
        let resumed = try RunLog(url: url, columns: columns, resumingAfter: 3)
        for step in 4...6 { try resumed.append(step: step, ["phase": "online", "loss": .number(Double(step) / 4)]) }
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        #expect(expected.hasPrefix("step\tphase\tloss\n1\tonline\t0.25\n"))
    }

    @Test func resumingALogOfAnotherKindIsAnError() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("log.tsv")
        _ = try RunLog(url: url, columns: ["step", "a"])
        #expect(throws: RunLogError.self) { try RunLog(url: url, columns: ["step", "b"], resumingAfter: 0) }
    }

    @Test func runDirectoryStatusFollowsItsFiles() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = RunDirectory(url: folder.appendingPathComponent("run"))
        #expect(run.status == .missing)
        try run.claim(configuration: ["steps": 10])
        #expect(run.status == .partial)
        try run.claim(configuration: ["steps": 10])
        #expect(throws: RunDirectoryError.self) { try run.claim(configuration: ["steps": 11]) }
        try run.markDone(summary: ["score": 1.5])
        #expect(run.status == .done)
    }

    @Test func atomicWriteLeavesNoTemporaryFiles() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sub/file.json")
        try AtomicFile.writeJSON(["a": 1], to: url)
        try AtomicFile.writeJSON(["a": 2], to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["file.json"])
        #expect(try String(contentsOf: url, encoding: .utf8).contains("2"))
    }

    @Test func provenanceNamesTheLibraries() {
        let provenance = Provenance.current(seed: 4, dataset: "x.hdf5 (generated)")
        #expect(provenance.mujocoVersion == "2.2.2")
        #expect(provenance.seed == 4)
        #expect(provenance.summary.contains("seed 4"))
    }

    /// A run another binary resumed names both commits, the starting one first, each once;
    /// its JSON has no `resumptions` key until something resumed it.
    @Test func aResumedRunNamesTheCommitsThatMadeIt() throws {
        var provenance = Provenance.current(seed: 1)
        provenance.kitCommit = "aaaaaaa1111111"
        provenance.kitTreeDirty = false
        #expect(!String(decoding: try JSONEncoder().encode(provenance), as: UTF8.self).contains("resumptions"))
        var later = Provenance.Resumption.current(step: -750)
        later.kitCommit = "bbbbbbb2222222"
        later.kitTreeDirty = true
        provenance.resumptions = [later, later, .current(step: -500)]
        provenance.resumptions![2].kitCommit = "aaaaaaa1111111"
        provenance.resumptions![2].kitTreeDirty = false
        #expect(provenance.commits == ["aaaaaaa", "bbbbbbb+dirty"])
        #expect(provenance.summary.hasPrefix("commits aaaaaaa, bbbbbbb+dirty, MuJoCo 2.2.2"))
        #expect(try JSONDecoder().decode(Provenance.self, from: JSONEncoder().encode(provenance)) == provenance)
    }

    /// The commit a run records is the one its binary was built from (stamped at build time by
    /// `Plugins/KitSourceStamp`), so it does not follow the checkout when that moves on while
    /// the binary runs. The test binary was built from this checkout's HEAD moments ago.
    @Test func provenanceNamesTheCommitTheBinaryWasBuiltFrom() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the tests run from a git checkout of the kit")
        let commit = Provenance.current().kitCommit
        #expect(commit == head)
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit), "\(commit)")
    }
}
