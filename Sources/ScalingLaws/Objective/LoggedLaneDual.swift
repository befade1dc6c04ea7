/// Eight data points at once (one per `SIMD8<Double>` lane), each with its exact derivatives with
/// respect to `K` free parameters and, where it is known for free, the logarithm of its value: the
/// fitting engine's scalar for Jacobians.
///
/// ``LoggedDual`` evaluates one point per call with scalar `exp` and `log`; this type runs the law's
/// `evaluate` once per eight points, with the vector `exp`/`log` of `SIMD+ElementaryFunctions` and
/// each partial derivative as its own eight-lane vector, so that every operation is a handful of
/// vector instructions. `K` is a compile-time count, so the loops over partials unroll. Values and
/// derivatives are those of ``Dual`` up to the vector functions' ≤ 2 ulp; the logarithm cache follows
/// ``LoggedDual``'s rules.
@usableFromInline
struct LoggedLaneDual<let K: Int>: Sendable {
    @usableFromInline typealias Lanes = SIMD8<Double>

    @usableFromInline var value: Lanes
    /// `∂value/∂θ_j` for each free parameter j, lane by lane.
    @usableFromInline var partials: InlineArray<K, Lanes>
    /// `ln value` lane by lane when ``hasLog``; unspecified otherwise.
    @usableFromInline var log: Lanes
    @usableFromInline var hasLog: Bool

    @inlinable @inline(__always)
    init(_ value: Lanes, partials: InlineArray<K, Lanes>, log: Lanes, hasLog: Bool) {
        self.value = value
        self.partials = partials
        self.log = log
        self.hasLog = hasLog
    }

    /// Data values (zero derivatives) with their precomputed logarithms, if they have them.
    @inlinable @inline(__always)
    init(input value: Lanes, log: Lanes, hasLog: Bool) {
        self.init(value, partials: InlineArray(repeating: Lanes()), log: log, hasLog: hasLog)
    }

    @inlinable @inline(__always)
    var resolvedLog: Lanes { hasLog ? log : Lanes.log(value) }

    /// A parameter's value in every lane (with its logarithm when positive), its derivative with
    /// respect to itself 1 in partial `slot` when it is free.
    @inlinable @inline(__always)
    static func parameter(_ value: Double, seeding slot: Int?) -> LoggedLaneDual {
        var number = LoggedLaneDual(Lanes(repeating: value), partials: InlineArray(repeating: Lanes()),
                                    log: Lanes(repeating: value > 0 ? Double.log(value) : 0), hasLog: value > 0)
        if let slot { number.partials[slot] = Lanes(repeating: 1) }
        return number
    }

    /// The partials `a·p + b·q`, lane by lane: every rule of differentiation below is of this shape.
    @inlinable @inline(__always)
    static func combine(
        _ p: InlineArray<K, Lanes>, _ a: Lanes, _ q: InlineArray<K, Lanes>, _ b: Lanes
    ) -> InlineArray<K, Lanes> {
        // Plain `a * b + c`, not `addingProduct`: baseline x86-64 has no hardware FMA. Built
        // element by element, not zero-filled and then overwritten.
        InlineArray { j in p[j] * a + q[j] * b }
    }

    /// The partials `a·p`, lane by lane.
    @inlinable @inline(__always)
    static func scale(_ p: InlineArray<K, Lanes>, _ a: Lanes) -> InlineArray<K, Lanes> {
        InlineArray { j in p[j] * a }
    }
}

extension LoggedLaneDual: LawScalar {
    @inlinable @inline(__always)
    init(_ constant: Double) {
        self.init(Lanes(repeating: constant), partials: InlineArray(repeating: Lanes()), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func + (lhs: Self, rhs: Self) -> Self {
        let one = Lanes(repeating: 1)
        return Self(lhs.value + rhs.value, partials: combine(lhs.partials, one, rhs.partials, one), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func - (lhs: Self, rhs: Self) -> Self {
        let one = Lanes(repeating: 1)
        return Self(lhs.value - rhs.value, partials: combine(lhs.partials, one, rhs.partials, -one), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static prefix func - (operand: Self) -> Self {
        Self(-operand.value, partials: scale(operand.partials, Lanes(repeating: -1)), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func * (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value * rhs.value, partials: combine(lhs.partials, rhs.value, rhs.partials, lhs.value),
             log: lhs.log + rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func / (lhs: Self, rhs: Self) -> Self {
        let reciprocal = 1 / rhs.value
        let quotient = lhs.value * reciprocal
        return Self(quotient, partials: combine(lhs.partials, reciprocal, rhs.partials, -quotient * reciprocal),
                    log: lhs.log - rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func exp(_ x: Self) -> Self {
        let e = Lanes.exp(x.value)
        return Self(e, partials: scale(x.partials, e), log: x.value, hasLog: true)
    }

    @inlinable @inline(__always)
    static func log(_ x: Self) -> Self {
        Self(x.resolvedLog, partials: scale(x.partials, 1 / x.value), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func log2(_ x: Self) -> Self {
        let ln2 = Lanes(repeating: 0.693147180559945309417232121458176568)
        return Self(x.resolvedLog / ln2, partials: scale(x.partials, 1 / (x.value * ln2)), log: Lanes(), hasLog: false)
    }

    /// `xʸ = exp(y·ln x)` with `∂/∂x = y·xʸ/x` and `∂/∂y = ln x · xʸ`, for positive `x`.
    @inlinable @inline(__always)
    static func pow(_ x: Self, _ y: Self) -> Self {
        let logX = x.resolvedLog
        let logPower = y.value * logX
        let power = Lanes.exp(logPower)
        return Self(power, partials: combine(x.partials, y.value * power / x.value, y.partials, logX * power),
                    log: logPower, hasLog: true)
    }

    @inlinable @inline(__always)
    static func expm1(_ x: Self) -> Self {
        let e = Lanes.expm1(x.value)
        return Self(e, partials: scale(x.partials, e + 1), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func log1p(_ x: Self) -> Self {
        Self(Lanes.log1p(x.value), partials: scale(x.partials, 1 / (1 + x.value)), log: Lanes(), hasLog: false)
    }

    /// Each lane takes the value, derivatives and logarithm of its chosen branch.
    @inlinable @inline(__always)
    static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        let chosen = x.value .< y.value
        var partials = otherwise.partials
        for j in 0..<K { partials[j] = partials[j].replacing(with: then.partials[j], where: chosen) }
        return Self(otherwise.value.replacing(with: then.value, where: chosen), partials: partials,
                    log: otherwise.log.replacing(with: then.log, where: chosen), hasLog: then.hasLog && otherwise.hasLog)
    }

    @inlinable @inline(__always)
    static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(Lanes.indicator(x.value, equals: value), partials: InlineArray(repeating: Lanes()), log: Lanes(), hasLog: false)
    }
}
