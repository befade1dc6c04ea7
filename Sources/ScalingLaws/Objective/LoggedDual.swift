/// A dual number (value and exact first derivatives) that also remembers the natural logarithm of
/// its value when that logarithm is known for free: the fitting engine's scalar for Jacobians.
///
/// A law such as `A/N^α` computes `N^α = exp(α·ln N)`: with a plain ``Dual`` every evaluation takes
/// `ln N` of every data point again. The engine computes `ln` of each input column once per data set
/// and hands the law inputs that carry it, so `pow` skips the logarithm. The cache propagates where
/// it costs nothing — `ln(a·b) = ln a + ln b`, `ln(a/b) = ln a − ln b`, `ln eˣ = x`, `ln xʸ = y·ln x` —
/// and is dropped otherwise (sums, constants), in which case `pow` takes the logarithm as usual.
/// Values and derivatives are exactly those of ``Dual``; only the work differs.
///
/// Only values known to be positive carry a cache (the engine checks each column), so the
/// identities above hold.
@usableFromInline
struct LoggedDual<Partials: SIMD & Sendable>: Sendable where Partials.Scalar == Double {
    @usableFromInline var value: Double
    @usableFromInline var partials: Partials
    /// `ln value` when ``hasLog``; unspecified otherwise.
    @usableFromInline var log: Double
    @usableFromInline var hasLog: Bool

    @inlinable @inline(__always)
    init(_ value: Double, partials: Partials, log: Double, hasLog: Bool) {
        self.value = value
        self.partials = partials
        self.log = log
        self.hasLog = hasLog
    }

    /// A data value (zero derivatives) with its precomputed logarithm, if it has one.
    @inlinable @inline(__always)
    init(input value: Double, log: Double, hasLog: Bool) {
        self.init(value, partials: Partials(), log: log, hasLog: hasLog)
    }

    @inlinable @inline(__always)
    var resolvedLog: Double { hasLog ? log : Double.log(value) }
}

extension LoggedDual: LawScalar {
    @inlinable @inline(__always)
    init(_ constant: Double) { self.init(constant, partials: Partials(), log: 0, hasLog: false) }

    @inlinable @inline(__always)
    static func + (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value + rhs.value, partials: lhs.partials + rhs.partials, log: 0, hasLog: false)
    }

    @inlinable @inline(__always)
    static func - (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value - rhs.value, partials: lhs.partials - rhs.partials, log: 0, hasLog: false)
    }

    @inlinable @inline(__always)
    static prefix func - (operand: Self) -> Self {
        Self(-operand.value, partials: -operand.partials, log: 0, hasLog: false)
    }

    // Plain `a * b + c`, not `addingProduct`: baseline x86-64 has no hardware FMA.
    @inlinable @inline(__always)
    static func * (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value * rhs.value, partials: lhs.partials * rhs.value + rhs.partials * lhs.value,
             log: lhs.log + rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func / (lhs: Self, rhs: Self) -> Self {
        let quotient = lhs.value / rhs.value
        let reciprocal = 1 / rhs.value
        return Self(quotient, partials: (lhs.partials - rhs.partials * quotient) * reciprocal,
                    log: lhs.log - rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func exp(_ x: Self) -> Self {
        let e = Double.exp(x.value)
        return Self(e, partials: x.partials * e, log: x.value, hasLog: true)
    }

    @inlinable @inline(__always)
    static func log(_ x: Self) -> Self {
        Self(x.resolvedLog, partials: x.partials * (1 / x.value), log: 0, hasLog: false)
    }

    @inlinable @inline(__always)
    static func log2(_ x: Self) -> Self {
        let ln2 = 0.693147180559945309417232121458176568
        return Self(x.resolvedLog / ln2, partials: x.partials * (1 / (x.value * ln2)), log: 0, hasLog: false)
    }

    /// `xʸ = exp(y·ln x)` with `∂/∂x = y·xʸ/x` and `∂/∂y = ln x · xʸ`, for positive `x`.
    @inlinable @inline(__always)
    static func pow(_ x: Self, _ y: Self) -> Self {
        let logX = x.resolvedLog
        let logPower = y.value * logX
        let power = Double.exp(logPower)
        return Self(power, partials: x.partials * (y.value * power / x.value) + y.partials * (logX * power),
                    log: logPower, hasLog: true)
    }

    @inlinable @inline(__always)
    static func expm1(_ x: Self) -> Self {
        let e = Double.expm1(x.value)
        return Self(e, partials: x.partials * (e + 1), log: 0, hasLog: false)
    }

    @inlinable @inline(__always)
    static func log1p(_ x: Self) -> Self {
        Self(Double.log1p(x.value), partials: x.partials * (1 / (1 + x.value)), log: 0, hasLog: false)
    }

    @inlinable @inline(__always)
    static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        x.value < y.value ? then : otherwise
    }

    @inlinable @inline(__always)
    static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(x.value == value ? 1 : 0, partials: Partials(), log: 0, hasLog: false)
    }
}
