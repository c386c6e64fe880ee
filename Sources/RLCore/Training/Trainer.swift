import Foundation

/// The one training loop of the kit: every agent, every experiment.
///
///     offline phase (steps −K … 0):   one update per step on batches from the offline data
///     online phase  (steps 1 … T):    a_t = selector(s_t)   (uniform during warm-up)
///                                     s_{t+1}, r_t = env.step(a_t);  buffer ← buffer ∪ {(s_t, a_t, r_t, s_{t+1}, d_t)}
///                                     U updates on batches from the buffer (offline data + online data)
///
/// d_t is 1 only when the episode terminated; a time-limit truncation keeps bootstrapping.
/// Rewards are transformed (the agent's `RewardTransform`) as they enter the buffer, offline
/// and online alike; returns and scores are reported in the environment's own units.
///
/// With a run directory the loop logs to `log.tsv`, checkpoints every C steps (agent state,
/// all random streams, the environment mid-episode, loop counters; the online transitions are
/// appended to `online.bin`), resumes from the last checkpoint (a resumed run writes the same
/// log as an uninterrupted one with the same seed and thread count), and writes `done.json` at
/// the end; a finished run is returned without training.
public final class Trainer {
    public let agent: any Agent
    public let schedule: TrainingSchedule
    public let rewardTransform: RewardTransform
    public let selector: any ActionSelector
    /// Called after every step (for progress bars).
    public var progress: ((TrainingProgress) -> Void)?
    /// Stops `run` after this step, as if the process were killed there (tests of resumption).
    public var stopAfterStep: Int?
    /// Called with the checkpoint's step when `run(in:)` continues an interrupted run.
    public var resumed: ((Int) throws -> Void)?
    /// Ends the run (checkpoint, `done.json`) at the first evaluation for which this returns
    /// true: e.g. "the score reached the target" when making a medium dataset.
    public var stopWhen: ((Evaluation) -> Bool)?

    private let environment: (any Environment)?
    private let evaluationEnvironment: (any Environment)?
    private let normalizedScore: (Double) -> Double
    private let buffer: ReplayBuffer
    private var batch: TransitionBatch
    private var state: LoopState
    private let columns: [String]

    /// Everything of the loop that a checkpoint holds besides the agent.
    struct LoopState: Codable {
        var step: Int
        var sampling: RandomStream
        var exploration: RandomStream
        var environmentStream: RandomStream
        var evaluationStream: RandomStream
        var episode: Episode?
        var onlineTransitions = 0
        var updates = 0
        var wallTime: Double = 0
        /// CPU seconds of the run's processes; nil when a checkpoint written before the kit
        /// measured them was resumed, so the total is unknown.
        var cpuTime: Double? = 0
        var evaluations: [Evaluation] = []
        var startLogged = false
        var onlinePhaseBegun = false
        /// Set when `stopWhen` ended the run early.
        var finished = false
        // Accumulated since the last log row (empty at every checkpoint).
        var metricSums: [Double] = []
        var metricCount = 0
        var finishedReturns: [Double] = []
    }

    /// The training episode in progress.
    struct Episode: Codable {
        var simulator: SimulatorState
        var observation: [Float]
        var episodeReturn: Double
        var length: Int
    }

