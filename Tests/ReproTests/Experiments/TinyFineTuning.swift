import Foundation
import Testing
import Repro
import RLCore

/// A fine-tuning harness on a tiny dataset in a scratch folder (20 offline and 20 online steps,
/// 16-unit networks): the tests' smallest real experiment. The dataset is 600 random
/// transitions for a locomotion task, 2,300 steps of an untrained ant controller steered
/// through the maze for AntMaze, one scripted demonstration's worth for the kitchen.
/// The caller removes `folder`.
struct TinyFineTuning {
    let fineTuning: FineTuning
    let folder: URL
    let task: D4RLTask

    /// `evaluationInterval` steps between evaluations, offline and online (one episode each, two
    /// on AntMaze).
    init(name: String, task taskName: String = "halfcheetah-random-v2", evaluationInterval: Int = 10) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-\(name)-\(UUID().uuidString)")
        task = try TaskRegistry.task(named: taskName)
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("data").path],
                                     workingDirectory: folder)
        try D4RLFile.write(try Self.tinyDataset(for: task), to: locator.generatedURL(for: task))
        let budget = FineTuningBudget(offlineSteps: 20, onlineSteps: 20, offlineEvaluationInterval: evaluationInterval,
                                      evaluationInterval: evaluationInterval,
                                      evaluationEpisodes: 1, antMazeEvaluationEpisodes: 2, logInterval: 10, checkpointInterval: 10,
                                      hiddenSizes: [16], batchSize: 32,
                                      datasetPreset: .tiny)
        var fineTuning = FineTuning(budget: budget, store: ResultsStore(root: folder.appendingPathComponent("runs")), locator: locator)
        fineTuning.showsProgress = false
        self.fineTuning = fineTuning
    }

    private static func tinyDataset(for task: D4RLTask) throws -> D4RLDataset {
        let environment = try makeEnvironment(for: task)
        switch task.domain {
        case .antmaze:
            var networks = RandomStream(seed: 1, for: .networks)
            let controller = SAC(observationSize: 29, actionSize: 8, configuration: SACPresets.configuration(for: .tiny), using: &networks)
            let maze = try #require(environment as? AntMazeEnvironment)
            return try AntMazeDatasetGenerator(task: task, preset: .tiny, seed: 1, size: 2_300).record(controller: controller, in: maze).dataset
        case .kitchen:
            return try KitchenDatasetGenerator(task: task, preset: .tiny, seed: 1).generate(in: environment)
        case .locomotion:
            return try RandomDatasetGenerator(size: 600, seed: 1).generate(task: task, in: environment)
        }
    }
}
