import Foundation

/// A checkpoint file of named Float32 tensors (network weights, optimiser moments) and named
/// integer scalars (step counters), in a small binary format:
///
///     "O3FPARAM"  8 bytes magic
///     version     UInt32 (currently 1)
///     tensors     UInt32 count, then per tensor: name (UInt32 length + UTF-8), rank UInt32,
///                 dims UInt32 × rank, values Float32 × product(dims) (bit patterns, little endian)
///     scalars     UInt32 count, then per scalar: name, Int64
///
/// Values round-trip bit for bit. Loading into parameters checks every name and shape and
/// rejects a mismatch with an error that names the tensor and both shapes.
public struct ParameterArchive: Equatable, Sendable {
    public static let magic = Array("O3FPARAM".utf8)
    public static let version: UInt32 = 1

    public struct Tensor: Equatable, Sendable {
        public var shape: [Int]
        public var values: [Float]
    }

    /// Tensors by name, in insertion order.
    public private(set) var names: [String] = []
    public private(set) var tensors: [String: Tensor] = [:]
    /// Integer scalars by name.
    public var scalars: [String: Int64] = [:]

    public init() {}

    /// Adds the current values of `parameters`, their names prefixed by `prefix`.
    public mutating func add(_ parameters: [Parameter], prefix: String) {
        for p in parameters { add(name: prefix + p.name, shape: p.shape, values: p.array) }
    }

    /// Adds one tensor.
    public mutating func add(name: String, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "\(name): shape \(shape) does not match \(values.count) values")
        if tensors[name] == nil { names.append(name) }
        tensors[name] = Tensor(shape: shape, values: values)
    }

    /// Copies the stored values into `parameters` (names prefixed by `prefix`).
    public func load(into parameters: [Parameter], prefix: String) throws {
        for p in parameters {
            let name = prefix + p.name
            guard let tensor = tensors[name] else { throw ParameterArchiveError.missingTensor(name) }
            guard tensor.shape == p.shape else {
                throw ParameterArchiveError.shapeMismatch(name, expected: p.shape, found: tensor.shape)
            }
            p.array = tensor.values
        }
    }

    /// The archive's bytes.
    public func encoded() -> Data {
        var data = Data(ParameterArchive.magic)
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func putName(_ name: String) { let bytes = Array(name.utf8); put(UInt32(bytes.count)); data.append(contentsOf: bytes) }
        put(ParameterArchive.version)
        put(UInt32(names.count))
        for name in names {
            let tensor = tensors[name]!
            putName(name)
            put(UInt32(tensor.shape.count))
            tensor.shape.forEach { put(UInt32($0)) }
            tensor.values.forEach { put($0.bitPattern) }
        }
        put(UInt32(scalars.count))
        for name in scalars.keys.sorted() {
            putName(name)
            withUnsafeBytes(of: scalars[name]!.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Decodes an archive; `source` names the file in errors.
    public init(data: Data, source: String) throws {
        var offset = 0
        let bytes = [UInt8](data)
        func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard offset + n <= bytes.count else { throw ParameterArchiveError.truncated(source) }
            defer { offset += n }
            return bytes[offset..<(offset + n)]
        }
        func u32() throws -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func i64() throws -> Int64 { Int64(bitPattern: try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }) }
        func name() throws -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }

        guard bytes.count >= 8, Array(bytes[0..<8]) == ParameterArchive.magic else { throw ParameterArchiveError.notAnArchive(source) }
        offset = 8
        let version = try u32()
        guard version == ParameterArchive.version else { throw ParameterArchiveError.unsupportedVersion(source, version) }
        for _ in 0..<(try u32()) {
            let tensorName = try name()
            let rank = Int(try u32())
            let shape = try (0..<rank).map { _ in Int(try u32()) }
            let values = try (0..<shape.reduce(1, *)).map { _ in Float(bitPattern: try u32()) }
            add(name: tensorName, shape: shape, values: values)
        }
        for _ in 0..<(try u32()) {
            let scalarName = try name()
            scalars[scalarName] = try i64()
        }
    }

    /// Writes the archive atomically.
    public func write(to url: URL) throws { try AtomicFile.write(encoded(), to: url) }

    /// Reads an archive file.
    public init(contentsOf url: URL) throws {
        guard let data = try? Data(contentsOf: url) else { throw ParameterArchiveError.unreadable(url.path) }
        try self.init(data: data, source: url.path)
    }
}

/// A checkpoint that cannot be used.
public enum ParameterArchiveError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notAnArchive(String)
    case unsupportedVersion(String, UInt32)
    case truncated(String)
    case missingTensor(String)
    case shapeMismatch(String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read checkpoint \(path)"
        case .notAnArchive(let path): return "\(path) is not an o3f-repro checkpoint (bad magic bytes)"
        case let .unsupportedVersion(path, version):
            return "\(path) is checkpoint format version \(version); this kit reads version \(ParameterArchive.version). Rerun the run from scratch."
        case .truncated(let path): return "\(path) ends early: the checkpoint is truncated. Delete it to restart the run."
        case .missingTensor(let name): return "the checkpoint has no tensor '\(name)': it was written by a different network configuration"
        case let .shapeMismatch(name, expected, found):
            return "checkpoint tensor '\(name)' has shape \(found), but the network needs \(expected): the configuration changed since the checkpoint was written"
        }
    }
}
