import Foundation
import RLCore

/// The budget of an offline-to-online experiment on one preset.
public struct FineTuningBudget: Codable, Equatable, Sendable {
    /// K, offline updates.
    public var offlineSteps: Int
    /// T, online environment steps.
    public var onlineSteps: Int
    /// Steps between evaluations offline and online.
    public var offlineEvaluationInterval: Int
    public var evaluationInterval: Int
    /// Episodes per evaluation.
    public var evaluationEpisodes: Int
    /// Episodes per evaluation on AntMaze, where a seed's score is its success rate and moves
    /// by 100/n points per episode (nil: `evaluationEpisodes`).
    public var antMazeEvaluationEpisodes: Int?
    public var logInterval: Int
    public var checkpointInterval: Int
    /// Hidden layers of every network; nil means each algorithm's reference (256×256, LAPO
    /// 3×256). Only `tiny` sets it.
    public var hiddenSizes: [Int]?
    /// Minibatch size; nil means each algorithm's reference size (IQL and CQL 256, AWAC 1024).
    public var batchSize: Int?
    /// Which budget a generated dataset is made with when no published D4RL file is present.
    public var datasetPreset: Preset
    /// Online critic updates per environment step of LAPO, whose REDQ ensemble is built for
    /// it (the paper's 20; the other algorithms make one).
    public var lapoUpdatesPerStep: Int
    /// IQL's Q-functions: 5 where O3F runs on IQL (Chapter 2), 2 where IQL is the plain
    /// baseline (Chapter 4).
    public var iqlCritics: Int

    public init(offlineSteps: Int, onlineSteps: Int, offlineEvaluationInterval: Int, evaluationInterval: Int,
                evaluationEpisodes: Int, antMazeEvaluationEpisodes: Int? = nil, logInterval: Int, checkpointInterval: Int,
                hiddenSizes: [Int]? = nil, batchSize: Int? = nil, datasetPreset: Preset, lapoUpdatesPerStep: Int = 20,
                iqlCritics: Int = 5) {
        self.offlineSteps = offlineSteps
        self.onlineSteps = onlineSteps
        self.offlineEvaluationInterval = offlineEvaluationInterval
        self.evaluationInterval = evaluationInterval
        self.evaluationEpisodes = evaluationEpisodes
        self.antMazeEvaluationEpisodes = antMazeEvaluationEpisodes
        self.logInterval = logInterval
        self.checkpointInterval = checkpointInterval
        self.hiddenSizes = hiddenSizes
        self.batchSize = batchSize
        self.datasetPreset = datasetPreset
        self.lapoUpdatesPerStep = lapoUpdatesPerStep
        self.iqlCritics = iqlCritics
    }
}

extension FineTuningBudget {
    /// Episodes per evaluation on `domain`.
    public func evaluationEpisodes(on domain: D4RLTask.Domain) -> Int {
        domain == .antmaze ? antMazeEvaluationEpisodes ?? evaluationEpisodes : evaluationEpisodes
    }

    /// Episodes a chapter watches a finished run's final agent for (`repro finetune … --watch`),
    /// on AntMaze and in the kitchen alike: as many as an AntMaze evaluation, where one
    /// episode's outcome says little.
    public var watchEpisodes: Int { evaluationEpisodes(on: .antmaze) }

    /// The offline phase's schedule on `domain`: K updates from step −K to 0 on a dataset of
    /// `datasetTransitions` rows, evaluated every `offlineEvaluationInterval` steps.
    public func offlineSchedule(on domain: D4RLTask.Domain, datasetTransitions: Int) -> TrainingSchedule {
        TrainingSchedule(offlineSteps: offlineSteps, onlineSteps: 0, evaluationInterval: offlineEvaluationInterval,
                         evaluationEpisodes: evaluationEpisodes(on: domain), logInterval: logInterval,
                         checkpointInterval: checkpointInterval, bufferCapacity: datasetTransitions)
    }

    /// An online arm's schedule on `domain`: T environment steps with U = `updatesPerStep`
    /// updates each, the buffer holding the dataset's `datasetTransitions` rows and every
    /// online transition.
    public func onlineSchedule(on domain: D4RLTask.Domain, updatesPerStep: Int, datasetTransitions: Int) -> TrainingSchedule {
        TrainingSchedule(onlineSteps: onlineSteps, updatesPerStep: updatesPerStep, evaluationInterval: evaluationInterval,
                         evaluationEpisodes: evaluationEpisodes(on: domain), logInterval: logInterval,
                         checkpointInterval: checkpointInterval, bufferCapacity: datasetTransitions + onlineSteps)
    }

