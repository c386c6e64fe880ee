import Foundation
import RLCore

/// What every chapter executable does: run the offline phases and the online arms that start
/// from them (child processes of `repro finetune`, `jobs` at a time, each arm as soon as its
/// offline phase is done, finished runs skipped), each task's dataset generated first where no
/// published D4RL file or earlier one is found, and summarise the results into
/// `figures/data/<experiment>/`.
public struct ChapterRunner {
    public var experiment: String
    public var preset: Preset
    public var tasks: [String]
    public var offlineJobs: [FineTuningJob]
    public var onlineJobs: [FineTuningJob]
    public var budget: FineTuningBudget
    /// The repository root (results store, figures, datasets are found from here).
    public var repository: URL
    /// Parallel child processes.
    public var jobs: Int
    /// The `repro` executable the children run.
    public var repro: URL
    /// Run nothing and show only what has finished (`--finished-only`): `runJobs` reports the
    /// unfinished runs and leaves them, and `shown(_:)` keeps the seeds whose arms are all done.
    public var finishedOnly = false

    public init(experiment: String, preset: Preset, tasks: [String], offlineJobs: [FineTuningJob], onlineJobs: [FineTuningJob],
                budget: FineTuningBudget, repository: URL, jobs: Int, repro: URL) {
        self.experiment = experiment
        self.preset = preset
        self.tasks = tasks
        self.offlineJobs = offlineJobs
        self.onlineJobs = onlineJobs
        self.budget = budget
        self.repository = repository
        self.jobs = jobs
        self.repro = repro
    }

    public var store: ResultsStore { ResultsStore.standard(for: preset, repository: repository) }
    public var locator: DatasetLocator { DatasetLocator(workingDirectory: repository).forDatasets(of: budget.datasetPreset) }
    public var dataFolder: URL { repository.appendingPathComponent("figures/data/\(experiment)") }

    /// Generates the missing datasets of the tasks with unfinished runs, `jobs` at a time, and
    /// runs nothing else (what `repro sweep run --datasets-only` does before `repro sweep slurm`).
    public func makeDatasets(say: @escaping (String) -> Void) throws {
        let tasks = unfinishedJobs.map(\.task).removingDuplicates()
        let datasets = try datasetJobs(for: tasks, say: say)
        try sweep().run(tasks.compactMap { datasets[$0] }, report: say)
    }

    /// The jobs not yet finished, task by task.
    private var unfinishedJobs: [FineTuningJob] {
        [FineTuningJob].taskByTask(offline: offlineJobs, online: onlineJobs).filter { store.directory(for: $0.runKey).status != .done }
    }

    /// Runs every job not yet finished, task by task; an online arm starts as soon as its offline
    /// phase is done. A task with unfinished runs and no dataset first has one generated (a
    /// `repro dataset generate` child process the task's runs wait for), beside other tasks'
    /// runs and datasets, so no core idles while, say, SAC learns the policy behind a "medium"
    /// file; a finished task needs no dataset. The estimates (`estimatedSeconds`, by run path)
    /// give the progress reports their time to go; with a `deadline`, a run starts only if its
    /// estimate says it ends by then, and the others are left for the next sitting, and returned.
    @discardableResult
    public func runJobs(say: @escaping (String) -> Void, deadline: Date? = nil, estimatedSeconds: [String: Double] = [:]) throws -> [String] {
        var sweep = sweep()
        sweep.deadline = deadline
        let todo = unfinishedJobs
        let all = offlineJobs.count + onlineJobs.count
        if finishedOnly {
            say("\(all - todo.count) of \(all) runs finished; --finished-only: the \(todo.count) others are not run, and the figure leaves their seeds out"
                + todo.prefix(8).map { "\n  not finished: " + $0.runKey.relativePath }.joined() + (todo.count > 8 ? "\n  …" : ""))
            return []
        }
        say("\(all - todo.count) of \(all) runs already finished, \(todo.count) to run (\(jobs) at a time)")
        let datasets = try datasetJobs(for: todo.map(\.task).removingDuplicates(), say: say)
        let sweepJobs = todo.map(\.task).removingDuplicates().flatMap { task in
            let dataset = datasets[task]
            return (dataset.map { [$0] } ?? []) + todo.filter { $0.task == task }.map { job in
                var sweepJob = job.sweepJob(repository: repository.path, estimatedSeconds: estimatedSeconds[job.runKey.relativePath])
                sweepJob.dependencies += dataset.map { [$0.name] } ?? []
                return sweepJob
            }
        }
        return try sweep.run(sweepJobs, report: say)
    }

