import Foundation
import RLCore

/// Recovers the final agent of a run that finished on another machine.
///
/// Committed runs keep only their small files (configuration, provenance, log, completion
/// record); `checkpoint/` is git-ignored. A run that others start from (an online arm from its
/// offline phase, a medium dataset from its SAC run) then has no agent on a fresh clone. The
/// recovery trains it again in place, from the same configuration and seed, and checks the
/// new log against the committed one:
///
/// 1. `begin` moves `done.json`, `log.tsv` and `provenance.json` aside as `done.committed.json`,
///    `log.committed.tsv` and `provenance.committed.json`, so the run reads as partial and
///    trains from step 0 under a provenance of its own (an interrupted recovery resumes like any
///    run: the `.committed` files say it is one).
/// 2. `finish` compares the two logs row by row, every column but `wall_time`. When they are
///    equal (same MuJoCo, same BLAS thread count, same kernels) the committed files are put
///    back, so the committed record is unchanged and the agent beside it is the one it
///    describes. When they differ, the new log, completion record and provenance stand (they
///    describe the agent the dependent runs will use), the committed ones stay beside them for
///    inspection, and a warning names the first differing row.
public struct FinalAgentRecovery {
    let directory: RunDirectory
    /// Where each message goes (stderr in the command line).
    var report: (String) -> Void

    var committedLogURL: URL { directory.url.appendingPathComponent("log.committed.tsv") }
    var committedDoneURL: URL { directory.url.appendingPathComponent("done.committed.json") }
    var committedProvenanceURL: URL { directory.url.appendingPathComponent("provenance.committed.json") }

    /// Whether a recovery of the run began and has not finished (its process was stopped): the
    /// committed records are set aside and the run has no completion record of its own. (A
    /// finished recovery whose log differed keeps the committed records beside its own.)
    static func isUnderWay(in directory: RunDirectory) -> Bool {
        FileManager.default.fileExists(atPath: FinalAgentRecovery(directory: directory, report: { _ in }).committedDoneURL.path)
            && directory.status != .done
    }

    /// Whether the run's final agent is on this machine.
    static func hasFinalAgent(_ directory: RunDirectory) -> Bool {
        FileManager.default.fileExists(atPath: directory.checkpointURL.appendingPathComponent("agent.o3fparam").path)
    }

    /// Starts (or continues) a recovery when `directory` holds a finished run without its
    /// agent; nil when there is nothing to recover.
    static func begin(in directory: RunDirectory, report: @escaping (String) -> Void) throws -> FinalAgentRecovery? {
        let recovery = FinalAgentRecovery(directory: directory, report: report)
        let files = FileManager.default
        if isUnderWay(in: directory) {
            report("\(directory.url.path): continuing the recovery of its final agent")
            return recovery
        }
        guard directory.status == .done, !hasFinalAgent(directory) else { return nil }
        report("\(directory.url.path): finished elsewhere, and its checkpoint was not kept (committed runs keep only their small files); "
            + "training it again from the same seed to recover its final agent")
        if let committed = try? directory.provenance(),
           let mismatch = mismatch(between: committed, and: .current()) {
            report("warning: \(directory.url.path): \(mismatch); the recovered log will likely differ from the committed one")
        }
        try files.moveItem(at: directory.logURL, to: recovery.committedLogURL)
        if files.fileExists(atPath: directory.provenanceURL.path) {
            // The recovery's own process writes a fresh one (and records its resumptions there).
            try files.moveItem(at: directory.provenanceURL, to: recovery.committedProvenanceURL)
        }
        try files.moveItem(at: directory.doneURL, to: recovery.committedDoneURL)
        return recovery
    }