    /// The tests' budget for experiments with LAPO: 100 offline updates, 40 online steps at UTD
    /// 2, one evaluation episode every 20 steps, 16×16 networks, batch 32.
    public static func tinyWithLAPO(iqlCritics: Int = 5) -> FineTuningBudget {
        FineTuningBudget(offlineSteps: 100, onlineSteps: 40, offlineEvaluationInterval: 50, evaluationInterval: 20,
                         evaluationEpisodes: 1, logInterval: 20, checkpointInterval: 20, hiddenSizes: [16, 16],
                         batchSize: 32, datasetPreset: .tiny, lapoUpdatesPerStep: 2, iqlCritics: iqlCritics)
    }

    /// The paper's budget, the same in every experiment: 1,000,000 offline updates, 500,000
    /// online steps, 10 evaluation episodes every 10,000 steps (every 50,000 offline), on the
    /// full-size datasets. `iqlCritics`: 5 where IQL is O3F's base, 2 for the plain IQL baseline.
    public static func paper(iqlCritics: Int = 5) -> FineTuningBudget {
        FineTuningBudget(offlineSteps: 1_000_000, onlineSteps: 500_000, offlineEvaluationInterval: 50_000,
                         evaluationInterval: 10_000, evaluationEpisodes: 10, logInterval: 1_000,
                         checkpointInterval: 10_000, datasetPreset: .standard, iqlCritics: iqlCritics)
    }
}

/// One run of a fine-tuning experiment: the shared offline phase of (task, seed), or one
/// online arm that starts from it.
///
/// The offline phase is trained once per (task, seed) and every online arm starts from its
/// final checkpoint, so the arms differ only in how they act online — the comparison the
/// paper makes, with the offline start held identical.
public struct FineTuningJob: Codable, Hashable, Sendable, CustomStringConvertible {
    public var experiment: String
    public var algorithm: String
    public var task: String
    /// nil for the offline phase.
    public var exploration: OnlineExploration?
    public var seed: Int
    public var preset: Preset
    /// How the objective changes online (nil: it is kept).
    public var objective: ObjectiveSchedule?
    /// Measure the critics' bias at every evaluation.
    public var measuresQBias: Bool

    public init(experiment: String, algorithm: String = "iql", task: String, exploration: OnlineExploration?, seed: Int, preset: Preset,
                objective: ObjectiveSchedule? = nil, measuresQBias: Bool = false) {
        self.experiment = experiment
        self.algorithm = algorithm
        self.task = task
        self.exploration = exploration
        self.seed = seed
        self.preset = preset
        self.objective = objective
        self.measuresQBias = measuresQBias
    }

    /// "iql-offline", "iql+o3f", "iql+noise", "cql+policy+switch-sac", "awac+policy+linear", …
    public var method: String {
        guard let exploration else { return "\(algorithm)-offline" }
        let base = "\(algorithm)+\(exploration.rawValue)"
        switch objective {
        case nil, .fixed?: return base
        case .abrupt?: return base + "+abrupt"
        case .linear?: return base + "+linear"
        case .switchToSAC?: return base + "+switch-sac"
        }
    }

    public var runKey: RunKey { RunKey(experiment: experiment, task: task, method: method, seed: seed, preset: preset) }

    /// The offline job an online arm starts from.
    public var offlineJob: FineTuningJob {
        FineTuningJob(experiment: experiment, algorithm: algorithm, task: task, exploration: nil, seed: seed, preset: preset,
                      measuresQBias: measuresQBias)
    }

    public var description: String { runKey.description }

    /// The `repro` arguments that run this job (`repro finetune …`), with the results store and
    /// datasets found from `repository`.
    public func commandArguments(repository: String) -> [String] {
        ["finetune", algorithm, task, "--exploration", exploration?.rawValue ?? "offline", "--seed", String(seed),
         "--preset", preset.rawValue, "--experiment", experiment, "--repository", repository, "--no-progress"]
            + (objective.map { ["--objective", $0.argument] } ?? []) + (measuresQBias ? ["--q-bias"] : [])
    }

