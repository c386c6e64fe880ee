import Foundation

/// A one-line progress display on stderr: a bar, the count, the rate and the time left.
///
/// It draws only when stderr is a terminal (so logs and pipes stay clean), redraws at most
/// five times a second, and ends its line in `finish()`. Rate and ETA use the whole elapsed
/// time: rate = done / elapsed, ETA = (total − done) / rate.
public final class ProgressBar {
    public let label: String
    public let total: Int
    public let unit: String
    /// Shown after the ETA, e.g. the last evaluation's score.
    public var note = ""
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    /// A bar for `total` items named `unit`; `enabled` defaults to "stderr is a terminal".
    public init(label: String, total: Int, unit: String = "steps", enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.total = max(total, 1)
        self.unit = unit
        self.enabled = enabled
    }

    /// Reports that `done` of `total` items are finished.
    public func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || done >= total else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r" + line(done: done, elapsed: now.timeIntervalSince(start))).utf8))
    }

    /// Draws the final state and ends the line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + line(done: total, elapsed: Date().timeIntervalSince(start)) + "\n").utf8))
    }

    /// The text of the bar after `done` items in `elapsed` seconds.
    public func line(done: Int, elapsed: TimeInterval) -> String {
        let fraction = min(Double(done) / Double(total), 1)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(Self.formatRate(rate)) \(unit)/s ETA \(Self.formatDuration(eta))\(note.isEmpty ? "" : " · " + note)  "
    }

    /// "12.3k" style rates.
    static func formatRate(_ rate: Double) -> String {
        rate >= 1000 ? String(format: "%.1fk", rate / 1000) : String(format: "%.0f", rate)
    }

    /// "m:ss" or "h:mm:ss".
    public static func formatDuration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
