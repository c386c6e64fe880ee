import Testing
@testable import RLCore

@Suite struct BLASTests {
    @Test func threadCountCanBeSetAndRead() {
        let before = BLAS.threadCount
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        BLAS.setThreadCount(before)
    }

    @Test func configurationNamesOpenBLAS() {
        #expect(BLAS.configuration.contains("OpenBLAS"))
    }
}
