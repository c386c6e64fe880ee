import Foundation

/// The episodes of a rollout as a TSV table for the terminal: one row per episode (return,
/// length, normalised score; on AntMaze the torso's distance to the goal at the start, at its
/// closest and at the end; in the kitchen the elements completed, in order), then their means
/// (in the kitchen, the mean number of elements completed).
public func rolloutTable(_ episodes: [RolloutEpisode]) -> String {
    let approaches = episodes.compactMap(\.approach)
    let showsApproach = !episodes.isEmpty && approaches.count == episodes.count
    let completions = episodes.compactMap(\.completedElements)
    let showsElements = !episodes.isEmpty && completions.count == episodes.count
    func f(_ value: Double) -> String { String(format: "%.2f", value) }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

    var lines = ["episode\treturn\tlength\tnormalised score" + (showsApproach ? "\tgoal distance: start\tclosest\tend (m)" : "")
                 + (showsElements ? "\telements completed" : "")]
    for (i, episode) in episodes.enumerated() {
        var row = "\(i + 1)\t\(f(episode.episodeReturn))\t\(episode.length)\t\(f(episode.normalizedScore))"
        if showsApproach, let a = episode.approach { row += "\t\(f(a.start))\t\(f(a.closest))\t\(f(a.final))" }
        if showsElements, let done = episode.completedElements {
            row += "\t" + (done.isEmpty ? "none" : done.map(\.rawValue).joined(separator: ", "))
        }
        lines.append(row)
    }
    var means = "mean\t\(f(mean(episodes.map(\.episodeReturn))))\t\(f(mean(episodes.map { Double($0.length) })))\t\(f(mean(episodes.map(\.normalizedScore))))"
    if showsApproach {
        means += "\t\(f(mean(approaches.map(\.start))))\t\(f(mean(approaches.map(\.closest))))\t\(f(mean(approaches.map(\.final))))"
    }
    if showsElements { means += "\t\(f(mean(completions.map { Double($0.count) })))" }
    lines.append(means)
    return lines.joined(separator: "\n")
}
