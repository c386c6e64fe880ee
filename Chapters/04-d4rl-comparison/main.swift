// Chapter 4, "The D4RL comparison": the paper's Figure 4 and its headline claim.
//
// On every task, LAPO + O3F, IQL, CQL and AWAC are trained offline and then fine-tuned online
// with the offline data in their replay buffers. The baselines keep their objective and act
// with their own policy; LAPO + O3F picks the best of 100 candidate actions under its critics.
// Run it with `make figure4` (PRESET=quick by default; `standard` and `paper` are options).
//
//     chapter04 [--preset tiny|quick|standard|paper] [--jobs 2] [--repository .]
import Foundation
import Repro
import RLCore

func say(_ line: String) { FileHandle.standardOutput.write(Data("[chapter 4] \(line)\n".utf8)) }

BLASKernel.pinForReproducibility()  // the same kernel as the committed runs: see BLASKernel

do {
    let options = try ChapterOptions(usage: """
        usage: chapter04 [--preset tiny|quick|standard|paper] [--jobs N] [--repository DIR] [--tasks A,B]
        Chapter 4 (the D4RL comparison): LAPO + O3F against IQL, CQL and AWAC on the D4RL tasks; renders figures/figure4 and
        the claims table (default: quick). `repro sweep plan figure4 --preset P` shows the runs first.
        """)
    let (preset, repository) = (options.preset, options.repository)

    // quote: figure4-experiment
    let experiment = D4RLComparisonExperiment(preset: preset)
    let plan = try SweepPlan(figure: "figure4", preset: preset, tasks: options.selectedTasks(from: experiment.tasks))
    // end quote

    let runner = ChapterRunner(experiment: "figure4", preset: preset, tasks: plan.tasks, offlineJobs: plan.offline, onlineJobs: plan.online,
                               budget: experiment.budget, repository: repository, jobs: options.jobs, repro: options.repro)
    say("preset \(preset): \(plan.tasks.count) tasks, seeds \(experiment.seeds.map(String.init).joined(separator: " ")), "
        + "\(experiment.budget.offlineSteps) offline + \(experiment.budget.onlineSteps) online steps")
    say(plan.report(store: runner.store, cores: options.jobs).split(separator: "\n").last.map(String.init) ?? "")
    try runner.runJobs(say: say, estimatedSeconds: plan.remainingSeconds(in: runner.store))
    try runner.checkRecordedSchedules()
    try runner.watchAgents(say: say)

    var results = try FineTuningResults(experiment: D4RLComparisonExperiment.name, preset: preset, jobs: plan.online, store: runner.store,
                                        label: D4RLComparisonExperiment.label)
    if plan.tasks.count < experiment.tasks.count { results.scope = "\(plan.tasks.count) of the preset's \(experiment.tasks.count) tasks" }
    try results.writeData(to: runner.dataFolder)
    // The offline phases, drawn before step 0.
    for task in plan.tasks {
        for method in D4RLComparisonExperiment.methods {
            let runs = plan.offline.filter { $0.task == task && $0.algorithm == method.algorithm }.map { runner.store.directory(for: $0.runKey).logURL }
            let curve = try SeedCurve(logs: runs, column: "eval_score")
            try AtomicFile.write(Data(curve.tsv.utf8), to: runner.dataFolder.appendingPathComponent("\(task)-\(method.algorithm)-offline-\(preset).tsv"))
        }
    }
    let table = ComparisonTable(results: results).markdown
    try AtomicFile.write(Data(table.utf8), to: runner.dataFolder.appendingPathComponent("table-\(preset).md"))
    try AtomicFile.write(Data(RunCostTable(results: results).markdown.utf8), to: runner.dataFolder.appendingPathComponent("costs-\(preset).md"))
    try AtomicFile.write(Data(RunCommitTable(results: results).markdown.utf8), to: runner.dataFolder.appendingPathComponent("commits-\(preset).md"))
    // A success rate of 0 on AntMaze, or a kitchen score, says little of what the agents did: how
    // near they came to the goal, and which elements they completed, where they were watched.
    try runner.writeWatchTables(of: results)
    let figures = try runner.render(script: "figures/figure4.gp", tasks: plan.tasks,
                                    variables: ["offline_steps": String(experiment.budget.offlineSteps), "online_steps": String(experiment.budget.onlineSteps)])
    FileHandle.standardOutput.write(Data(("\n" + table + "\n").utf8))
    say("wrote " + figures.map { $0.path.replacingOccurrences(of: repository.path + "/", with: "") }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("chapter 4: \(error)\n".utf8))
    exit(1)
}
