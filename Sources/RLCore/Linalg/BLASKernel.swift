@preconcurrency import COpenBLAS
import Foundation

/// Which of OpenBLAS's CPU-specific kernels a process runs, and how the kit pins it so that a
/// seed gives the same log on every machine.
///
/// Debian's OpenBLAS is a `DYNAMIC_ARCH` build: when the library loads, it picks the sgemm
/// kernel written for the CPU it finds (Haswell's AVX2 kernel, SkylakeX's or Cooperlake's
/// AVX-512 one, …). The kernels add products in different orders, so their results differ in
/// the last bits, and a training run amplifies that: the kit's standard SAC run behind
/// halfcheetah-medium-v2, made under the Haswell kernel, diverged from its committed log at its
/// first update on an AVX-512 EPYC where OpenBLAS chose Cooperlake, and matched it row for row
/// with `OPENBLAS_CORETYPE=Haswell`. On that machine the two kernels ran an IQL-shaped update
/// equally fast (3.85 and 3.98 ms, `repro bench nn` at commit d693e36, one BLAS thread).
///
/// So the kit runs the Haswell kernel on every x86-64 CPU that has AVX2 and FMA, unless the
/// user sets `OPENBLAS_CORETYPE` to something else. OpenBLAS reads the variable once, as it
/// loads, so the executables call `pinForReproducibility()` first thing: it starts the program
/// again with the variable set. The kernel in use is part of `BLAS.configuration`, which every
/// run's provenance records.
public enum BLASKernel {
    /// The kernel the kit's committed results were made with.
    public static let reproducibleCoreType = "Haswell"
    /// OpenBLAS's variable that overrides its choice of kernel.
    public static let environmentVariable = "OPENBLAS_CORETYPE"

    /// The kernel OpenBLAS chose for this process, e.g. "Haswell" or "Cooperlake".
    public static var current: String { String(cString: openblas_get_corename()) }

    /// The kernel named in an OpenBLAS configuration string (`BLAS.configuration`, as
    /// provenance records it), e.g. "Haswell" in "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH
    /// NO_AFFINITY Haswell MAX_THREADS=64"; nil when it names none.
    public static func coreName(inConfiguration configuration: String) -> String? {
        configuration.split(separator: " ").dropFirst(2)
            .first { word in word.first?.isLetter == true && !word.contains("_") && !word.contains("=") }
            .map(String.init)
    }

    /// The core type to set before OpenBLAS loads, or nil to leave OpenBLAS's own choice:
    /// nil when the user has set `OPENBLAS_CORETYPE` (their choice stands), when OpenBLAS already
    /// runs the reproducible kernel, and when the CPU lacks the AVX2 and FMA instructions that
    /// kernel needs (`cpuFlags` from /proc/cpuinfo; empty where that file does not exist).
    public static func coreTypeToPin(environment: [String: String], cpuFlags: Set<String>, currentCore: String) -> String? {
        guard environment[environmentVariable] == nil,
              currentCore.lowercased() != reproducibleCoreType.lowercased(),
              cpuFlags.isSuperset(of: ["avx2", "fma"]) else { return nil }
        return reproducibleCoreType
    }

    /// The instruction-set flags of the first CPU in /proc/cpuinfo (empty elsewhere).
    public static func cpuFlags(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> Set<String> {
        guard let line = cpuinfo?.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Starts the running program again with `OPENBLAS_CORETYPE=Haswell` when
    /// `coreTypeToPin` asks for it; otherwise returns at once. If the program cannot be started
    /// again it says so on stderr and goes on with OpenBLAS's own kernel (its runs' provenance
    /// names that kernel).
    public static func pinForReproducibility() {
        #if arch(x86_64) && os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard let coreType = coreTypeToPin(environment: environment, cpuFlags: cpuFlags(), currentCore: current) else { return }
        setenv(environmentVariable, coreType, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        FileHandle.standardError.write(Data(("warning: could not restart with \(environmentVariable)=\(coreType) (errno \(errno)); "
            + "running OpenBLAS's \(current) kernel, whose results differ in the last bits from the kit's committed runs\n").utf8))
        #endif
    }
}
