@preconcurrency import COpenBLAS

/// The BLAS library every matrix product in RLCore runs on (OpenBLAS through CBLAS).
///
/// OpenBLAS's pthread build collapses when its threads compete with another process for a core
/// (measured here: 10× slower), so the kit runs one BLAS thread by default and parallelises
/// over seeds with processes. The thread count is recorded in every run's provenance.
public enum BLAS {
    /// Sets the number of threads OpenBLAS may use for one call.
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "BLAS thread count must be at least 1, got \(count)")
        openblas_set_num_threads(Int32(count))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String { String(cString: openblas_get_config()) }
}
