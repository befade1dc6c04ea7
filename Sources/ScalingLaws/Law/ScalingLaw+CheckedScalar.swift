extension ScalingLaw {
    /// The law's value at `point` computed in the scalar type `T` (`Float16`, `Float`, `Float80` …),
    /// checked: never a silent NaN, ∞ or 0.
    ///
    /// A variable or constant that `T` cannot hold (7e9 parameters in `Float16`, whose largest value
    /// is 65504) is an error naming it; so is a result that overflows, underflows to 0 or turns NaN
    /// in `T` where the `Double` value is a normal number — the error then names the smallest
    /// sub-expression of the formula that went out of range (`N^α = 2.4e15`), traced from the very
    /// code that computes the law.
    ///
    /// ```swift
    /// let loss = try Hoffmann2022.printed([.N: 3000, .D: 60000], as: Float16.self)   // 7.117
    /// // try Hoffmann2022.printed([.N: 7e9, .D: 1e12], as: Float16.self) throws: N = 7e9 …
    /// ```
    /// - Throws: ``ScalingLawError/outOfRange(term:value:scalarType:)``, or the errors of
    ///   ``callAsFunction(_:)`` for invalid input.
    public func callAsFunction<T: LawScalar & BinaryFloatingPoint>(
        _ point: [Variable: Double], as type: T.Type
    ) throws(ScalingLawError) -> T {
        let x = try arguments(point)
        let reference = try self(point)
        let typeName = "\(T.self)"
        for (variable, value) in zip(variables, x) where !representable(value, in: T.self) {
            throw .outOfRange(term: variable.symbol.unicode, value: value, scalarType: typeName)
        }
        for (parameter, value) in zip(parameters, values) where !representable(value, in: T.self) {
            throw .outOfRange(term: parameter.symbol.unicode, value: value, scalarType: typeName)
        }
        let result: T = evaluate(x.map { T($0) })
        if representable(Double(result), in: T.self), Double(result) != 0 || reference == 0 { return result }
        throw outOfRangeTerm(x: x, scalarType: T.self, fallback: reference)
    }

    /// The innermost sub-expression whose value in `T` is not finite, or underflows to 0, while its
    /// `Double` value is a normal number.
    func outOfRangeTerm<T: LawScalar & BinaryFloatingPoint>(x: [Double], scalarType: T.Type, fallback: Double) -> ScalingLawError {
        // The formula traced with placeholder symbols (to evaluate, free of symbol clashes) and with
        // the law's own symbols (to print): the two trees have the same shape.
        let placeholders = variables.indices.map { Symbol("x\($0)") } + parameters.indices.map { Symbol("p\($0)") }
        let valued: [Symbol: Double] = Dictionary(uniqueKeysWithValues: zip(placeholders, x + values))
        let inputs: [Formula] = variables.indices.map { index in
            let symbol = placeholders[index]
            return variables[index].categories.isEmpty ? .symbol(symbol) : .categorical(symbol, labels: variables[index].categories)
        }
        let constants: [Formula] = parameters.indices.map { .symbol(placeholders[variables.count + $0]) }
        let traced: Formula = inputs.withUnsafeBufferPointer { xb in
            constants.withUnsafeBufferPointer { pb in form.evaluate(LawArguments(xb), LawArguments(pb)) }
        }
        let printed = form.formula()
        if let (term, value) = traced.firstOutOfRange(printed, values: valued, as: T.self) {
            return .outOfRange(term: term.unicode, value: value, scalarType: "\(T.self)")
        }
        return .outOfRange(term: name.isEmpty ? "the law" : name, value: fallback, scalarType: "\(T.self)")
    }
}

/// Whether `value` survives a round trip through `T`: finite, and not flushed to 0.
func representable<T: BinaryFloatingPoint>(_ value: Double, in type: T.Type) -> Bool {
    let converted = T(value)
    return converted.isFinite && (converted != 0 || value == 0)
}

extension Formula {
    /// The value of the formula in `T` with its symbols set from `values`.
    func value<T: LawScalar>(_ values: [Symbol: Double], as type: T.Type) -> T {
        switch self {
        case .number(let value): return T(value)
        case .symbol(let symbol), .categorical(let symbol, _): return T(values[symbol] ?? .nan)
        case .sum(let a, let b): return a.value(values, as: T.self) + b.value(values, as: T.self)
        case .difference(let a, let b): return a.value(values, as: T.self) - b.value(values, as: T.self)
        case .product(let a, let b): return a.value(values, as: T.self) * b.value(values, as: T.self)
        case .quotient(let a, let b): return a.value(values, as: T.self) / b.value(values, as: T.self)
        case .negation(let a): return -a.value(values, as: T.self)
        case .power(let a, let b): return T.pow(a.value(values, as: T.self), b.value(values, as: T.self))
        case .exponential(let a): return T.exp(a.value(values, as: T.self))
        case .logarithm(let a): return T.log(a.value(values, as: T.self))
        case .binaryLogarithm(let a): return T.log2(a.value(values, as: T.self))
        case .exponentialMinusOne(let a): return T.expm1(a.value(values, as: T.self))
        case .logarithmOnePlus(let a): return T.log1p(a.value(values, as: T.self))
        case .minimum(let a, let b): return T.min(a.value(values, as: T.self), b.value(values, as: T.self))
        case .maximum(let a, let b): return T.max(a.value(values, as: T.self), b.value(values, as: T.self))
        case .piecewise(let x, let y, let then, let otherwise):
            return T.ifLess(x.value(values, as: T.self), than: y.value(values, as: T.self),
                            then: then.value(values, as: T.self), otherwise: otherwise.value(values, as: T.self))
        case .indicator(let a, let category): return T.indicator(a.value(values, as: T.self), equals: category)
        case .namedQuantity(_, let body): return body.value(values, as: T.self)
        }
    }

    /// The direct sub-expressions.
    var children: [Formula] {
        switch self {
        case .number, .symbol, .categorical: return []
        case .sum(let a, let b), .difference(let a, let b), .product(let a, let b), .quotient(let a, let b),
             .power(let a, let b), .minimum(let a, let b), .maximum(let a, let b):
            return [a, b]
        case .negation(let a), .exponential(let a), .logarithm(let a), .binaryLogarithm(let a),
             .exponentialMinusOne(let a), .logarithmOnePlus(let a), .indicator(let a, _), .namedQuantity(_, let a):
            return [a]
        case .piecewise(let x, let y, let then, let otherwise): return [x, y, then, otherwise]
        }
    }

    /// The innermost sub-expression out of range in `T` (non-finite, or 0 where the Double value is
    /// a normal number), printed from the parallel tree `printed`, with its Double value.
    func firstOutOfRange<T: LawScalar & BinaryFloatingPoint>(
        _ printed: Formula, values: [Symbol: Double], as type: T.Type
    ) -> (Formula, Double)? {
        for (child, printedChild) in zip(children, printed.children) {
            if let found = child.firstOutOfRange(printedChild, values: values, as: T.self) { return found }
        }
        let exact: Double = value(values, as: Double.self)
        guard exact.isFinite, exact == 0 || Swift.abs(exact) >= Double.leastNormalMagnitude else { return nil }
        let inT = Double(value(values, as: T.self))
        if !inT.isFinite || (inT == 0 && exact != 0) { return (printed, exact) }
        return nil
    }
}
