import Foundation

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary
/// file in the same folder, which is renamed over the target only once it is complete (a
/// rename within one file system is atomic on POSIX).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the parent folder if needed.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFileError.cannotWrite(url.path, underlying: "\(error)")
        }
    }

    /// Encodes `value` as pretty-printed, key-sorted JSON and writes it atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try write(encoder.encode(value), to: url)
    }
}

/// A file that could not be written.
public enum AtomicFileError: Error, CustomStringConvertible {
    case cannotWrite(String, underlying: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, underlying):
            return "cannot write \(path): \(underlying). Check that the folder exists, is writable and has free space."
        }
    }
}
