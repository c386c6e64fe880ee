import ArgumentParser
import Foundation
import Repro
import RLCore

/// `repro train ant-controller`: the open-space goal-reaching ant behind the AntMaze datasets.
struct TrainAntControllerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ant-controller",
        abstract: "Train the goal-reaching ant controller (SAC, open space) that the AntMaze datasets drive.",
        discussion: """
        SAC online in AntGoalReachingEnvironment: D4RL's ant without walls, targets 1-5 m away, reward = progress \
        towards the target per second. Presets: tiny 1k steps, quick 100k, standard 500k, paper 1M (5k warm-up). \
        The run lives in the results store (antmaze-controller/ant-goal-reaching/sac/seed-S) and resumes when \
        interrupted; `repro dataset generate antmaze-*-diverse-v2 --preset P` uses the run of the same preset \
        and seed. --stop-after N ends this session at step N (a multiple of the checkpoint interval resumes \
        exactly). At the end, the controller's success rate on 20 fresh open-space targets is printed.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(name: .customLong("stop-after"), help: "End this session after this step (the run resumes from its last checkpoint).")
    var stopAfter: Int?

    @Option(name: .customLong("export-actor"), help: "Also write the controller's actor weights alone to this file.")
    var exportActor: String?

    func run() throws {
        let preset = try options.parsedPreset()
        let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let training = AntControllerTraining(preset: preset, seed: options.seed, store: ResultsStore.standard(for: preset, repository: repository))
        let (agent, summary) = try training.train(stopAfterStep: stopAfter)
        if let last = summary.finalEvaluation {
            print(String(format: "step %d: return %.1f, distance closed %.2f m (%@)", last.step, last.meanReturn, last.score, training.runDirectory.url.path))
        }
        var rng = RandomStream(seed: options.seed, for: .exploration)
        let evaluation = try AntControllerEvaluation(policy: { agent.act(observation: $0, deterministic: true, using: &rng) },
                                                     in: AntGoalReachingEnvironment(), episodes: 20, seed: options.seed + 1)
        print("open-space targets: " + evaluation.summary)
        if let exportActor {
            try AntControllerTraining.exportActor(of: agent, to: URL(fileURLWithPath: exportActor))
            print("wrote the actor to \(exportActor)")
        }
    }
}
