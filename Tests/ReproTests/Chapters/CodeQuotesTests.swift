import Foundation
import Testing
import Repro

@Suite struct CodeQuotesTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-quotes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try """
        struct Loss {
            // quote: expectile
            func expectile(_ u: Float, tau: Float) -> Float {
                abs(tau - (u < 0 ? 1 : 0)) * u * u
            }
            // end quote
        }
        """.write(to: root.appendingPathComponent("Sources/Loss.swift"), atomically: true, encoding: .utf8)
    }

    private func chapter(_ body: String) throws -> URL {
        let url = root.appendingPathComponent("README.md")
        try ("# Chapter\n\n<!-- quote: Sources/Loss.swift#expectile -->\n" + body + "<!-- end quote -->\n\nAfter.\n")
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func regionLosesItsCommonIndentation() throws {
        let lines = try CodeQuotes(root: root).region("expectile", of: "Sources/Loss.swift")
        #expect(lines == ["func expectile(_ u: Float, tau: Float) -> Float {", "    abs(tau - (u < 0 ? 1 : 0)) * u * u", "}"])
    }

    @Test func staleQuoteIsReportedThenUpdated() throws {
        let quotes = CodeQuotes(root: root)
        let url = try chapter("```swift\nold code\n```\n")
        let problems = try quotes.check(url)
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("is stale") == true)
        try quotes.update(url)
        #expect(try quotes.check(url).isEmpty)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("    abs(tau - (u < 0 ? 1 : 0)) * u * u\n}\n```\n<!-- end quote -->\n\nAfter."))
    }

    @Test func missingRegionIsAProblemNamingIt() throws {
        let url = root.appendingPathComponent("Other.md")
        try "<!-- quote: Sources/Loss.swift#nowhere -->\n```swift\n```\n<!-- end quote -->\n"
            .write(to: url, atomically: true, encoding: .utf8)
        let problems = try CodeQuotes(root: root).check(url)
        #expect(problems.first?.reason.contains("has no line '// quote: nowhere'") == true)
    }

    /// A generated markdown table is quoted whole and unfenced; a new table makes it stale.
    @Test func wholeMarkdownFileIsQuotedAsItIs() throws {
        let table = root.appendingPathComponent("table.md")
        try "| a | b |\n|---|---|\n| 1 | 2 |\n".write(to: table, atomically: true, encoding: .utf8)
        let url = root.appendingPathComponent("Results.md")
        try "Results:\n<!-- quote: table.md -->\n<!-- end quote -->\n".write(to: url, atomically: true, encoding: .utf8)
        let quotes = CodeQuotes(root: root)
        #expect(try quotes.check(url).count == 1)
        try quotes.update(url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "Results:\n<!-- quote: table.md -->\n| a | b |\n|---|---|\n| 1 | 2 |\n<!-- end quote -->\n")
        try "| a | b |\n|---|---|\n| 1 | 3 |\n".write(to: table, atomically: true, encoding: .utf8)
        #expect(try quotes.check(url).first?.reason.contains("is stale") == true)
    }
}
