import Foundation

/// The numbers Chapter 1 sets against the paper's Section 4, computed from the summarised
/// curves (means over seeds) of `FineTuningResults` whose arms carry the `q_estimate`,
/// `q_return` and `critic_loss` columns.
public struct SwitchingAnalysis {
    public var results: FineTuningResults

    public init(results: FineTuningResults) { self.results = results }

    /// What one arm did after the online boundary.
    public struct Collapse: Equatable, Sendable {
        /// Mean score of the offline policy (online step 0).
        public var before: Double
        /// The lowest mean score online and where it was.
        public var lowest: Double
        public var lowestStep: Int
        /// First step after the lowest point whose mean score is back at `before`; nil when
        /// it never is within the budget.
        public var recoveryStep: Int?
        /// Largest ratio of the critics' estimate to the discounted return obtained, over the
        /// online evaluations where both are positive (a ratio of opposite signs says nothing
        /// about over-estimation); nil when there is none.
        public var overEstimation: Double?
        /// Largest mean critic loss online.
        public var peakCriticLoss: Double?

        public var drop: Double { before - lowest }
    }

    /// The collapse figures of the arm `method` on `task`.
    public func collapse(task: String, method: String) -> Collapse? {
        guard let arm = results.arm(on: task, method: method),
              let start = arm.curve.points.first(where: { $0.step == 0 }) else { return nil }
        let online = arm.curve.points.filter { $0.step > 0 }
        guard let lowest = online.min(by: { $0.mean < $1.mean }) else { return nil }
        let recovery = online.first { $0.step > lowest.step && $0.mean >= start.mean }?.step
        var overEstimation: Double?
        if let estimates = arm.columns["q_estimate"], let returns = arm.columns["q_return"] {
            let obtained = Dictionary(uniqueKeysWithValues: returns.points.map { ($0.step, $0.mean) })
            overEstimation = estimates.points.filter { $0.step > 0 }.compactMap { point in
                obtained[point.step].flatMap { $0 > 0 && point.mean > 0 ? point.mean / $0 : nil }
            }.max()
        }
        let peak = arm.columns["critic_loss"]?.points.filter { $0.step > 0 }.map(\.mean).max()
        return Collapse(before: start.mean, lowest: lowest.mean, lowestStep: lowest.step, recoveryStep: recovery,
                        overEstimation: overEstimation, peakCriticLoss: peak)
    }

    /// Figure 2's table: CQL kept against CQL → SAC, beside the paper's account.
    public func figure2Table(kept: String, switched: String) -> String {
        var lines = ["| task | measure | \(results.label(of: kept)) | \(results.label(of: switched)) | paper (CQL → SAC) |", "|---|---|---|---|---|"]
        func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        for task in results.tasks {
            let a = collapse(task: task, method: kept), b = collapse(task: task, method: switched)
            lines.append("| \(task) | score before → lowest (step) | \(describe(a)) | \(describe(b)) | drops at once |")
            lines.append("| | drop (points) | \(number(a?.drop, "%.1f")) | \(number(b?.drop, "%.1f")) | large |")
            lines.append("| | steps to recover | \(recovery(a)) | \(recovery(b)) | ≈ 15,000 |")
            lines.append("| | Q over-estimation (max estimate ÷ return) | \(number(a?.overEstimation, "%.1f×")) | \(number(b?.overEstimation, "%.1f×")) | ≈ 40× |")
            lines.append("| | peak critic loss online | \(number(a?.peakCriticLoss, "%.3g")) | \(number(b?.peakCriticLoss, "%.3g")) | spikes at the switch |")
        }
        lines.append("")
        lines.append("Means over seeds of the online runs' evaluation curves (\"before\" is their own evaluation at step 0, on other episodes than the offline logs' last row); the Q estimate is the critics' mean Q over the evaluation episodes' state-actions, the return the discounted return that followed them. \(results.caption).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Figure 3's table: each algorithm's final score with its objective fixed, loosened
    /// abruptly and loosened linearly, and whether loosening helped (the paper: not much).
    public func figure3Table(algorithms: [String]) -> String {
        var lines = ["| task | algorithm | fixed | abrupt | linear | loosening helped? |", "|---|---|---|---|---|---|"]
        for task in results.tasks {
            for algorithm in algorithms {
                let arms = ["\(algorithm)+policy", "\(algorithm)+policy+abrupt", "\(algorithm)+policy+linear"].map { method in
                    results.arm(on: task, method: method)?.curve.final
                }
                func cell(_ point: SeedCurve.Point?) -> String { point?.summary() ?? "–" }
                var verdict = "–"
                if let fixed = arms[0], fixed.seeds < 2 {
                    verdict = "no verdict from one seed"
                } else if let fixed = arms[0] {
                    let better = arms.dropFirst().compactMap { $0 }.filter { $0.isClearlyAbove(fixed) == true }
                    verdict = better.isEmpty ? "no (within two standard errors, or worse)" : "yes"
                }
                lines.append("| \(task) | \(algorithm.uppercased()) | \(cell(arms[0])) | \(cell(arms[1])) | \(cell(arms[2])) | \(verdict) |")
            }
        }
        lines.append("")
        lines.append("Normalised score at the last evaluation, \(results.seedSummary). \(results.caption).")
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ collapse: Collapse?) -> String {
        guard let collapse else { return "–" }
        return String(format: "%.1f → %.1f (%d)", collapse.before, collapse.lowest, collapse.lowestStep)
    }

    private func recovery(_ collapse: Collapse?) -> String {
        guard let collapse else { return "–" }
        if collapse.drop <= 0 { return "no drop" }
        return collapse.recoveryStep.map { "\($0)" } ?? "not within the budget"
    }
}
