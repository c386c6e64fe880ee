import Foundation
import RLCore

/// The runs behind one figure on one preset, with where each stands in the results store and
/// what the rest will cost: what `repro sweep plan` prints, `repro sweep run` executes and
/// `repro sweep slurm` turns into job arrays.
public struct SweepPlan {
    public let figure: String
    public let preset: Preset
    public let offline: [FineTuningJob]
    public let online: [FineTuningJob]
    /// Every run of the figure on the preset, whatever `tasks` kept: the finished ones among
    /// them calibrate the estimates (`measuredSeconds`).
    private let figureJobs: [FineTuningJob]

    /// The runs of `figure` on `preset`; `tasks`, when given, keeps only those tasks' runs.
    public init(figure: String, preset: Preset, tasks: [String]? = nil) throws {
        self.figure = figure
        self.preset = preset
        let (offline, online) = try ExperimentCatalog.runs(for: figure, preset: preset)
        figureJobs = offline + online
        let kept = { (job: FineTuningJob) in tasks?.contains(job.task) ?? true }
        (self.offline, self.online) = (offline.filter(kept), online.filter(kept))
    }

    /// Task by task: each task's offline phases, then its online arms.
    public var jobs: [FineTuningJob] { .taskByTask(offline: offline, online: online) }

    /// One run of the plan.
    public struct Entry: Sendable {
        public var job: FineTuningJob
        public var status: RunDirectory.Status
        /// Estimated one-core seconds still to go (0 when done).
        public var remainingSeconds: Double
        /// The estimate is the one-core time of finished runs like this one (`measuredSeconds`),
        /// not `RunCost`'s reference update times.
        public var isMeasured: Bool
        /// One-core seconds a finished run took (`oneCoreSeconds`; 0 until it is done).
        public var spentSeconds: Double
        /// Of `remainingSeconds`, the time to train the arm's offline phase again first: it
        /// finished elsewhere and its agent is not here (`FinalAgentRecovery`); 0 otherwise.
        public var recoverySeconds: Double = 0
    }

    public func entries(in store: ResultsStore) -> [Entry] {
        let finished = finishedRuns(in: store)
        let measured = measuredSeconds(of: finished)
        let scale = referenceScale(of: finished)
        let estimate = { (job: FineTuningJob) in measured[Self.likeness(of: job)] ?? scale * self.referenceSeconds(of: job) }
        var recovered: Set<String> = []
        return jobs.map { job in
            let directory = store.directory(for: job.runKey)
            let status = directory.status
            var remaining: Double
            switch status {
            case .done: remaining = 0
            case .missing: remaining = estimate(job)
            case .partial: remaining = estimate(job) * (1 - progress(of: job, in: directory))
            }
            // The first unfinished arm of an offline phase that finished elsewhere trains it again first.
            var recovery = 0.0
            if status != .done, job.exploration != nil {
                let offline = store.directory(for: job.offlineJob.runKey)
                if offline.status == .done, !FinalAgentRecovery.hasFinalAgent(offline),
                   recovered.insert(job.offlineJob.runKey.relativePath).inserted {
                    recovery = estimate(job.offlineJob)
                }
            }
            return Entry(job: job, status: status, remainingSeconds: remaining + recovery, isMeasured: measured[Self.likeness(of: job)] != nil,
                         spentSeconds: status == .done ? Self.oneCoreSeconds(of: directory) ?? 0 : 0, recoverySeconds: recovery)
        }
    }

