@preconcurrency import CMuJoCo
@preconcurrency import CHDF5

/// The versions of the native libraries RLCore runs on. Physics and numerics differ in the last
/// bits between versions, so every dataset and run records these.
public enum LibraryVersions {
    /// MuJoCo's version string, e.g. "2.2.2".
    public static var mujoco: String { String(cString: mj_versionString()) }

    /// HDF5's version, e.g. "1.10.8".
    public static var hdf5: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        H5get_libversion(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }

    /// OpenBLAS's build description.
    public static var openBLAS: String { BLAS.configuration }
}
