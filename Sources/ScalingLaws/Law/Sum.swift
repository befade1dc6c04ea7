/// The sum of two law forms, `lhs + rhs`: variables and parameters are merged by identity, so a
/// parameter both sides name alike (say `alpha`) is one shared parameter.
public struct Sum<Lhs: LawForm, Rhs: LawForm>: LawForm {
    /// The first term.
    public let lhs: Lhs
    /// The second term.
    public let rhs: Rhs
    /// The first term's variables, then the second's new ones.
    public let variables: [Variable]
    /// The first term's parameters, then the second's new ones (same-named ones are shared).
    public let parameters: [Parameter]
    @usableFromInline let lhsVariableCount: Int
    @usableFromInline let lhsParameterCount: Int
    @usableFromInline let rhsVariableMap: [Int]
    @usableFromInline let rhsParameterMap: [Int]

    /// The sum `lhs + rhs`.
    public init(_ lhs: Lhs, _ rhs: Rhs) {
        self.lhs = lhs
        self.rhs = rhs
        var variables = lhs.variables
        var parameters = lhs.parameters
        lhsVariableCount = variables.count
        lhsParameterCount = parameters.count
        rhsVariableMap = merge(rhs.variables, into: &variables)
        rhsParameterMap = merge(rhs.parameters, into: &parameters)
        self.variables = variables
        self.parameters = parameters
    }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let left = lhs.evaluate(x.prefix(lhsVariableCount), p.prefix(lhsParameterCount))
        let right = withGathered(x, rhsVariableMap) { rx in
            withGathered(p, rhsParameterMap) { rp in rhs.evaluate(rx, rp) }
        }
        return left + right
    }

    @inlinable
    public func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
        try lhs.validate(x.prefix(lhsVariableCount), parameters: p.prefix(lhsParameterCount))
        var failure: ScalingLawError?
        withGathered(x, rhsVariableMap) { rx in
            withGathered(p, rhsParameterMap) { rp in
                do throws(ScalingLawError) { try rhs.validate(rx, parameters: rp) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }
}

/// The sum of two law forms; parameters with the same name are shared.
public func + <Lhs: LawForm, Rhs: LawForm>(lhs: Lhs, rhs: Rhs) -> Sum<Lhs, Rhs> {
    Sum(lhs, rhs)
}
