/// The sum of two law forms, `lhs + rhs`: variables are merged by identity; a parameter name both
/// sides have is an error unless the sum is told to share it (``init(_:_:sharing:)``).
public struct Sum<Lhs: LawForm, Rhs: LawForm>: LawForm {
    /// The first term.
    public let lhs: Lhs
    /// The second term.
    public let rhs: Rhs
    /// The first term's variables, then the second's new ones.
    public let variables: [Variable]
    /// The first term's parameters, then the second's (shared ones appear once).
    public let parameters: [Parameter]
    @usableFromInline let lhsVariableCount: Int
    @usableFromInline let lhsParameterCount: Int
    @usableFromInline let rhsVariableMap: [Int]
    @usableFromInline let rhsParameterMap: [Int]

    /// The sum `lhs + rhs`, with the parameters in `shared` (which both must have, with the same
    /// domain) made one parameter.
    /// - Throws: ``ScalingLawError/conflictingParameter(_:first:second:)`` for a parameter name both
    ///   terms have that `shared` does not list; ``ScalingLawError/invalidSharing(_:reason:)``.
    public init(_ lhs: Lhs, _ rhs: Rhs, sharing shared: Set<Parameter> = []) throws(ScalingLawError) {
        self.lhs = lhs
        self.rhs = rhs
        var variables = lhs.variables
        var parameters = lhs.parameters
        lhsVariableCount = variables.count
        lhsParameterCount = parameters.count
        rhsVariableMap = merge(rhs.variables, into: &variables)
        rhsParameterMap = try mergeParameters(rhs.parameters, into: &parameters, sharing: shared,
                                              first: "the left term (\(Lhs.self))", second: "the right term (\(Rhs.self))")
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

    /// True when either side has conditions.
    public var hasPointConditions: Bool { lhs.hasPointConditions || rhs.hasPointConditions }

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

/// The sum of two law forms; a parameter name both have is an error (share it with
/// ``Sum/init(_:_:sharing:)`` or rename one side).
public func + <Lhs: LawForm, Rhs: LawForm>(lhs: Lhs, rhs: Rhs) throws(ScalingLawError) -> Sum<Lhs, Rhs> {
    try Sum(lhs, rhs)
}
