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

    /// `eˣ − 1`, accurate where `x` is tiny (there `exp(x) − 1` loses every digit of `x` below
    /// the unit roundoff of 1): use it for saturating terms such as `R·(1 − e^(−x/R))`.
    static func expm1(_ x: Self) -> Self
    /// `ln(1 + x)`, accurate where `x` is tiny (where `log(1 + x)` rounds `1 + x` first).
    static func log1p(_ x: Self) -> Self

    /// `then` where `x < y`, else `otherwise`: a branch of a piecewise law.
    ///
    /// On SIMD lanes the choice is made lane by lane without branching; on dual numbers the result
    /// carries the derivatives of the chosen branch (the comparison itself has no derivative); a
    /// symbolic ``Formula`` prints both branches. A NaN in `x` or `y` chooses `otherwise`.
    static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self

    /// The smaller of `x` and `y` (`x` on a tie): a NaN in either gives NaN for floating-point
    /// types. Dual numbers carry the derivatives of the chosen argument.
    static func min(_ x: Self, _ y: Self) -> Self
    /// The larger of `x` and `y` (`x` on a tie), e.g. the repetitions `max(D/U − 1, 0)` of a
    /// data-constrained law: a NaN in either gives NaN for floating-point types. Dual numbers carry
    /// the derivatives of the chosen argument.
    static func max(_ x: Self, _ y: Self) -> Self

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

    @inlinable @inline(__always)
    public static func min(_ x: Self, _ y: Self) -> Self { ifLess(y, than: x, then: y, otherwise: x) }

    @inlinable @inline(__always)
    public static func max(_ x: Self, _ y: Self) -> Self { ifLess(x, than: y, then: y, otherwise: x) }
}
