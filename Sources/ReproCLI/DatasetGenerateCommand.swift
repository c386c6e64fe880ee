import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro dataset generate TASK [--size N] [--seed S] [--preset P] [--target-score X] [--output PATH] [--force] [--repository DIR] [--if-missing]`.
struct DatasetGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a locomotion -random-v2 or -medium-v2 dataset, a kitchen one or an antmaze -diverse one, in D4RL's HDF5 schema.",
        discussion: """
        Writes D4RL's file name (e.g. halfcheetah_medium-v2.hdf5) into the kit's datasets/ folder \
        ($O3F_DATASET_DIR when set), where `repro dataset info TASK` and training find it. \
        -random-v2: uniformly random actions, 1,000,000 transitions by default. \
        -medium-v2: D4RL's recipe: SAC is trained online until its evaluation reaches --target-score \
        (a D4RL-normalised score; default 33, one third of the expert reference) or the preset's step \
        budget (quick 100k steps, standard 1M), then its stochastic policy is recorded \
        (quick: 100,000 transitions; standard: 1,000,000). The SAC run is kept in the results store \
        and resumes if interrupted. kitchen-complete-v0, -partial-v0, -mixed-v0: scripted (not human) \
        demonstrations of D4RL's task sequences, rows shaped like D4RL's kitchen files \
        (standard: D4RL's 3,680 / 136,950 transitions; quick: 1,200 / 7,200). A quick dataset goes \
        to datasets/quick/, so it never replaces a full-size one. \
        antmaze-umaze/medium/large-diverse-v2: D4RL's recipe: a goal-reaching SAC ant controller trained in \
        open space (`repro train ant-controller`, run first when missing: quick 100k steps, standard 500k) is \
        steered by a shortest-path waypoint planner from a random open cell that is not a goal cell to a \
        random one of the goal cells D4RL's released script uses (umaze 1, medium 3, large 7, the task's \
        goal among them or on the only way into one), with \
        N(0, 0.2²) action noise, in 1000-step episodes (tiny 5,000 transitions; quick 100,000; standard \
        1,000,000); rewards and terminals mark the task's goal as in D4RL's relabelled files. The printout \
        gives the fraction of episodes that reached their commanded goal.
        """
    )

    @Argument(help: "The task, e.g. halfcheetah-random-v2, halfcheetah-medium-v2 or kitchen-mixed-v0.")
    var task: String

    @Option(help: "Number of transitions (default: 1000000 for random; the preset's size for medium and kitchen).")
    var size: Int?

    @Option(help: "Seed of the action, reset, (medium) SAC and (kitchen) demonstration streams.")
    var seed: UInt64 = 0

    @Option(help: "Budget of a medium dataset's SAC run, or a kitchen dataset's size: quick or standard (paper = standard).")
    var preset: String = "standard"

    @Option(name: .customLong("target-score"), help: "Medium datasets: stop SAC at this D4RL-normalised score.")
    var targetScore: Double = MediumDatasetGenerator.defaultTargetScore

    @Option(name: .customLong("controller-actor"), help: "AntMaze: drive this controller actor file (`repro train ant-controller --export-actor`) instead of the preset's controller run.")
    var controllerActor: String?

    @Option(help: "Write here instead of the datasets folder.")
    var output: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    @Option(help: "Repository root (datasets folder, results store for the SAC and controller runs; default: the current folder).")
    var repository: String?

    @Flag(name: .customLong("if-missing"), help: "Do nothing when the kit already finds the task's dataset (what a sweep asks for).")
    var ifMissing = false

    func validate() throws {
        if let size, size < 1 { throw ValidationError("--size \(size): a dataset needs at least 1 transition.") }
        if !(targetScore > 0 && targetScore < 150) { throw ValidationError("--target-score \(targetScore): give a normalised score in (0, 150), e.g. 33.") }
        do { _ = try Preset(parsing: preset) } catch { throw ValidationError("--preset: \(error)") }
    }

    func run() throws {
        let task = try TaskRegistry.task(named: self.task)
        let preset = try Preset(parsing: self.preset)
        var generation = DatasetGeneration(task: task, size: size, seed: seed, preset: preset, targetScore: targetScore,
                                           output: output.map { URL(fileURLWithPath: $0) }, force: force)
        var statistics: AntMazeDatasetGenerator.Statistics?
        generation.lastAntMazeStatistics = { statistics = $0 }
        generation.antControllerActor = controllerActor.map { URL(fileURLWithPath: $0) }
        let root = URL(fileURLWithPath: repository ?? FileManager.default.currentDirectoryPath)
        let store = ResultsStore.standard(for: preset, repository: root)
        let locator = DatasetLocator(workingDirectory: root).forDatasets(of: preset)
        if ifMissing, output == nil, let found = try? locator.locate(task) { return print("found \(found.path)") }
        let rows = size ?? DatasetGeneration.rows(of: task, preset: preset)
        let bar = ProgressBar(label: "recording \(task.name)", total: rows)
        let url: URL
        do {
            url = try exitingWhenRunIsTaken {
                try generation.run(locator: locator, store: store, makeEnvironment: { try makeEnvironment(for: $0) }, progress: bar.update)
            }
        } catch DatasetGenerationError.exists(let path) where ifMissing {
            return print("found \(path)")  // made by another worker since the first look
        }
        bar.finish()
        print("wrote \(url.path)")
        if let statistics { print(statistics.summary) }
    }
}
