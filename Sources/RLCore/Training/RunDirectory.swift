import Foundation

/// The folder that holds one run: its configuration, provenance, log, checkpoint and, once it
/// has finished, a completion record. The layout is the contract between runs, sweeps and
/// chapters:
///
///     config.json       the full configuration (JSON), written once
///     provenance.json   commit, libraries, machine, seed, dataset
///     log.tsv           the run log (see `RunLog`)
///     checkpoint/       the latest checkpoint, replaced atomically
///     done.json         written last: the run is finished and is never redone
public struct RunDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public var configurationURL: URL { url.appendingPathComponent("config.json") }
    public var provenanceURL: URL { url.appendingPathComponent("provenance.json") }
    public var logURL: URL { url.appendingPathComponent("log.tsv") }
    public var checkpointURL: URL { url.appendingPathComponent("checkpoint") }
    public var doneURL: URL { url.appendingPathComponent("done.json") }

    /// Where a run stands.
    public enum Status: Equatable, Sendable {
        /// Nothing has been written.
        case missing
        /// Started; resumable from its checkpoint when there is one.
        case partial
        /// Finished.
        case done
    }

    public var status: Status {
        let files = FileManager.default
        if files.fileExists(atPath: doneURL.path) { return .done }
        if files.fileExists(atPath: configurationURL.path) { return .partial }
        return .missing
    }

    /// Whether a checkpoint is here to resume from (`checkpoint/`, or the `checkpoint.old/` a
    /// crash between the two renames of a checkpoint's replacement leaves).
    public var hasCheckpoint: Bool {
        let files = FileManager.default
        return files.fileExists(atPath: checkpointURL.path) || files.fileExists(atPath: checkpointURL.appendingPathExtension("old").path)
    }

    /// Records `configuration` for a new run, or checks that a partial or finished run in this
    /// folder has the same one. A different configuration is an error: a run directory holds
    /// exactly one run.
    public func claim<Configuration: Codable & Equatable>(configuration: Configuration) throws {
        if FileManager.default.fileExists(atPath: configurationURL.path) {
            let existing = try JSONDecoder().decode(Configuration.self, from: Data(contentsOf: configurationURL))
            guard existing == configuration else { throw RunDirectoryError.configurationDiffers(url.path) }
        } else {
            try AtomicFile.writeJSON(configuration, to: configurationURL)
        }
    }

    /// The run's `provenance.json`.
    public func provenance() throws -> Provenance {
        try JSONDecoder().decode(Provenance.self, from: Data(contentsOf: provenanceURL))
    }

    /// The summary a finished training run wrote to `done.json`.
    public func summary() throws -> TrainingSummary {
        try JSONDecoder().decode(TrainingSummary.self, from: Data(contentsOf: doneURL))
    }

    /// Marks the run finished, with a summary of its results.
    public func markDone<Summary: Encodable>(summary: Summary) throws {
        try AtomicFile.writeJSON(summary, to: doneURL)
    }
}

/// A run directory that cannot be used as asked.
public enum RunDirectoryError: Error, CustomStringConvertible {
    case configurationDiffers(String)

    public var description: String {
        switch self {
        case .configurationDiffers(let path):
            return "\(path) already holds a run with a different configuration (config.json). Use another run directory, or delete that one to start over."
        }
    }
}
