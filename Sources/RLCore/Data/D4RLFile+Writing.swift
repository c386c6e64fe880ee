@preconcurrency import CHDF5
import Foundation

extension D4RLFile {
    /// Writes `dataset` to `url` in D4RL's schema: float32 arrays, h5py bool enums for
    /// `terminals`/`timeouts`, every `infos/*` array with its own dtype, `metadata/*` strings
    /// as variable-length UTF-8 scalars. Arrays are chunked (about 256 KiB per chunk, whole
    /// rows) and gzip-compressed at `compressionLevel` (0–9; h5py's default is 4).
    ///
    /// The bytes go to `<name>.<pid>.tmp` in the same folder, renamed over `url` only once the
    /// file is complete and closed, so an interrupted write never leaves a partial dataset
    /// under the real name. An existing file at `url` is replaced.
    /// - Throws: `D4RLFileError.mismatchedLength`/`.nonFinite` for an inconsistent dataset,
    ///   `.cannotWrite` when the folder is missing or not writable.
    public static func write(_ dataset: D4RLDataset, to url: URL, compressionLevel: Int = 4) throws {
        try dataset.validate(source: url.path)
        let keys = dataset.infos.keys.map { "infos/" + $0 } + dataset.metadata.keys.map { "metadata/" + $0 }
        for key in keys {
            if let inside = keys.first(where: { $0.hasPrefix(key + "/") }) {
                throw D4RLFileError.conflictingKeys(path: url.path, key: key, group: String(inside.prefix(key.count)))
            }
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw D4RLFileError.cannotWrite(path: url.path, key: nil)
        }
        let temporary = folder.appendingPathComponent("\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try withHDF5 {
                try writeContents(dataset, to: temporary.path, level: compressionLevel)
            }
            guard rename(temporary.path, url.path) == 0 else { throw D4RLFileError.cannotWrite(path: url.path, key: nil) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Creates the file at `path` and writes every key; the file is closed on return.
    private static func writeContents(_ dataset: D4RLDataset, to path: String, level: Int) throws {
        guard let access = fileAccessWithoutLocking(),
              let file = HDF5Handle(H5Fcreate(path, o3f_h5f_acc_trunc(), hdf5Default, access.id), close: H5Fclose) else {
            throw D4RLFileError.cannotWrite(path: path, key: nil)
        }
        let writer = Writer(file: file, path: path, level: level)
        try writer.floats("observations", shape: [dataset.count, dataset.observationSize], dataset.observations.storage)
        try writer.floats("actions", shape: [dataset.count, dataset.actionSize], dataset.actions.storage)
        try writer.floats("rewards", shape: [dataset.count], dataset.rewards)
        try writer.flags("terminals", dataset.terminals)
        if let timeouts = dataset.timeouts { try writer.flags("timeouts", timeouts) }
        if let next = dataset.nextObservations {
            try writer.floats("next_observations", shape: [dataset.count, dataset.observationSize], next.storage)
        }
        for (key, array) in dataset.infos.sorted(by: { $0.key < $1.key }) {
            try writer.numeric("infos/" + key, array)
        }
        for (key, value) in dataset.metadata.sorted(by: { $0.key < $1.key }) {
            let fullKey = "metadata/" + key
            switch value {
            case let .string(text): try writer.string(fullKey, text)
            case let .integer(value):
                try writer.numeric(fullKey, NumericArray(elementType: .int64, shape: [], values: [Double(value)]))
            case let .real(value):
                try writer.numeric(fullKey, NumericArray(elementType: .float64, shape: [], values: [value]))
            case let .array(array): try writer.numeric(fullKey, array)
            }
        }
        if H5Fflush(file.id, H5F_SCOPE_GLOBAL) < 0 { throw D4RLFileError.cannotWrite(path: path, key: nil) }
    }
}

/// Creates datasets (with their parent groups) in a file being written.
private struct Writer {
    let file: HDF5Handle
    let path: String
    let level: Int

    /// Creates `key` with `fileType` and `shape`, chunked and compressed unless it is a scalar
    /// or empty, then writes `buffer` (of `memoryType`) into it.
    func create(_ key: String, fileType: hid_t, shape: [Int], memoryType: hid_t, buffer: UnsafeRawPointer?) throws {
        let fail = D4RLFileError.cannotWrite(path: path, key: key)
        var dims = shape.map { hsize_t($0) }
        let spaceID = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), &dims, nil)
        guard let space = HDF5Handle(spaceID, close: H5Sclose),
              let creation = HDF5Handle(H5Pcreate(o3f_h5p_dataset_create()), close: H5Pclose),
              let linkCreation = HDF5Handle(H5Pcreate(o3f_h5p_link_create()), close: H5Pclose) else { throw fail }
        H5Pset_create_intermediate_group(linkCreation.id, 1)
        if !shape.isEmpty, !shape.contains(0) {
            let rowBytes = max(1, shape.dropFirst().reduce(1, *) * Int(H5Tget_size(fileType)))
            let rows = min(shape[0], max(1, (256 * 1024) / rowBytes))
            var chunk = [hsize_t(rows)] + shape.dropFirst().map { hsize_t($0) }
            H5Pset_chunk(creation.id, Int32(chunk.count), &chunk)
            if level > 0 {
                H5Pset_shuffle(creation.id)
                H5Pset_deflate(creation.id, UInt32(min(level, 9)))
            }
        }
        guard let dataset = HDF5Handle(H5Dcreate2(file.id, key, fileType, space.id, linkCreation.id, creation.id, hdf5Default),
                                       close: H5Dclose) else { throw fail }
        if shape.contains(0) { return }
        if H5Dwrite(dataset.id, memoryType, o3f_h5s_all(), o3f_h5s_all(), hdf5Default, buffer) < 0 { throw fail }
    }

    func floats(_ key: String, shape: [Int], _ values: [Float]) throws {
        guard let type = fileType(for: .float32) else { throw D4RLFileError.cannotWrite(path: path, key: key) }
        try values.withUnsafeBufferPointer {
            try create(key, fileType: type.id, shape: shape, memoryType: o3f_h5t_native_float(), buffer: $0.baseAddress)
        }
    }

    func flags(_ key: String, _ values: [Bool]) throws {
        try bytesAsBool(key, shape: [values.count], values.map { $0 ? 1 : 0 })
    }

    private func bytesAsBool(_ key: String, shape: [Int], _ bytes: [UInt8]) throws {
        guard let type = boolEnumType() else { throw D4RLFileError.cannotWrite(path: path, key: key) }
        try bytes.withUnsafeBufferPointer {
            try create(key, fileType: type.id, shape: shape, memoryType: type.id, buffer: $0.baseAddress)
        }
    }

    func numeric(_ key: String, _ array: NumericArray) throws {
        if array.elementType == .bool {
            return try bytesAsBool(key, shape: array.shape, array.values.map { $0 != 0 ? 1 : 0 })
        }
        guard let type = fileType(for: array.elementType) else { throw D4RLFileError.cannotWrite(path: path, key: key) }
        try array.values.withUnsafeBufferPointer {
            try create(key, fileType: type.id, shape: array.shape, memoryType: o3f_h5t_native_double(), buffer: $0.baseAddress)
        }
    }

    func string(_ key: String, _ text: String) throws {
        guard let type = variableStringType() else { throw D4RLFileError.cannotWrite(path: path, key: key) }
        try text.withCString { cString in
            var pointer: UnsafePointer<CChar>? = cString
            try withUnsafePointer(to: &pointer) {
                try create(key, fileType: type.id, shape: [], memoryType: type.id, buffer: UnsafeRawPointer($0))
            }
        }
    }
}
