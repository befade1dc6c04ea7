/// The arithmetic a scaling law is written in.
///
/// A law's formula is written once, generically over `LawScalar`, and the same code then runs on
/// plain floating-point types (`Double`, `Float`, `Float16`, `Float80`), on SIMD lanes (one data
/// point per lane, for batch evaluation), on ``Dual`` numbers (exact first derivatives with respect
/// to any chosen inputs) and on ``Formula`` (the symbolic expression, for printing).
///
/// The requirement names follow swift-numerics' `ElementaryFunctions`, so adopting that package
/// later is a matter of conformances.
public protocol LawScalar: Sendable {
    /// Lifts a constant into this scalar type (every lane of a vector; zero derivative for a dual).
    init(_ constant: Double)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// The natural exponential `eˣ`.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm `ln x`; the laws only take it of positive values.
    static func log(_ x: Self) -> Self
    /// The base-2 logarithm `log₂ x`.
    static func log2(_ x: Self) -> Self
    /// `xʸ` for positive `x` (the laws never raise a non-positive base).
    static func pow(_ x: Self, _ y: Self) -> Self

    /// `1` where `x` equals `value`, else `0`: how a law reads a categorical variable.
    ///
    /// The derivative of an indicator is zero. A symbolic ``Formula`` prints it as `[C = name]`.
    static func indicator(_ x: Self, equals value: Double) -> Self

    /// Marks `value` as the quantity named `symbol`.
    ///
    /// Numeric types return `value` unchanged; ``Formula`` prints the symbol and lists its
    /// definition after the formula (`… where N_eff = …`).
    static func named(_ symbol: Symbol, _ value: Self) -> Self
}

extension LawScalar {
    @inlinable @inline(__always)
    public static func log2(_ x: Self) -> Self { log(x) / Self(0.693147180559945309417232121458176568) }

    @inlinable @inline(__always)
    public static func named(_ symbol: Symbol, _ value: Self) -> Self { value }
}
