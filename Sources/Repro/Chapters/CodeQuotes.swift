import Foundation
import RLCore

/// Code quoted in a chapter, kept in step with the code it quotes.
///
/// A source file marks a region with two comment lines:
///
///     // quote: expectile-loss
///     … the code …
///     // end quote
///
/// and a chapter's markdown quotes it by reference, with the code block between two markers:
///
///     <!-- quote: Sources/RLCore/Agents/IQL.swift#expectile-loss -->
///     ```swift
///     … a copy of the region …
///     ```
///     <!-- end quote -->
///
/// `<!-- quote: PATH -->` without a region quotes the whole file: a generated markdown file
/// (a results table) is inserted as it is, any other file inside a code block. So a chapter's
/// tables, too, cannot drift from the data the kit generated.
///
/// `check` reports every quote whose copy differs from its region (or whose region is gone);
/// `update` rewrites the copies. The region's lines are copied with their common indentation
/// removed. Paths are relative to the repository root.
public struct CodeQuotes {
    /// The repository root that quote paths are relative to.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// One quote in a markdown file.
    public struct Quote: Equatable, Sendable {
        public let file: String
        public let region: String
        /// The line (1-based) of the opening marker in the markdown file.
        public let line: Int
    }

    /// A quote whose copy is stale or whose source is missing.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public let markdown: String
        public let quote: Quote
        public let reason: String
        public var description: String {
            "\(markdown):\(quote.line): quote of \(quote.file)#\(quote.region) \(reason)"
        }
    }

    /// The problems in `markdownFile`; empty when every quote matches its region.
    public func check(_ markdownFile: URL) throws -> [Problem] {
        let (_, problems) = try process(markdownFile)
        return problems
    }

    /// Rewrites every quote in `markdownFile` from its region. Missing regions stay problems.
    @discardableResult
    public func update(_ markdownFile: URL) throws -> [Problem] {
        let (text, problems) = try process(markdownFile)
        let missing = problems.filter { !$0.reason.hasPrefix("is stale") }
        try AtomicFile.write(Data(text.utf8), to: markdownFile)
        return missing
    }

    /// The region `name` of `file`, without its markers and common indentation.
    public func region(_ name: String, of file: String) throws -> [String] {
        let url = root.appendingPathComponent(file)
        guard let source = try? String(contentsOf: url, encoding: .utf8) else {
            throw CodeQuoteError.missingFile(file)
        }
        var lines = source.components(separatedBy: "\n")
        if name.isEmpty {
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines
        }
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// quote: \(name)" }) else {
            throw CodeQuoteError.missingRegion(file, name)
        }
        guard let end = lines[(start + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// end quote" }) else {
            throw CodeQuoteError.unterminatedRegion(file, name)
        }
        let body = Array(lines[(start + 1)..<end])
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        return body.map { $0.count >= indent ? String($0.dropFirst(indent)) : $0.trimmingCharacters(in: .whitespaces) }
    }

    private func process(_ markdownFile: URL) throws -> (String, [Problem]) {
        let lines = try String(contentsOf: markdownFile, encoding: .utf8).components(separatedBy: "\n")
        var output: [String] = []
        var problems: [Problem] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard let quote = parseOpening(line, lineNumber: i + 1) else {
                output.append(line); i += 1; continue
            }
            guard let close = lines[(i + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "<!-- end quote -->" }) else {
                throw CodeQuoteError.unterminatedQuote(markdownFile.path, line: i + 1)
            }
            let current = Array(lines[(i + 1)..<close])
            output.append(line)
            do {
                let body = try region(quote.region, of: quote.file)
                let fence = "```" + (quote.file.hasSuffix(".swift") ? "swift" : "")
                let wanted = quote.region.isEmpty && quote.file.hasSuffix(".md") ? body : [fence] + body + ["```"]
                if wanted != current {
                    problems.append(Problem(markdown: markdownFile.path, quote: quote,
                                            reason: "is stale: the code changed; run `repro quotes update` to refresh it"))
                }
                output.append(contentsOf: wanted)
            } catch {
                problems.append(Problem(markdown: markdownFile.path, quote: quote, reason: "cannot be resolved: \(error)"))
                output.append(contentsOf: current)
            }
            output.append(lines[close])
            i = close + 1
        }
        return (output.joined(separator: "\n"), problems)
    }

    private func parseOpening(_ line: String, lineNumber: Int) -> Quote? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<!-- quote: "), trimmed.hasSuffix(" -->") else { return nil }
        let reference = trimmed.dropFirst("<!-- quote: ".count).dropLast(" -->".count)
        let parts = reference.split(separator: "#", maxSplits: 1)
        return Quote(file: String(parts[0]), region: parts.count == 2 ? String(parts[1]) : "", line: lineNumber)
    }
}

/// A quote that cannot be resolved.
public enum CodeQuoteError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case missingRegion(String, String)
    case unterminatedRegion(String, String)
    case unterminatedQuote(String, line: Int)

    public var description: String {
        switch self {
        case .missingFile(let file): return "\(file) does not exist"
        case let .missingRegion(file, name): return "\(file) has no line '// quote: \(name)'"
        case let .unterminatedRegion(file, name): return "region '\(name)' in \(file) has no '// end quote' line"
        case let .unterminatedQuote(path, line): return "\(path):\(line): quote has no '<!-- end quote -->' line"
        }
    }
}
