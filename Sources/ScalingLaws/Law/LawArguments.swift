/// The values a law's `evaluate` reads: its variables or its parameters, in the order the law
/// declares them.
///
/// A read-only view into storage owned by the caller, valid only during the call it is passed to
/// (do not store it). Composite laws hand their parts re-ordered views of the same values.
public struct LawArguments<T> {
    @usableFromInline let base: UnsafePointer<T>?
    /// The number of values.
    public let count: Int

    /// A view of `buffer`; the caller keeps the buffer alive while the view is in use.
    @inlinable @inline(__always)
    public init(_ buffer: UnsafeBufferPointer<T>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    @inlinable @inline(__always)
    init(base: UnsafePointer<T>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// The value at `index` (0-based, in declaration order).
    @inlinable @inline(__always)
    public subscript(index: Int) -> T {
        precondition(index >= 0 && index < count, "argument index out of range")
        return base.unsafelyUnwrapped[index]
    }

    /// The first `length` values.
    @inlinable @inline(__always)
    public func prefix(_ length: Int) -> LawArguments<T> {
        LawArguments(base: base, count: Swift.min(length, count))
    }
}

/// Calls `body` with the values `source[map[0]], source[map[1]], …`, gathered on the stack.
@inlinable
func withGathered<T, Result>(
    _ source: LawArguments<T>, _ map: [Int], _ body: (LawArguments<T>) -> Result
) -> Result {
    let count = map.count
    return withUnsafeTemporaryAllocation(of: T.self, capacity: Swift.max(count, 1)) { buffer in
        let start = buffer.baseAddress.unsafelyUnwrapped
        for index in 0..<count { (start + index).initialize(to: source[map[index]]) }
        defer { start.deinitialize(count: count) }
        return body(LawArguments(base: UnsafePointer(start), count: count))
    }
}

/// Like ``withGathered(_:_:_:)``, with `replacement` at position `slot` instead of a source value.
@inlinable
func withGathered<T, Result>(
    _ source: LawArguments<T>, _ map: [Int], replacing slot: Int, with replacement: T,
    _ body: (LawArguments<T>) -> Result
) -> Result {
    let count = map.count
    return withUnsafeTemporaryAllocation(of: T.self, capacity: Swift.max(count, 1)) { buffer in
        let start = buffer.baseAddress.unsafelyUnwrapped
        for index in 0..<count {
            (start + index).initialize(to: index == slot ? replacement : source[map[index]])
        }
        defer { start.deinitialize(count: count) }
        return body(LawArguments(base: UnsafePointer(start), count: count))
    }
}
