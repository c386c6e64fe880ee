import Foundation
import Testing
@testable import Repro

@Suite struct DataBenchmarkTests {
    /// The file holds the data's 166 bytes per transition (observations and next observations
    /// of 17 floats, 6 action floats, a reward, two flag bytes), gzip-compressed: random
    /// floats shrink by about a tenth, so a missing array would show. The report prints what
    /// was measured.
    @Test func measuresASmallSyntheticDataset() throws {
        let result = try DataBenchmark(transitions: 3000, batchSize: 32, batches: 50).run()
        #expect(result.transitions == 3000)
        let rawBytes = 3000 * 166
        #expect((rawBytes * 8 / 10 ..< rawBytes + 100_000).contains(result.fileBytes), "\(result.fileBytes) bytes")
        #expect(result.write != nil && result.read >= 0 && result.sampleMicroseconds > 0)
        #expect(result.report.contains("3000 transitions, \(String(format: "%.1f", Double(result.fileBytes) / 1e6)) MB on disk"))
        #expect(result.report.contains("sample batch of 32"))
    }
}
