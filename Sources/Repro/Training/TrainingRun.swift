import Foundation
import RLCore

/// Everything that defines a run, as its `config.json` records it. Two runs with equal
/// configurations are the same run: the results store never redoes a finished one.
public struct RunConfiguration<AgentConfiguration: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
    /// "sac", "iql", …
    public var algorithm: String
    public var task: String
    public var preset: Preset
    public var seed: UInt64
    public var agent: AgentConfiguration
    public var schedule: TrainingSchedule
    public var selector: SelectorConfiguration
    /// The dataset file, its origin and its transitions' count, for runs with an offline phase
    /// (the data's digest is in the provenance, not here: it is no setting of the run).
    public var dataset: String?
    /// Applied to offline and online rewards alike.
    public var rewardTransform: RewardTransform
    /// End the run once an evaluation reaches this normalised score.
    public var stopAtScore: Double?
    /// The run whose final agent this run starts from (an online arm's offline phase).
    public var startsFrom: String?

    public init(algorithm: String, task: String, preset: Preset, seed: UInt64, agent: AgentConfiguration,
                schedule: TrainingSchedule, selector: SelectorConfiguration, dataset: String? = nil,
                rewardTransform: RewardTransform = .identity, stopAtScore: Double? = nil) {
        self.algorithm = algorithm
        self.task = task
        self.preset = preset
        self.seed = seed
        self.agent = agent
        self.schedule = schedule
        self.selector = selector
        self.dataset = dataset
        self.rewardTransform = rewardTransform
        self.stopAtScore = stopAtScore
    }

    /// Whether two configurations are the same run: equal in everything but where a machine
    /// keeps the files, so a clone at another path (or a cluster's shared store) claims,
    /// resumes and recovers the runs committed elsewhere. The dataset counts by its file name,
    /// origin and size, the run an arm starts from by its place in the results store
    /// (preset/experiment/task/method/seed).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.task == rhs.task && lhs.preset == rhs.preset && lhs.seed == rhs.seed
            && lhs.agent == rhs.agent && lhs.schedule == rhs.schedule && lhs.selector == rhs.selector
            && lhs.rewardTransform == rhs.rewardTransform && lhs.stopAtScore == rhs.stopAtScore
            && lhs.dataset.map(Self.portableDataset) == rhs.dataset.map(Self.portableDataset)
            && lhs.startsFrom.map(Self.storeKey) == rhs.startsFrom.map(Self.storeKey)
    }

    /// "/work/main/datasets/x.hdf5 (origin; 1000 transitions)" → "x.hdf5 (origin; 1000 transitions)".
    static func portableDataset(_ description: String) -> String {
        // The path ends at the first " (" after its last "/" (a folder may have parentheses too).
        let fileName = description.range(of: "/", options: .backwards)?.upperBound ?? description.startIndex
        let split = description.range(of: " (", range: fileName..<description.endIndex)?.lowerBound ?? description.endIndex
        return URL(fileURLWithPath: String(description[..<split])).lastPathComponent + description[split...]
    }

    /// A run folder's last five path components, its key in any results store.
    static func storeKey(_ path: String) -> String {
        URL(fileURLWithPath: path).pathComponents.suffix(5).joined(separator: "/")
    }
}

/// Runs one configuration in its run directory: takes the run's worker lock (another live
/// worker on it is an error, `RunLockError`), claims the directory (a different
/// configuration there is an error), records provenance, builds the environments, trains with
/// a progress bar on stderr, and returns the summary. A finished run returns at once; a
/// partial one resumes from its checkpoint.
public struct TrainingRun<AgentConfiguration: Codable & Equatable & Sendable> {
    public var configuration: RunConfiguration<AgentConfiguration>
    public var directory: RunDirectory
    /// Show a progress bar (when stderr is a terminal).
    public var showsProgress = true
    /// Train a finished run again when its final agent is not on this machine (it finished
    /// elsewhere and only its small files were committed): see `FinalAgentRecovery`. For runs
    /// that others start from.
    public var recoversFinalAgent = false
    /// The training data's `Transitions.digest`, for the provenance.
    public var datasetDigest: String?

