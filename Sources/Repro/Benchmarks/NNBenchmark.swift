import Foundation
import RLCore

/// The two workloads the agents' speed rests on, each set against the GEMM throughput measured
/// in the same process:
///
/// - an IQL-shaped update: forward and backward through a 2-member Q ensemble (23 → 256 → 256 → 1),
///   a V net (17 → 256 → 256 → 1) and a policy net (17 → 256 → 256 → 6) on a batch of 256, plus
///   their Adam steps;
/// - O3F scoring: a 5-member critic ensemble on 100 candidate actions for one state (forward only).
///
/// FLOPs are counted analytically: a forward pass costs 2·B·Σ fanIn·fanOut per member, and a
/// backward pass twice that (weight and input gradients; the V and policy nets skip the
/// first layer's input gradient, which nothing uses).
public struct NNBenchmark {
    public struct Measurement: Sendable {
        public var name: String
        public var secondsPerCall: Double
        public var flops: Double
        public var gflops: Double { flops / secondsPerCall / 1e9 }
    }

    public struct Result: Sendable {
        public var threads: Int
        /// GFLOP/s of 256×256×256 sgemm in this process.
        public var gemmPeak: Double
        public var iqlStep: Measurement
        public var o3fScoring: Measurement

        public var report: String {
            func line(_ m: Measurement, target: String) -> String {
                String(format: "%@\t%.3f ms\t%.1f MFLOP\t%.1f GFLOP/s\t%.0f%% of peak\t%@",
                       m.name, m.secondsPerCall * 1e3, m.flops / 1e6, m.gflops, 100 * m.gflops / gemmPeak, target)
            }
            let o3fLimit = o3fScoring.flops / (gemmPeak * 1e9)
            return """
            BLAS threads\t\(threads)
            sgemm 256×256×256\t\(String(format: "%.1f", gemmPeak)) GFLOP/s (the peak below)
            workload\ttime/call\tFLOPs\tachieved\tfraction\ttarget
            \(line(iqlStep, target: "≥ 50% of peak on 2 threads"))
            \(line(o3fScoring, target: String(format: "≤ 1.3 × FLOP limit %.3f ms: %.2f×", o3fLimit * 1e3, o3fScoring.secondsPerCall / o3fLimit)))
            """
        }
    }

    public init() {}

    public func run(threads: Int, repetitions: Int = 50) -> Result {
        BLAS.setThreadCount(threads)
        return Result(threads: threads, gemmPeak: gemmPeak(), iqlStep: iqlStep(repetitions: repetitions),
                      o3fScoring: o3fScoring(repetitions: repetitions * 10))
    }

    /// Median seconds of `body` over `repetitions` calls after a warm-up.
    public static func median(repetitions: Int, _ body: () -> Void) -> Double {
        for _ in 0..<max(3, repetitions / 10) { body() }
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        return times.median
    }

    /// GFLOP/s of a 256×256×256 product.
    public func gemmPeak() -> Double {
        let n = 256
        let a = Workspace(capacity: n * n), b = Workspace(capacity: n * n), c = Workspace(capacity: n * n)
        for i in 0..<(n * n) { a.pointer[i] = Float(i % 7) * 0.1; b.pointer[i] = Float(i % 5) * 0.1 }
        let seconds = NNBenchmark.median(repetitions: 200) {
            gemm(m: n, n: n, k: n, a: a.pointer, lda: n, b: b.pointer, ldb: n, c: c.pointer, ldc: n)
        }
        return 2 * Double(n * n * n) / seconds / 1e9
    }

    static func forwardFlops(_ network: MLPEnsemble, rows: Int) -> Double {
        var perMember = 0
        for l in 0..<(network.widths.count - 1) { perMember += network.widths[l] * network.widths[l + 1] }
        return 2 * Double(rows * network.members * perMember)
    }

    func iqlStep(repetitions: Int) -> Measurement {
        var rng = RandomStream(seed: 0)
        let batch = 256
        let q = MLPEnsemble(widths: [23, 256, 256, 1], members: 2, using: &rng)
        let v = MLP(widths: [17, 256, 256, 1], using: &rng)
        let policy = MLP(widths: [17, 256, 256, 6], using: &rng)
        let networks = [q, v, policy]
        let optimisers = networks.map { Adam(parameters: $0.parameters) }
        let inputs = networks.map { network -> Workspace in
            let w = Workspace(capacity: batch * network.inputSize)
            for i in 0..<(batch * network.inputSize) { w.pointer[i] = rng.nextUniformFloat() - 0.5 }
            return w
        }
        let gradients = networks.map { network -> Workspace in
            let w = Workspace(capacity: batch * network.members * network.outputSize)
            for i in 0..<(batch * network.members * network.outputSize) { w.pointer[i] = 1e-3 * (rng.nextUniformFloat() - 0.5) }
            return w
        }
        let seconds = NNBenchmark.median(repetitions: repetitions) {
            for (index, network) in networks.enumerated() {
                network.zeroGradients()
                network.forward(inputs[index].pointer, rows: batch)
                // Only the critics' input gradient is used (the actor backpropagates through Q).
                network.backward(gradients[index].pointer, needsInputGradient: index == 0)
                optimisers[index].update()
            }
        }
        if ProcessInfo.processInfo.environment["O3F_BENCH_BREAKDOWN"] != nil {
            for (index, network) in networks.enumerated() {
                let f = NNBenchmark.median(repetitions: repetitions) { network.forward(inputs[index].pointer, rows: batch) }
                let b = NNBenchmark.median(repetitions: repetitions) { network.backward(gradients[index].pointer) }
                let a = NNBenchmark.median(repetitions: repetitions) { optimisers[index].update() }
                let ff = NNBenchmark.forwardFlops(network, rows: batch)
                print(String(format: "  net %d: forward %.3f ms (%.0f GF/s), backward %.3f ms (%.0f GF/s), adam %.3f ms", index,
                             f * 1e3, ff / f / 1e9, b * 1e3, 2 * ff / b / 1e9, a * 1e3))
            }
        }
        // Forward + weight gradients + input gradients, less the first layer's input gradient
        // of the V and policy nets, which is not computed.
        let flops = networks.enumerated().map { index, network in
            3 * NNBenchmark.forwardFlops(network, rows: batch)
                - (index == 0 ? 0 : 2 * Double(batch * network.widths[0] * network.widths[1]))
        }.reduce(0, +)
        return Measurement(name: "IQL-shaped update (B 256)", secondsPerCall: seconds, flops: flops)
    }

    func o3fScoring(repetitions: Int) -> Measurement {
        var rng = RandomStream(seed: 1)
        let candidates = 100
        let critics = MLPEnsemble(widths: [23, 256, 256, 1], members: 5, using: &rng)
        let input = Workspace(capacity: candidates * 23)
        for i in 0..<(candidates * 23) { input.pointer[i] = rng.nextUniformFloat() - 0.5 }
        let seconds = NNBenchmark.median(repetitions: repetitions) {
            critics.forward(input.pointer, rows: candidates)
        }
        return Measurement(name: "O3F scoring (N 100, m 5)", secondsPerCall: seconds,
                           flops: NNBenchmark.forwardFlops(critics, rows: candidates))
    }
}
