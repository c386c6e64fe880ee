/// A dense Float32 matrix stored row-major and contiguously: element (i, j) is at
/// `storage[i * columns + j]`. A batch of B vectors of length n is a B × n matrix.
///
/// `Matrix` is a value type backed by an array, so copies are cheap until written (copy on
/// write); the hot paths write through `withUnsafeMutableBufferPointer` into matrices they own
/// and reuse, so they never copy.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int
    /// The elements, row after row.
    public var storage: [Float]

    /// A rows × columns matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix shape must be non-negative, got \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: rows * columns)
    }

    /// A rows × columns matrix over `storage` (row-major; its length must be rows · columns).
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns,
                     "a \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(storage.count)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows (all of one length); for tests and small examples.
    public init(_ nested: [[Float]]) {
        let columns = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == columns }, "all rows must have the same length")
        self.init(rows: nested.count, columns: columns, storage: nested.flatMap { $0 })
    }

    /// Total number of elements, rows · columns.
    @inlinable public var count: Int { storage.count }

    /// Element (row, column).
    @inlinable
    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The elements of one row, as a new array.
    public func row(_ index: Int) -> [Float] {
        Array(storage[(index * columns)..<((index + 1) * columns)])
    }

    /// Changes the number of rows, keeping the number of columns; existing rows keep their
    /// values, new rows are zero. Reuses the allocation when it is large enough.
    public mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "row count must be non-negative")
        let newCount = newRows * columns
        if newCount < storage.count {
            storage.removeLast(storage.count - newCount)
        } else if newCount > storage.count {
            storage.append(contentsOf: repeatElement(0, count: newCount - storage.count))
        }
        rows = newRows
    }

    /// Calls `body` with a pointer to the elements (row-major).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the elements (row-major); no copy when unshared.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }
}
