import Foundation
import RLCore

/// Runs a list of jobs as child processes, at most `concurrency` at a time, each as soon as
/// the jobs it depends on have finished, the deepest ready job first (`depths`: an online arm
/// before another offline phase, so a sweep cut short leaves as few finished runs waiting for
/// their dependants as it can), in list order among equals (one
/// BLAS thread each: on a 2-core machine two processes use both cores without the collapse two
/// BLAS threads per process show). A job is an argument list for `executable`. Each child's
/// output goes to a log file; a failed child stops the sweep after the running ones finish, and
/// its log's last lines are in the error. A child that exits with `RunLockError.exitStatus`
/// found its run held by another worker (another sweep, a Slurm task): the job is tried again
/// every `retryInterval` seconds — it resumes the run if that worker died, or returns at once
/// when the run has finished — and the jobs that depend on it wait meanwhile. With a `deadline`,
/// a job starts only if its estimate says it ends by then; one that would not, the jobs that
/// wait for it, and a prerequisite all of whose dependants are skipped, are skipped (reported,
/// and left for the next sweep). Every
/// `progressInterval` seconds it reports where it stands (`progressLine`).
public struct Sweep {
    public var executable: URL
    public var concurrency: Int
    /// Folder for the children's output (one file per job).
    public var logFolder: URL
    /// Seconds before a job whose run another worker holds is tried again.
    public var retryInterval: TimeInterval = 10
    /// When the last job should have ended (nil: no limit).
    public var deadline: Date?
    /// Seconds between progress reports while jobs run (nil: none). A sweep's runs take
    /// minutes to hours each, and their own progress bars are off.
    public var progressInterval: TimeInterval? = 600

    public init(executable: URL, concurrency: Int, logFolder: URL) {
        self.executable = executable
        self.concurrency = max(1, concurrency)
        self.logFolder = logFolder
    }

    /// One child process: its name, its arguments, and the names of the jobs it must wait for
    /// (names not in the list count as finished).
    public struct Job: Sendable {
        public var name: String
        public var arguments: [String]
        public var dependencies: [String]
        /// Expected seconds to run (for a `deadline`; nil: unknown, never held back).
        public var estimatedSeconds: Double?
        /// Made only for the jobs that wait for it (a dataset for its runs): skipped, like
        /// them, when every one of them is.
        public var isPrerequisite = false

        public init(name: String, arguments: [String], dependencies: [String] = [], estimatedSeconds: Double? = nil) {
            self.name = name
            self.arguments = arguments
            self.dependencies = dependencies
            self.estimatedSeconds = estimatedSeconds
        }

        /// Whether a start at `now` ends by `deadline`, by the estimate.
        func fits(before deadline: Date?, now: Date) -> Bool {
            guard let deadline, let estimatedSeconds else { return true }
            return now.addingTimeInterval(estimatedSeconds) <= deadline
        }
    }

