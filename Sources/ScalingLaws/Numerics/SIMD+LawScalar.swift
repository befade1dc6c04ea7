// SIMD lanes evaluate one data point per lane: a law written once over `LawScalar` runs on
// `SIMD8<Double>` for batch evaluation. Arithmetic uses the vector operators. For `Double` and `Float` lanes the
// elementary functions are the vectorized ones of `SIMD+ElementaryFunctions.swift` (the type test
// folds away when the generic code is specialized); other scalars apply their scalar function lane
// by lane. The implementation is written once, for every width, in `LawScalarLanes`.

/// SIMD vectors whose lanes are law scalars: each is a ``LawScalar`` by the implementations below,
/// written once for every vector width.
public protocol LawScalarLanes: SIMD, LawScalar where Scalar: LawScalar & BinaryFloatingPoint {
    /// The vector of the same width with `Double` lanes (what the vectorized functions take).
    associatedtype DoubleLanes: SIMD where DoubleLanes.Scalar == Double
    /// The vector of the same width with `Float` lanes.
    associatedtype FloatLanes: SIMD where FloatLanes.Scalar == Float
}

extension LawScalarLanes {
    @inlinable @inline(__always) public init(_ constant: Double) { self.init(repeating: Scalar(constant)) }

    @inlinable @inline(__always)
    public static func exp(_ x: Self) -> Self {
        if Scalar.self == Double.self {
            return unsafeBitCast(vectorExp(unsafeBitCast(x, to: DoubleLanes.self)), to: Self.self)
        }
        if Scalar.self == Float.self {
            return unsafeBitCast(vectorExp(unsafeBitCast(x, to: FloatLanes.self)), to: Self.self)
        }
        return lanewise(x, Scalar.exp)
    }

    @inlinable @inline(__always)
    public static func log(_ x: Self) -> Self {
        if Scalar.self == Double.self {
            return unsafeBitCast(vectorLog(unsafeBitCast(x, to: DoubleLanes.self)), to: Self.self)
        }
        if Scalar.self == Float.self {
            return unsafeBitCast(vectorLog(unsafeBitCast(x, to: FloatLanes.self)), to: Self.self)
        }
        return lanewise(x, Scalar.log)
    }

    @inlinable @inline(__always)
    public static func log2(_ x: Self) -> Self {
        if Scalar.self == Double.self {
            let lanes = vectorLog(unsafeBitCast(x, to: DoubleLanes.self)) * 1.4426950408889634074
            return unsafeBitCast(lanes, to: Self.self)
        }
        if Scalar.self == Float.self {
            let lanes = vectorLog(unsafeBitCast(x, to: FloatLanes.self)) * 1.44269504
            return unsafeBitCast(lanes, to: Self.self)
        }
        return lanewise(x, Scalar.log2)
    }

    /// `xʸ`, as `exp(y·ln x)` for `Double` and `Float` lanes with positive normal bases.
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self {
        if Scalar.self == Double.self {
            let power = vectorPow(unsafeBitCast(x, to: DoubleLanes.self), unsafeBitCast(y, to: DoubleLanes.self))
            return unsafeBitCast(power, to: Self.self)
        }
        if Scalar.self == Float.self {
            let power = vectorPow(unsafeBitCast(x, to: FloatLanes.self), unsafeBitCast(y, to: FloatLanes.self))
            return unsafeBitCast(power, to: Self.self)
        }
        return lanewise(x, y, Scalar.pow)
    }

    /// `eˣ − 1` lane by lane with the scalar function: saturating terms are rarely the hot spot,
    /// and the scalar `expm1` is accurate for tiny `x`, where a vector `exp(x) − 1` is not.
    @inlinable @inline(__always)
    public static func expm1(_ x: Self) -> Self { lanewise(x, Scalar.expm1) }

    /// `ln(1 + x)` lane by lane with the scalar function (see ``expm1(_:)``).
    @inlinable @inline(__always)
    public static func log1p(_ x: Self) -> Self { lanewise(x, Scalar.log1p) }

    /// Chooses lane by lane with a mask: no branch.
    @inlinable @inline(__always)
    public static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        otherwise.replacing(with: then, where: x .< y)
    }

    /// The smaller of each pair of lanes; a NaN in either lane gives NaN in that lane.
    @inlinable @inline(__always)
    public static func min(_ x: Self, _ y: Self) -> Self {
        x.replacing(with: y, where: y .< x).replacing(with: x + y, where: (x .!= x) .| (y .!= y))
    }

    /// The larger of each pair of lanes; a NaN in either lane gives NaN in that lane.
    @inlinable @inline(__always)
    public static func max(_ x: Self, _ y: Self) -> Self {
        x.replacing(with: y, where: x .< y).replacing(with: x + y, where: (x .!= x) .| (y .!= y))
    }

    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(repeating: 0).replacing(with: 1, where: x .== Self(repeating: Scalar(value)))
    }
}

extension SIMD2: LawScalar, LawScalarLanes where Scalar: LawScalar & BinaryFloatingPoint {
    public typealias DoubleLanes = SIMD2<Double>
    public typealias FloatLanes = SIMD2<Float>
}
extension SIMD4: LawScalar, LawScalarLanes where Scalar: LawScalar & BinaryFloatingPoint {
    public typealias DoubleLanes = SIMD4<Double>
    public typealias FloatLanes = SIMD4<Float>
}
extension SIMD8: LawScalar, LawScalarLanes where Scalar: LawScalar & BinaryFloatingPoint {
    public typealias DoubleLanes = SIMD8<Double>
    public typealias FloatLanes = SIMD8<Float>
}
extension SIMD16: LawScalar, LawScalarLanes where Scalar: LawScalar & BinaryFloatingPoint {
    public typealias DoubleLanes = SIMD16<Double>
    public typealias FloatLanes = SIMD16<Float>
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
