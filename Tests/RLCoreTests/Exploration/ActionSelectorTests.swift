import Foundation
import Testing
@testable import RLCore

/// Critics with known values, Q_k(s, a) = −(a − target_k)² summed over action dimensions.
private final class KnownCritics: CriticEnsemble {
    let targets: [Float]
    let actionSize: Int
    let observationSize: Int
    private var output: [Float] = []

    init(targets: [Float], observationSize: Int, actionSize: Int) {
        self.targets = targets
        self.observationSize = observationSize
        self.actionSize = actionSize
    }

    var criticCount: Int { targets.count }

    func criticValues(ofRows inputs: UnsafeMutablePointer<Float>, rows: Int) -> UnsafePointer<Float> {
        let width = observationSize + actionSize
        output = (0..<rows).flatMap { i in
            targets.map { t in -(0..<actionSize).reduce(Float(0)) { $0 + pow(inputs[i * width + observationSize + $1] - t, 2) } }
        }
        return output.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }
}

/// An agent whose policy samples N(mean, 0.1²) and whose critics are `KnownCritics`.
private final class ScriptedAgent: Agent {
    let name = "scripted"
    let observationSize = 1
    let actionSize = 1
    let batchSize = 1
    let discount: Float = 0.99
    let metricNames: [String] = []
    let mean: Float
    let critics: KnownCritics

    init(mean: Float, criticTargets: [Float]) {
        self.mean = mean
        critics = KnownCritics(targets: criticTargets, observationSize: 1, actionSize: 1)
    }

    func update(with batch: TransitionBatch, using rng: inout RandomStream) -> Metrics { Metrics() }
    func act(observation: [Float], deterministic: Bool, using rng: inout RandomStream) -> [Float] {
        [deterministic ? mean : min(max(mean + 0.1 * Float(rng.nextGaussian()), -1), 1)]
    }
    var criticEnsemble: any CriticEnsemble { critics }
    func save(into archive: inout ParameterArchive) {}
    func restore(from archive: ParameterArchive) throws {}
}

@Suite struct ActionSelectorTests {
    /// With Q peaked at 0.3 and the policy at 0, O3F executes the candidate closest to 0.3:
    /// the argmax of the known critic over the drawn candidates.
    @Test func optimisticSelectorExecutesTheArgmaxCandidate() {
        let agent = ScriptedAgent(mean: 0, criticTargets: [0.3, 0.3])
        let selector = OptimisticActionSelector(candidates: 100, std: 0.2, observationSize: 1, actionSize: 1)
        var rng = RandomStream(seed: 1)
        let chosen = selector.action(for: [0], agent: agent, low: [-1], high: [1], using: &rng)
        let candidates = (0..<100).map { selector.ranking.candidate($0)[0] }
        let best = candidates.min { abs($0 - 0.3) < abs($1 - 0.3) }!
        #expect(chosen == [best])
        #expect(abs(chosen[0] - 0.3) < 0.05)
    }

    @Test func zeroSigmaReturnsThePolicySample() {
        let agent = ScriptedAgent(mean: 0.2, criticTargets: [-0.9])
        var a = RandomStream(seed: 3), b = RandomStream(seed: 3)
        let o3f = OptimisticActionSelector(candidates: 10, std: 0, observationSize: 1, actionSize: 1)
        #expect(o3f.action(for: [0], agent: agent, low: [-1], high: [1], using: &a) == PolicyAction().action(for: [0], agent: agent, low: [-1], high: [1], using: &b))
        var c = RandomStream(seed: 3), d = RandomStream(seed: 3)
        #expect(GaussianNoise(std: 0).action(for: [0], agent: agent, low: [-1], high: [1], using: &c)
                == PolicyAction().action(for: [0], agent: agent, low: [-1], high: [1], using: &d))
    }

    /// Two critics that agree at 0 and disagree more and more away from it (targets ±0.5):
    /// their mean is highest at 0, but with ω > 0 the spread term pulls the choice outwards.
    @Test func optimismPrefersDisagreement() {
        let agent = ScriptedAgent(mean: 0, criticTargets: [-0.5, 0.5])
        var rng = RandomStream(seed: 4)
        let plain = OptimisticActionSelector(candidates: 200, std: 0.5, optimism: 0, observationSize: 1, actionSize: 1)
        let greedy = plain.action(for: [0], agent: agent, low: [-1], high: [1], using: &rng)
        var again = RandomStream(seed: 4)
        let optimistic = OptimisticActionSelector(candidates: 200, std: 0.5, optimism: 4, observationSize: 1, actionSize: 1)
        let bold = optimistic.action(for: [0], agent: agent, low: [-1], high: [1], using: &again)
        #expect(abs(greedy[0]) < 0.05)
        #expect(abs(bold[0]) > 0.3)
    }

    @Test func selectorsAreDeterministicGivenTheirStream() {
        let agent = ScriptedAgent(mean: 0.1, criticTargets: [0.2, 0.4, -0.1])
        for configuration in [SelectorConfiguration.policy, .gaussianNoise(std: 0.3), .optimistic(candidates: 50, std: 0.2, optimism: 1, spread: .standardDeviation)] {
            let selector = configuration.makeSelector(observationSize: 1, actionSize: 1)
            var a = RandomStream(seed: 8), b = RandomStream(seed: 8)
            let first = (0..<5).map { _ in selector.action(for: [0], agent: agent, low: [-1], high: [1], using: &a) }
            let second = (0..<5).map { _ in selector.action(for: [0], agent: agent, low: [-1], high: [1], using: &b) }
            #expect(first == second)
            #expect(Set(first.map { $0[0] }).count > 1, "\(configuration) drew the same action five times")
        }
    }

    @Test func noiseBaselineUsesTheDomainSigma() throws {
        let task = try TaskRegistry.task(named: "halfcheetah-medium-v2")
        #expect(SelectorConfiguration.o3f(for: task) == .optimistic(candidates: 100, std: 0.2, optimism: 0, spread: .variance))
        #expect(SelectorConfiguration.o3f(for: try TaskRegistry.task(named: "kitchen-mixed-v0")).description == "o3f(N=100, σ=0.05, ω=0.0)")
    }
}
