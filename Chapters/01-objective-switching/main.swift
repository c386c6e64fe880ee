// Chapter 1, "Objective switching": the paper's Figures 2 and 3.
//
// CQL, AWAC and IQL are trained offline on halfcheetah-medium-v2 and fine-tuned online with
// their own policy. Figure 2 keeps CQL's objective or switches it to SAC at the first online
// step; Figure 3 loosens each algorithm's conservatism abruptly or linearly. Run it with
// `make figure2` or `make figure3` (PRESET=quick by default).
//
//     chapter01 --figure 2|3|all [--preset tiny|quick|standard|paper] [--jobs 2] [--repository .]
import Foundation
import Repro
import RLCore

func say(_ line: String) { FileHandle.standardOutput.write(Data("[chapter 1] \(line)\n".utf8)) }

BLASKernel.pinForReproducibility()  // the same kernel as the committed runs: see BLASKernel

do {
    let options = try ChapterOptions(usage: """
        usage: chapter01 [--figure 2|3|all] [--preset tiny|quick|standard|paper] [--jobs N] [--repository DIR] [--tasks A,B]
        Chapter 1 (objective switching): trains CQL, AWAC and IQL offline on halfcheetah-medium-v2, fine-tunes them with
        their objective kept, switched (CQL → SAC) or loosened, and renders figures/figure2 and figure3 (default: all, quick).
        """, extraOptions: ["--figure"])
    let (preset, repository) = (options.preset, options.repository)
    let figure = options.value(of: "--figure") ?? "all"
    guard ["2", "3", "all"].contains(figure) else { throw ChapterError.badArgument("--figure \(figure): use 2, 3 or all") }

    // quote: objective-switching-arms
    var experiment = ObjectiveSwitchingExperiment(preset: preset)
    experiment.tasks = try options.selectedTasks(from: experiment.tasks)
    let figure2 = figure == "3" ? [] : experiment.figure2Jobs
    let figure3 = figure == "2" ? [] : experiment.figure3Jobs
    let online = (figure2 + figure3).reduce(into: [FineTuningJob]()) { if !$0.contains($1) { $0.append($1) } }
    // end quote

    let runner = ChapterRunner(experiment: ObjectiveSwitchingExperiment.name, preset: preset, tasks: experiment.tasks,
                               offlineJobs: experiment.offlineJobs(for: online), onlineJobs: online, budget: experiment.budget,
                               repository: repository, jobs: options.jobs, repro: options.repro)
    say("preset \(preset): figure \(figure), seeds \(experiment.seeds.map(String.init).joined(separator: " ")), "
        + "\(experiment.budget.offlineSteps) offline + \(experiment.budget.onlineSteps) online steps")
    try runner.runJobs(say: say)
    try runner.checkRecordedSchedules()

    var written: [URL] = []
    for (name, arms) in [("figure2", figure2), ("figure3", figure3)] where !arms.isEmpty {
        let results = try FineTuningResults(experiment: ObjectiveSwitchingExperiment.name, preset: preset, jobs: arms, store: runner.store,
                                            columns: ["q_bias", "q_estimate", "q_return", "critic_loss"],
                                            label: ObjectiveSwitchingExperiment.label)
        try results.writeData(to: runner.dataFolder)
        let analysis = SwitchingAnalysis(results: results)
        let table = name == "figure2"
            ? analysis.figure2Table(kept: "cql+policy", switched: "cql+policy+switch-sac")
            : analysis.figure3Table(algorithms: ["cql", "awac", "iql"])
        try AtomicFile.write(Data(table.utf8), to: runner.dataFolder.appendingPathComponent("table-\(name)-\(preset).md"))
        FileHandle.standardOutput.write(Data(("\n" + table + "\n").utf8))
        written += try runner.render(script: "figures/\(name).gp", tasks: experiment.tasks, figure: name)
    }
    let offline = try OfflinePhaseTable(jobs: runner.offlineJobs, store: runner.store).markdown()
    try AtomicFile.write(Data(offline.utf8), to: runner.dataFolder.appendingPathComponent("table-offline-\(preset).md"))
    FileHandle.standardOutput.write(Data(("\n" + offline + "\n").utf8))
    say("wrote " + written.map { $0.path.replacingOccurrences(of: repository.path + "/", with: "") }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("chapter 1: \(error)\n".utf8))
    exit(1)
}
