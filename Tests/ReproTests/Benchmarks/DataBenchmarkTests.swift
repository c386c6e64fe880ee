import Testing
@testable import Repro

@Suite struct DataBenchmarkTests {
    @Test func measuresASmallSyntheticDataset() throws {
        let result = try DataBenchmark(transitions: 3000, batchSize: 32, batches: 50).run()
        #expect(result.transitions == 3000 && result.fileBytes > 0)
        #expect(result.write != nil && result.read >= 0 && result.sampleMicroseconds > 0)
        #expect(result.report.contains("sample batch of 32"))
    }
}
