@preconcurrency import CHDF5
import Foundation

/// Reads and writes D4RL's HDF5 dataset files exactly as D4RL and h5py do.
///
/// The schema (D4RL `offline_env.py` and its generation scripts): `observations` f32[N, obs],
/// `actions` f32[N, act], `rewards` f32[N] (or [N, 1]), `terminals` bool[N], optional
/// `timeouts` bool[N] and `next_observations` f32[N, obs], `infos/*` arrays with N rows
/// (`qpos`, `qvel`, `action_log_probs`, `goal`, …) and `metadata/*` (strings, integers, policy
/// weights). Booleans are h5py's int8 enum {FALSE = 0, TRUE = 1}; strings are variable-length
/// UTF-8 scalars as h5py writes a Python `str`.
///
/// Every call holds a process-wide lock, because the serial HDF5 library is not thread-safe.
public enum D4RLFile {
    /// One dataset in a file: its path, dtype and shape.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        /// Path from the file root, e.g. `infos/qpos`.
        public var key: String
        public var elementType: HDF5ElementType
        /// Dimensions; [] for a scalar.
        public var shape: [Int]

        public var description: String {
            "\(key)\t\(elementType.rawValue)\t[\(shape.map(String.init).joined(separator: ", "))]"
        }
    }

    /// Every dataset in the file at `url`, sorted by path, with dtype and shape; reads no data.
    /// - Throws: `D4RLFileError.fileNotFound`, `.notHDF5` or `.damaged`.
    public static func entries(at url: URL) throws -> [Entry] {
        try withHDF5 {
            let file = try openFile(url)
            return datasetPaths(in: file.id, prefix: "").sorted().compactMap { key in
                guard let dataset = HDF5Handle(H5Dopen2(file.id, key, hdf5Default), close: H5Dclose),
                      let type = HDF5Handle(H5Dget_type(dataset.id), close: H5Tclose) else { return nil }
                return Entry(key: key, elementType: elementType(ofType: type.id), shape: shape(ofDataset: dataset.id))
            }
        }
    }

    /// Reads the dataset at `url`.
    ///
    /// - Parameters:
    ///   - task: when given, the observation and action sizes must match the task's.
    ///   - loadingInfos: also read every `infos/*` array (they can be large: D4RL's qpos and
    ///     qvel add 18 floats per row on HalfCheetah); off by default.
    /// - Throws: `D4RLFileError` naming the file and the key: not found, not HDF5, truncated,
    ///   a missing key, a wrong shape or dtype, mismatched lengths, the wrong task, or a NaN.
    public static func read(at url: URL, task: D4RLTask? = nil, loadingInfos: Bool = false) throws -> D4RLDataset {
        let dataset: D4RLDataset = try withHDF5 {
            let file = try openFile(url)
            let reader = Reader(file: file, path: url.path)
            let observations = try reader.matrix("observations")
            let n = observations.rows
            let actions = try reader.matrix("actions")
            let rewards = try reader.vector("rewards", rows: n)
            let terminals = try reader.flags("terminals")
            let timeouts = reader.exists("timeouts") ? try reader.flags("timeouts") : nil
            let nextObservations = reader.exists("next_observations") ? try reader.matrix("next_observations") : nil
            var infos: [String: NumericArray] = [:]
            var metadata: [String: MetadataValue] = [:]
            for key in datasetPaths(in: file.id, prefix: "") {
                if loadingInfos, key.hasPrefix("infos/") {
                    infos[String(key.dropFirst("infos/".count))] = try reader.numeric(key)
                } else if key.hasPrefix("metadata/") {
                    metadata[String(key.dropFirst("metadata/".count))] = try reader.metadata(key)
                }
            }
            return D4RLDataset(observations: observations, actions: actions, rewards: rewards,
                               terminals: terminals, timeouts: timeouts, nextObservations: nextObservations,
                               infos: infos, metadata: metadata)
        }
        try dataset.validate(source: url.path)
        if let task { try dataset.check(against: task, source: url.path) }
        return dataset
    }

    /// Opens `url` read-only, telling a missing file, a file that is not HDF5 and a damaged
    /// (e.g. truncated) HDF5 file apart.
    static func openFile(_ url: URL) throws -> HDF5Handle {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw D4RLFileError.fileNotFound(path: path) }
        guard H5Fis_hdf5(path) > 0 else { throw D4RLFileError.notHDF5(path: path) }
        guard let access = fileAccessWithoutLocking(),
              let file = HDF5Handle(H5Fopen(path, o3f_h5f_acc_rdonly(), access.id), close: H5Fclose) else {
            throw D4RLFileError.damaged(path: path)
        }
        return file
    }
}

