/// The shape of a scaling law: its variables, its parameters, and its formula written once,
/// generically, over ``LawScalar``.
///
/// Conform your own type to write a new law form; it then evaluates on every scalar type, prints
/// its formula, composes with the library's forms (`+`, ``substituting(_:with:sharing:)``,
/// ``renaming(_:)``) and is fitted by the same optimizer.
///
/// ```swift
/// struct DataConstrained: LawForm {
///     var variables: [Variable] { [.N, .D, uniqueTokens] }
///     var parameters: [Parameter] { [Parameter("E"), Parameter("A"), Parameter("alpha", symbol: Symbol("α", latex: "\\alpha")), …] }
///     func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
///         let (n, d, u) = (x[0], x[1], x[2])
///         …
///     }
/// }
/// ```
public protocol LawForm: Sendable {
    /// The variables, in the order `evaluate` reads them.
    var variables: [Variable] { get }
    /// The parameters, in the order `evaluate` reads them.
    var parameters: [Parameter] { get }

    /// The law's value at variables `x` with parameters `p`, both in declaration order.
    ///
    /// Must be pure and written only with ``LawScalar`` operations, so that it runs on every
    /// scalar type. It may assume each variable is in its domain and `x` passed
    /// ``validate(_:parameters:)``.
    func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T

    /// Throws a ``ScalingLawError`` naming the variable when `x` breaks a condition of the law
    /// beyond each variable's own ``Variable/domain`` (which the caller has checked already), such
    /// as Kumar et al.'s precision factors having to stay positive.
    ///
    /// The default has no further conditions. ``ScalingLaw`` calls it for every point it evaluates,
    /// batches included, so keep it cheap.
    func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError)

    /// Whether ``validate(_:parameters:)`` checks anything. Batch evaluation skips the per-point
    /// call when it is false. The default is true, the safe answer for a form that implements
    /// `validate`; a form without conditions beyond its variables' domains may say false.
    var hasPointConditions: Bool { get }
}

extension LawForm {
    @inlinable @inline(__always)
    public func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {}

    /// True: a form says false only when it knows it has no conditions.
    public var hasPointConditions: Bool { true }

    /// The formula traced symbolically: variables and parameters as symbols, or parameters as
    /// numbers when `values` is given (in ``parameters`` order).
    public func formula(values: [Double]? = nil) -> Formula {
        let symbols: [Formula] = variables.map { variable in
            variable.categories.isEmpty ? .symbol(variable.symbol)
                : .categorical(variable.symbol, labels: variable.categories)
        }
        let parameterTerms: [Formula] = parameters.enumerated().map { index, parameter in
            if let values { return .number(values[index]) }
            return .symbol(parameter.symbol)
        }
        return symbols.withUnsafeBufferPointer { x in
            parameterTerms.withUnsafeBufferPointer { p in evaluate(LawArguments(x), LawArguments(p)) }
        }
    }
}

/// The index of each of `items` in `list`, appending the ones `list` lacks.
func merge<Item: Equatable>(_ items: [Item], into list: inout [Item]) -> [Int] {
    items.map { item in
        if let index = list.firstIndex(of: item) { return index }
        list.append(item)
        return list.count - 1
    }
}
