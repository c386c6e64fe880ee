import Foundation

/// Replaces the wall-time field (the last) of a run log's rows up to `step` with `marker`.
///
/// Tests of resumption mark the rows an interrupted run logged before its checkpoint: a run
/// that resumes keeps them as they are, one that started again from the beginning would write
/// them anew, and the wall time is the one field that differs between the two.
func markWallTimes(inLogAt url: URL, throughStep step: Int, with marker: String) throws {
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    let marked = [rows[0]] + rows.dropFirst().map { Int($0[0])! <= step ? $0.dropLast() + [marker] : $0 }
    try (marked.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
}

/// The wall-time fields of a run log's rows, keyed by step.
func wallTimes(inLogAt url: URL) throws -> [Int: String] {
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    return Dictionary(rows.map { (Int($0[0])!, String($0.last!)) }, uniquingKeysWith: { $1 })
}
