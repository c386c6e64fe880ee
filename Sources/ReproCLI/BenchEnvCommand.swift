import ArgumentParser
import Repro
import RLCore

/// `repro bench env`: environment steps/s beside a bare mj_step loop.
struct BenchEnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Environment steps per second beside a bare mj_step loop on the same model (target: ≥ 90%)."
    )

    @Option(help: "Steps per measurement.") var steps: Int = 20_000

    func run() throws {
        print("task\tenv steps/s\tbare mj_step steps/s\tratio\ttarget ≥ 0.90")
        for task in TaskRegistry.all where task.isEnvironmentAvailable && (task.datasetKind == "random" || task.name.hasSuffix("diverse-v2")) {
            let result = try EnvironmentBenchmark().run(task: task, steps: steps)
            print("\(task.environmentName)\t\(Int(result.environmentStepsPerSecond))\t\(Int(result.bareStepsPerSecond))\t"
                  + "\(String(format: "%.3f", result.ratio))\t\(result.ratio >= 0.9 ? "met" : "missed")")
        }
    }
}
