import Foundation
import Testing
@testable import RLCore

@Suite struct RunLockTests {
    private func scratchRun() throws -> RunDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-lock-\(UUID().uuidString)/run")
        return RunDirectory(url: url)
    }

    /// A second worker is refused while the first holds the run, and takes it once the first lets go.
    @Test func oneWorkerAtATime() throws {
        let run = try scratchRun()
        defer { try? FileManager.default.removeItem(at: run.url.deletingLastPathComponent()) }
        var first: RunLock? = try RunLock(directory: run)
        withExtendedLifetime(first) {
            _ = #expect {
                try RunLock(directory: run)
            } throws: { error in
                guard case let .heldElsewhere(path, holder)? = error as? RunLockError else { return false }
                return path == run.url.path && holder.contains("pid \(getpid())")
            }
        }
        first = nil
        #expect(throws: Never.self) { _ = try RunLock(directory: run) }
    }

    /// The kernel drops the lock of a worker killed with SIGKILL, so its run can be resumed.
    @Test func aKilledWorkersLockIsReleased() throws {
        let run = try scratchRun()
        defer { try? FileManager.default.removeItem(at: run.url.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell takes the lock on descriptor 9 and becomes `sleep`: the holder is this one process.
        holder.arguments = ["-c", "exec 9>'\(run.url.appendingPathComponent("worker.lock").path)'; flock --exclusive 9; exec sleep 60"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        var refused = false
        for _ in 0..<100 {
            if (try? RunLock(directory: run)) == nil { refused = true; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(refused, "the other process never held the lock")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(throws: Never.self) { _ = try RunLock(directory: run) }
    }
}
