import Foundation
import Testing
import RLCore

/// The `repro` executable runs OpenBLAS's Haswell kernel wherever the CPU can (so a seed gives
/// the committed logs on any x86-64 machine with AVX2), and leaves a user's OPENBLAS_CORETYPE alone.
#if arch(x86_64)
@Suite struct BLASKernelPinningTests {
    /// `repro versions`' openblas line, run with `coreType` as OPENBLAS_CORETYPE (nil: unset).
    func openBLASLine(coreType: String?) throws -> String {
        let (status, text) = try runRepro(["versions"], coreType: coreType)
        #expect(status == 0)
        return try #require(text.split(separator: "\n").first { $0.hasPrefix("openblas") }.map(String.init))
    }

    @Test func reproRunsTheReproducibleKernelWhenTheCPUCan() throws {
        let line = try openBLASLine(coreType: nil)
        let canRunHaswell = BLASKernel.cpuFlags().isSuperset(of: ["avx2", "fma"])
        if canRunHaswell {
            #expect(line.contains(" Haswell "), "\(line)")
        } else {
            #expect(line.hasPrefix("openblas\tOpenBLAS"), "a CPU without AVX2 keeps OpenBLAS's own kernel: \(line)")
        }
    }

    @Test func aUsersCoreTypeIsKept() throws {
        // Sandybridge's kernel needs AVX only; Prescott's (SSE3) runs on any x86-64 of the last 20 years.
        let coreType = BLASKernel.cpuFlags().contains("avx") ? "Sandybridge" : "Prescott"
        #expect(try openBLASLine(coreType: coreType).contains(" \(coreType) "))
    }
}
#endif