/// Reads typed arrays out of an open file; every failure names the file and the key.
private struct Reader {
    let file: HDF5Handle
    let path: String

    func exists(_ key: String) -> Bool {
        // Check each level, as H5Lexists fails rather than answering for a missing parent group.
        var prefix = ""
        for part in key.split(separator: "/") {
            prefix += (prefix.isEmpty ? "" : "/") + part
            if H5Lexists(file.id, prefix, hdf5Default) <= 0 { return false }
        }
        return true
    }

    func open(_ key: String) throws -> (dataset: HDF5Handle, type: HDF5ElementType, typeHandle: HDF5Handle, shape: [Int]) {
        guard exists(key), let dataset = HDF5Handle(H5Dopen2(file.id, key, hdf5Default), close: H5Dclose) else {
            throw D4RLFileError.missingKey(path: path, key: key)
        }
        guard let type = HDF5Handle(H5Dget_type(dataset.id), close: H5Tclose) else {
            throw D4RLFileError.unreadable(path: path, key: key)
        }
        return (dataset, elementType(ofType: type.id), type, shape(ofDataset: dataset.id))
    }

    /// Reads the whole dataset converted to `memoryType` into `buffer`.
    func read(_ dataset: HDF5Handle, key: String, memoryType: hid_t, into buffer: UnsafeMutableRawPointer?) throws {
        if H5Dread(dataset.id, memoryType, o3f_h5s_all(), o3f_h5s_all(), hdf5Default, buffer) < 0 {
            throw D4RLFileError.unreadable(path: path, key: key)
        }
    }

    /// A float32 N × d array (any float or integer dtype converts).
    func matrix(_ key: String) throws -> Matrix {
        let (dataset, type, _, shape) = try open(key)
        guard type.isNumeric, type != .bool else {
            throw D4RLFileError.unsupportedType(path: path, key: key, type: type.rawValue)
        }
        guard shape.count == 2 else {
            throw D4RLFileError.wrongShape(path: path, key: key, expected: "[N, size] (two dimensions)", found: shape)
        }
        var matrix = Matrix(rows: shape[0], columns: shape[1])
        try matrix.withUnsafeMutableBufferPointer { buffer in
            try read(dataset, key: key, memoryType: o3f_h5t_native_float(), into: buffer.baseAddress)
        }
        return matrix
    }

    /// A float32 vector of length `rows`, stored as [N] or [N, 1].
    func vector(_ key: String, rows: Int) throws -> [Float] {
        let (dataset, type, _, shape) = try open(key)
        guard type.isNumeric, type != .bool else {
            throw D4RLFileError.unsupportedType(path: path, key: key, type: type.rawValue)
        }
        guard shape.count == 1 || (shape.count == 2 && shape[1] == 1) else {
            throw D4RLFileError.wrongShape(path: path, key: key, expected: "[N] or [N, 1]", found: shape)
        }
        guard shape[0] == rows else {
            throw D4RLFileError.mismatchedLength(path: path, key: key, expected: rows, found: shape[0])
        }
        var values = [Float](repeating: 0, count: rows)
        try values.withUnsafeMutableBufferPointer { buffer in
            try read(dataset, key: key, memoryType: o3f_h5t_native_float(), into: buffer.baseAddress)
        }
        return values
    }

