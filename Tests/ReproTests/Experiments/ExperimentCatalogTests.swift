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
}
