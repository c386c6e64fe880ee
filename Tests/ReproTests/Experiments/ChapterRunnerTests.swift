import Foundation
import Testing
import RLCore
@testable import Repro

/// How a chapter's runner orders its child processes, with a stand-in `repro` (a shell script
/// that logs its arguments, pausing on `dataset generate`) so that only the order is tested.
@Suite struct ChapterRunnerTests {
    /// Figure 4's quick runs on three tasks: halfcheetah-random and hopper-random have no
    /// dataset, every run of walker2d-random has finished. Both missing datasets are made at
    /// once (two slots), each task's runs wait for its own, and the finished task gets none.
    @Test func aTasksRunsWaitForItsDatasetWhichIsMadeBesideOthers() throws {
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repository) }
        let calls = repository.appendingPathComponent("calls.txt").path
        let repro = repository.appendingPathComponent("repro")
        try Data("""
            #!/bin/sh
            echo "start $1 $3 $*" >> \(calls)
            if [ "$1" = dataset ]; then sleep 1.5; fi
            echo "end $1 $3" >> \(calls)

            """.utf8).write(to: repro)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repro.path)

        let tasks = ["halfcheetah-random-v2", "hopper-random-v2", "walker2d-random-v2"]
        let plan = try SweepPlan(figure: "figure4", preset: .quick, tasks: tasks)
        let runner = ChapterRunner(experiment: "figure4", preset: .quick, tasks: plan.tasks, offlineJobs: plan.offline,
                                   onlineJobs: plan.online, budget: plan.budget(of: plan.jobs[0]), repository: repository,
                                   jobs: 2, repro: repro)
        for job in plan.jobs where job.task == "walker2d-random-v2" {
            let run = runner.store.directory(for: job.runKey)
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: run.configurationURL)
            try Data("{}".utf8).write(to: run.doneURL)
        }
        try runner.runJobs(say: { _ in })

        let lines = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        let index = { (line: String) in lines.firstIndex(of: line) ?? -1 }
        #expect(!lines.contains { $0.contains("walker2d-random-v2") }, "a finished task needs neither dataset nor runs")
        #expect(lines.filter { $0.hasPrefix("start dataset") }.count == 2)
        #expect(index("end dataset halfcheetah-random-v2") > lines.firstIndex { $0.hasPrefix("start dataset hopper-random-v2") } ?? .max,
                "the second dataset starts while the first is made")
        #expect(lines.contains("start dataset halfcheetah-random-v2 dataset generate halfcheetah-random-v2 --preset quick --size 1000000 --repository \(repository.path)"))
        for task in tasks.prefix(2) {
            let runs = lines.indices.filter { lines[$0].hasPrefix("start finetune \(task)") }
            #expect(runs.count == 4 * 2, "\(task): four methods' offline phases and arms")
            #expect(runs.allSatisfy { $0 > index("end dataset \(task)") }, "\(task)'s runs wait for its dataset")
        }
    }
}
