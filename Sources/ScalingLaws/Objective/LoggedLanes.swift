/// Eight data points evaluated at once (one per `SIMD8<Double>` lane), carrying the logarithm of
/// the values where it is known for free: the fitting engine's scalar for value-only evaluation.
///
/// The counterpart of ``LoggedDual`` without derivatives: inputs arrive with `ln` precomputed once
/// per data set, and `pow` reuses it (see ``LoggedDual`` for the propagation rules).
@usableFromInline
struct LoggedLanes: Sendable {
    @usableFromInline typealias Lanes = SIMD8<Double>

    @usableFromInline var value: Lanes
    /// `ln value` lane by lane when ``hasLog``; unspecified otherwise.
    @usableFromInline var log: Lanes
    @usableFromInline var hasLog: Bool

    @inlinable @inline(__always)
    init(_ value: Lanes, log: Lanes, hasLog: Bool) {
        self.value = value
        self.log = log
        self.hasLog = hasLog
    }

    @inlinable @inline(__always)
    var resolvedLog: Lanes { hasLog ? log : Lanes.log(value) }

    /// A parameter's value in every lane, with its logarithm when it is positive.
    @inlinable @inline(__always)
    static func parameter(_ value: Double) -> LoggedLanes {
        LoggedLanes(Lanes(repeating: value), log: Lanes(repeating: value > 0 ? Double.log(value) : 0), hasLog: value > 0)
    }
}

extension LoggedLanes: LawScalar {
    @inlinable @inline(__always)
    init(_ constant: Double) { self.init(Lanes(repeating: constant), log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.value + rhs.value, log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.value - rhs.value, log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static prefix func - (operand: Self) -> Self { Self(-operand.value, log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func * (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value * rhs.value, log: lhs.log + rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func / (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value / rhs.value, log: lhs.log - rhs.log, hasLog: lhs.hasLog && rhs.hasLog)
    }

    @inlinable @inline(__always)
    static func exp(_ x: Self) -> Self { Self(Lanes.exp(x.value), log: x.value, hasLog: true) }

    @inlinable @inline(__always)
    static func log(_ x: Self) -> Self { Self(x.resolvedLog, log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func log2(_ x: Self) -> Self {
        Self(x.resolvedLog / Lanes(repeating: 0.693147180559945309417232121458176568), log: Lanes(), hasLog: false)
    }

    @inlinable @inline(__always)
    static func pow(_ x: Self, _ y: Self) -> Self {
        let logPower = y.value * x.resolvedLog
        return Self(Lanes.exp(logPower), log: logPower, hasLog: true)
    }

    @inlinable @inline(__always)
    static func expm1(_ x: Self) -> Self { Self(Lanes.expm1(x.value), log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func log1p(_ x: Self) -> Self { Self(Lanes.log1p(x.value), log: Lanes(), hasLog: false) }

    @inlinable @inline(__always)
    static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        let chosen = x.value .< y.value
        return Self(otherwise.value.replacing(with: then.value, where: chosen),
                    log: otherwise.log.replacing(with: then.log, where: chosen), hasLog: then.hasLog && otherwise.hasLog)
    }

    @inlinable @inline(__always)
    static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(Lanes.indicator(x.value, equals: value), log: Lanes(), hasLog: false)
    }
}
