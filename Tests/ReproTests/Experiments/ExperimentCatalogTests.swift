import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct ExperimentCatalogTests {
    /// Every task of a figure is planned, AntMaze and Kitchen included: the kit makes their
    /// datasets (planner-driven ant controller, scripted demonstrations) when D4RL's files are
    /// absent, so nothing is skipped.
    @Test func everyFigureTaskIsPlannedKitchenIncluded() throws {
        let paper = try ExperimentCatalog.runs(for: "figure5", preset: .paper)
        #expect(Set(paper.online.map(\.task)) == ["halfcheetah-medium-v2", "antmaze-large-diverse-v1", "kitchen-mixed-v0"])
        #expect(paper.offline.contains { $0.task == "kitchen-mixed-v0" && $0.algorithm == "lapo" })
        #expect(paper.offline.contains { $0.task == "kitchen-mixed-v0" && $0.algorithm == "iql" })
        let figure6 = try ExperimentCatalog.runs(for: "figure6", preset: .standard)
        #expect(Set(figure6.online.map(\.task)) == ["halfcheetah-medium-v2", "antmaze-large-diverse-v2", "kitchen-mixed-v0"])
        for task in ["kitchen-mixed-v0", "antmaze-large-diverse-v2", "antmaze-large-diverse-v1"] {
            #expect(DatasetGeneration.canGenerate(try TaskRegistry.task(named: task)))
        }
    }

    /// Standard LAPO runs three seeds where the issues ask for them (AntMaze, kitchen) and two on
    /// halfcheetah-medium; every arm of every seed starts from that seed's own offline phase.
    @Test func standardLAPORunsThreeSeedsOnTheHardTasks() throws {
        let lapo = LAPOExperiment(preset: .standard)
        #expect(lapo.seeds(on: "halfcheetah-medium-v2") == [0, 1])
        #expect(lapo.seeds(on: "antmaze-large-diverse-v2") == [0, 1, 2] && lapo.seeds(on: "kitchen-mixed-v0") == [0, 1, 2])
        #expect(lapo.seeds(on: "hopper-medium-v2").isEmpty)
        let figure5 = try ExperimentCatalog.runs(for: "figure5", preset: .standard)
        let noise = figure5.online.filter { $0.algorithm == "lapo" && $0.exploration == .noise }
        #expect(noise.filter { $0.task == "antmaze-large-diverse-v2" }.map(\.seed) == [0, 1, 2])
        #expect(noise.filter { $0.task == "halfcheetah-medium-v2" }.map(\.seed) == [0, 1])
        #expect(lapo.offlineJobs.count == 8)
        #expect(lapo.seedsDescription == "seeds 0 1 on halfcheetah-medium-v2, 0 1 2 on antmaze-large-diverse-v2, 0 1 2 on kitchen-mixed-v0")
        #expect(LAPOExperiment(preset: .paper).seedsDescription == "seeds 0 1 2 3 4")
    }
}