    /// The online jobs of `jobs` a figure shows: all of them; with `finishedOnly`, those of the
    /// (task, seed) pairs whose arms in `jobs` have all finished, so that a task's arms are
    /// compared over the same seeds (a task with no such seed drops out).
    public func shown(_ jobs: [FineTuningJob]) -> [FineTuningJob] {
        guard finishedOnly else { return jobs }
        let online = jobs.filter { $0.exploration != nil }
        let finished = { (job: FineTuningJob) in
            online.filter { $0.task == job.task && $0.seed == job.seed }.allSatisfy { self.store.directory(for: $0.runKey).status == .done }
        }
        return online.filter(finished)
    }

    /// What a figure's caption says when `shown` leaves some of `all`'s online runs out:
    /// "10 of the 12 runs planned (the finished ones)"; nil when none is left out.
    public func scope(showing shown: [FineTuningJob], of all: [FineTuningJob]) -> String? {
        let total = all.filter { $0.exploration != nil }.count
        guard shown.count < total else { return nil }
        return "\(shown.count) of the \(total) runs planned (the finished ones)"
    }

    /// Watches the final agents of this chapter's finished AntMaze and kitchen runs that have no
    /// record of what the chapter's tables read (`repro finetune … --watch N` child processes,
    /// `jobs` at a time, N the budget's `watchEpisodes`), so that the goal-approach and
    /// kitchen-element tables (`GoalApproachTable`, `KitchenElementTable`) cover every run
    /// whose agent is here. A run that finished elsewhere is named and left: watching it would
    /// first train it again (`FinalAgentRecovery`), which is the user's call. Returns the runs
    /// watched.
    @discardableResult
    public func watchAgents(say: @escaping (String) -> Void) throws -> [String] {
        let unwatched = (offlineJobs + onlineJobs).removingDuplicates().filter { job in
            let run = store.directory(for: job.runKey)
            guard let domain = try? TaskRegistry.task(named: job.task).domain, domain != .locomotion, run.status == .done else { return false }
            return (try? FinalAgentWatch.read(in: run))?.isComplete(on: domain) != true
        }
        let here = unwatched.filter { !FineTuning.needsRecovery(store.directory(for: $0.runKey)) }
        let episodes = budget.watchEpisodes
        let watch = { (job: FineTuningJob) in job.commandArguments(repository: self.repository.path) + ["--watch", String(episodes)] }
        for job in unwatched where !here.contains(job) {
            say("not watched: \(job.runKey.relativePath) finished elsewhere and its agent is not on this machine "
                + "(`repro \(watch(job).filter { $0 != "--no-progress" }.joined(separator: " "))` trains it again first)")
        }
        guard !here.isEmpty else { return [] }
        say("watching \(here.count) AntMaze or kitchen agents not yet watched, \(episodes) episodes each")
        let watches = here.map { Sweep.Job(name: "watch/" + $0.runKey.relativePath, arguments: watch($0)) }
        _ = try sweep().run(watches, report: say)
        return here.map(\.runKey.relativePath)
    }

    /// Writes the tables the watched agents of `results` make, where some were watched: how near
    /// they came to the goal on AntMaze (`GoalApproachTable`, `approach[-tag]-<preset>.md`) and
    /// which kitchen elements they completed (`KitchenElementTable`, `elements[-tag]-<preset>.md`).
    public func writeWatchTables(of results: FineTuningResults, tag: String? = nil) throws {
        let suffix = (tag.map { "-" + $0 } ?? "") + "-\(preset).md"
        try GoalApproachTable(results: results).write(to: dataFolder.appendingPathComponent("approach" + suffix))
        try KitchenElementTable(results: results).write(to: dataFolder.appendingPathComponent("elements" + suffix))
    }

