import Foundation
import Testing
@testable import RLCore

@Suite struct OptimTests {
    @Test func oneAdamStepMatchesTheHandComputedValue() {
        // θ = 1, g = 0.5, lr = 0.1: m̂ = 0.5, v̂ = 0.25, θ ← 1 − 0.1·0.5/(0.5 + 1e-8) = 0.9.
        let p = Parameter(name: "w", shape: [1])
        p.array = [1]; p.gradient[0] = 0.5
        Adam(parameters: [p], learningRate: 0.1).update()
        #expect(abs(p.values[0] - 0.9) < 1e-6)

        // AdamW: θ ← θ·(1 − lr·λ) − the same step = 0.999 − 0.1.
        let q = Parameter(name: "w", shape: [1])
        q.array = [1]; q.gradient[0] = 0.5
        Adam(parameters: [q], learningRate: 0.1, weightDecay: 0.01).update()
        #expect(abs(q.values[0] - 0.899) < 1e-6)
    }

    @Test func adamMinimisesAQuadratic() {
        let p = Parameter(name: "x", shape: [2])
        p.array = [3, -2]
        let adam = Adam(parameters: [p], learningRate: 0.05)
        for _ in 0..<500 {
            for i in 0..<2 { p.gradient[i] = 2 * (p.values[i] - 1) }  // ∇(x − 1)²
            adam.update()
        }
        #expect(p.array.allSatisfy { abs($0 - 1) < 1e-2 })
    }

    @Test func polyakAveragingMovesTauOfTheWay() {
        let target = Parameter(name: "t", shape: [2]), source = Parameter(name: "s", shape: [2])
        target.array = [0, 10]; source.array = [1, 0]
        polyakUpdate(target: [target], source: [source], tau: 0.1)
        #expect(abs(target.values[0] - 0.1) < 1e-6 && abs(target.values[1] - 9) < 1e-6)
    }

    @Test func cosineScheduleValues() {
        let schedule = CosineSchedule(initial: 3e-4, totalSteps: 100)
        #expect(schedule.value(at: 0) == 3e-4)
        #expect(abs(schedule.value(at: 50) - 1.5e-4) < 1e-9)
        #expect(abs(schedule.value(at: 100)) < 1e-12 && abs(schedule.value(at: 200)) < 1e-12)
    }

    @Test func gradientClippingScalesTheGlobalNorm() {
        let a = Parameter(name: "a", shape: [1]), b = Parameter(name: "b", shape: [1])
        a.gradient[0] = 3; b.gradient[0] = 4
        #expect(abs(clipGradientNorm([a, b], maxNorm: 1) - 5) < 1e-6)
        #expect(abs(a.gradient[0] - 0.6) < 1e-5 && abs(b.gradient[0] - 0.8) < 1e-5)
        #expect(abs(clipGradientNorm([a, b], maxNorm: 10) - 1) < 1e-4)
        #expect(abs(a.gradient[0] - 0.6) < 1e-5)
    }
}
