// SIMD lanes evaluate one data point per lane: a law written once over `LawScalar` runs on
// `SIMD8<Double>` for batch evaluation. Arithmetic uses the vector operators; the elementary
// functions apply the scalar function lane by lane (`ElementaryLanes`).

extension SIMD2: LawScalar where Scalar: LawScalar & BinaryFloatingPoint {
    @inlinable @inline(__always) public init(_ constant: Double) { self.init(repeating: Scalar(constant)) }
    @inlinable @inline(__always) public static func exp(_ x: Self) -> Self { lanewise(x, Scalar.exp) }
    @inlinable @inline(__always) public static func log(_ x: Self) -> Self { lanewise(x, Scalar.log) }
    @inlinable @inline(__always) public static func log2(_ x: Self) -> Self { lanewise(x, Scalar.log2) }
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self { lanewise(x, y, Scalar.pow) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(repeating: 0).replacing(with: 1, where: x .== Self(repeating: Scalar(value)))
    }
}

extension SIMD4: LawScalar where Scalar: LawScalar & BinaryFloatingPoint {
    @inlinable @inline(__always) public init(_ constant: Double) { self.init(repeating: Scalar(constant)) }
    @inlinable @inline(__always) public static func exp(_ x: Self) -> Self { lanewise(x, Scalar.exp) }
    @inlinable @inline(__always) public static func log(_ x: Self) -> Self { lanewise(x, Scalar.log) }
    @inlinable @inline(__always) public static func log2(_ x: Self) -> Self { lanewise(x, Scalar.log2) }
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self { lanewise(x, y, Scalar.pow) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(repeating: 0).replacing(with: 1, where: x .== Self(repeating: Scalar(value)))
    }
}

extension SIMD8: LawScalar where Scalar: LawScalar & BinaryFloatingPoint {
    @inlinable @inline(__always) public init(_ constant: Double) { self.init(repeating: Scalar(constant)) }
    @inlinable @inline(__always) public static func exp(_ x: Self) -> Self { lanewise(x, Scalar.exp) }
    @inlinable @inline(__always) public static func log(_ x: Self) -> Self { lanewise(x, Scalar.log) }
    @inlinable @inline(__always) public static func log2(_ x: Self) -> Self { lanewise(x, Scalar.log2) }
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self { lanewise(x, y, Scalar.pow) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(repeating: 0).replacing(with: 1, where: x .== Self(repeating: Scalar(value)))
    }
}

extension SIMD16: LawScalar where Scalar: LawScalar & BinaryFloatingPoint {
    @inlinable @inline(__always) public init(_ constant: Double) { self.init(repeating: Scalar(constant)) }
    @inlinable @inline(__always) public static func exp(_ x: Self) -> Self { lanewise(x, Scalar.exp) }
    @inlinable @inline(__always) public static func log(_ x: Self) -> Self { lanewise(x, Scalar.log) }
    @inlinable @inline(__always) public static func log2(_ x: Self) -> Self { lanewise(x, Scalar.log2) }
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self { lanewise(x, y, Scalar.pow) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(repeating: 0).replacing(with: 1, where: x .== Self(repeating: Scalar(value)))
    }
}

@inlinable @inline(__always)
func lanewise<V: SIMD>(_ x: V, _ f: (V.Scalar) -> V.Scalar) -> V {
    var result = x
    for lane in result.indices { result[lane] = f(x[lane]) }
    return result
}

@inlinable @inline(__always)
func lanewise<V: SIMD>(_ x: V, _ y: V, _ f: (V.Scalar, V.Scalar) -> V.Scalar) -> V {
    var result = x
    for lane in result.indices { result[lane] = f(x[lane], y[lane]) }
    return result
}
