import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct RunCostTests {
    /// A dataset's cost is its rows' steps plus the SAC training behind it, from the reference
    /// times: AntMaze's standard file is 500,000 controller steps at 8.1 ms and 1,000,000
    /// recorded steps at 0.5 + 0.12 ms (4,670 s), or the recording alone (620 s) once the
    /// controller is trained; a random file is 1,000,000 steps of physics alone; a medium
    /// file's SAC may stop early.
    @Test func datasetsCostTheirStepsAndTheirTraining() throws {
        func estimate(_ name: String, _ preset: Preset, controllerTrained: Bool = false) throws -> (seconds: Double, isUpperBound: Bool) {
            try #require(RunCost.datasetSeconds(of: TaskRegistry.task(named: name), preset: preset, controllerTrained: controllerTrained))
        }
        let antMaze = try estimate("antmaze-large-diverse-v2", .standard)
        #expect(abs(antMaze.seconds - 4_670) < 1 && !antMaze.isUpperBound)
        let recordingOnly = try estimate("antmaze-large-diverse-v2", .standard, controllerTrained: true)
        #expect(abs(recordingOnly.seconds - 620) < 1 && !recordingOnly.isUpperBound)
        let random = try estimate("halfcheetah-random-v2", .standard)
        #expect(abs(random.seconds - 50) < 0.01 && !random.isUpperBound)
        let medium = try estimate("hopper-medium-v2", .standard)
        #expect(abs(medium.seconds - 5_720) < 1 && medium.isUpperBound)
        let kitchen = try estimate("kitchen-mixed-v0", .quick)
        let rows = Double(DatasetGeneration.rows(of: try TaskRegistry.task(named: "kitchen-mixed-v0"), preset: .quick))
        #expect(abs(kitchen.seconds - rows * 0.0087) < 1e-6 && !kitchen.isUpperBound)
    }
}
