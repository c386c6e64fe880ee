import Foundation
import Repro
import RLCore

/// A fine-tuning harness on a 600-transition random HalfCheetah dataset in a scratch folder
/// (20 offline and 20 online steps, 16-unit networks): the tests' smallest real experiment.
/// The caller removes `folder`.
struct TinyFineTuning {
    let fineTuning: FineTuning
    let folder: URL
    let task: D4RLTask

    init(name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-\(name)-\(UUID().uuidString)")
        task = try TaskRegistry.task(named: "halfcheetah-random-v2")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("data").path],
                                     workingDirectory: folder)
        let dataset = try RandomDatasetGenerator(size: 600, seed: 1).generate(task: task, in: try makeEnvironment(for: task))
        try D4RLFile.write(dataset, to: locator.generatedURL(for: task))
        let budget = FineTuningBudget(offlineSteps: 20, onlineSteps: 20, offlineEvaluationInterval: 10, evaluationInterval: 10,
                                      evaluationEpisodes: 1, logInterval: 10, checkpointInterval: 10, hiddenSizes: [16], batchSize: 32,
                                      datasetPreset: .tiny)
        var fineTuning = FineTuning(budget: budget, store: ResultsStore(root: folder.appendingPathComponent("runs")), locator: locator)
        fineTuning.showsProgress = false
        self.fineTuning = fineTuning
    }
}