    /// This job as a sweep's child process: named by its run, waiting for its offline phase
    /// when it is an online arm.
    public func sweepJob(repository: String, estimatedSeconds: Double? = nil) -> Sweep.Job {
        Sweep.Job(name: runKey.relativePath, arguments: commandArguments(repository: repository),
                  dependencies: exploration == nil ? [] : [offlineJob.runKey.relativePath], estimatedSeconds: estimatedSeconds)
    }
}

extension Array where Element == FineTuningJob {
    /// The runs task by task, tasks in the order they first appear: each task's offline phases,
    /// then its online arms. A sweep starts an arm whose offline phase is done first, and
    /// otherwise the first run in this list that may start, so the runs of one task come before
    /// the next task's, which only fill cores the first leaves idle: an interrupted sweep leaves
    /// whole tasks finished, ready to render, not every task half made.
    public static func taskByTask(offline: [FineTuningJob], online: [FineTuningJob]) -> [FineTuningJob] {
        (offline + online).map(\.task).removingDuplicates().flatMap { task in
            offline.filter { $0.task == task } + online.filter { $0.task == task }
        }
    }
}

/// Runs fine-tuning jobs in a results store, with datasets found (or generated) through a locator.
public struct FineTuning {
    public var budget: FineTuningBudget
    public var store: ResultsStore
    public var locator: DatasetLocator
    public var showsProgress = true

    public init(budget: FineTuningBudget, store: ResultsStore, locator: DatasetLocator = DatasetLocator()) {
        self.budget = budget
        self.store = store
        self.locator = locator
    }

    /// The run directory of `job`.
    public func directory(for job: FineTuningJob) -> RunDirectory { store.directory(for: job.runKey) }

    /// Runs (or resumes, or returns) one job. An online arm needs its offline job finished; when
    /// that job finished elsewhere and its agent is not here, it is trained again first
    /// (`FinalAgentRecovery`). `recoveringFinalAgent` asks for that recovery of `job` itself.
    @discardableResult
    public func run(_ job: FineTuningJob, recoveringFinalAgent: Bool = false) throws -> TrainingSummary {
        try prepare(job).train(recoveringFinalAgent)
    }

    /// The final agent of `job`'s finished run, restored from its checkpoint (trained again
    /// first, as `run` does for an arm's offline phase, when the run finished elsewhere and its
    /// checkpoint is not here).
    /// An interrupted recovery is continued.
    /// - Throws: `FineTuningError.noRun` when the store has no run for the job,
    ///   `FineTuningError.runNotFinished` when it has not finished, and the run directory's
    ///   error when the run was made with another configuration than the kit's for the job.
    public func finalAgent(of job: FineTuningJob) throws -> any Agent {
        let run = directory(for: job)
        let recovering = FinalAgentRecovery.isUnderWay(in: run)
        switch run.status {
        case .missing: throw FineTuningError.noRun(job: job.description, path: run.url.path)
        case .partial where !recovering: throw FineTuningError.runNotFinished(job: job.description, path: run.url.path)
        default: break
        }
        let prepared = try prepare(job)
        if Self.needsRecovery(run) { _ = try prepared.train(true) }
        try prepared.checkConfiguration()
        try prepared.agent.restore(from: ParameterArchive(contentsOf: run.checkpointURL.appendingPathComponent("agent.o3fparam")))
        return prepared.agent
    }

    /// Whether a finished run's final agent must be trained again before it is used: it
    /// finished elsewhere (no checkpoint here), or such a recovery was interrupted.
    static func needsRecovery(_ run: RunDirectory) -> Bool {
        FinalAgentRecovery.isUnderWay(in: run) || !FinalAgentRecovery.hasFinalAgent(run)
    }

    /// A job's freshly initialised agent, how to train it (the argument: whether the training
    /// recovers the final agent of a run that finished elsewhere), and the check that the run
    /// in the store has the configuration the kit would train it with.
    private struct PreparedJob {
        var agent: any Agent
        var train: (Bool) throws -> TrainingSummary
        var checkConfiguration: () throws -> Void
    }

