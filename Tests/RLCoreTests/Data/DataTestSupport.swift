@preconcurrency import CHDF5
import Foundation
@testable import RLCore

/// A fresh, uniquely named folder under the system temporary directory.
func makeDataScratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-data-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A small dataset with every key of the schema: 3-dim observations, 2-dim actions, a terminal
/// at row 2 and a timeout at row 5 of 8 rows.
func makeSampleDataset(rows n: Int = 8) -> D4RLDataset {
    let observations = Matrix(rows: n, columns: 3, storage: (0..<(n * 3)).map { Float($0) * 0.25 - 1 })
    let next = Matrix(rows: n, columns: 3, storage: observations.storage.map { $0 + 0.5 })
    let actions = Matrix(rows: n, columns: 2, storage: (0..<(n * 2)).map { Float($0 % 5) / 5 - 0.4 })
    var terminals = [Bool](repeating: false, count: n)
    var timeouts = [Bool](repeating: false, count: n)
    if n > 2 { terminals[2] = true }
    if n > 5 { timeouts[5] = true }
    return D4RLDataset(
        observations: observations, actions: actions, rewards: (0..<n).map { Float($0) - 2.5 },
        terminals: terminals, timeouts: timeouts, nextObservations: next,
        infos: [
            "qpos": .float32(rows: n, columns: 4, values: (0..<(n * 4)).map { Double($0) / 8 }),
            "qvel": NumericArray(elementType: .float64, shape: [n, 3], values: (0..<(n * 3)).map { 1 / Double($0 + 3) }),
            "success": NumericArray(elementType: .bool, shape: [n], values: (0..<n).map { Double($0 % 2) }),
            "steps": NumericArray(elementType: .int64, shape: [n], values: (0..<n).map { Double($0 * 1000) }),
        ],
        metadata: [
            "algorithm": .string("random — ünïcode"),
            "iteration": .integer(-7),
            "temperature": .real(0.125),
            "policy/fc0/weight": .array(NumericArray(elementType: .float32, shape: [2, 3], values: [1, 2, 3, 4, 5, 6])),
            "policy/fc0/bias": .array(NumericArray(elementType: .float64, shape: [2], values: [0.5, -0.5])),
        ])
}

/// Writes raw float32 datasets (any shapes, any values, NaN included) to a new HDF5 file,
/// bypassing the kit's writer and its validation, to build malformed files.
func writeRawHDF5(_ arrays: [(key: String, shape: [Int], values: [Float])], to url: URL) {
    withHDF5 {
        let file = HDF5Handle(H5Fcreate(url.path, o3f_h5f_acc_trunc(), hdf5Default, fileAccessWithoutLocking()!.id), close: H5Fclose)!
        for array in arrays {
            var dims = array.shape.map { hsize_t($0) }
            let space = HDF5Handle(H5Screate_simple(Int32(dims.count), &dims, nil), close: H5Sclose)!
            let dataset = HDF5Handle(H5Dcreate2(file.id, array.key, H5T_IEEE_F32LE_g, space.id, hdf5Default, hdf5Default, hdf5Default),
                                     close: H5Dclose)!
            _ = array.values.withUnsafeBufferPointer {
                H5Dwrite(dataset.id, o3f_h5t_native_float(), o3f_h5s_all(), o3f_h5s_all(), hdf5Default, $0.baseAddress)
            }
        }
    }
}