    public init(configuration: RunConfiguration<AgentConfiguration>, directory: RunDirectory) {
        self.configuration = configuration
        self.directory = directory
    }

    /// Trains `agent` (freshly built from `configuration.agent` and the run's seed).
    /// `prepare` may adjust the trainer (tests stop it early).
    @discardableResult
    public func run(agent: any Agent, offlineData: Transitions? = nil,
                    makeEnvironment: (D4RLTask) throws -> any Environment = { try RLCore.makeEnvironment(for: $0) },
                    prepare: (Trainer) -> Void = { _ in }) throws -> TrainingSummary {
        let task = try TaskRegistry.task(named: configuration.task)
        return try run(agent: agent, offlineData: offlineData, label: task.name, makeEnvironment: { try makeEnvironment(task) },
                       normalizedScore: { task.normalizedScore(ofReturn: $0) }, prepare: prepare)
    }

    /// Trains `agent` in environments that are no D4RL task (the AntMaze datasets' open-space
    /// controller): `makeEnvironment` builds the online and the evaluation instance,
    /// `normalizedScore` maps an evaluation's mean return to its score, `label` names the
    /// progress bar.
    @discardableResult
    public func run(agent: any Agent, offlineData: Transitions? = nil, label: String,
                    makeEnvironment: () throws -> any Environment, normalizedScore: @escaping (Double) -> Double,
                    prepare: (Trainer) -> Void = { _ in }) throws -> TrainingSummary {
        let lock = try RunLock(directory: directory)
        defer { withExtendedLifetime(lock) {} }
        try directory.claim(configuration: configuration)
        let recovery = recoversFinalAgent
            ? try FinalAgentRecovery.begin(in: directory, report: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            : nil
        // A run that starts from step 0 is this binary's, also where an earlier process left a
        // provenance but no checkpoint (killed before its first one, or on another machine).
        if !FileManager.default.fileExists(atPath: directory.provenanceURL.path) || (directory.status != .done && !directory.hasCheckpoint) {
            try AtomicFile.writeJSON(Provenance.current(seed: configuration.seed, dataset: configuration.dataset, datasetDigest: datasetDigest),
                                     to: directory.provenanceURL)
        }
        let online = configuration.schedule.onlineSteps > 0
        let trainer = try Trainer(agent: agent,
                                  environment: online ? try makeEnvironment() : nil,
                                  evaluationEnvironment: try makeEnvironment(),
                                  offlineData: offlineData, rewardTransform: configuration.rewardTransform,
                                  schedule: configuration.schedule, selector: configuration.selector, seed: configuration.seed,
                                  normalizedScore: normalizedScore)
        if let target = configuration.stopAtScore { trainer.stopWhen = { $0.score >= target } }
        trainer.resumed = { [directory] step in
            // The binary that continues a run is part of its provenance (it may be newer).
            var provenance = try directory.provenance()
            provenance.resumptions = (provenance.resumptions ?? []) + [.current(step: step)]
            try AtomicFile.writeJSON(provenance, to: directory.provenanceURL)
        }
        let schedule = configuration.schedule
        let bar = ProgressBar(label: "\(configuration.algorithm) \(label) seed \(configuration.seed)",
                              total: schedule.offlineSteps + schedule.onlineSteps, display: showsProgress ? .standard : .hidden)
        // Fault injection for the kit's own tests of resumption: O3F_FAULT_KILL_AFTER_STEP=N makes the
        // worker kill itself (SIGKILL, as a lost node or the OOM killer would) right after step N.
        let killStep = ProcessInfo.processInfo.environment["O3F_FAULT_KILL_AFTER_STEP"].flatMap { Int($0) }
        trainer.progress = { progress in
            if let score = progress.lastScore { bar.note = String(format: "score %.1f", score) }
            bar.update(progress.done)
            if progress.step == killStep { kill(getpid(), SIGKILL) }
        }
        prepare(trainer)
        let summary = try trainer.run(in: directory)
        bar.finish()
        try recovery?.finish()
        return summary
    }
}
