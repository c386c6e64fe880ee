import Foundation
import RLCore

/// What a comparison's runs cost, read from their `done.json`: per task and method, the wall
/// time of the offline phases and of the online arms in minutes (min–max over seeds), each
/// method's total in hours of one core, and, for the runs that recorded their CPU time, the
/// share of a core they had (CPU time / wall time: about 100% for a worker alone on its core,
/// less when other processes shared it).
///
/// A chapter quotes this table instead of typing costs by hand; `repro sweep plan` estimates
/// the runs still to go from the same records.
public struct RunCostTable {
    public var results: FineTuningResults

    public init(results: FineTuningResults) {
        self.results = results
    }

    /// The wall and CPU seconds of finished runs (a run without `done.json` is left out).
    struct Times {
        var wall: [Double] = []
        var cpu: [Double] = []
        var wallWithCPU: [Double] = []

        init(_ runs: [RunDirectory]) {
            for run in runs {
                guard let summary = try? run.summary() else { continue }
                wall.append(summary.wallTime)
                if let cpuTime = summary.cpuTime {
                    cpu.append(cpuTime)
                    wallWithCPU.append(summary.wallTime)
                }
            }
        }

        mutating func add(_ other: Times) {
            wall += other.wall
            cpu += other.cpu
            wallWithCPU += other.wallWithCPU
        }

        /// CPU time over wall time of the runs that recorded CPU time ("–" if none did).
        var coreShare: String {
            let wall = wallWithCPU.reduce(0, +)
            return wall > 0 ? String(format: "%.0f%%", 100 * cpu.reduce(0, +) / wall) : "–"
        }

        /// "27–29" minutes (one decimal below ten minutes: "0.3", "3.5–7.0"); "–" without runs.
        var minutes: String {
            guard let low = wall.min(), let high = wall.max() else { return "–" }
            func format(_ seconds: Double) -> String {
                seconds < 600 ? String(format: "%.1f", seconds / 60) : String(format: "%.0f", seconds / 60)
            }
            return format(low) == format(high) ? format(low) : "\(format(low))–\(format(high))"
        }
    }

    public var markdown: String {
        let methods = results.methodOrder
        var lines = ["| task | " + methods.map { "\(results.label(of: $0)): offline · online" }.joined(separator: " | ") + " | share of a core |",
                     "|---|" + String(repeating: "---|", count: methods.count + 1)]
        var totals = [Double](repeating: 0, count: methods.count)
        var all = Times([])
        for task in results.tasks {
            var cells: [String] = []
            var taskTimes = Times([])
            for (index, method) in methods.enumerated() {
                guard let arm = results.arm(on: task, method: method) else { cells.append("–"); continue }
                let offline = Times(arm.offlineRuns), online = Times(arm.runs)
                cells.append("\(offline.minutes) · \(online.minutes)")
                taskTimes.add(offline)
                taskTimes.add(online)
                totals[index] += (offline.wall + online.wall).reduce(0, +)
            }
            all.add(taskTimes)
            lines.append("| \(task) | " + cells.joined(separator: " | ") + " | \(taskTimes.coreShare) |")
        }
        lines.append("| **total, hours** | " + totals.map { String(format: "**%.1f**", $0 / 3600) }.joined(separator: " | ")
                     + " | \(all.coreShare) |")
        lines.append("")
        let seeds = results.arms.map { $0.runs.count }.max() ?? 0
        lines.append("Wall time of each run in minutes, min–max over \(seeds) seed\(seeds == 1 ? "" : "s"): the offline phase · "
                     + "the online arm that starts from it; totals in hours, offline and online, all tasks and seeds. "
                     + "Share of a core: CPU time over wall time of the runs that recorded their CPU time "
                     + "(\"–\": none did; the kit records it since commit 96ef5d6). " + results.caption + ".")
        return lines.joined(separator: "\n") + "\n"
    }
}