    /// A `repro dataset generate` child process for each of `tasks` whose dataset is missing
    /// (named "datasets/<task>"), by task; the found ones are reported. Each is a prerequisite
    /// (made only if a run that needs it will run); the AntMaze ones wait for each other, so
    /// that the first trains the ant controller they share and the others find it trained.
    private func datasetJobs(for tasks: [String], say: (String) -> Void) throws -> [String: Sweep.Job] {
        var datasets: [String: Sweep.Job] = [:]
        var lastAntMaze: String?
        for name in tasks {
            let task = try TaskRegistry.task(named: name)
            if let url = try? locator.locate(task) { say("dataset \(name): \(url.path)"); continue }
            say("dataset \(name): not found; generating the kit's own (\(budget.datasetPreset) budget)")
            // D4RL's random datasets hold 1M transitions; the tests' tiny budget makes 5,000.
            let rows = task.datasetKind == "random"
                ? (budget.datasetPreset == .tiny ? SACPresets.mediumDatasetSize(for: .tiny) : 1_000_000)
                : DatasetGeneration.rows(of: task, preset: budget.datasetPreset)
            var job = Sweep.Job(name: "datasets/\(name)",
                                arguments: ["dataset", "generate", name, "--preset", budget.datasetPreset.rawValue,
                                            "--size", String(rows), "--repository", repository.path, "--if-missing"],
                                dependencies: task.domain == .antmaze ? lastAntMaze.map { [$0] } ?? [] : [])
            job.isPrerequisite = true
            if task.domain == .antmaze { lastAntMaze = job.name }
            datasets[name] = job
        }
        return datasets
    }

    /// The sweep that runs this chapter's child processes, `jobs` at a time, logs in the store.
    private func sweep() -> Sweep {
        Sweep(executable: repro, concurrency: jobs, logFolder: store.root.appendingPathComponent("\(preset)/\(experiment)/logs"))
    }

    /// Renders `script` with gnuplot into `figures/<figure>-<preset>.{png,pdf}` and copies
    /// them to `figures/<figure>.{png,pdf}`; `figure` defaults to the experiment's name, and the
    /// data are read from `figures/data/<experiment>`.
    /// `variables` are further gnuplot variables (string values).
    public func render(script: String, tasks: [String], figure: String? = nil, variables: [String: String] = [:]) throws -> [URL] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let name = figure ?? experiment
        let out = "figures/\(name)-\(preset)"
        let extra = variables.keys.sorted().map { "; \($0)='\(variables[$0]!)'" }.joined()
        process.arguments = ["gnuplot", "-e", "datadir='figures/data/\(experiment)'; preset='\(preset)'; tasks='\(tasks.joined(separator: " "))'; out='\(out)'" + extra, script]
        process.currentDirectoryURL = repository
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw ChapterError.gnuplotMissing }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ChapterError.gnuplotFailed(script: script, message: message) }
        var written: [URL] = []
        for format in ["png", "pdf"] {
            let source = repository.appendingPathComponent("\(out).\(format)")
            let latest = repository.appendingPathComponent("figures/\(name).\(format)")
            try? FileManager.default.removeItem(at: latest)
            try FileManager.default.copyItem(at: source, to: latest)
            written += [source, latest]
        }
        return written
    }
}

public enum ChapterError: Error, CustomStringConvertible, Equatable {
    case gnuplotMissing
    case gnuplotFailed(script: String, message: String)
    case badArgument(String)
    /// Finished runs whose `config.json` schedule is not the one the preset plans, each with
    /// what differs.
    case recordedScheduleDiffers([String])
    /// `--finished-only` found no seed whose arms have all finished; `command` makes the runs.
    case nothingFinished(command: String)

    public var description: String {
        switch self {
        case .recordedScheduleDiffers(let runs):
            return "\(runs.count) finished run(s) were made with another schedule than this preset plans, so the figure would "
                + "mislabel them:\n" + runs.map { "  " + $0 }.joined(separator: "\n")
                + "\nMove those run folders aside (or delete them) and run the chapter again to remake them with this preset."
        case .gnuplotMissing: return "gnuplot is not installed: run `make setup` (it installs Debian's gnuplot)"
        case let .gnuplotFailed(script, message): return "gnuplot failed on \(script):\n\(message)"
        case .badArgument(let text): return text
        case .nothingFinished(let command):
            return "--finished-only: no task has a seed whose arms have all finished, so there is nothing to draw; `\(command)` (without --finished-only) makes the runs first"
        }
    }
}

