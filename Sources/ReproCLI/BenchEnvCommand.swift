import ArgumentParser
import Repro
import RLCore

/// `repro bench env`: environment steps/s beside a bare mj_step loop.
struct BenchEnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Environment steps per second beside a bare mj_step loop on the same model (target: ≥ 90%)."
    )

    @Option(help: "Steps per measurement (a twentieth of it on the kitchen).") var steps: Int = 20_000

    func run() throws {
        print("task\tenv steps/s\tbare mj_step steps/s\tratio\ttarget ≥ 0.90")
        for task in TaskRegistry.all where task.datasetKind == "random" || task.name.hasSuffix("diverse-v2") || task.name == "kitchen-mixed-v0" {
            // A kitchen step (40 MuJoCo steps of a 30-joint model) costs about 100 HalfCheetah steps.
            let result = try EnvironmentBenchmark().run(task: task, steps: task.domain == .kitchen ? max(steps / 20, 1) : steps)
            print("\(task.environmentName)\t\(Int(result.environmentStepsPerSecond))\t\(Int(result.bareStepsPerSecond))\t"
                  + "\(String(format: "%.3f", result.ratio))\t\(result.ratio >= 0.9 ? "met" : "missed")")
        }
    }
}
