import Foundation
import Testing
@testable import Repro

@Suite struct SeedCurveTests {
    private func log(_ rows: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-curve-\(UUID().uuidString).tsv")
        try ("step\tloss\tscore\n" + rows).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func meanBandAndStandardErrorAtCommonSteps() throws {
        let a = try log("0\t1\t10\n5\t1\t\n10\t1\t20\n20\t1\t40\n")
        let b = try log("0\t1\t30\n10\t1\t40\n")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let curve = try SeedCurve(logs: [a, b], column: "score")
        #expect(curve.points.map(\.step) == [0, 10])
        let last = try #require(curve.final)
        #expect(last.mean == 30 && last.min == 20 && last.max == 40 && last.seeds == 2)
        // s = √((10² + 10²)/1) = 14.142…, s/√2 = 10.
        #expect(abs(last.standardError - 10) < 1e-12)
        #expect(curve.tsv.hasPrefix("step\tmean\tmin\tmax\tstderr\tseeds\n0\t20.0\t10.0\t30.0\t"))
    }

    @Test func missingColumnNamesTheLog() throws {
        let a = try log("0\t1\t10\n")
        defer { try? FileManager.default.removeItem(at: a) }
        #expect(throws: SeedCurveError.missingColumn(a.path, "return")) { try SeedCurve(logs: [a], column: "return") }
    }

    /// Clearly above: the difference exceeds 2·√(se² + se'²); one seed gives no verdict.
    @Test func clearlyAboveUsesTwoStandardErrorsOfTheDifference() {
        func point(_ mean: Double, _ error: Double, seeds: Int = 3) -> SeedCurve.Point {
            SeedCurve.Point(step: 0, mean: mean, min: mean, max: mean, standardError: error, seeds: seeds)
        }
        #expect(point(11, 3).isClearlyAbove(point(0, 4)) == true)    // 11 > 2·5
        #expect(point(10, 3).isClearlyAbove(point(0, 4)) == false)   // 10 ≤ 2·5
        #expect(point(0, 3).isClearlyAbove(point(10, 4)) == false)
        #expect(point(10, 0, seeds: 1).isClearlyAbove(point(0, 4)) == nil)
    }
}