    /// Each run's estimated one-core seconds still to go, by its run path: what a sweep's
    /// deadline and progress reports go by.
    public func remainingSeconds(in store: ResultsStore) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: entries(in: store).map { ($0.job.runKey.relativePath, $0.remainingSeconds) })
    }

    /// What makes two runs of a plan cost alike: the method (algorithm, how it acts, its
    /// objective) and the task's domain (locomotion tasks share network sizes and step costs).
    private static func likeness(of job: FineTuningJob) -> String {
        "\(job.method) on \((try? TaskRegistry.task(named: job.task).domain).map { "\($0)" } ?? job.task)"
    }

    /// The median one-core time (`oneCoreSeconds`) of the figure's finished runs, by
    /// `likeness`. Measured on the machine, and under the load, that made them, it predicts the
    /// rest of the sweep there better than reference update times; the median ignores a run
    /// that shared its core with others for a while.
    private func measuredSeconds(of finished: [(job: FineTuningJob, seconds: Double)]) -> [String: Double] {
        Dictionary(grouping: finished, by: { Self.likeness(of: $0.job) }).mapValues { $0.map(\.seconds).median }
    }

    /// The figure's finished runs (whatever `tasks` kept) with their one-core seconds.
    private func finishedRuns(in store: ResultsStore) -> [(job: FineTuningJob, seconds: Double)] {
        figureJobs.compactMap { job in Self.oneCoreSeconds(of: store.directory(for: job.runKey)).map { (job, $0) } }
    }

    /// How much longer than `RunCost`'s reference the figure's finished runs took: the median,
    /// over them, of one-core seconds ÷ reference seconds (1 while none has finished). The
    /// reference update times were measured with the machine otherwise idle; two workers on two
    /// cores share caches and memory bandwidth, and AntMaze's and Kitchen's evaluations cost
    /// more than the reference counts, so runs of a method not yet measured borrow the ratio
    /// of those that were.
    public func referenceScale(in store: ResultsStore) -> Double { referenceScale(of: finishedRuns(in: store)) }

    private func referenceScale(of finished: [(job: FineTuningJob, seconds: Double)]) -> Double {
        finished.isEmpty ? 1 : finished.map { $0.seconds / referenceSeconds(of: $0.job) }.median
    }

    /// `RunCost`'s estimate of `job` from reference update times.
    private func referenceSeconds(of job: FineTuningJob) -> Double { RunCost.seconds(of: job, budget: budget(of: job)) }

    /// What a finished run cost one core, from its `done.json`: its CPU time where it recorded
    /// one, else its wall time (runs made before the kit measured CPU time, two workers on two
    /// cores: close to their CPU time).
    static func oneCoreSeconds(of directory: RunDirectory) -> Double? {
        guard let summary = try? directory.summary() else { return nil }
        let seconds = summary.cpuTime ?? summary.wallTime
        return seconds > 0 ? seconds : nil
    }

    /// The budget a job runs with.
    public func budget(of job: FineTuningJob) -> FineTuningBudget { ExperimentCatalog.budget(for: job.experiment, preset: preset)! }

    /// The tasks, in order.
    public var tasks: [String] { jobs.map(\.task).removingDuplicates() }

    /// Fraction of a partial run done, from the last step in its log.
    private func progress(of job: FineTuningJob, in directory: RunDirectory) -> Double {
        guard let text = try? String(contentsOf: directory.logURL, encoding: .utf8),
              let last = text.split(separator: "\n").last, let step = Int(last.split(separator: "\t").first ?? "") else { return 0 }
        let budget = budget(of: job)
        let fraction = job.exploration == nil ? Double(step + budget.offlineSteps) / Double(max(budget.offlineSteps, 1))
                                              : Double(step) / Double(max(budget.onlineSteps, 1))
        return min(max(fraction, 0), 1)
    }

    /// The tasks with unfinished runs whose dataset is nowhere the kit looks from `repository`:
    /// what `sweep run` makes before their runs, and what `sweep slurm` needs made first.
    public func missingDatasets(repository: URL, store: ResultsStore) -> [String] {
        entries(in: store).filter { $0.status != .done }.map(\.job).filter { job in
            let locator = DatasetLocator(workingDirectory: repository).forDatasets(of: budget(of: job).datasetPreset)
            return (try? locator.locate(try TaskRegistry.task(named: job.task))) == nil
        }.map(\.task).removingDuplicates()
    }

    /// A table of every run with its status and remaining cost, and the totals; then the
    /// `missingDatasets`, if any, which the estimate leaves out.
    public func report(store: ResultsStore, cores: Int, missingDatasets: [String] = []) -> String {
        let entries = entries(in: store)
        var lines = ["run\tstatus\tremaining (one core)"]
        for entry in entries {
            var cost = entry.status == .done ? "–" : Self.duration(entry.remainingSeconds) + (entry.isMeasured ? " (measured)" : "")
            if entry.recoverySeconds > 0 { cost += ", with \(Self.duration(entry.recoverySeconds)) to train its offline phase again first (its agent is not on this machine)" }
            lines.append("\(entry.job.runKey.relativePath)\t\(entry.status)\t\(cost)")
        }
        let count = { (status: RunDirectory.Status) in entries.filter { $0.status == status }.count }
        let remaining = entries.map(\.remainingSeconds).reduce(0, +)
        let spent = entries.map(\.spentSeconds).reduce(0, +)
        let open = entries.filter { $0.status != .done }
        let measured = open.filter(\.isMeasured).count
        let scale = referenceScale(in: store)
        let reference = "update times measured on a 2-core EPYC VM"
            + (scale == 1 ? "" : String(format: " ×%.2f, as this store's finished runs took against the same times", scale))
        let basis = open.isEmpty ? "none left to make"
            : measured == 0 ? reference
            : measured == open.count ? "the one-core times of finished runs like them in this store"
            : "\(measured) of the \(open.count) from the one-core times of finished runs like them in this store, the rest from \(reference)"
        lines.append("")
        lines.append("\(figure), preset \(preset): \(entries.count) runs — \(count(.done)) done\(spent > 0 ? " (\(Self.duration(spent)) of one core)" : ""), \(count(.partial)) partial, \(count(.missing)) missing; "
                     + "≈ \(Self.duration(remaining)) of one core to go, ≈ \(Self.duration(remaining / Double(max(cores, 1)))) on \(cores) core\(cores == 1 ? "" : "s") "
                     + "(estimates: \(basis)\(missingDatasets.isEmpty ? "" : "; datasets below not included"))")
        if !missingDatasets.isEmpty {
            lines.append("datasets to make first (by `repro sweep run`, before their task's runs): "
                         + missingDatasets.map { datasetWithEstimate($0, store: store) }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "antmaze-large-diverse-v2 (≈ 1.2 h of one core)": a dataset with what making it costs at
    /// the preset its runs use (`RunCost.datasetSeconds`; an AntMaze file's controller counts
    /// only when its run is not finished in `store`).
    private func datasetWithEstimate(_ name: String, store: ResultsStore) -> String {
        guard let task = try? TaskRegistry.task(named: name), let job = jobs.first(where: { $0.task == name }) else { return name }
        let preset = budget(of: job).datasetPreset
        let controllerTrained = AntControllerTraining(preset: preset, store: store).runDirectory.status == .done
        guard let estimate = RunCost.datasetSeconds(of: task, preset: preset, controllerTrained: controllerTrained) else { return name }
        return "\(name) (\(estimate.isUpperBound ? "at most " : "")≈ \(Self.duration(estimate.seconds)) of one core)"
    }

    /// "1.4 s", "42 s", "17 min", "3.2 h".
    public static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 90 { return String(format: "%.0f s", seconds) }
        if seconds < 5_400 { return String(format: "%.0f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3_600)
    }
}