    /// - Parameters:
    ///   - environment: the online environment (nil for an offline-only run).
    ///   - evaluationEnvironment: a separate instance for evaluations (nil: no evaluations).
    ///   - offlineData: the dataset's transitions, raw rewards; they fill the buffer first.
    ///   - normalizedScore: return ↦ score (D4RL's normalisation for the task).
    public init(agent: any Agent, environment: (any Environment)?, evaluationEnvironment: (any Environment)?,
                offlineData: Transitions?, rewardTransform: RewardTransform = .identity, schedule: TrainingSchedule,
                selector: SelectorConfiguration, seed: UInt64, normalizedScore: @escaping (Double) -> Double = { $0 }) throws {
        try schedule.validate()
        for env in [environment, evaluationEnvironment].compactMap({ $0 }) {
            guard env.observationSize == agent.observationSize && env.actionSize == agent.actionSize else {
                throw TrainingError.sizeMismatch("the environment has \(env.observationSize) observations and \(env.actionSize) actions, the agent \(agent.observationSize) and \(agent.actionSize)")
            }
        }
        if schedule.onlineSteps > 0 && environment == nil {
            throw TrainingError.sizeMismatch("an online phase of \(schedule.onlineSteps) steps needs an environment")
        }
        let offlineCount = offlineData?.count ?? 0
        if let offlineData, offlineData.observations.columns != agent.observationSize || offlineData.actions.columns != agent.actionSize {
            throw TrainingError.sizeMismatch("the dataset has \(offlineData.observations.columns) observations and \(offlineData.actions.columns) actions, the agent \(agent.observationSize) and \(agent.actionSize)")
        }
        if schedule.offlineSteps > 0 && offlineCount == 0 {
            throw TrainingError.invalidSchedule(field: "offlineSteps", rule: "needs offline data (none was given)")
        }
        guard schedule.bufferCapacity >= offlineCount + schedule.onlineSteps else {
            throw TrainingError.bufferTooSmall(capacity: schedule.bufferCapacity, needed: offlineCount + schedule.onlineSteps)
        }
        self.agent = agent
        self.schedule = schedule
        self.rewardTransform = rewardTransform
        self.environment = environment
        self.evaluationEnvironment = evaluationEnvironment
        self.normalizedScore = normalizedScore
        self.selector = selector.makeSelector(observationSize: agent.observationSize, actionSize: agent.actionSize)
        buffer = ReplayBuffer(capacity: max(schedule.bufferCapacity, 1), observationSize: agent.observationSize, actionSize: agent.actionSize)
        if var offline = offlineData {
            rewardTransform.apply(to: &offline.rewards)
            buffer.append(contentsOf: offline)
        }
        batch = TransitionBatch(size: agent.batchSize, observationSize: agent.observationSize, actionSize: agent.actionSize)
        state = LoopState(step: -schedule.offlineSteps,
                          sampling: RandomStream(seed: seed, for: .sampling),
                          exploration: RandomStream(seed: seed, for: .exploration),
                          environmentStream: RandomStream(seed: seed, for: .environment),
                          evaluationStream: RandomStream(seed: seed, for: .evaluation))
        var columns = ["step", "phase"] + agent.metricNames + ["updates", "episode_return", "eval_return", "eval_score"]
        if let objective = schedule.objective, objective != .fixed {
            guard agent is any ScheduledObjective else {
                throw TrainingError.invalidSchedule(field: "objective", rule: "\(objective) needs an agent with a scheduled objective (CQL, AWAC, IQL), not \(agent.name)")
            }
            if objective == .switchToSAC && !(agent is CQL) {
                throw TrainingError.invalidSchedule(field: "objective", rule: "switch to SAC needs a CQL agent, not \(agent.name)")
            }
            columns.append("objective_parameter")
        }
        if schedule.measuresQBias == true { columns += ["q_estimate", "q_return", "q_bias"] }
        self.columns = columns + ["wall_time"]
    }

    /// The log's columns: step, phase, the agent's metrics (means since the previous row),
    /// updates so far, mean return of the training episodes finished since the previous row,
    /// evaluation return and normalised score, and seconds of training.
    public var logColumns: [String] { columns }

