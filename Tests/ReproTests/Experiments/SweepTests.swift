import Foundation
import Testing
import Repro

@Suite struct SweepTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// B needs the file A writes after a pause; with two slots B would start at once and fail
    /// unless the sweep waits for A.
    @Test func aJobWaitsForItsDependencies() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("a-done").path
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 2, logFolder: folder.appendingPathComponent("logs"))
        var reports: [String] = []
        try sweep.run([
            Sweep.Job(name: "b", arguments: ["-c", "test -f \(marker)"], dependencies: ["a"]),
            Sweep.Job(name: "a", arguments: ["-c", "sleep 0.4 && touch \(marker)"]),
        ]) { reports.append($0) }
        #expect(reports.first == "started  a")
        #expect(reports.filter { $0.hasPrefix("finished") }.count == 2)
    }

    @Test func aFailedJobStopsTheSweepAndShowsItsLog() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: folder.appendingPathComponent("logs"))
        #expect {
            try sweep.run([Sweep.Job(name: "bad", arguments: ["-c", "echo the reason; exit 3"]),
                           Sweep.Job(name: "never", arguments: ["-c", "touch \(folder.path)/never"])])
        } throws: { error in
            guard case let .jobFailed(name, status, _, tail)? = error as? SweepError else { return false }
            return name == "bad" && status == 3 && tail.contains("the reason")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("never").path))
    }

    /// A job whose run another worker holds (exit 75) is tried again later, and its dependants wait:
    /// here the "other worker" lets go after its second attempt.
    @Test func aTakenJobIsRetriedAndItsDependantsWait() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let attempts = folder.appendingPathComponent("attempts").path
        var sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 2, logFolder: folder.appendingPathComponent("logs"))
        sweep.retryInterval = 0.3
        var reports: [String] = []
        try sweep.run([
            Sweep.Job(name: "held", arguments: ["-c", "echo x >> \(attempts); test $(wc -l < \(attempts)) -ge 3 || exit 75"]),
            Sweep.Job(name: "after", arguments: ["-c", "test $(wc -l < \(attempts)) -ge 3"], dependencies: ["held"]),
        ]) { reports.append($0) }
        #expect(reports.filter { $0.hasPrefix("waiting  held") }.count == 2)
        #expect(reports.filter { $0.hasPrefix("finished") }.count == 2)
    }
}
