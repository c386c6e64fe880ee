/// What can be wrong with a D4RL dataset file. Every message names the file and, where there
/// is one, the key, and says how to fix it.
public enum D4RLFileError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case notHDF5(path: String)
    case damaged(path: String)
    case missingKey(path: String, key: String)
    case wrongShape(path: String, key: String, expected: String, found: [Int])
    case mismatchedLength(path: String, key: String, expected: Int, found: Int)
    case wrongObservationSize(path: String, task: String, expected: Int, found: Int)
    case wrongActionSize(path: String, task: String, expected: Int, found: Int)
    case nonFinite(path: String, key: String, row: Int, value: Float)
    case unsupportedType(path: String, key: String, type: String)
    case unreadable(path: String, key: String)
    case cannotWrite(path: String, key: String?)
    case conflictingKeys(path: String, key: String, group: String)

    public var description: String {
        let again = "Download it again from D4RL or regenerate it with `repro dataset generate TASK --force`."
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file."
        case let .notHDF5(path):
            return "\(path) is not an HDF5 file (no HDF5 signature). A D4RL dataset is an .hdf5 file as h5py writes it: check the path, or replace the file. \(again)"
        case let .damaged(path):
            return "\(path) is an HDF5 file but cannot be opened: it is truncated or damaged (an interrupted download or copy). \(again)"
        case let .missingKey(path, key):
            return "\(path) has no key '\(key)', which the D4RL schema requires. It is not a D4RL dataset or is incomplete. \(again)"
        case let .wrongShape(path, key, expected, found):
            return "\(path): key '\(key)' has shape \(found), expected \(expected)."
        case let .mismatchedLength(path, key, expected, found):
            return "\(path): key '\(key)' has \(found) rows but 'rewards' has \(expected); every array of a D4RL dataset has one row per transition. \(again)"
        case let .wrongObservationSize(path, task, expected, found):
            return "\(path): observations have \(found) columns but \(task) has \(expected); this file belongs to another task. Use the file of \(task) or name the right task."
        case let .wrongActionSize(path, task, expected, found):
            return "\(path): actions have \(found) columns but \(task) has \(expected); this file belongs to another task. Use the file of \(task) or name the right task."
        case let .nonFinite(path, key, row, value):
            return "\(path): key '\(key)' holds \(value) at row \(row); a dataset must be finite. \(again)"
        case let .unsupportedType(path, key, type):
            return "\(path): key '\(key)' has HDF5 type \(type), which D4RL does not use for it."
        case let .unreadable(path, key):
            return "\(path): key '\(key)' cannot be read: the file is truncated or damaged. \(again)"
        case let .conflictingKeys(path, key, group):
            return "\(path): cannot write both '\(key)' and '\(group)/…': in HDF5 a name is either a dataset or a group. Rename one of them."
        case let .cannotWrite(path, key):
            let what = key.map { " key '\($0)' of" } ?? ""
            return "cannot write\(what) \(path): check that its folder exists, is writable and has free space."
        }
    }
}