    /// Compares the recovered log with the committed one and keeps the record that describes
    /// the recovered agent.
    func finish() throws {
        let files = FileManager.default
        let recovered = try String(contentsOf: directory.logURL, encoding: .utf8)
        let committed = try String(contentsOf: committedLogURL, encoding: .utf8)
        if let difference = Self.firstDifference(between: committed, and: recovered) {
            if !files.fileExists(atPath: committedProvenanceURL.path) {
                // A recovery begun by a binary that left the committed provenance in place.
                if files.fileExists(atPath: directory.provenanceURL.path) {
                    try files.moveItem(at: directory.provenanceURL, to: committedProvenanceURL)
                }
                let provenance = try JSONDecoder().decode(Provenance.self, from: Data(contentsOf: committedProvenanceURL))
                try AtomicFile.writeJSON(Provenance.current(seed: provenance.seed, dataset: provenance.dataset), to: directory.provenanceURL)
            }
            // A watch of the committed agent (`FinalAgentWatch`) does not describe this one.
            let watch = FinalAgentWatch.url(in: directory), committedWatch = directory.url.appendingPathComponent("watch.committed.json")
            if files.fileExists(atPath: watch.path) {
                try? files.removeItem(at: committedWatch)
                try files.moveItem(at: watch, to: committedWatch)
            }
            report("warning: \(directory.url.path): the recovered run's log differs from the committed one (\(difference)); "
                + "the new log, done.json and provenance.json describe the agent used from here on, and the committed ones are kept "
                + "beside them as *.committed.*")
        } else {
            try files.removeItem(at: directory.logURL)
            try files.moveItem(at: committedLogURL, to: directory.logURL)
            try files.removeItem(at: directory.doneURL)
            try files.moveItem(at: committedDoneURL, to: directory.doneURL)
            if files.fileExists(atPath: committedProvenanceURL.path) {
                try? files.removeItem(at: directory.provenanceURL)
                try files.moveItem(at: committedProvenanceURL, to: directory.provenanceURL)
            }
            report("\(directory.url.path): final agent recovered; its log matches the committed one row for row")
        }
    }

    /// What differs between the libraries a run was made with and this process's, in the terms
    /// that decide whether a log can be reproduced bit for bit (MuJoCo's version, OpenBLAS's
    /// build and kernel, its thread count), with the fix; nil when they agree.
    static func mismatch(between committed: Provenance, and current: Provenance) -> String? {
        var differences: [String] = []
        if committed.mujocoVersion != current.mujocoVersion {
            differences.append("MuJoCo \(committed.mujocoVersion) made the committed run, this process has \(current.mujocoVersion)")
        }
        if committed.openBLAS != current.openBLAS {
            let kernel = BLASKernel.coreName(inConfiguration: committed.openBLAS)
            differences.append("OpenBLAS '\(committed.openBLAS)' made the committed run, this process runs '\(current.openBLAS)'"
                + (kernel.map { " (set OPENBLAS_CORETYPE=\($0) to run its kernel)" } ?? ""))
        }
        if committed.blasThreads != current.blasThreads {
            differences.append("the committed run used \(committed.blasThreads) BLAS thread(s), this process \(current.blasThreads) (set OPENBLAS_NUM_THREADS=\(committed.blasThreads))")
        }
        return differences.isEmpty ? nil : differences.joined(separator: "; ")
    }

    /// The first row where two run logs differ in any column but `wall_time`, described; nil
    /// when they agree everywhere.
    public static func firstDifference(between committed: String, and recovered: String) -> String? {
        let left = rows(of: committed), right = rows(of: recovered)
        for (index, pair) in zip(left, right).enumerated() where pair.0 != pair.1 {
            return "row \(index + 1): committed \(pair.0.joined(separator: " ")), recovered \(pair.1.joined(separator: " "))"
        }
        return left.count == right.count ? nil : "committed \(left.count) rows, recovered \(right.count)"
    }

    /// A log's rows (header first), each without its `wall_time` field.
    private static func rows(of log: String) -> [[String]] {
        let lines = log.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let wallTime = header.firstIndex(of: "wall_time") else { return lines }
        return lines.map { fields in fields.enumerated().filter { $0.offset != wallTime }.map(\.element) }
    }
}
