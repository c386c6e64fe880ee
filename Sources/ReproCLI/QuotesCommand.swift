import ArgumentParser
import Foundation
import Repro

/// `repro quotes check|update`: keeps the code quoted in the chapters in step with the code.
struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Check or refresh the code quoted in the chapters' markdown.",
        discussion: "Quotes are '<!-- quote: PATH#REGION -->' blocks; regions are '// quote: REGION' … '// end quote' in the code."
    )

    @Argument(help: "check (exit 1 when a quote is stale) or update (rewrite the quotes).")
    var action: Action

    @Argument(help: "Markdown files (default: Chapters/*/README.md).")
    var files: [String] = []

    enum Action: String, ExpressibleByArgument { case check, update }

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var paths = files
        if paths.isEmpty {
            let chapters = root.appendingPathComponent("Chapters")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: chapters.path)) ?? []
            paths = folders.sorted().map { "Chapters/\($0)/README.md" }
                .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        }
        let quotes = CodeQuotes(root: root)
        var problems: [CodeQuotes.Problem] = []
        for path in paths {
            let url = root.appendingPathComponent(path)
            problems += action == .check ? try quotes.check(url) : try quotes.update(url)
        }
        for problem in problems { print(problem) }
        if !problems.isEmpty { throw ExitCode(1) }
        print("quotes: \(paths.count) file(s) \(action == .check ? "up to date" : "updated")")
    }
}
