/// A dual number: a value and its exact first derivatives with respect to up to `Partials.scalarCount`
/// chosen inputs (forward-mode automatic differentiation, as Ceres Solver's `Jet`).
///
/// Evaluating a law on `Dual` with the parameters seeded as unit partials gives the law's value and
/// its exact gradient in one pass: the optimizer's Jacobians and the solvers' Newton steps use it.
/// The partials live in a SIMD vector, so each operation updates every derivative at once.
///
/// ```swift
/// let x = Dual<SIMD2<Double>>(3, partials: [1, 0])      // d/dx
/// let y = Dual<SIMD2<Double>>(2, partials: [0, 1])      // d/dy
/// let z = Dual.pow(x, y)                                // value 9, partials [6, 9·ln 3]
/// ```
public struct Dual<Partials: SIMD & Sendable>: Sendable where Partials.Scalar: LawScalar & BinaryFloatingPoint {
    /// The scalar type of the value and of each derivative.
    public typealias Value = Partials.Scalar

    /// The value of the expression.
    public var value: Value
    /// The derivatives of the expression with respect to each seeded input.
    public var partials: Partials

    @inlinable @inline(__always)
    /// A value with the given derivatives.
    public init(_ value: Value, partials: Partials) {
        self.value = value
        self.partials = partials
    }

    /// An independent input: `value`, with derivative 1 in slot `index` and 0 elsewhere.
    @inlinable
    public init(_ value: Value, seed index: Int) {
        self.value = value
        var partials = Partials()
        partials[index] = 1
        self.partials = partials
    }
}

extension Dual: LawScalar {
    @inlinable @inline(__always)
    public init(_ constant: Double) { self.init(Value(constant), partials: Partials()) }

    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value + rhs.value, partials: lhs.partials + rhs.partials)
    }

    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value - rhs.value, partials: lhs.partials - rhs.partials)
    }

    @inlinable @inline(__always)
    public static prefix func - (operand: Self) -> Self {
        Self(-operand.value, partials: -operand.partials)
    }

    // Plain `a * b + c` rather than `addingProduct`: without a hardware FMA (baseline x86-64)
    // the fused form is a library call per lane.
    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value * rhs.value, partials: lhs.partials * rhs.value + rhs.partials * lhs.value)
    }

    @inlinable @inline(__always)
    public static func / (lhs: Self, rhs: Self) -> Self {
        let quotient = lhs.value / rhs.value
        let reciprocal = 1 / rhs.value
        return Self(quotient, partials: (lhs.partials - rhs.partials * quotient) * reciprocal)
    }

    @inlinable @inline(__always)
    public static func exp(_ x: Self) -> Self {
        let e = Value.exp(x.value)
        return Self(e, partials: x.partials * e)
    }

    @inlinable @inline(__always)
    public static func log(_ x: Self) -> Self {
        Self(Value.log(x.value), partials: x.partials * (1 / x.value))
    }

    @inlinable @inline(__always)
    public static func log2(_ x: Self) -> Self {
        Self(Value.log2(x.value), partials: x.partials * (1 / (x.value * Value(0.693147180559945309417232121458176568))))
    }

    /// `xʸ` with `∂/∂x = y·xʸ/x` and `∂/∂y = ln x · xʸ`, for positive `x`.
    @inlinable @inline(__always)
    public static func pow(_ x: Self, _ y: Self) -> Self {
        let logX = Value.log(x.value)
        let power = Value.exp(y.value * logX)
        return Self(power, partials: x.partials * (y.value * power / x.value) + y.partials * (logX * power))
    }

    /// `eˣ − 1` with derivative `eˣ`.
    @inlinable @inline(__always)
    public static func expm1(_ x: Self) -> Self {
        let e = Value.expm1(x.value)
        return Self(e, partials: x.partials * (e + 1))
    }

    /// `ln(1 + x)` with derivative `1/(1 + x)`.
    @inlinable @inline(__always)
    public static func log1p(_ x: Self) -> Self {
        Self(Value.log1p(x.value), partials: x.partials * (1 / (1 + x.value)))
    }

    /// The chosen branch, value and derivatives.
    @inlinable @inline(__always)
    public static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        x.value < y.value ? then : otherwise
    }

    @inlinable @inline(__always)
    public static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(Value.indicator(x.value, equals: value), partials: Partials())
    }
}
