import Foundation
import Testing
@testable import Repro

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

    /// A retried job goes back to its place in the list: with one slot, "held" (taken by another
    /// worker on its first try) starts again before "later", which came after it.
    @Test func aRetriedJobKeepsItsPlace() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let attempts = folder.appendingPathComponent("attempts").path
        var sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: folder.appendingPathComponent("logs"))
        sweep.retryInterval = 0.2
        var started: [String] = []
        try sweep.run([
            Sweep.Job(name: "held", arguments: ["-c", "echo x >> \(attempts); test $(wc -l < \(attempts)) -ge 2 || exit 75"]),
            Sweep.Job(name: "between", arguments: ["-c", "sleep 0.6"]),
            Sweep.Job(name: "later", arguments: ["-c", "true"]),
        ]) { if $0.hasPrefix("started  ") { started.append(String($0.dropFirst(9))) } }
        #expect(started == ["held", "between", "held", "later"])
    }

    /// The deepest ready job goes first: with one slot, "a-arm" (waiting for "a") starts as soon
    /// as "a" ends, before "b", which came before it in the list; in list order it would be
    /// a, b, a-arm, b-arm, and a sweep cut short after two jobs would leave a without its arm.
    /// An arm whose offline phase finished in an earlier sweep ("x", not in the list) is as deep.
    @Test func aDependantStartsBeforeTheNextIndependentJob() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: folder.appendingPathComponent("logs"))
        var started: [String] = []
        try sweep.run([
            Sweep.Job(name: "data", arguments: ["-c", "true"]),
            Sweep.Job(name: "a", arguments: ["-c", "true"], dependencies: ["data"]),
            Sweep.Job(name: "b", arguments: ["-c", "true"], dependencies: ["data"]),
            Sweep.Job(name: "a-arm", arguments: ["-c", "true"], dependencies: ["data", "a"]),
            Sweep.Job(name: "b-arm", arguments: ["-c", "true"], dependencies: ["data", "b"]),
        ]) { if $0.hasPrefix("started  ") { started.append(String($0.dropFirst(9))) } }
        #expect(started == ["data", "a", "a-arm", "b", "b-arm"])
        #expect(try Sweep.depths(of: [Sweep.Job(name: "x", arguments: [], dependencies: ["finished-before"]),
                                      Sweep.Job(name: "y", arguments: [], dependencies: ["x"]),
                                      Sweep.Job(name: "z", arguments: [], dependencies: ["y", "x"])]) == ["x": 1, "y": 2, "z": 3])
    }

    /// Datasets count for nothing: the AntMaze datasets wait for one another (the first trains
    /// the controller they share), and a later maze's offline phase must not outrank an
    /// earlier maze's arm.
    @Test func prerequisitesDoNotDeepenTheRunsThatWaitForThem() throws {
        var first = Sweep.Job(name: "data-1", arguments: [])
        var second = Sweep.Job(name: "data-2", arguments: [], dependencies: ["data-1"])
        first.isPrerequisite = true
        second.isPrerequisite = true
        let depths = try Sweep.depths(of: [
            first, Sweep.Job(name: "offline-1", arguments: [], dependencies: ["data-1"]),
            Sweep.Job(name: "arm-1", arguments: [], dependencies: ["data-1", "offline-1"]),
            second, Sweep.Job(name: "offline-2", arguments: [], dependencies: ["data-2"]),
        ])
        #expect(depths == ["data-1": 0, "offline-1": 0, "arm-1": 1, "data-2": 0, "offline-2": 0])
    }

    /// Jobs that wait for one another could never start: the sweep says so instead of waiting.
    @Test func aDependencyCycleIsAnError() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: folder.appendingPathComponent("logs"))
        #expect(throws: SweepError.dependencyCycle(["a", "b", "a"])) {
            try sweep.run([Sweep.Job(name: "a", arguments: ["-c", "true"], dependencies: ["b"]),
                           Sweep.Job(name: "b", arguments: ["-c", "true"], dependencies: ["a"])])
        }
        #expect(throws: SweepError.dependencyCycle(["self", "self"])) {
            try sweep.run([Sweep.Job(name: "self", arguments: ["-c", "true"], dependencies: ["self"])])
        }
    }

    /// A prerequisite (a dataset) is skipped with the runs that need it: under a deadline 3 s
    /// away, the 10 s run is skipped and so is the dataset it alone needed, while a dataset
    /// whose run fits, and that run, are made.
    @Test func aPrerequisiteIsSkippedWithEveryRunThatNeedsIt() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 2, logFolder: folder.appendingPathComponent("logs"))
        sweep.deadline = Date().addingTimeInterval(3)
        var longData = Sweep.Job(name: "long-data", arguments: ["-c", "touch \(folder.path)/long-data"])
        var shortData = Sweep.Job(name: "short-data", arguments: ["-c", "touch \(folder.path)/short-data"])
        longData.isPrerequisite = true
        shortData.isPrerequisite = true
        let skipped = try sweep.run([
            longData, Sweep.Job(name: "long-run", arguments: ["-c", "true"], dependencies: ["long-data"], estimatedSeconds: 10),
            shortData, Sweep.Job(name: "short-run", arguments: ["-c", "true"], dependencies: ["short-data"], estimatedSeconds: 1),
        ])
        #expect(skipped == ["long-data", "long-run"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("long-data").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("short-data").path))
    }

    /// With a deadline 3 s away, a 1 s job and one of unknown length run; a 10 s job and the job
    /// that waits for it are skipped (and returned); a 2.5 s job after a 1 s one waits for it,
    /// would end after the deadline by then, and is skipped when it would start.
    @Test func aDeadlineHoldsBackTheJobsThatWouldEndAfterIt() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 2, logFolder: folder.appendingPathComponent("logs"))
        sweep.deadline = Date().addingTimeInterval(3)
        var reports: [String] = []
        let skipped = try sweep.run([
            Sweep.Job(name: "long", arguments: ["-c", "touch \(folder.path)/long"], estimatedSeconds: 10),
            Sweep.Job(name: "short", arguments: ["-c", "sleep 1"], estimatedSeconds: 1),
            Sweep.Job(name: "after-long", arguments: ["-c", "touch \(folder.path)/after-long"], dependencies: ["long"], estimatedSeconds: 0.1),
            Sweep.Job(name: "after-short", arguments: ["-c", "touch \(folder.path)/after-short"], dependencies: ["short"], estimatedSeconds: 2.5),
            Sweep.Job(name: "unknown", arguments: ["-c", "true"]),
        ]) { reports.append($0) }
        #expect(skipped == ["long", "after-long", "after-short"], "\(reports)")
        #expect(reports.contains("skipped  after-long: it waits for a skipped run; left for the next sweep"))
        #expect(reports.filter { $0.hasPrefix("finished") }.count == 2)
        for name in skipped { #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)) }
    }

    /// A long sweep says where it stands every `progressInterval`: what is done, what runs and
    /// for how long, and, when every open job has an estimate, the time to go.
    @Test func aLongSweepReportsItsProgress() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: folder.appendingPathComponent("logs"))
        sweep.progressInterval = 0.3
        var reports: [String] = []
        try sweep.run([Sweep.Job(name: "first", arguments: ["-c", "sleep 2"], estimatedSeconds: 2),
                       Sweep.Job(name: "second", arguments: ["-c", "true"], estimatedSeconds: 1)]) { reports.append($0) }
        let progress = reports.filter { $0.hasPrefix("progress") }
        #expect(!progress.isEmpty, "\(reports)")
        #expect(progress.first?.hasPrefix("progress  0 of 2 done · running first (") == true, "\(progress)")
        #expect(progress.first?.contains(" · 1 waiting · ≈ ") == true, "\(progress)")

        let line = Sweep.progressLine(done: 3, total: 12, running: [("a", 840, 1_680), ("b", 540, nil)], waiting: [600], concurrency: 2)
        #expect(line == "progress  3 of 12 done · running a (14 min of ≈ 28 min), b (9 min) · 1 waiting")
        let estimated = Sweep.progressLine(done: 3, total: 12, running: [("a", 840, 1_680), ("b", 2_000, 1_500)], waiting: [3_000, 1_200],
                                           concurrency: 2)
        // (1,680 − 840) + 0 (b is past its estimate) + 3,000 + 1,200 over 2 cores is 2,520 s, but the
        // 3,000 s job alone takes longer.
        #expect(estimated.hasSuffix(" · 2 waiting · ≈ 50 min to go on 2 cores"), "\(estimated)")
        let shared = Sweep.progressLine(done: 0, total: 3, running: [("a", 0, 600)], waiting: [600, 600], concurrency: 2)
        #expect(shared.hasSuffix(" · ≈ 15 min to go on 2 cores"), "\(shared)")
    }

    @Test func timeSpansReadAsPeopleWriteThem() throws {
        #expect(try TimeSpan.seconds(parsing: "2h30m") == 9_000)
        #expect(try TimeSpan.seconds(parsing: "90m") == 5_400 && TimeSpan.seconds(parsing: "1.5h") == 5_400)
        #expect(try TimeSpan.seconds(parsing: "600") == 600 && TimeSpan.seconds(parsing: "1d") == 86_400)
        for bad in ["", "2x", "h", "0", "-5", "3h20"] {
            #expect(throws: TimeSpanError.unreadable(bad)) { try TimeSpan.seconds(parsing: bad) }
        }
    }
}

