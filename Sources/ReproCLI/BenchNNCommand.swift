import ArgumentParser
import Repro

/// `repro bench nn`: the IQL-shaped update and O3F scoring against the measured GEMM peak.
struct BenchNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn",
        abstract: "Time an IQL-shaped update and O3F candidate scoring against the sgemm peak measured in-process.",
        discussion: "Set O3F_BENCH_BREAKDOWN=1 to also print forward, backward and Adam times per network."
    )

    @Option(help: "BLAS thread counts to measure, comma-separated.")
    var threads: String = "1,2"

    func validate() throws {
        _ = try validating { try ThreadCounts.parse(threads) }
    }

    func run() throws {
        let counts = try ThreadCounts.parse(threads)
        for count in counts {
            print(NNBenchmark().run(threads: count).report)
            print()
        }
    }
}
