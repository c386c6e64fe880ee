import Foundation
import Testing
import RLCore
@testable import Repro

@Suite struct AntControllerReachingTests {
    /// The committed quick-preset controller (Fixtures/ant-controller/README.md gives its
    /// command, commit and steps) walks to fresh open-space targets 1–5 m away: most episodes end
    /// within 0.5 m of the target, and on average most of the distance is closed. An untrained
    /// actor of the same shape, on the same targets, does neither (so the test can fail).
    @Test func theTrainedControllerReachesOpenSpaceTargets() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/ant-controller/actor-quick-seed0.o3fparam")
        let controller = try AntControllerTraining.controller(actorFile: file)
        let environment = try AntGoalReachingEnvironment()
        var rng = RandomStream(seed: 0)
        let trained = try AntControllerEvaluation(policy: { controller.act(observation: $0, deterministic: true, using: &rng) },
                                                  in: environment, episodes: 10, seed: 77)
        #expect(trained.successRate >= 0.7, "\(trained.summary)")
        #expect(trained.meanDistanceClosed >= 0.6 * trained.meanInitialDistance, "\(trained.summary)")

        var networks = RandomStream(seed: 5, for: .networks)
        let untrained = SAC(observationSize: 29, actionSize: 8, configuration: AntControllerTraining(preset: .quick, store: ResultsStore(root: file)).agentConfiguration,
                            using: &networks)
        let baseline = try AntControllerEvaluation(policy: { untrained.act(observation: $0, deterministic: true, using: &rng) },
                                                   in: environment, episodes: 10, seed: 77)
        #expect(baseline.meanInitialDistance == trained.meanInitialDistance)   // the same targets
        #expect(baseline.successRate <= 0.3 && baseline.meanDistanceClosed < 0.3 * baseline.meanInitialDistance, "\(baseline.summary)")
    }
}
