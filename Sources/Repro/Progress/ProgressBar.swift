import Foundation

/// Progress on stderr: a bar, the count, the rate and the time left.
///
/// On a terminal it redraws one line in place, at most five times a second. Written to a log or a
/// pipe (`nohup repro dataset generate … > log 2>&1`), it adds a full line every minute instead, so a
/// run of hours shows where it is without filling the log (work shorter than a minute writes
/// nothing there). Rate and ETA count only this process's work (a resumed run starts part
/// done): rate = (done − done at the first report) / elapsed, ETA = (total − done) / rate.
public final class ProgressBar {
    /// How the bar reaches its reader.
    public enum Display: Equatable, Sendable {
        /// One line redrawn in place (`\r`).
        case terminal
        /// A new line every `every` seconds, and one at the end once any was written.
        case lines(every: TimeInterval)
        /// Nothing.
        case hidden

        /// `.terminal` when stderr is a terminal, otherwise a line a minute.
        public static var standard: Display { isatty(STDERR_FILENO) != 0 ? .terminal : .lines(every: 60) }
    }

    public let label: String
    public let total: Int
    public let unit: String
    public let display: Display
    /// Shown after the ETA, e.g. the last evaluation's score.
    public var note = ""
    private let start = Date()
    private var lastDraw: Date
    private var linesWritten = 0
    /// The first and the last count reported.
    private var firstDone: Int?
    private var lastDone = 0
    private let write: (String) -> Void

    /// A bar for `total` items named `unit`, shown as `display`; `write` receives its text
    /// (stderr unless a test listens).
    public init(label: String, total: Int, unit: String = "steps", display: Display = .standard,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        self.total = max(total, 1)
        self.unit = unit
        self.display = display
        self.write = write
        // A log's first line comes one interval in; a terminal draws at once.
        lastDraw = display == .terminal ? .distantPast : start
    }

    /// Reports that `done` of `total` items are finished.
    public func update(_ done: Int) {
        let now = Date()
        if firstDone == nil { firstDone = done }
        lastDone = done
        switch display {
        case .hidden:
            return
        case .terminal:
            guard now.timeIntervalSince(lastDraw) >= 0.2 || done >= total else { return }
            write("\r" + line(done: done, elapsed: now.timeIntervalSince(start)))
        case .lines(let interval):
            guard now.timeIntervalSince(lastDraw) >= interval, done < total else { return }
            write(logLine(done: done, elapsed: now.timeIntervalSince(start)))
            linesWritten += 1
        }
        lastDraw = now
    }

    /// Writes the last count reported — short of the total when work stopped early (a run
    /// that reached its target score) — and ends the line; nothing when nothing was reported
    /// (in a log, nothing unless earlier lines were written).
    public func finish() {
        guard firstDone != nil else { return }
        let elapsed = Date().timeIntervalSince(start)
        switch display {
        case .hidden: return
        case .terminal: write("\r" + line(done: lastDone, elapsed: elapsed) + "\n")
        case .lines: if linesWritten > 0 { write(logLine(done: lastDone, elapsed: elapsed)) }
        }
    }

    /// The text of the bar after `done` items in `elapsed` seconds (padded to overwrite a longer
    /// earlier line on a terminal).
    public func line(done: Int, elapsed: TimeInterval) -> String {
        let fraction = min(Double(done) / Double(total), 1)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(done - (firstDone ?? 0)) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(Self.formatRate(rate)) \(unit)/s ETA \(Self.formatDuration(eta))\(note.isEmpty ? "" : " · " + note)  "
    }

    /// One line of a log: the bar's text after the elapsed time, unpadded.
    func logLine(done: Int, elapsed: TimeInterval) -> String {
        "[\(Self.formatDuration(elapsed))] " + line(done: done, elapsed: elapsed).trimmingCharacters(in: .whitespaces) + "\n"
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