    /// `job`'s prepared training with `agent` and its algorithm's configuration.
    private func prepared<Configuration: Codable & Equatable & Sendable>(_ job: FineTuningJob, task: D4RLTask, agent: any Agent,
                                                                          configuration: Configuration, data: TrainingData,
                                                                          rewardTransform: RewardTransform, updatesPerStep: Int = 1) -> PreparedJob {
        PreparedJob(agent: agent, train: { recovering in
            try train(job, task: task, agent: agent, configuration: configuration, data: data, rewardTransform: rewardTransform,
                      updatesPerStep: updatesPerStep, recoveringFinalAgent: recovering)
        }, checkConfiguration: {
            let run = directory(for: job)
            try run.claim(configuration: runConfiguration(job, task: task, configuration: configuration, data: data,
                                                          rewardTransform: rewardTransform, updatesPerStep: updatesPerStep))
        })
    }

    /// Builds `job`'s agent from its algorithm's configuration for the task, on the task's dataset.
    private func prepare(_ job: FineTuningJob) throws -> PreparedJob {
        let task = try TaskRegistry.task(named: job.task)
        guard FineTuning.algorithms.contains(job.algorithm) else { throw FineTuningError.unknownAlgorithm(job.algorithm) }
        let url = try locator.locate(task)
        let dataset = try D4RLFile.read(at: url, task: task)
        let transitions = Transitions(qLearningViewOf: dataset)
        let origin: String
        if case .string(let text)? = dataset.metadata["origin"] { origin = text } else { origin = "published D4RL file" }
        let data = TrainingData(transitions: transitions, description: "\(url.path) (\(origin); \(transitions.count) transitions)")
        var networkStream = RandomStream(seed: UInt64(job.seed), for: .networks)
        let (o, a) = (dataset.observationSize, dataset.actionSize)
        switch job.algorithm {
        case "cql":
            // No behaviour-cloning warm start (`CQL.Configuration.behaviourCloningSteps`): with one of
            // 10,000 updates our critics diverged (Chapter 1, implementation details).
            let configuration = sized(CQL.Configuration())
            let agent = CQL(observationSize: o, actionSize: a, configuration: configuration, using: &networkStream)
            return prepared(job, task: task, agent: agent, configuration: configuration, data: data, rewardTransform: .cql(for: task))
        case "awac":
            let configuration = sized(AWAC.Configuration())
            let agent = AWAC(observationSize: o, actionSize: a, configuration: configuration, using: &networkStream)
            return prepared(job, task: task, agent: agent, configuration: configuration, data: data, rewardTransform: .identity)
        case "lapo":
            // O3F's LAPO: 5 Q-functions with REDQ targets, 20 critic updates per environment step online.
            let rewardTransform = RewardTransform.lapo(for: task, rewards: transitions.rewards)
            var configuration = sized(LAPO.Configuration.configuration(for: task, critics: 5, updatesPerStep: budget.lapoUpdatesPerStep))
            (configuration.valueMin, configuration.valueMax) = LAPO.valueRange(for: task, rewards: transitions.rewards.map(rewardTransform.callAsFunction),
                                                                               discount: configuration.discount)
            let agent = LAPO(observationSize: o, actionSize: a, configuration: configuration,
                             stateNormalizer: StateNormalizer(fitting: transitions.observations),
                             actionNormalizer: StateNormalizer(fitting: transitions.actions), using: &networkStream)
            return prepared(job, task: task, agent: agent, configuration: configuration, data: data, rewardTransform: rewardTransform,
                            updatesPerStep: budget.lapoUpdatesPerStep)
        default:
            // IQL's fine-tuning settings: no learning-rate decay (see `IQL.Configuration.actorScheduleSteps`),
            // and the budget's Q-functions (5, as O3F's IQL has, unless IQL is the plain baseline).
            let configuration = sized(IQL.Configuration.configuration(for: task, critics: budget.iqlCritics))
            let agent = IQL(observationSize: o, actionSize: a, configuration: configuration, using: &networkStream)
            let rewardTransform = RewardTransform.iql(for: task, episodes: EpisodeSummary(of: dataset))
            return prepared(job, task: task, agent: agent, configuration: configuration, data: data, rewardTransform: rewardTransform)
        }
    }

    /// `configuration` with the budget's network widths and (when it sets one) batch size.
    private func sized<Configuration: NetworkSizing>(_ configuration: Configuration) -> Configuration {
        var sized = configuration
        sized.hiddenSizes = budget.hiddenSizes ?? configuration.hiddenSizes
        sized.batchSize = budget.batchSize ?? configuration.batchSize
        return sized
    }

    /// The algorithms `run` knows.
    public static let algorithms = ["iql", "cql", "awac", "lapo"]

    /// A dataset's transitions and the line that says where they came from.
    private struct TrainingData {
        var transitions: Transitions
        var description: String
    }