    /// Trains to the end of the schedule (or resumes, or returns a finished run's summary).
    public func run(in directory: RunDirectory? = nil) throws -> TrainingSummary {
        if let directory, directory.status == .done {
            return try directory.summary()
        }
        var log: RunLog?
        var transitionsFile: OnlineTransitionFile?
        if let directory {
            try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
            let resumed = try loadCheckpoint(from: directory)
            if resumed { try self.resumed?(state.step) }
            log = try RunLog(url: directory.logURL, columns: columns, resumingAfter: resumed ? state.step : nil)
            transitionsFile = try OnlineTransitionFile(url: directory.url.appendingPathComponent("online.bin"),
                                                       observationSize: agent.observationSize, actionSize: agent.actionSize,
                                                       keepingRecords: resumed ? state.onlineTransitions : 0)
            try transitionsFile?.load(state.onlineTransitions, into: buffer)
        }
        let session = Date(), sessionCPUTime = processCPUTime()
        let wallTimeBefore = state.wallTime, cpuTimeBefore = state.cpuTime
        func elapsed() -> Double { wallTimeBefore + Date().timeIntervalSince(session) }
        func recordTimes() {
            state.wallTime = elapsed()
            state.cpuTime = cpuTimeBefore.map { $0 + processCPUTime() - sessionCPUTime }
        }

        /// Logs, evaluates and checkpoints as due; returns whether the run stops here.
        func endOfStep(phase: String, logDue: Bool, evaluationDue: Bool, checkpointDue: Bool) throws -> Bool {
            var reachedGoal = false
            if logDue || evaluationDue {
                recordTimes()
                let evaluation = evaluationDue ? try evaluate() : nil
                try log?.append(step: state.step, row(phase: phase, evaluation: evaluation))
                if let evaluation, stopWhen?(evaluation) == true { reachedGoal = true }
            }
            if checkpointDue || reachedGoal, let directory {
                try transitionsFile?.flush()
                try saveCheckpoint(to: directory.checkpointURL, in: directory)
            }
            progress?(TrainingProgress(step: state.step, firstStep: -schedule.offlineSteps, lastStep: schedule.onlineSteps,
                                       phase: phase, lastScore: state.evaluations.last?.score))
            if reachedGoal { state.finished = true }
            return state.step == stopAfterStep || reachedGoal
        }

        // quote: offline-phase
        while state.step < 0 {
            state.step += 1
            try updateAgent()
            let j = state.step + schedule.offlineSteps
            let end = state.step == 0
            if end { state.startLogged = true }
            if try endOfStep(phase: "offline", logDue: j % schedule.logInterval == 0 || end,
                             evaluationDue: j % schedule.evaluationInterval == 0 || end,
                             checkpointDue: j % schedule.checkpointInterval == 0 || end) {
                return try finish(directory)
            }
        }
        // end quote
        if !state.startLogged {
            // No offline phase: evaluate the initial policy at step 0.
            state.startLogged = true
            if try endOfStep(phase: "start", logDue: true, evaluationDue: true, checkpointDue: false) { return try finish(directory) }
        }
        if schedule.onlineSteps > 0 && !state.onlinePhaseBegun {
            agent.beginOnlinePhase()
            state.onlinePhaseBegun = true
        }
        // quote: online-phase
        while state.step < schedule.onlineSteps, let environment {
            state.step += 1
            applyObjectiveSchedule()
            var episode = try currentEpisode(environment)
            let action = state.step <= schedule.warmupSteps
                ? uniformAction(low: environment.actionLow, high: environment.actionHigh)
                : selector.action(for: episode.observation, agent: agent, low: environment.actionLow,
                                  high: environment.actionHigh, using: &state.exploration)
            let result = try environment.step(action)
            let reward = rewardTransform(Float(result.reward))
            buffer.append(observation: episode.observation, action: action, reward: reward, nextObservation: result.observation,
                          terminated: result.terminated, truncated: result.truncated)
            transitionsFile?.append(observation: episode.observation, action: action, reward: reward,
                                    nextObservation: result.observation, terminated: result.terminated, truncated: result.truncated)
            state.onlineTransitions += 1
            episode.episodeReturn += result.reward
            episode.length += 1
            episode.observation = result.observation
            if result.isLast {
                state.finishedReturns.append(episode.episodeReturn)
                state.episode = nil
            } else {
                state.episode = episode
            }
            if state.step > schedule.warmupSteps && buffer.count >= agent.batchSize {
                for _ in 0..<schedule.updatesPerStep { try updateAgent() }
            }
            let end = state.step == schedule.onlineSteps
            if try endOfStep(phase: "online", logDue: state.step % schedule.logInterval == 0 || end,
                             evaluationDue: state.step % schedule.evaluationInterval == 0 || end,
                             checkpointDue: state.step % schedule.checkpointInterval == 0 || end) {
                return try finish(directory)
            }
        }
        // end quote
        recordTimes()
        state.finished = true
        return try finish(directory)
    }

