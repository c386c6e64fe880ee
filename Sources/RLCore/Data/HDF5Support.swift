@preconcurrency import CHDF5
import Foundation

/// The serial HDF5 library is not thread-safe: every call into it goes through this lock.
/// It is recursive so that a locked operation may call helpers that lock again.
let hdf5Lock = NSRecursiveLock()

/// Every handle opened inside the current outermost `withHDF5` call, kept alive until it ends.
/// Swift may release an object right after its last use, which for a handle is reading its
/// `id` (before the C call that uses the id runs); holding all handles here closes them only
/// when the whole operation is over. Accessed only under `hdf5Lock`.
nonisolated(unsafe) private var liveHandles: [HDF5Handle] = []
nonisolated(unsafe) private var hdf5Depth = 0

/// Runs `body` holding the HDF5 lock, with HDF5's automatic error printing to stderr turned off
/// (the kit reports its own errors, naming file and key). Handles opened in `body` are closed,
/// newest first, when the outermost call returns or throws.
func withHDF5<R>(_ body: () throws -> R) rethrows -> R {
    hdf5Lock.lock()
    hdf5Depth += 1
    defer {
        hdf5Depth -= 1
        if hdf5Depth == 0 {
            while !liveHandles.isEmpty { liveHandles.removeLast() }
        }
        hdf5Lock.unlock()
    }
    H5open()
    H5Eset_auto2(o3f_h5e_default(), nil, nil)
    return try body()
}

/// An HDF5 identifier (file, group, dataset, dataspace, datatype, property list) that is
/// closed when the enclosing `withHDF5` operation ends. Only created inside `withHDF5`.
final class HDF5Handle {
    let id: hid_t
    private let close: (hid_t) -> herr_t

    /// Wraps `id`, or returns nil when HDF5 reported failure (a negative id).
    init?(_ id: hid_t, close: @escaping (hid_t) -> herr_t) {
        guard id >= 0 else { return nil }
        precondition(hdf5Depth > 0, "HDF5 handles are only opened inside withHDF5")
        self.id = id
        self.close = close
        liveHandles.append(self)
    }

    deinit { _ = close(id) }
}

let hdf5Default = hid_t(H5P_DEFAULT)

/// The element types D4RL files use, as HDF5 stores them.
public enum HDF5ElementType: String, Sendable, Equatable, Codable {
    case float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64
    /// numpy `bool` as h5py writes it: an int8 enum {FALSE = 0, TRUE = 1}.
    case bool
    /// A string (variable- or fixed-length).
    case string
    /// Anything else (compound, reference, …); the kit lists it but does not read it.
    case other

    /// True for the float and integer types, which read into numbers.
    public var isNumeric: Bool { self != .string && self != .other }
}

/// The element type of an HDF5 datatype.
func elementType(ofType type: hid_t) -> HDF5ElementType {
    let size = H5Tget_size(type)
    switch H5Tget_class(type) {
    case H5T_FLOAT:
        return size == 4 ? .float32 : size == 8 ? .float64 : .other
    case H5T_INTEGER:
        let signed = H5Tget_sign(type) == H5T_SGN_2
        switch (size, signed) {
        case (1, true): return .int8
        case (2, true): return .int16
        case (4, true): return .int32
        case (8, true): return .int64
        case (1, false): return .uint8
        case (2, false): return .uint16
        case (4, false): return .uint32
        case (8, false): return .uint64
        default: return .other
        }
    case H5T_ENUM:
        return size == 1 ? .bool : .other
    case H5T_STRING:
        return .string
    default:
        return .other
    }
}

/// The HDF5 file datatype the kit writes for `type` (little-endian, as h5py writes on x86 and
/// ARM), or nil for strings and `other`. The caller closes bool enums (a new type each call).
func fileType(for type: HDF5ElementType) -> HDF5Handle? {
    let predefined: hid_t
    switch type {
    case .float32: predefined = H5T_IEEE_F32LE_g
    case .float64: predefined = H5T_IEEE_F64LE_g
    case .int8: predefined = H5T_STD_I8LE_g
    case .int16: predefined = H5T_STD_I16LE_g
    case .int32: predefined = H5T_STD_I32LE_g
    case .int64: predefined = H5T_STD_I64LE_g
    case .uint8: predefined = H5T_STD_U8LE_g
    case .uint16: predefined = H5T_STD_U16LE_g
    case .uint32: predefined = H5T_STD_U32LE_g
    case .uint64: predefined = H5T_STD_U64LE_g
    case .bool:
        return boolEnumType()
    case .string, .other:
        return nil
    }
    return HDF5Handle(H5Tcopy(predefined), close: H5Tclose)
}

/// h5py's numpy-bool type: an enum over int8 with FALSE = 0 and TRUE = 1.
func boolEnumType() -> HDF5Handle? {
    guard let type = HDF5Handle(H5Tenum_create(o3f_h5t_native_int8()), close: H5Tclose) else { return nil }
    var no: Int8 = 0, yes: Int8 = 1
    H5Tenum_insert(type.id, "FALSE", &no)
    H5Tenum_insert(type.id, "TRUE", &yes)
    return type
}

/// A variable-length UTF-8 string type, which h5py writes for a Python `str`.
func variableStringType() -> HDF5Handle? {
    guard let type = HDF5Handle(H5Tcopy(o3f_h5t_c_s1()), close: H5Tclose) else { return nil }
    H5Tset_size(type.id, o3f_h5t_variable())
    H5Tset_cset(type.id, H5T_CSET_UTF8)
    H5Tset_strpad(type.id, H5T_STR_NULLTERM)
    return type
}

/// The shape (dimensions) of a dataset; [] for a scalar.
func shape(ofDataset dataset: hid_t) -> [Int] {
    guard let space = HDF5Handle(H5Dget_space(dataset), close: H5Sclose) else { return [] }
    let rank = Int(H5Sget_simple_extent_ndims(space.id))
    guard rank > 0 else { return [] }
    var dims = [hsize_t](repeating: 0, count: rank)
    H5Sget_simple_extent_dims(space.id, &dims, nil)
    return dims.map { Int($0) }
}

/// The paths of every dataset under `group` (recursively), relative to the file root,
/// with `prefix` prepended; sorted by name within a group.
func datasetPaths(in group: hid_t, prefix: String) -> [String] {
    var info = H5G_info_t()
    guard H5Gget_info(group, &info) >= 0 else { return [] }
    var paths: [String] = []
    for index in 0..<info.nlinks {
        let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, hdf5Default)
        guard length > 0 else { continue }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, Int(length) + 1, hdf5Default)
        let name = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let object = HDF5Handle(H5Oopen(group, name, hdf5Default), close: H5Oclose) else { continue }
        switch H5Iget_type(object.id) {
        case H5I_GROUP: paths += datasetPaths(in: object.id, prefix: prefix + name + "/")
        case H5I_DATASET: paths.append(prefix + name)
        default: break
        }
    }
    return paths
}

/// File-access properties with HDF5's file locking (flock, on by default since 1.10.7) turned
/// off. A dataset is written once under a temporary name and only read afterwards, so the
/// lock protects nothing; and a child process started while a file is open (e.g. `git` for
/// provenance) inherits the descriptor and its lock, which would make later opens of the
/// same file fail with "unable to lock the file" until the child exits.
func fileAccessWithoutLocking() -> HDF5Handle? {
    guard let access = HDF5Handle(H5Pcreate(o3f_h5p_file_access()), close: H5Pclose) else { return nil }
    H5Pset_file_locking(access.id, false, true)
    return access
}
