import Foundation
import Testing
@testable import RLCore

@Suite struct DistributionsTests {
    @Test func gaussianLogProbAndGradients() {
        let x: [Float] = [0.3, -1.2], mean: [Float] = [0.1, -0.5], logStd: [Float] = [-0.3, 0.2]
        let value = Gaussian.logProb(x: x, mean: mean, logStd: logStd, count: 2)
        var expected: Double = 0
        for j in 0..<2 {
            let s = exp(Double(logStd[j])), z = Double(x[j] - mean[j]) / s
            expected += -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi)
        }
        #expect(abs(Double(value) - expected) < 1e-5)

        var dMean: [Float] = [0, 0], dLogStd: [Float] = [0, 0]
        Gaussian.addLogProbGradient(x: x, mean: mean, logStd: logStd, count: 2, scale: 1, dMean: &dMean, dLogStd: &dLogStd)
        let h: Float = 1e-3
        for j in 0..<2 {
            var up = mean, down = mean
            up[j] += h; down[j] -= h
            let numericMean = (Gaussian.logProb(x: x, mean: up, logStd: logStd, count: 2) - Gaussian.logProb(x: x, mean: down, logStd: logStd, count: 2)) / (2 * h)
            var upS = logStd, downS = logStd
            upS[j] += h; downS[j] -= h
            let numericStd = (Gaussian.logProb(x: x, mean: mean, logStd: upS, count: 2) - Gaussian.logProb(x: x, mean: mean, logStd: downS, count: 2)) / (2 * h)
            #expect(abs(dMean[j] - numericMean) < 1e-2 && abs(dLogStd[j] - numericStd) < 1e-2)
        }
    }

    @Test func tanhGaussianLogProbIsTheChangeOfVariables() {
        let mean: [Float] = [0.4, -2.5, 8], logStd: [Float] = [-1, 0.3, 0], noise: [Float] = [0.5, -1, 0.2]
        let sample = TanhGaussianSample(mean: mean, logStd: logStd, noise: noise)
        var expected: Double = 0
        for j in 0..<3 {
            let s = exp(Double(logStd[j])), u = Double(mean[j]) + s * Double(noise[j])
            expected += -0.5 * Double(noise[j] * noise[j]) - log(s) - 0.5 * log(2 * Double.pi)
            // Stable reference for log(1 − tanh²u) = log(4) − 2|u| − 2·log(1 + e^(−2|u|)).
            expected -= log(4) - 2 * abs(u) - 2 * log1p(exp(-2 * abs(u)))
        }
        #expect(abs(Double(sample.logProb) - expected) < 1e-4)
        #expect(sample.logProb.isFinite)  // u ≈ 8.2: naive log(1 − tanh²) would be −∞ in Float
    }

    @Test func tanhGaussianReparameterisedGradients() {
        let mean: [Float] = [0.4, -0.7], logStd: [Float] = [-0.5, 0.1], noise: [Float] = [0.8, -0.3]
        let sample = TanhGaussianSample(mean: mean, logStd: logStd, noise: noise)
        let h: Float = 1e-3
        for j in 0..<2 {
            var up = mean, down = mean
            up[j] += h; down[j] -= h
            let numericMean = (TanhGaussianSample(mean: up, logStd: logStd, noise: noise).logProb
                               - TanhGaussianSample(mean: down, logStd: logStd, noise: noise).logProb) / (2 * h)
            var upS = logStd, downS = logStd
            upS[j] += h; downS[j] -= h
            let numericStd = (TanhGaussianSample(mean: mean, logStd: upS, noise: noise).logProb
                              - TanhGaussianSample(mean: mean, logStd: downS, noise: noise).logProb) / (2 * h)
            #expect(abs(sample.logProbGradientMean(j) - numericMean) < 1e-2)
            #expect(abs(sample.logProbGradientLogStd(j, logStd: logStd[j]) - numericStd) < 1e-2)
        }
    }

    @Test func samplingIsSeededAndBounded() {
        var a = RandomStream(seed: 1), b = RandomStream(seed: 1)
        let x = TanhGaussianSample(mean: [0, 5], logStd: [0, 0], using: &a)
        let y = TanhGaussianSample(mean: [0, 5], logStd: [0, 0], using: &b)
        #expect(x.action == y.action && x.action.allSatisfy { abs($0) <= 1 })
        #expect(x.action[1] > 0.9)   // tanh squashes a mean of 5 towards the bound, not past it
    }
}
