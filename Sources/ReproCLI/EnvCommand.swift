import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro env …`: the task registry and the environments.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "List tasks, describe them, roll fixed policies out, replay actions, measure the kitchen demonstrations.",
        subcommands: [List.self, Info.self, Rollout.self, Replay.self, Demonstrate.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every D4RL task the kit knows.")
        func run() {
            print("task\tdomain\tenvironment\tdataset file")
            for task in TaskRegistry.all {
                print("\(task.name)\t\(task.domain.rawValue)\t\(task.environmentName)\t\(task.datasetFileName)")
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe one task and its environment.")
        @Argument(help: "A task name, e.g. hopper-medium-v2.") var task: String

        func run() throws {
            let task = try TaskRegistry.task(named: task)
            print("task\t\(task.name)")
            print("domain\t\(task.domain.rawValue)")
            print("dataset file\t\(task.datasetFileName)")
            print("reference scores\tmin \(task.referenceMinScore), max \(task.referenceMaxScore)")
            print("time limit\t\(task.maxEpisodeSteps) steps")
            print("O3F σ\t\(task.domain.candidateStd)")
            print("updates per step\tLAPO+O3F \(task.domain.lapoUpdatesPerStep), baselines \(task.domain.baselineUpdatesPerStep)")
            let environment = try makeEnvironment(for: task)
            print("observation size\t\(environment.observationSize)")
            print("action size\t\(environment.actionSize) in [\(environment.actionLow.min()!), \(environment.actionHigh.max()!)]")
            if let locomotion = environment as? LocomotionEnvironment {
                print("model\t\(locomotion.simulation.modelFile.path)")
                print("dt\t\(locomotion.dt) s (frame skip \(locomotion.body.frameSkip) × \(locomotion.simulation.timestep))")
            } else if let kitchen = environment as? KitchenEnvironment {
                print("model\t\(kitchen.simulation.modelFile.path)")
                print("dt\t\(kitchen.dt) s (frame skip \(KitchenRobot.frameSkip) × \(kitchen.simulation.timestep))")
                print("task elements\t\(kitchen.taskElements.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    struct Demonstrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the scripted kitchen demonstrations: each element's skill alone, and the task's four elements in order.",
            discussion: "The demonstrations behind `repro dataset generate kitchen-*`. Prints successes per skill and for the task over seeded episodes from D4RL's reset."
        )
        @Argument(help: "A kitchen task, e.g. kitchen-mixed-v0.") var task: String
        @Option(help: "Episodes per skill and for the task.") var episodes: Int = 20
        @Option(help: "Seed of the resets and the demonstrations' variation.") var seed: UInt64 = 0

        func validate() throws {
            guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1") }
            let task = try knownTask(task)
            guard task.domain == .kitchen else { throw ValidationError("\(task.name) is not a kitchen task; try kitchen-mixed-v0") }
        }

        func run() throws {
            let task = try TaskRegistry.task(named: task)
            guard let kitchen = try makeEnvironment(for: task) as? KitchenEnvironment else {
                throw EnvironmentError.notAvailable(task: task.name, reason: "its environment is not D4RL's kitchen")
            }
            print(try KitchenDemonstrationEvaluation(task: task, environment: kitchen, episodes: episodes, seed: seed).report)
        }
    }

    struct Rollout: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Roll a fixed policy out and print returns and normalised scores.")
        @Argument(help: "A task name.") var task: String
        @Option(help: "random or zero.") var policy: String = "random"
        @Option(help: "Number of episodes.") var episodes: Int = 10
        @Option(help: "Seed for resets and actions.") var seed: UInt64 = 0

        func validate() throws {
            guard FixedPolicy(rawValue: policy) != nil else { throw ValidationError("--policy must be random or zero, got '\(policy)'") }
            guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1") }
        }

        func run() throws {
            let task = try TaskRegistry.task(named: task)
            let result = try Repro.rollout(task: task, policy: FixedPolicy(rawValue: policy)!, episodes: episodes, seed: seed)
            print(rolloutTable(result.episodes))
            print("steps/s\t\(Int(result.stepsPerSecond))")
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply actions from a file and print one TSV row per step: step, reward, terminated, truncated, observation.")
        @Argument(help: "A task name.") var task: String
        @Option(help: "File with one action per line (whitespace-separated numbers).") var actions: String
        @Option(help: "Initial qpos, comma-separated (with --qvel).") var qpos: String?
        @Option(help: "Initial qvel, comma-separated (with --qpos).") var qvel: String?
        @Option(help: "Seed of the reset used when no state is given.") var seed: UInt64 = 0

        func validate() throws {
            _ = try knownTask(task)
            guard (try? String(contentsOfFile: actions, encoding: .utf8)) != nil else {
                throw ValidationError("--actions \(actions): cannot read it as a text file (one action per line)")
            }
            _ = try qpos.map { try numbers($0, flag: "--qpos") }
            _ = try qvel.map { try numbers($0, flag: "--qvel") }
        }

        func run() throws {
            let task = try TaskRegistry.task(named: task)
            let text = try String(contentsOfFile: actions, encoding: .utf8)
            let environment = try makeEnvironment(for: task)
            let rows = try Repro.replay(task: task, actions: parseActions(text, file: actions, actionSize: environment.actionSize),
                                        qpos: try qpos.map { try numbers($0, flag: "--qpos") },
                                        qvel: try qvel.map { try numbers($0, flag: "--qvel") }, seed: seed)
            print((["step", "reward", "terminated", "truncated"] + (0..<environment.observationSize).map { "obs\($0)" }).joined(separator: "\t"))
            rows.forEach { print($0) }
        }

        private func numbers(_ text: String, flag: String) throws -> [Double] {
            let parts = text.split(separator: ",")
            let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == parts.count else { throw ValidationError("\(flag): expected comma-separated numbers, got '\(text)'") }
            return values
        }
    }
}