/// Two sweeps sharing a store share its log folder: a job's log may gain a line from another
/// worker (its "someone else holds this run") while the job runs.
@Suite struct SweepLogTests {
    @Test func anotherWorkersLineNeitherOverwritesNorEndsTheRunsReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-sweep-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let log = logs.appendingPathComponent("run.log")
        try "an earlier attempt\n".write(to: log, atomically: true, encoding: .utf8)
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: logs)
        // The job writes, waits (at most 10 s) for the other worker's line, then writes its summary;
        // the other worker writes once the job has started.
        let script = "echo started; for i in $(seq 200); do grep -q 'other worker' \(log.path) && break; sleep 0.05; done; echo 'score 42 at step 0'"
        let intruder = Thread {
            for _ in 0..<200 {
                if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("started") { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            guard let (handle, _) = try? Sweep.appending(to: log) else { return }
            handle.write(Data("the other worker holds it\n".utf8))
        }
        intruder.start()
        var reports: [String] = []
        try sweep.run([Sweep.Job(name: "run", arguments: ["-c", script])]) { reports.append($0) }
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text == "an earlier attempt\nstarted\nthe other worker holds it\nscore 42 at step 0\n")
        #expect(reports.last?.hasSuffix(": score 42 at step 0") == true, "\(reports)")
    }

    @Test func aFailuresTailLeavesOutEarlierAttempts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-sweep-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try "old failure reason\n".write(to: logs.appendingPathComponent("bad.log"), atomically: true, encoding: .utf8)
        let sweep = Sweep(executable: URL(fileURLWithPath: "/bin/sh"), concurrency: 1, logFolder: logs)
        #expect {
            try sweep.run([Sweep.Job(name: "bad", arguments: ["-c", "echo new reason; exit 2"])])
        } throws: { error in
            guard case let .jobFailed(_, _, _, tail)? = error as? SweepError else { return false }
            return tail == "new reason"
        }
    }
}

extension SweepLogTests {
    @Test func aJobThatCannotStartStopsTheSweepWithItsName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-sweep-launch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = Sweep(executable: URL(fileURLWithPath: "/nonexistent-o3f-folder/repro"), concurrency: 1,
                          logFolder: folder.appendingPathComponent("logs"))
        #expect {
            try sweep.run([Sweep.Job(name: "first", arguments: []), Sweep.Job(name: "second", arguments: [])])
        } throws: { error in
            guard case let .launchFailed(name, _)? = error as? SweepError else { return false }
            return name == "first" && "\(error)".contains("could not be started")
        }
    }

    @Test func anUnwritableLogNamesItsPath() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-o3f-folder/run.log")
        #expect(throws: SweepError.logUnwritable(path: missing.path, reason: "No such file or directory")) {
            _ = try Sweep.appending(to: missing)
        }
    }
}
