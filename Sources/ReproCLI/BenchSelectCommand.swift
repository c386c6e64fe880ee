import ArgumentParser
import Foundation
import Repro

/// `repro bench select`: one O3F action selection (N 100, 5 critics).
struct BenchSelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Time one O3F action selection: 100 candidates scored by 5 critics (target ≤ 0.7 ms)."
    )

    func run() throws {
        print("BLAS threads\ttime/selection\ttarget ≤ 0.7 ms")
        for threads in [1, 2] {
            let seconds = SelectionBenchmark().run(threads: threads)
            print("\(threads)\t\(String(format: "%.3f ms", seconds * 1e3))\t\(seconds <= 0.7e-3 ? "met" : "missed")")
        }
    }
}
