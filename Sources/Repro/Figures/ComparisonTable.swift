import Foundation

/// Chapter 4's claims table: every method's final normalised score on every task (mean ±
/// standard error over seeds), each method's average over the tasks, how much more the first
/// method (LAPO + O3F) averages than the best of the others — the paper's "56% more than the
/// next best (IQL)" — and every method's before → after per task. Beside each task, the best
/// method here and the paper's account of it.
public struct ComparisonTable {
    public var results: FineTuningResults
    /// The paper's headline for the comparison, shown beside ours.
    public var published: String
    /// The paper's account of each task, by task name.
    public var paperBest: [String: String]

    /// What the paper's Section 6.2 says of each task of its Figure 4. It gives per-task results
    /// only as curves, so these are its words, not numbers read off the plot.
    public static let paperFigure4: [String: String] = {
        var account = [
            "halfcheetah-random-v2": "LAPO + O3F", "walker2d-random-v2": "LAPO + O3F", "halfcheetah-medium-v2": "LAPO + O3F",
            "hopper-medium-v2": "LAPO + O3F ≈ the best other", "walker2d-medium-v2": "LAPO + O3F ≈ the best other",
            "hopper-random-v2": "AWAC",
            "antmaze-umaze-diverse-v2": "LAPO + O3F above IQL; CQL fails, AWAC solves it",
        ]
        for task in ["antmaze-medium-diverse-v2", "antmaze-large-diverse-v2", "kitchen-complete-v0", "kitchen-partial-v0", "kitchen-mixed-v0"] {
            account[task] = "LAPO + O3F above IQL; CQL and AWAC fail"
        }
        return account
    }()

    public init(results: FineTuningResults, published: String = "+56% over the next best (IQL), averaged over 12 tasks",
                paperBest: [String: String] = ComparisonTable.paperFigure4) {
        self.results = results
        self.published = published
        self.paperBest = paperBest
    }

    /// The method with the highest final mean on `task`, joined with ≈ by every other method
    /// within two standard errors of the difference (A ≈ B when mean_A − mean_B ≤
    /// 2·√(se_A² + se_B²)); with fewer than two seeds there are no standard errors, and the
    /// leader stands alone. Nil without scores.
    public func best(on task: String) -> String? {
        let finals = results.methodOrder.compactMap { method in
            results.arm(on: task, method: method)?.curve.final.map { (label: results.label(of: method), point: $0) }
        }.sorted { $0.point.mean > $1.point.mean }
        guard let leader = finals.first else { return nil }
        let level = finals.dropFirst().filter { leader.point.isClearlyAbove($0.point) == false }
        return ([leader] + level).map(\.label).joined(separator: " ≈ ")
    }

    /// Each method's mean over tasks of its final mean score (nil if a task lacks the method).
    public func averages() -> [(method: String, label: String, average: Double)] {
        results.methodOrder.compactMap { method in
            let finals = results.tasks.compactMap { task in results.arm(on: task, method: method)?.curve.final?.mean }
            guard finals.count == results.tasks.count, !finals.isEmpty else { return nil }
            return (method, results.label(of: method), finals.reduce(0, +) / Double(finals.count))
        }
    }

    /// 100·(first − best other)/|best other| over the task averages, and the best other's label.
    public func marginOverNextBest() -> (percent: Double, nextBest: String)? {
        let averages = averages()
        guard let first = averages.first, let next = averages.dropFirst().max(by: { $0.average < $1.average }), next.average != 0 else { return nil }
        return (100 * (first.average - next.average) / abs(next.average), next.label)
    }

    public var markdown: String {
        let methods = results.methodOrder
        func format(_ point: SeedCurve.Point?) -> String { point?.summary() ?? "–" }
        var lines = ["| task | " + methods.map { results.label(of: $0) }.joined(separator: " | ") + " | best here | the paper (§6.2) |",
                     "|" + String(repeating: "---|", count: methods.count + 3)]
        for task in results.tasks {
            lines.append("| \(task) | " + methods.map { method in
                format(results.arm(on: task, method: method)?.curve.final)
            }.joined(separator: " | ") + " | \(best(on: task) ?? "–") | \(paperBest[task] ?? "–") |")
        }
        let averages = averages()
        lines.append("| **average** | " + methods.map { method in
            averages.first { $0.method == method }.map { String(format: "**%.1f**", $0.average) } ?? "–"
        }.joined(separator: " | ") + " | | |")
        lines.append("")
        if let margin = marginOverNextBest() {
            lines.append(String(format: "%@ averages %+.0f%% against the next best, %@ (ours, %d task%@); the paper reports %@.",
                                results.label(of: methods[0]), margin.percent, margin.nextBest, results.tasks.count,
                                results.tasks.count == 1 ? "" : "s", published))
            lines.append("")
        }
        lines.append("Before → after (the offline policy at online step 0 → the last evaluation):")
        lines.append("")
        lines.append("| task | " + methods.map { results.label(of: $0) }.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: methods.count + 1))
        for task in results.tasks {
            lines.append("| \(task) | " + methods.map { method in
                let curve = results.arm(on: task, method: method)?.curve
                guard let curve, let start = curve.points.first(where: { $0.step == 0 }), let end = curve.final else { return "–" }
                return String(format: "%.1f → %.1f", start.mean, end.mean)
            }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Normalised D4RL score ×100 at the last evaluation (online step \(results.arms.first?.curve.final?.step ?? 0)), \(results.seedSummary); \"best here\" joins the leader with ≈ to every method within two standard errors of the difference; the paper's column is its Section 6.2's words (it gives per-task results only as curves). \(results.caption).")
        return lines.joined(separator: "\n") + "\n"
    }
}
