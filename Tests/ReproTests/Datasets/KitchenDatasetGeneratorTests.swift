import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct KitchenDatasetGeneratorTests {
    /// complete demonstrates the task's own sequence; partial and mixed the sequences of the 24
    /// Relay Policy Learning folders, four distinct elements each, of which exactly one completes
    /// kitchen-partial's task and none kitchen-mixed's (D4RL: "a subset of the demonstrations
    /// solve the task" / "no demonstration completely solves the task").
    @Test func theSchemesFollowD4RLsTaskSubsetStructure() throws {
        let complete = try KitchenDemonstrationScheme(for: TaskRegistry.task(named: "kitchen-complete-v0"))
        #expect(complete.sequences == [[.microwave, .kettle, .lightSwitch, .slideCabinet]])
        let partial = try KitchenDemonstrationScheme(for: TaskRegistry.task(named: "kitchen-partial-v0"))
        let mixed = try KitchenDemonstrationScheme(for: TaskRegistry.task(named: "kitchen-mixed-v0"))
        #expect(partial.sequences == mixed.sequences && partial.sequences.count == 24)
        // 24 folders, 23 sequences: microwave-bottomknob-switch-slide was recorded in both sessions.
        #expect(partial.sequences.allSatisfy { Set($0).count == 4 } && Set(partial.sequences.map { $0.map(\.rawValue) }).count == 23)
        let partialTask: Set<KitchenTaskElement> = [.microwave, .kettle, .lightSwitch, .slideCabinet]
        let mixedTask: Set<KitchenTaskElement> = [.microwave, .kettle, .bottomBurner, .lightSwitch]
        #expect(partial.sequences.filter { Set($0) == partialTask }.count == 1)
        #expect(mixed.sequences.allSatisfy { Set($0) != mixedTask })
        #expect(Set(partial.sequences.joined()) == Set(KitchenTaskElement.allCases))
        #expect(mixed.summary.contains("0 of the 24") && partial.summary.contains("1 of the 24"))
        #expect(throws: DatasetGenerationError.notGeneratable(task: "hopper-random-v2", kind: "random")) {
            try KitchenDemonstrationScheme(for: TaskRegistry.task(named: "hopper-random-v2"))
        }
    }

    /// A small kitchen-mixed dataset written and read back has D4RL's kitchen keys, dtypes and
    /// shapes; its reward is the count of the task's elements done in each row's observation;
    /// every demonstration ends in a terminal and none in a timeout; the file says it is
    /// scripted, not human.
    @Test func aGeneratedFileHasD4RLsKitchenLayoutAndRewards() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-kitchen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try TaskRegistry.task(named: "kitchen-mixed-v0")
        let locator = DatasetLocator(environment: ["HOME": folder.path, "O3F_DATASET_DIR": folder.appendingPathComponent("kit").path],
                                     workingDirectory: folder).forDatasets(of: .quick)
        let request = DatasetGeneration(task: task, size: 400, seed: 3, preset: .quick)
        var reported: [Int] = []
        let url = try request.run(locator: locator, store: ResultsStore(root: folder.appendingPathComponent("runs")),
                                  makeEnvironment: { try makeEnvironment(for: $0) }, progress: { reported.append($0) })
        #expect(url.path == folder.appendingPathComponent("kit/quick/kitchen_microwave_kettle_bottomburner_light-v0.hdf5").path)

        let entries = Dictionary(uniqueKeysWithValues: try D4RLFile.entries(at: url).map { ($0.key, $0) })
        let dataset = try D4RLFile.read(at: url, task: task, loadingInfos: true)
        let n = dataset.count
        #expect(n >= 400 && reported.last == n && reported.count == 2, "\(reported)")   // two whole demonstrations of about 300 rows
        #expect(entries["observations"]?.elementType == .float32 && entries["observations"]?.shape == [n, 60])
        #expect(entries["actions"]?.elementType == .float32 && entries["actions"]?.shape == [n, 9])
        #expect(entries["rewards"]?.elementType == .float32 && entries["rewards"]?.shape == [n])
        #expect(entries["terminals"]?.elementType == .bool && entries["terminals"]?.shape == [n])
        #expect(entries["timeouts"]?.elementType == .bool && entries["timeouts"]?.shape == [n])
        #expect(entries["next_observations"] == nil && entries["infos/qpos"]?.shape == [n, 30] && entries["infos/qvel"]?.shape == [n, 29])
        #expect(dataset.actions.storage.allSatisfy { $0 >= -1 && $0 <= 1 })

        // Rewards: D4RL's goals for microwave, kettle, bottom burner and light switch, written
        // out here, checked against each row's own observation.
        let goals: [(indices: [Int], goal: [Float])] = [
            ([22], [-0.75]), (Array(23..<30), [-0.23, 0.75, 1.62, 0.99, 0, 0, -0.06]), ([11, 12], [-0.88, -0.01]), ([17, 18], [-0.69, -0.05]),
        ]
        for i in 0..<n {
            let done = goals.filter { element in
                zip(element.indices, element.goal).map { (dataset.observations[i, $0] - $1) * (dataset.observations[i, $0] - $1) }
                    .reduce(0, +).squareRoot() < 0.3
            }.count
            #expect(dataset.rewards[i] == Float(done), "row \(i)")
        }
        // The goal half of every observation is the task's goal vector, as D4RL relabels it.
        let goalVector = KitchenTaskElement.goalVector(of: [.microwave, .kettle, .bottomBurner, .lightSwitch]).map(Float.init)
        #expect((0..<n).allSatisfy { i in (0..<30).allSatisfy { dataset.observations[i, 30 + $0] == goalVector[$0] } })
        #expect(dataset.rewards.first == 0 && dataset.rewards.max() == 3)   // a mixed demonstration completes at most 3 of the task's elements
        let ends = dataset.terminals.indices.filter { dataset.terminals[$0] }
        #expect(ends.count == 2 && ends.last == n - 1 && dataset.timeouts?.allSatisfy { !$0 } == true)
        let index = try #require(dataset.infos["demonstration"])
        #expect(index.elementType == .int32 && index.values[ends[0]] == 0 && index.values[ends[0] + 1] == 1)

        if case let .string(origin)? = dataset.metadata["origin"] {
            #expect(origin.contains("scripted") && origin.contains("not human"))
        } else { Issue.record("no origin") }
        #expect(dataset.metadata["algorithm"] == .string("scripted") && dataset.metadata["seed"] == .integer(3))
        #expect(dataset.metadata["demonstrations"] == .integer(2) && dataset.metadata["demonstration_success_rate"] != nil)
        if case let .string(command)? = dataset.metadata["command"] {
            #expect(command == "repro dataset generate kitchen-mixed-v0 --preset quick --seed 3 --size 400")
        } else { Issue.record("no command") }
    }
}
