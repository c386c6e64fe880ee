// Chapter 2, "Action ranking": the paper's Figure 5.
//
// IQL is trained offline on halfcheetah-medium-v2, then fine-tuned online twice from the same
// offline agent: once acting with O3F (the best of 100 candidate actions under the critics),
// once with Gaussian noise of the same σ. Everything else — the objective, the data, the
// update rule — is the same. The same comparison is then made on LAPO, the base of the
// paper's main results (its runs are shared with Chapter 3). Run it with `make figure5`
// (PRESET=quick by default).
//
//     chapter02 [--preset tiny|quick|standard|paper] [--jobs 2] [--repository .]
import Foundation
import Repro
import RLCore

/// The paper's claims for IQL + O3F against IQL + noise (Section 6.3).
let published = [
    "halfcheetah-medium-v2": "+14%",
    "kitchen-mixed-v0": "+39%",
    "antmaze-large-diverse-v1": "±0% (equal)",
]
/// …and for LAPO + O3F against LAPO + noise.
let publishedLAPO = [
    "halfcheetah-medium-v2": "+58%",
    "antmaze-large-diverse-v1": "+28%",
    "kitchen-mixed-v0": "±0% (equal; LAPO saturates near 0.75)",
]

func say(_ line: String) { FileHandle.standardOutput.write(Data("[chapter 2] \(line)\n".utf8)) }

BLASKernel.pinForReproducibility()  // the same kernel as the committed runs: see BLASKernel

do {
    let options = try ChapterOptions(usage: """
        usage: chapter02 [--preset tiny|quick|standard|paper] [--jobs N] [--repository DIR] [--tasks A,B] [--finished-only]
        Chapter 2 (action ranking): IQL and LAPO fine-tuned with O3F against Gaussian noise; renders figures/figure5 (default: quick).
        --finished-only runs nothing and renders the runs already finished (a task's arms over the seeds all of them have).
        """, flags: ["--finished-only"])
    let (preset, repository) = (options.preset, options.repository)

    // quote: figure5-experiment
    var experiment = ActionRankingExperiment(preset: preset)
    experiment.tasks = try options.selectedTasks(from: experiment.tasks)
    var lapo = LAPOExperiment(preset: preset)
    lapo.tasks = lapo.tasks.filter(experiment.tasks.contains)
    let lapoArms = lapo.onlineJobs(arms: [.o3f, .noise])
    // end quote

    var runner = ChapterRunner(experiment: ActionRankingExperiment.name, preset: preset, tasks: experiment.tasks,
                               offlineJobs: experiment.offlineJobs + lapo.offlineJobs, onlineJobs: experiment.onlineJobs + lapoArms,
                               budget: experiment.budget, repository: repository, jobs: options.jobs, repro: options.repro)
    runner.finishedOnly = options.isSet("--finished-only")
    say("preset \(preset): tasks \(experiment.tasks.joined(separator: ", ")), seeds \(experiment.seeds.map(String.init).joined(separator: " ")), "
        + "\(experiment.budget.offlineSteps) offline + \(experiment.budget.onlineSteps) online steps; LAPO: \(lapo.seedsDescription), "
        + "\(lapo.budget.offlineSteps) offline + \(lapo.budget.onlineSteps) online steps")
    try runner.runJobs(say: say)
    try runner.checkRecordedSchedules()
    try runner.watchAgents(say: say)

    let shownIQL = runner.shown(experiment.onlineJobs), shownLAPO = runner.shown(lapoArms)
    var results = try FineTuningResults(experiment: ActionRankingExperiment.name, preset: preset, jobs: shownIQL, store: runner.store)
    results.scope = runner.scope(showing: shownIQL, of: experiment.onlineJobs)
    try results.writeData(to: runner.dataFolder)
    let table = results.table(published: published)
    try AtomicFile.write(Data(table.utf8), to: runner.dataFolder.appendingPathComponent("table-\(preset).md"))
    let verdict = results.verdict(published: published)
    try AtomicFile.write(Data(verdict.utf8), to: runner.dataFolder.appendingPathComponent("verdict-\(preset).md"))

    var lapoResults = try FineTuningResults(experiment: LAPOExperiment.name, preset: preset, jobs: shownLAPO, store: runner.store,
                                            label: { "LAPO + " + ($0.exploration?.label ?? $0.method) })
    lapoResults.scope = runner.scope(showing: shownLAPO, of: lapoArms)
    if results.arms.isEmpty && lapoResults.arms.isEmpty { throw ChapterError.nothingFinished(command: "chapter02 --preset \(preset)") }
    try lapoResults.writeData(to: runner.dataFolder, captionPrefix: "lapo")
    let lapoTable = lapoResults.table(published: publishedLAPO)
    try AtomicFile.write(Data(lapoTable.utf8), to: runner.dataFolder.appendingPathComponent("table-lapo-\(preset).md"))
    let lapoVerdict = lapoResults.verdict(published: publishedLAPO)
    try AtomicFile.write(Data(lapoVerdict.utf8), to: runner.dataFolder.appendingPathComponent("verdict-lapo-\(preset).md"))

    // Where agents were watched (`repro finetune … --watch`): how near they came to the goal on
    // AntMaze, which elements they completed in the kitchen.
    try runner.writeWatchTables(of: results)
    try runner.writeWatchTables(of: lapoResults, tag: "lapo")

    let figures = try runner.render(script: "figures/figure5.gp", tasks: results.tasks, variables: ["lapo_tasks": lapoResults.tasks.joined(separator: " ")])
    FileHandle.standardOutput.write(Data(("\n" + table + "\n" + verdict + "\n" + lapoTable + "\n" + lapoVerdict + "\n").utf8))
    say("wrote " + figures.map { $0.path.replacingOccurrences(of: repository.path + "/", with: "") }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("chapter 2: \(error)\n".utf8))
    exit(1)
}
