import Testing
@testable import RLCore

@Suite struct BLASKernelTests {
    let avx2: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f"]

    @Test func anotherKernelOnAnAVX2CPUIsPinnedToHaswell() {
        #expect(BLASKernel.coreTypeToPin(environment: [:], cpuFlags: avx2, currentCore: "Cooperlake") == "Haswell")
    }

    @Test func theUsersChoiceStands() {
        #expect(BLASKernel.coreTypeToPin(environment: ["OPENBLAS_CORETYPE": "SkylakeX"], cpuFlags: avx2, currentCore: "SkylakeX") == nil)
    }

    @Test func nothingIsDoneWhenHaswellAlreadyRuns() {
        #expect(BLASKernel.coreTypeToPin(environment: [:], cpuFlags: avx2, currentCore: "Haswell") == nil)
    }

    @Test func aCPUWithoutAVX2OrFMAKeepsItsOwnKernel() {
        #expect(BLASKernel.coreTypeToPin(environment: [:], cpuFlags: ["sse2", "avx"], currentCore: "Sandybridge") == nil)
        #expect(BLASKernel.coreTypeToPin(environment: [:], cpuFlags: ["avx2"], currentCore: "Zen") == nil)
        #expect(BLASKernel.coreTypeToPin(environment: [:], cpuFlags: [], currentCore: "ARMV8") == nil)
    }

    @Test func cpuFlagsAreReadFromTheFirstFlagsLine() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 fma\nbugs\t\t: none\nflags\t\t: other\n"
        #expect(BLASKernel.cpuFlags(cpuinfo: cpuinfo) == ["fpu", "sse2", "avx2", "fma"])
        #expect(BLASKernel.cpuFlags(cpuinfo: nil).isEmpty)
    }
}

@Suite struct BLASKernelNameTests {
    @Test func theKernelIsReadFromOpenBLASsConfiguration() {
        #expect(BLASKernel.coreName(inConfiguration: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64") == "Haswell")
        #expect(BLASKernel.coreName(inConfiguration: "OpenBLAS 0.3.26 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=128") == "Cooperlake")
        #expect(BLASKernel.coreName(inConfiguration: "OpenBLAS 0.3.21 NO_AFFINITY MAX_THREADS=64") == nil)
    }
}
