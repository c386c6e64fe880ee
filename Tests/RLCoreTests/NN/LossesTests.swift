import Testing
@testable import RLCore

@Suite struct LossesTests {
    private func numericGradient(_ f: ([Float]) -> Float, at p: [Float], h: Float = 1e-3) -> [Float] {
        p.indices.map { i in
            var plus = p, minus = p
            plus[i] += h; minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }

    @Test func meanSquaredErrorValueAndGradient() {
        let p: [Float] = [1, 2, 3], t: [Float] = [0, 2, 5]
        var g = [Float](repeating: 0, count: 3)
        let value = Loss.meanSquaredError(prediction: p, target: t, count: 3, gradient: &g)
        #expect(abs(value - 5.0 / 3) < 1e-6)
        let numeric = numericGradient({ q in var s = [Float](repeating: 0, count: 3); return Loss.meanSquaredError(prediction: q, target: t, count: 3, gradient: &s) }, at: p)
        for i in 0..<3 { #expect(abs(g[i] - numeric[i]) < 1e-3) }
    }

    @Test func expectileIsAsymmetricAndItsGradientIsRight() {
        var g = [Float](repeating: 0, count: 1)
        // u = t − p = +1 weighs τ, u = −1 weighs 1 − τ.
        let above = Loss.expectile(prediction: [0], target: [1], count: 1, tau: 0.7, gradient: &g)
        #expect(abs(above - 0.7) < 1e-6 && abs(g[0] - (-1.4)) < 1e-6)
        let below = Loss.expectile(prediction: [1], target: [0], count: 1, tau: 0.7, gradient: &g)
        #expect(abs(below - 0.3) < 1e-6 && abs(g[0] - 0.6) < 1e-6)

        let p: [Float] = [0.3, -0.2, 1.5, 0.9], t: [Float] = [1, -1, 1, 2]
        var analytic = [Float](repeating: 0, count: 4)
        _ = Loss.expectile(prediction: p, target: t, count: 4, tau: 0.9, gradient: &analytic)
        let numeric = numericGradient({ q in var s = [Float](repeating: 0, count: 4); return Loss.expectile(prediction: q, target: t, count: 4, tau: 0.9, gradient: &s) }, at: p)
        for i in 0..<4 { #expect(abs(analytic[i] - numeric[i]) < 1e-3) }
    }

    @Test func advantageWeightsAreCappedAndTheLikelihoodGradientIsMinusWOverN() {
        var w = [Float](repeating: 0, count: 3)
        Loss.advantageWeights(advantages: [0, 1, 10], count: 3, temperature: 3, into: &w)
        #expect(w[0] == 1 && abs(w[1] - Float(20.085537)) < 1e-3 && w[2] == 100)
        var g = [Float](repeating: 0, count: 3)
        let logProbs: [Float] = [-1, -2, 0.5]
        let value = Loss.weightedLogLikelihood(logProbs: logProbs, weights: w, count: 3, gradient: &g)
        #expect(abs(value - (1 + 2 * w[1] - 50) / 3) < 1e-3)
        let numeric = numericGradient({ l in var s = [Float](repeating: 0, count: 3); return Loss.weightedLogLikelihood(logProbs: l, weights: w, count: 3, gradient: &s) }, at: logProbs, h: 1e-2)
        for i in 0..<3 { #expect(abs(g[i] - numeric[i]) < 1e-2 * max(1, abs(numeric[i]))) }
    }
}
