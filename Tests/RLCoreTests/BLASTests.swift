import Foundation
import Testing
@testable import RLCore

@Suite struct BLASTests {
    /// Set to two and back to one (OpenBLAS caps the count at the machine's cores).
    @Test func threadCountCanBeSetAndRead() {
        let before = BLAS.threadCount
        defer { BLAS.setThreadCount(before) }
        BLAS.setThreadCount(2)
        #expect(BLAS.threadCount == min(2, ProcessInfo.processInfo.activeProcessorCount))
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
    }

    @Test func configurationNamesOpenBLAS() {
        #expect(BLAS.configuration.contains("OpenBLAS"))
    }
}
