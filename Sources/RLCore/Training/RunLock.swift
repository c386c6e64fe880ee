import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The exclusive right of one worker process to train one run (or record one dataset file): an advisory `flock` on
/// `<run>/worker.lock`. The kernel releases it when the process exits for any reason — a
/// finished run, an error, `kill -9`, a node lost by Slurm — so a killed worker's run can be
/// taken and resumed by the next worker, while two live workers (two `repro sweep run`
/// processes, two Slurm array tasks on a shared results store) never train the same run at
/// the same time. The file holds the holder's host and process id, for the error message.
public final class RunLock {
    public let url: URL
    private let descriptor: Int32

    /// Takes the lock on `directory`'s run, creating the folder and the lock file if needed.
    /// - Throws: `RunLockError.heldElsewhere` when another process holds it (never waits).
    public convenience init(directory: RunDirectory) throws {
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        try self.init(file: directory.url.appendingPathComponent("worker.lock"), guarding: directory.url.path)
    }

    /// Takes the lock held through the file `url` (created if needed) on whatever `subject`
    /// names: a run's folder, a dataset being made.
    /// - Throws: `RunLockError.heldElsewhere(subject, …)` when another process holds it.
    public init(file url: URL, guarding subject: String) throws {
        self.url = url
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RunLockError.unusable(url.path, String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw RunLockError.heldElsewhere(subject, holder: holder.isEmpty ? "another process" : holder)
        }
        let holder = "\(ProcessInfo.processInfo.hostName) pid \(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public enum RunLockError: Error, CustomStringConvertible, Equatable {
    case heldElsewhere(String, holder: String)
    case unusable(String, String)

    /// The exit status a worker uses when its run is taken (EX_TEMPFAIL: try again later).
    public static let exitStatus: Int32 = 75

    public var description: String {
        switch self {
        case let .heldElsewhere(path, holder):
            return "\(path) is being made by another worker (\(holder)); it will be resumed or found finished when that worker stops"
        case let .unusable(path, reason):
            return "cannot lock \(path): \(reason) (the results store must be writable; on a cluster, a shared file system with working locks)"
        }
    }
}
