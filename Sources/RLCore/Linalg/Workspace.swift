/// A growable Float32 buffer that networks reuse between calls: it reallocates only when a
/// larger size is asked for, so steady-state training allocates nothing.
public final class Workspace {
    public private(set) var pointer: UnsafeMutablePointer<Float>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = capacity
        pointer = .allocate(capacity: max(capacity, 1))
        pointer.initialize(repeating: 0, count: max(capacity, 1))
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` elements (contents are not kept when it grows).
    @inline(__always)
    public func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
        capacity = count
    }
}