    /// A handle that appends to `log` (created if missing) and the log's size when opened. The
    /// file is opened with O_APPEND, so the workers of several sweeps sharing a store (whose
    /// logs share a folder) add their lines after one another's instead of over them.
    static func appending(to log: URL) throws -> (FileHandle, UInt64) {
        let descriptor = open(log.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw SweepError.logUnwritable(path: log.path, reason: String(cString: strerror(errno))) }
        let offset = lseek(descriptor, 0, SEEK_END)
        return (FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), UInt64(max(offset, 0)))
    }

    /// The lines of `log` from byte `offset` on: what one attempt of a job wrote.
    static func lines(of log: URL, from offset: UInt64) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: log) else { return [] }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The depth of each job: 0 for a prerequisite and for a job that waits for no run,
    /// otherwise one more than the deepest run it waits for, a name not in `jobs` counting as a
    /// run finished before (depth 0): an offline phase 0, its online arm 1 whether that phase
    /// is in this sweep or finished in an earlier one, whatever datasets they wait for (so that
    /// chained datasets do not put a later task's runs ahead of an earlier one's).
    /// - Throws: `SweepError.dependencyCycle` when a job waits, through others, for itself
    ///   (it could never start).
    static func depths(of jobs: [Job]) throws -> [String: Int] {
        let byName = Dictionary(jobs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var depths: [String: Int] = [:]
        func depth(_ job: Job, path: [String]) throws -> Int {
            if let known = depths[job.name] { return known }
            if path.contains(job.name) { throw SweepError.dependencyCycle(path + [job.name]) }
            let runDepths = try job.dependencies.compactMap { name -> Int? in
                guard let parent = byName[name] else { return 0 }   // finished before this sweep
                return parent.isPrerequisite ? nil : try depth(parent, path: path + [job.name])
            }
            let value = job.isPrerequisite ? 0 : runDepths.map { $0 + 1 }.max() ?? 0
            depths[job.name] = value
            return value
        }
        for job in jobs { _ = try depth(job, path: []) }
        return depths
    }

    /// Runs `jobs` as their dependencies allow, the deepest ready one first and in list order
    /// among equals; `report` is called as each one starts and ends. Returns the names of the
    /// jobs the `deadline` held back, in list order.
    @discardableResult
    public func run(_ jobs: [Job], report: (String) -> Void = { _ in }) throws -> [String] {
        try FileManager.default.createDirectory(at: logFolder, withIntermediateDirectories: true)
        var pending = jobs
        let order = Dictionary(jobs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let depthByName = try Self.depths(of: jobs)
        var unfinished = Set(jobs.map(\.name))
        typealias Running = (name: String, process: Process, log: URL, offset: UInt64, start: Date, estimate: Double?)
        var running: [Running] = []
        var notBefore: [String: Date] = [:]
        var failure: SweepError?
        var skipped = Set<String>()
        var lastProgress = Date()
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = environment["OPENBLAS_NUM_THREADS"] ?? "1"
        while !pending.isEmpty || !running.isEmpty {
            // Time only moves on: a job that no longer fits never will, nor will those waiting for it.
            // So is a prerequisite none of whose dependants will run.
            let unneeded = { (job: Job) in
                let dependants = jobs.filter { $0.dependencies.contains(job.name) }
                return job.isPrerequisite && !dependants.isEmpty && dependants.allSatisfy { skipped.contains($0.name) }
            }
            while let index = pending.firstIndex(where: { job in
                !job.fits(before: deadline, now: Date()) || job.dependencies.contains(where: skipped.contains) || unneeded(job)
            }) {
                let job = pending.remove(at: index)
                let reason = job.dependencies.contains(where: skipped.contains) ? "it waits for a skipped run"
                    : unneeded(job) ? "every run that needs it was skipped"
                    : "needs ≈ \(SweepPlan.duration(job.estimatedSeconds ?? 0)), \(SweepPlan.duration(max(0, deadline?.timeIntervalSinceNow ?? 0))) left before the deadline"
                skipped.insert(job.name)
                report("skipped  \(job.name): \(reason); left for the next sweep")
            }
            // The first of the deepest jobs whose dependencies have finished.
            let nextReadyIndex = { () -> Int? in
                let ready = pending.indices.filter { index in
                    let job = pending[index]
                    return job.dependencies.allSatisfy { !unfinished.contains($0) } && (notBefore[job.name].map { $0 <= Date() } ?? true)
                }
                let deepest = ready.map { depthByName[pending[$0].name, default: 0] }.max()
                return ready.first { depthByName[pending[$0].name, default: 0] == deepest }
            }
            while failure == nil, running.count < concurrency, let index = nextReadyIndex() {
                let job = pending.remove(at: index)
                let process = Process()
                process.executableURL = executable
                process.arguments = job.arguments
                process.environment = environment
                let log = logFolder.appendingPathComponent(job.name.replacingOccurrences(of: "/", with: "_") + ".log")
                do {
                    // A job that cannot start stops the sweep like a failed one: the running jobs finish first.
                    let (handle, offset) = try Self.appending(to: log)
                    process.standardOutput = handle
                    process.standardError = handle
                    try process.run()
                    running.append((job.name, process, log, offset, Date(), job.estimatedSeconds))
                    report("started  \(job.name)")
                } catch {
                    report("FAILED   \(job.name): \(error)")
                    failure = error as? SweepError ?? .launchFailed(name: job.name, reason: "\(error)")
                }
            }
            if failure != nil { pending.removeAll() }
            Thread.sleep(forTimeInterval: 0.2)
            var stillRunning: [Running] = []
            for entry in running {
                if entry.process.isRunning { stillRunning.append(entry); continue }
                let seconds = Int(Date().timeIntervalSince(entry.start))
                if entry.process.terminationStatus == RunLockError.exitStatus {
                    report("waiting  \(entry.name): another worker holds it; trying again in \(Int(retryInterval)) s")
                    notBefore[entry.name] = Date().addingTimeInterval(retryInterval)
                    // Back in its place in the list, ahead of the jobs that came after it.
                    if let position = order[entry.name] {
                        pending.insert(jobs[position], at: pending.firstIndex { order[$0.name, default: 0] > position } ?? pending.endIndex)
                    }
                } else if entry.process.terminationStatus == 0 {
                    unfinished.remove(entry.name)
                    let last = Self.lines(of: entry.log, from: entry.offset).last ?? ""
                    report("finished \(entry.name) in \(seconds) s\(last.isEmpty ? "" : ": " + last)")
                } else {
                    let tail = Self.lines(of: entry.log, from: entry.offset).suffix(5).joined(separator: "\n")
                    report("FAILED   \(entry.name) (exit \(entry.process.terminationStatus)); log: \(entry.log.path)")
                    failure = failure ?? SweepError.jobFailed(name: entry.name, status: entry.process.terminationStatus, log: entry.log.path, tail: tail)
                }
            }
            running = stillRunning
            if let progressInterval, !running.isEmpty, Date().timeIntervalSince(lastProgress) >= progressInterval {
                lastProgress = Date()
                report(Self.progressLine(done: jobs.count - unfinished.count, total: jobs.count,
                                         running: running.map { ($0.name, Date().timeIntervalSince($0.start), $0.estimate) },
                                         waiting: pending.map(\.estimatedSeconds), concurrency: concurrency))
            }
        }
        if let failure { throw failure }
        return jobs.map(\.name).filter(skipped.contains)
    }

    /// "progress  3 of 12 done · running a (14 min of ≈ 28 min), b (9 min) · 7 waiting ·
    /// ≈ 1.2 h to go on 2 cores". The time to go is said only when every open job has an
    /// estimate: the open estimates (a running job's less its time so far) shared among the
    /// slots, and never less than the longest of them; it ignores that a job may have to wait for
    /// another, so it is a lower bound.
    static func progressLine(done: Int, total: Int, running: [(name: String, elapsed: Double, estimate: Double?)],
                             waiting: [Double?], concurrency: Int) -> String {
        let jobs = running.map { job in
            "\(job.name) (\(SweepPlan.duration(job.elapsed))\(job.estimate.map { " of ≈ \(SweepPlan.duration($0))" } ?? ""))"
        }
        var parts = ["progress  \(done) of \(total) done", "running " + jobs.joined(separator: ", ")]
        if !waiting.isEmpty { parts.append("\(waiting.count) waiting") }
        let open = running.map { job in job.estimate.map { max($0 - job.elapsed, 0) } } + waiting
        if open.allSatisfy({ $0 != nil }) {
            let remaining = open.compactMap { $0 }
            let seconds = max(remaining.reduce(0, +) / Double(max(concurrency, 1)), remaining.max() ?? 0)
            parts.append("≈ \(SweepPlan.duration(seconds)) to go on \(concurrency) core\(concurrency == 1 ? "" : "s")")
        }
        return parts.joined(separator: " · ")
    }
}

public enum SweepError: Error, CustomStringConvertible, Equatable {
    case jobFailed(name: String, status: Int32, log: String, tail: String)
    case logUnwritable(path: String, reason: String)
    case launchFailed(name: String, reason: String)
    /// Jobs that wait for one another in a circle, the first named again at the end.
    case dependencyCycle([String])

    public var description: String {
        switch self {
        case let .jobFailed(name, status, log, tail):
            return "\(name) failed with exit status \(status); its log is \(log). Last lines:\n\(tail)\nRerun the same command to resume: finished runs are kept."
        case let .launchFailed(name, reason):
            return "\(name) could not be started (\(reason)); check the executable the sweep runs, then rerun the same command: finished runs are kept."
        case let .dependencyCycle(names):
            return "these jobs wait for one another and none could ever start: \(names.joined(separator: " → ")); a job's dependencies must be jobs that come before it"
        case let .logUnwritable(path, reason):
            return "cannot write the run log \(path) (\(reason)): the results store's logs folder must be writable by this user"
        }
    }
}