    /// Flags stored as h5py's bool enum, an integer or a float ([N] or [N, 1]); true when ≠ 0.
    func flags(_ key: String) throws -> [Bool] {
        let (dataset, type, typeHandle, shape) = try open(key)
        guard shape.count == 1 || (shape.count == 2 && shape[1] == 1) else {
            throw D4RLFileError.wrongShape(path: path, key: key, expected: "[N] or [N, 1]", found: shape)
        }
        let n = shape[0]
        switch type {
        case .bool:
            // Read with the enum type itself: the bytes are the int8 values 0 and 1.
            guard let memoryType = HDF5Handle(H5Tget_native_type(typeHandle.id, H5T_DIR_ASCEND), close: H5Tclose) else {
                throw D4RLFileError.unreadable(path: path, key: key)
            }
            var bytes = [UInt8](repeating: 0, count: n)
            try bytes.withUnsafeMutableBufferPointer { try read(dataset, key: key, memoryType: memoryType.id, into: $0.baseAddress) }
            return bytes.map { $0 != 0 }
        case .string, .other:
            throw D4RLFileError.unsupportedType(path: path, key: key, type: type.rawValue)
        default:
            var values = [Double](repeating: 0, count: n)
            try values.withUnsafeMutableBufferPointer { try read(dataset, key: key, memoryType: o3f_h5t_native_double(), into: $0.baseAddress) }
            return values.map { $0 != 0 }
        }
    }

    /// Any numeric dataset, values as doubles, keeping its dtype.
    func numeric(_ key: String) throws -> NumericArray {
        let (dataset, type, _, shape) = try open(key)
        guard type.isNumeric else { throw D4RLFileError.unsupportedType(path: path, key: key, type: type.rawValue) }
        if type == .bool {
            let count = shape.reduce(1, *)
            let flat = try flagsAnyShape(dataset, key: key, count: count)
            return NumericArray(elementType: .bool, shape: shape, values: flat)
        }
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        try values.withUnsafeMutableBufferPointer { try read(dataset, key: key, memoryType: o3f_h5t_native_double(), into: $0.baseAddress) }
        return NumericArray(elementType: type, shape: shape, values: values)
    }

    private func flagsAnyShape(_ dataset: HDF5Handle, key: String, count: Int) throws -> [Double] {
        guard let type = HDF5Handle(H5Dget_type(dataset.id), close: H5Tclose),
              let memoryType = HDF5Handle(H5Tget_native_type(type.id, H5T_DIR_ASCEND), close: H5Tclose) else {
            throw D4RLFileError.unreadable(path: path, key: key)
        }
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBufferPointer { try read(dataset, key: key, memoryType: memoryType.id, into: $0.baseAddress) }
        return bytes.map { $0 != 0 ? 1 : 0 }
    }

    /// A metadata entry: a string, an integer or real scalar, or an array.
    func metadata(_ key: String) throws -> MetadataValue {
        let (dataset, type, typeHandle, shape) = try open(key)
        switch type {
        case .string:
            guard shape.isEmpty else {
                throw D4RLFileError.wrongShape(path: path, key: key, expected: "a scalar string", found: shape)
            }
            return .string(try string(dataset, typeHandle: typeHandle, key: key))
        case .other:
            throw D4RLFileError.unsupportedType(path: path, key: key, type: type.rawValue)
        default:
            let array = try numeric(key)
            if array.shape.isEmpty {
                switch array.elementType {
                case .int64: return .integer(Int64(array.values[0]))
                case .float64: return .real(array.values[0])
                default: break
                }
            }
            return .array(array)
        }
    }

    /// A scalar string, variable-length (h5py's `str`) or fixed-length (numpy `S` bytes).
    private func string(_ dataset: HDF5Handle, typeHandle: HDF5Handle, key: String) throws -> String {
        if H5Tis_variable_str(typeHandle.id) > 0 {
            guard let memoryType = variableStringType(),
                  let space = HDF5Handle(H5Dget_space(dataset.id), close: H5Sclose) else {
                throw D4RLFileError.unreadable(path: path, key: key)
            }
            var pointer: UnsafeMutablePointer<CChar>? = nil
            try withUnsafeMutablePointer(to: &pointer) { try read(dataset, key: key, memoryType: memoryType.id, into: $0) }
            defer { withUnsafeMutablePointer(to: &pointer) { _ = H5Dvlen_reclaim(memoryType.id, space.id, hdf5Default, $0) } }
            return pointer.map { String(cString: $0) } ?? ""
        }
        let size = H5Tget_size(typeHandle.id)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        guard let memoryType = HDF5Handle(H5Tcopy(typeHandle.id), close: H5Tclose) else {
            throw D4RLFileError.unreadable(path: path, key: key)
        }
        try bytes.withUnsafeMutableBufferPointer { try read(dataset, key: key, memoryType: memoryType.id, into: $0.baseAddress) }
        let text = bytes.prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }
}