    /// The summary; a finished run also gets its `done.json`.
    private func finish(_ directory: RunDirectory?) throws -> TrainingSummary {
        let result = summary()
        if state.finished, let directory { try directory.markDone(summary: result) }
        return result
    }

    // MARK: - Steps

    // quote: objective-switch
    /// Sets the agent's objective for the current online step (a pure function of the step,
    /// so a resumed run sets the same values).
    private func applyObjectiveSchedule() {
        guard let objective = schedule.objective, objective != .fixed, let agent = agent as? any ScheduledObjective else { return }
        if objective == .switchToSAC {
            _ = agent.switchToOnlineObjective()
        } else {
            agent.objectiveParameter = objective.value(initial: agent.initialObjectiveParameter, onlineStep: state.step)
        }
    }
    // end quote

    /// One update on a fresh batch; stops the run when a metric is not finite.
    private func updateAgent() throws {
        buffer.sample(into: &batch, using: &state.sampling)
        let metrics = agent.update(with: batch, using: &state.sampling)
        state.updates += 1
        if let bad = metrics.firstNonFinite {
            var savedTo = "(no run directory)"
            if let directory = currentDirectory {
                let url = directory.url.appendingPathComponent("failed-checkpoint")
                try? saveCheckpoint(to: url, in: directory)
                savedTo = url.path
            }
            throw TrainingError.nonFinite(step: state.step, metric: bad.name, value: bad.value, savedTo: savedTo)
        }
        if state.metricSums.count != metrics.entries.count { state.metricSums = Array(repeating: 0, count: metrics.entries.count) }
        for (i, entry) in metrics.entries.enumerated() { state.metricSums[i] += entry.value }
        state.metricCount += 1
    }

    /// The training episode in progress, starting a new one when there is none.
    private func currentEpisode(_ environment: any Environment) throws -> Episode {
        if let episode = state.episode { return episode }
        let observation = environment.reset(using: &state.environmentStream)
        return Episode(simulator: environment.simulatorState, observation: observation, episodeReturn: 0, length: 0)
    }

    private func uniformAction(low: [Float], high: [Float]) -> [Float] {
        (0..<low.count).map { low[$0] + (high[$0] - low[$0]) * state.exploration.nextUniformFloat() }
    }

    /// n episodes of the deterministic policy on the evaluation environment; with
    /// `measuresQBias`, also the critics' estimate against the discounted return obtained.
    private func evaluate() throws -> Evaluation? {
        guard let environment = evaluationEnvironment else { return nil }
        let measuresBias = schedule.measuresQBias == true
        let gamma = Double(agent.discount)
        var returns: [Double] = []
        var estimates = 0.0, obtained = 0.0, visited = 0
        let critics = agent.criticEnsemble
        var row = [Float](repeating: 0, count: agent.observationSize + agent.actionSize)
        for _ in 0..<schedule.evaluationEpisodes {
            var observation = environment.reset(using: &state.evaluationStream)
            var total = 0.0
            var rewards: [Double] = []
            while true {
                let action = agent.act(observation: observation, deterministic: true, using: &state.evaluationStream)
                if measuresBias {
                    for j in 0..<agent.observationSize { row[j] = observation[j] }
                    for j in 0..<agent.actionSize { row[agent.observationSize + j] = action[j] }
                    let q = row.withUnsafeMutableBufferPointer { critics.criticValues(ofRows: $0.baseAddress!, rows: 1) }
                    var mean = 0.0
                    for k in 0..<critics.criticCount { mean += Double(q[k]) }
                    estimates += mean / Double(critics.criticCount)
                    visited += 1
                }
                let result = try environment.step(action)
                total += result.reward
                if measuresBias { rewards.append(Double(rewardTransform(Float(result.reward)))) }
                observation = result.observation
                if result.isLast { break }
            }
            var discounted = 0.0
            for reward in rewards.reversed() {
                discounted = reward + gamma * discounted
                obtained += discounted
            }
            returns.append(total)
        }
        let mean = returns.reduce(0, +) / Double(returns.count)
        var evaluation = Evaluation(step: state.step, meanReturn: mean, score: normalizedScore(mean), returns: returns)
        if measuresBias && visited > 0 {
            evaluation.qEstimate = estimates / Double(visited)
            evaluation.qReturn = obtained / Double(visited)
        }
        state.evaluations.append(evaluation)
        return evaluation
    }