/// The command line every chapter executable takes: `--preset`, `--jobs`, `--repository`,
/// `--tasks` (a comma-separated subset of the preset's tasks, to run or render part of a
/// figure, e.g. one task per sitting of a long preset) and the chapter's own options (`extraOptions`, each followed by a value) read with
/// `value(of:)`, and flags (`flags`, without a value) read with `isSet(_:)`. `--help` prints `usage` and exits; an option the chapter does not take, or
/// one without its value, is an error that names it.
public struct ChapterOptions {
    public let arguments: [String]
    public let preset: Preset
    public let repository: URL
    public let jobs: Int
    /// The tasks `--tasks` names, in its order; nil means all of the preset's.
    public let tasks: [String]?
    /// The `repro` executable next to the chapter's own.
    public let repro: URL

    /// The options every chapter takes.
    public static let commonOptions = ["--preset", "--jobs", "--repository", "--tasks"]

    public init(arguments: [String] = CommandLine.arguments, usage: String = "", extraOptions: [String] = [], flags: [String] = []) throws {
        self.arguments = arguments
        let program = URL(fileURLWithPath: arguments.first ?? "chapter").lastPathComponent
        if arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            print(usage.isEmpty ? "usage: \(program) [--preset tiny|quick|standard|paper] [--jobs N] [--repository DIR] [--tasks A,B]" : usage)
            exit(0)
        }
        let known = Self.commonOptions + extraOptions
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if flags.contains(argument) { index += 1; continue }
            guard known.contains(argument) else {
                let flagList = flags.isEmpty ? "" : " and \(flags.joined(separator: ", "))"
                throw ChapterError.badArgument("\(argument): \(program) takes \(known.joined(separator: ", ")) (each with a value)\(flagList); `\(program) --help` shows them")
            }
            guard index + 1 < arguments.count else { throw ChapterError.badArgument("\(argument) needs a value; `\(program) --help` shows them") }
            index += 2
        }
        func value(_ name: String) -> String? { Self.value(of: name, in: arguments) }
        preset = try Preset(parsing: value("--preset") ?? "quick")
        repository = URL(fileURLWithPath: value("--repository") ?? FileManager.default.currentDirectoryPath)
        guard let jobs = Int(value("--jobs") ?? "2"), jobs >= 1 else { throw ChapterError.badArgument("--jobs: give a positive number of parallel runs") }
        self.jobs = jobs
        tasks = try value("--tasks").map(Self.taskNames(in:))
        repro = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("repro")
    }

    /// The tasks of `presetTasks` to run: all of them, or those `--tasks` names.
    /// - Throws: `ChapterError.badArgument` for a `--tasks` name the preset does not have,
    ///   listing the ones it has.
    public func selectedTasks(from presetTasks: [String]) throws -> [String] {
        guard let tasks else { return presetTasks }
        return try Self.select(tasks, from: presetTasks, of: "the \(preset) preset here")
    }

    /// The task names of a `--tasks` value ("a,b"), each known to the registry.
    /// - Throws: `ChapterError.badArgument` for an empty list, `TaskLookupError` for an unknown name.
    public static func taskNames(in list: String) throws -> [String] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ChapterError.badArgument("--tasks: give task names separated by commas, e.g. halfcheetah-medium-v2,kitchen-mixed-v0") }
        for name in names { _ = try TaskRegistry.task(named: name) }
        return names
    }

    /// `requested`, when every one is among `available` (the tasks of `owner`).
    /// - Throws: `ChapterError.badArgument` naming the first stranger and listing `available`.
    public static func select(_ requested: [String], from available: [String], of owner: String) throws -> [String] {
        if let stranger = requested.first(where: { !available.contains($0) }) {
            throw ChapterError.badArgument("--tasks: \(stranger) is not a task of \(owner); it has \(available.joined(separator: ", "))")
        }
        return requested
    }

    /// Whether the flag `name` (one of the chapter's `flags`) was given.
    public func isSet(_ name: String) -> Bool { arguments.dropFirst().contains(name) }

    /// The value after `name`, if given.
    public func value(of name: String) -> String? { Self.value(of: name, in: arguments) }

    private static func value(of name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
