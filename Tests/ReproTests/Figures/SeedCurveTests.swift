import Foundation
import Testing
import Repro

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
}