    /// A log row; empties the accumulators.
    private func row(phase: String, evaluation: Evaluation?) -> [String: LogValue] {
        var values: [String: LogValue] = ["phase": .text(phase), "updates": .number(Double(state.updates)),
                                          "wall_time": .number((state.wallTime * 1000).rounded() / 1000)]
        if state.metricCount > 0 {
            for (i, name) in agent.metricNames.enumerated() where i < state.metricSums.count {
                values[name] = .number(state.metricSums[i] / Double(state.metricCount))
            }
        }
        if !state.finishedReturns.isEmpty {
            values["episode_return"] = .number(state.finishedReturns.reduce(0, +) / Double(state.finishedReturns.count))
        }
        if let evaluation {
            values["eval_return"] = .number(evaluation.meanReturn)
            values["eval_score"] = .number(evaluation.score)
            if let estimate = evaluation.qEstimate, let obtained = evaluation.qReturn {
                values["q_estimate"] = .number(estimate)
                values["q_return"] = .number(obtained)
                values["q_bias"] = .number(estimate - obtained)
            }
        }
        if columns.contains("objective_parameter"), let agent = agent as? any ScheduledObjective {
            values["objective_parameter"] = .number(Double(agent.objectiveParameter))
        }
        state.metricSums = []
        state.metricCount = 0
        state.finishedReturns = []
        return values
    }

    private func summary() -> TrainingSummary {
        TrainingSummary(finalStep: state.step, updates: state.updates, evaluations: state.evaluations, wallTime: state.wallTime,
                        cpuTime: state.cpuTime)
    }

    // MARK: - Checkpoints

    private var currentDirectory: RunDirectory?

    /// Writes agent and loop state into `url` (a folder), replacing it atomically.
    private func saveCheckpoint(to url: URL, in directory: RunDirectory) throws {
        let files = FileManager.default
        let fresh = url.appendingPathExtension("new"), old = url.appendingPathExtension("old")
        try? files.removeItem(at: fresh)
        try files.createDirectory(at: fresh, withIntermediateDirectories: true)
        var archive = ParameterArchive()
        agent.save(into: &archive)
        try archive.write(to: fresh.appendingPathComponent("agent.o3fparam"))
        var saved = state
        saved.episode = state.episode.map { episode in
            var copy = episode
            if let environment { copy.simulator = environment.simulatorState }
            return copy
        }
        try AtomicFile.writeJSON(saved, to: fresh.appendingPathComponent("loop.json"))
        try? files.removeItem(at: old)
        if files.fileExists(atPath: url.path) { try files.moveItem(at: url, to: old) }
        try files.moveItem(at: fresh, to: url)
        try? files.removeItem(at: old)
    }

    /// Loads the last checkpoint of `directory`, if there is one; returns whether it did.
    private func loadCheckpoint(from directory: RunDirectory) throws -> Bool {
        currentDirectory = directory
        var url = directory.checkpointURL
        let files = FileManager.default
        if !files.fileExists(atPath: url.path) {
            // A crash between the two renames of `saveCheckpoint` leaves only the old copy.
            let old = url.appendingPathExtension("old")
            guard files.fileExists(atPath: old.path) else { return false }
            url = old
        }
        do {
            let archive = try ParameterArchive(contentsOf: url.appendingPathComponent("agent.o3fparam"))
            let loaded = try JSONDecoder().decode(LoopState.self, from: Data(contentsOf: url.appendingPathComponent("loop.json")))
            try agent.restore(from: archive)
            state = loaded
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.unusableCheckpoint(path: url.path, reason: "\(error)")
        }
        if let episode = state.episode, let environment {
            let observation = try environment.restore(episode.simulator)
            state.episode?.observation = observation
        }
        return true
    }
}
