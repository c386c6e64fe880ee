import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro sweep plan|run|slurm FIGURE`: the runs behind a figure as one sweep.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan, run, or submit to Slurm the runs behind a figure.",
        subcommands: [SweepPlanCommand.self, SweepRunCommand.self, SweepSlurmCommand.self]
    )
}

/// What every sweep subcommand takes.
struct SweepOptions: ParsableArguments {
    @Argument(help: "The figure: \(ExperimentCatalog.figures.joined(separator: ", ")).")
    var figure: String

    @Option(help: "tiny, quick, standard or paper.")
    var preset: String = "quick"

    @Option(help: "Repository root (results store, datasets).")
    var repository: String?

    @Option(help: "Only these of the figure's tasks, comma-separated (e.g. kitchen-mixed-v0).")
    var tasks: String?

    /// `--tasks` as names; nil means every task of the figure.
    var taskNames: [String]? { tasks.flatMap { try? ChapterOptions.taskNames(in: $0) } }

    func validate() throws {
        if !ExperimentCatalog.figures.contains(figure) {
            throw ValidationError("\(figure): sweeps know \(ExperimentCatalog.figures.joined(separator: ", "))")
        }
        do { _ = try Preset(parsing: preset) } catch { throw ValidationError("--preset: \(error)") }
        if let tasks {
            do {
                let all = try SweepPlan(figure: figure, preset: try Preset(parsing: preset)).tasks
                _ = try ChapterOptions.select(try ChapterOptions.taskNames(in: tasks), from: all, of: "\(figure) on preset \(preset)")
            } catch { throw ValidationError("\(error)") }
        }
    }

    var root: URL { URL(fileURLWithPath: repository ?? FileManager.default.currentDirectoryPath) }

    func plan() throws -> SweepPlan { try SweepPlan(figure: figure, preset: try Preset(parsing: preset), tasks: taskNames) }

    func store() throws -> ResultsStore { ResultsStore.standard(for: try Preset(parsing: preset), repository: root) }
}

struct SweepPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List a figure's runs with their status (done, partial, missing) and the estimated time still to go."
    )

    @OptionGroup var options: SweepOptions

    @Option(help: "Cores to spread the estimate over.")
    var cores: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let (plan, store) = (try options.plan(), try options.store())
        print(plan.report(store: store, cores: cores, missingDatasets: plan.missingDatasets(repository: options.root, store: store)), terminator: "")
    }
}

struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a figure's unfinished runs here, N at a time (one BLAS thread each), a task's missing dataset generated before its runs.",
        discussion: """
        Partial runs resume from their checkpoints; finished runs are never redone. Several workers \
        (this command started twice, or on several machines sharing the results store) never train \
        the same run: each run is locked by the process training it, and a locked run is tried again \
        later. With --time-limit, a run starts only if `sweep plan`'s estimate says it ends within \
        the limit (counted from the start of the command); the others are left for the next sweep.
        """
    )

    @OptionGroup var options: SweepOptions

    @Option(help: "Runs in parallel.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("datasets-only"), help: "Generate the missing datasets and stop (before `repro sweep slurm`).")
    var datasetsOnly = false

    @Option(name: .customLong("time-limit"), help: "Start only the runs expected to end within this time, e.g. 2h30m or 90m.")
    var timeLimit: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs: give a positive number of parallel runs") }
        if let timeLimit {
            do { _ = try TimeSpan.seconds(parsing: timeLimit) } catch { throw ValidationError("--time-limit: \(error)") }
        }
    }

    func run() throws {
        let plan = try options.plan()
        let deadline = try timeLimit.map { Date().addingTimeInterval(try TimeSpan.seconds(parsing: $0)) }
        let preset = try Preset(parsing: options.preset)
        let repro = runningExecutable()
        let budget = plan.budget(of: plan.jobs[0])
        let runner = ChapterRunner(experiment: plan.figure, preset: preset, tasks: plan.tasks, offlineJobs: plan.offline,
                                   onlineJobs: plan.online, budget: budget, repository: options.root, jobs: jobs, repro: repro)
        // Unbuffered, so a log file of a background sweep shows each run as it starts and ends.
        let say = { (line: String) in FileHandle.standardOutput.write(Data("[sweep \(plan.figure)] \(line)\n".utf8)) }
        if datasetsOnly { return try runner.makeDatasets(say: say) }
        let skipped = try runner.runJobs(say: say, deadline: deadline, estimatedSeconds: plan.remainingSeconds(in: runner.store))
        if skipped.isEmpty {
            say("every run of \(plan.figure) (preset \(preset)) has finished")
        } else {
            say("\(skipped.count) run\(skipped.count == 1 ? "" : "s") would not have ended within --time-limit \(timeLimit ?? ""); "
                + "the next `repro sweep run \(plan.figure) --preset \(preset)` takes \(skipped.count == 1 ? "it" : "them") up")
        }
    }
}

struct SweepSlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write a figure's unfinished runs as Slurm job arrays (submit with `sh FOLDER/submit.sh`).",
        discussion: """
        The datasets must exist first (`repro sweep run FIGURE --datasets-only` makes the missing ones); \
        every node must see the repository and the results store at the same paths.
        """
    )

    @OptionGroup var options: SweepOptions

    @Option(help: "Folder for the scripts (default: sweeps/FIGURE-PRESET).")
    var output: String?

    @Option(help: "Shared results store the nodes write to (default: the repository's own).")
    var results: String?

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "The repro executable on the nodes (default: this one).")
    var repro: String?

    func run() throws {
        let plan = try options.plan()
        let executable = repro ?? runningExecutable().path
        let sweep = SlurmSweep(plan: plan, repro: executable, repository: options.root.path, results: results, partition: partition)
        let folder = URL(fileURLWithPath: output ?? options.root.appendingPathComponent("sweeps/\(plan.figure)-\(plan.preset)").path)
        var environment = ProcessInfo.processInfo.environment
        if let results { environment["O3F_RESULTS_DIR"] = results }
        let store = ResultsStore.standard(for: plan.preset, repository: options.root, environment: environment)
        let missing = plan.missingDatasets(repository: options.root, store: store)
        if !missing.isEmpty {
            throw ChapterError.badArgument("no dataset for \(missing.joined(separator: ", ")): make them first with "
                                  + "`repro sweep run \(plan.figure) --preset \(plan.preset) --datasets-only --repository \(options.root.path)`")
        }
        try sweep.write(to: folder, store: store)
        print("wrote \(folder.path)/{array.sbatch,submit.sh,offline.txt,online.txt}; submit with: sh \(folder.path)/submit.sh")
    }
}