    /// The offline phase, or an online arm started from the offline phase's final agent (which
    /// is trained again first when it finished elsewhere, or its recovery was interrupted).
    private func train<Configuration: Codable & Equatable & Sendable>(_ job: FineTuningJob, task: D4RLTask, agent: any Agent,
                                                                       configuration: Configuration, data: TrainingData,
                                                                       rewardTransform: RewardTransform,
                                                                       updatesPerStep: Int = 1, recoveringFinalAgent: Bool) throws -> TrainingSummary {
        if job.exploration != nil {
            let offline = directory(for: job.offlineJob)
            let recovering = FinalAgentRecovery.isUnderWay(in: offline)
            guard offline.status == .done || recovering else {
                throw FineTuningError.offlinePhaseMissing(job: job.description, path: offline.url.path)
            }
            if Self.needsRecovery(offline) { try run(job.offlineJob, recoveringFinalAgent: true) }
            try agent.restore(from: ParameterArchive(contentsOf: offline.checkpointURL.appendingPathComponent("agent.o3fparam")))
        }
        var run = TrainingRun(configuration: runConfiguration(job, task: task, configuration: configuration, data: data,
                                                              rewardTransform: rewardTransform, updatesPerStep: updatesPerStep),
                              directory: directory(for: job))
        run.showsProgress = showsProgress
        run.recoversFinalAgent = recoveringFinalAgent
        run.datasetDigest = data.transitions.digest
        return try run.run(agent: agent, offlineData: data.transitions)
    }

    /// What `job`'s `config.json` records: the budget's schedule for its phase, the algorithm's
    /// configuration, the selector, the data and the reward transform (and an arm's offline phase).
    private func runConfiguration<Configuration: Codable & Equatable & Sendable>(_ job: FineTuningJob, task: D4RLTask,
                                                                                  configuration: Configuration, data: TrainingData,
                                                                                  rewardTransform: RewardTransform,
                                                                                  updatesPerStep: Int) -> RunConfiguration<Configuration> {
        var schedule: TrainingSchedule
        if job.exploration != nil {
            schedule = budget.onlineSchedule(on: task.domain, updatesPerStep: updatesPerStep, datasetTransitions: data.transitions.count)
            schedule.objective = job.objective
        } else {
            schedule = budget.offlineSchedule(on: task.domain, datasetTransitions: data.transitions.count)
        }
        if job.measuresQBias { schedule.measuresQBias = true }
        var runConfiguration = RunConfiguration(algorithm: job.algorithm, task: task.name, preset: job.preset, seed: UInt64(job.seed),
                                                agent: configuration, schedule: schedule,
                                                selector: job.exploration?.selector(for: task) ?? .policy,
                                                dataset: data.description, rewardTransform: rewardTransform)
        if job.exploration != nil { runConfiguration.startsFrom = directory(for: job.offlineJob).url.path }
        return runConfiguration
    }
}

/// An agent configuration whose network widths and batch size a budget may set.
protocol NetworkSizing {
    var hiddenSizes: [Int] { get set }
    var batchSize: Int { get set }
}

extension IQL.Configuration: NetworkSizing {}
extension CQL.Configuration: NetworkSizing {}
extension AWAC.Configuration: NetworkSizing {}
extension LAPO.Configuration: NetworkSizing {}

/// A fine-tuning job that cannot run.
public enum FineTuningError: Error, CustomStringConvertible, Equatable {
    case unknownAlgorithm(String)
    case offlinePhaseMissing(job: String, path: String)
    case runNotFinished(job: String, path: String)
    case noRun(job: String, path: String)

    public var description: String {
        switch self {
        case .unknownAlgorithm(let name):
            return "unknown algorithm '\(name)': fine-tuning supports \(FineTuning.algorithms.joined(separator: ", "))"
        case let .offlinePhaseMissing(job, path):
            return "\(job) starts from the offline phase in \(path), which has not finished: run the offline job first (the chapter executables do this in order)"
        case let .runNotFinished(job, path):
            return "\(job) has not finished in \(path), so it has no final agent yet: run it first (the same command without --watch, or its chapter)"
        case let .noRun(job, path):
            return "no run of \(job) in \(path): check --experiment, --preset, --seed and --objective against the run you mean "
                + "(`repro sweep plan FIGURE --preset P` lists a figure's runs)"
        }
    }
}
