import Testing
@testable import RLCore

@Suite struct TaskRegistryTests {
    @Test func knowsThePapersTwelveTasks() throws {
        let names = ["halfcheetah-random-v2", "hopper-random-v2", "walker2d-random-v2",
                     "halfcheetah-medium-v2", "hopper-medium-v2", "walker2d-medium-v2",
                     "antmaze-umaze-diverse-v2", "antmaze-medium-diverse-v2", "antmaze-large-diverse-v1",
                     "kitchen-complete-v0", "kitchen-partial-v0", "kitchen-mixed-v0"]
        for name in names { #expect(try TaskRegistry.task(named: name).name == name) }
    }

    @Test func normalisedScoreIsD4RLs() throws {
        let task = try TaskRegistry.task(named: "halfcheetah-medium-v2")
        #expect(task.normalizedScore(ofReturn: -280.178953) == 0)
        #expect(abs(task.normalizedScore(ofReturn: 12135.0) - 100) < 1e-9)
        #expect(task.datasetFileName == "halfcheetah_medium-v2.hdf5")
        #expect(task.domain.candidateStd == 0.2)
        #expect(try TaskRegistry.task(named: "kitchen-mixed-v0").domain.candidateStd == 0.05)
    }

    @Test func unknownNameSuggestsTheClosest() {
        #expect(throws: TaskLookupError.unknown(name: "halfcheeta-medium-v2", closest: "halfcheetah-medium-v2")) {
            try TaskRegistry.task(named: "halfcheeta-medium-v2")
        }
    }
}
