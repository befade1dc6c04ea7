/// A law form with one variable replaced by the value of another form, e.g. Kumar et al.'s
/// N → N_eff(N, P_w, P_a, P_kv).
///
/// The inner form's variables take the replaced variable's place (those the outer form already has
/// are shared); its parameters join the outer form's. A parameter name both forms have is an error
/// unless it is listed as shared.
public struct Substitution<Outer: LawForm, Inner: LawForm>: LawForm {
    /// The form whose variable is replaced.
    public let outer: Outer
    /// The form whose value replaces it.
    public let inner: Inner
    /// The outer variable that the inner form replaces.
    public let replaced: Variable
    /// The outer form's variables with the replaced one giving way to the inner form's.
    public let variables: [Variable]
    /// The outer form's parameters, then the inner form's new ones.
    public let parameters: [Parameter]
    @usableFromInline let outerParameterCount: Int
    @usableFromInline let replacedSlot: Int
    @usableFromInline let outerVariableMap: [Int]
    @usableFromInline let innerVariableMap: [Int]
    @usableFromInline let innerParameterMap: [Int]
    /// The outer form's domain for the replaced variable, which the inner value must satisfy.
    @usableFromInline let replacedRule: DomainRule?

    /// Replaces `variable` of `outer` by `inner`. If `outer` lacks `variable`, the result is
    /// `outer` with `inner`'s variables and parameters added but unused. The parameters in `shared`
    /// (which both forms must have) are one parameter.
    /// - Throws: ``ScalingLawError/conflictingParameter(_:first:second:)`` for a parameter name both
    ///   forms have that `shared` does not list; ``ScalingLawError/invalidSharing(_:reason:)``.
    public init(
        _ outer: Outer, replacing variable: Variable, with inner: Inner, sharing shared: Set<Parameter> = []
    ) throws(ScalingLawError) {
        self.outer = outer
        self.inner = inner
        self.replaced = variable
        let outerVariables = outer.variables
        let slot = outerVariables.firstIndex(of: variable) ?? -1
        replacedSlot = slot
        replacedRule = slot >= 0 ? outerVariables[slot].rule : nil
        var combined: [Variable] = []
        for (index, outerVariable) in outerVariables.enumerated() {
            if index == slot {
                for innerVariable in inner.variables where !combined.contains(innerVariable)
                    && !outerVariables.contains(where: { $0 == innerVariable && $0 != variable }) {
                    combined.append(innerVariable)
                }
            } else if !combined.contains(outerVariable) {
                combined.append(outerVariable)
            }
        }
        outerVariableMap = outerVariables.enumerated().map { index, outerVariable in
            index == slot ? 0 : combined.firstIndex(of: outerVariable)!
        }
        innerVariableMap = merge(inner.variables, into: &combined)
        var parameters = outer.parameters
        outerParameterCount = parameters.count
        innerParameterMap = try mergeParameters(inner.parameters, into: &parameters, sharing: shared,
                                                first: "the outer law (\(Outer.self))", second: "the inner law (\(Inner.self))")
        self.variables = combined
        self.parameters = parameters
    }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let replacement = withGathered(x, innerVariableMap) { ix in
            withGathered(p, innerParameterMap) { ip in inner.evaluate(ix, ip) }
        }
        return withGathered(x, outerVariableMap, replacing: replacedSlot, with: replacement) { ox in
            outer.evaluate(ox, p.prefix(outerParameterCount))
        }
    }

    /// True when either side has conditions, or the substituted variable's domain must be checked.
    public var hasPointConditions: Bool {
        replacedRule != nil || inner.hasPointConditions || outer.hasPointConditions
    }

    @inlinable
    public func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
        var failure: ScalingLawError?
        let replacement: Double = withGathered(x, innerVariableMap) { ix in
            withGathered(p, innerParameterMap) { ip in
                do throws(ScalingLawError) { try inner.validate(ix, parameters: ip) } catch { failure = error }
                return inner.evaluate(ix, ip)
            }
        }
        if let failure { throw failure }
        if let replacedRule, !replacedRule.admits(replacement) {
            try replaced.check(replacement)
            throw .invalidValue(variable: replaced.id, value: replacement, requirement: "in its domain")
        }
        withGathered(x, outerVariableMap, replacing: replacedSlot, with: replacement) { ox in
            do throws(ScalingLawError) {
                try outer.validate(ox, parameters: p.prefix(outerParameterCount))
            } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension LawForm {
    /// This form with `variable` replaced by the value of `inner` (see ``Substitution``).
    public func substituting<Inner: LawForm>(
        _ variable: Variable, with inner: Inner, sharing shared: Set<Parameter> = []
    ) throws(ScalingLawError) -> Substitution<Self, Inner> {
        try Substitution(self, replacing: variable, with: inner, sharing: shared)
    }
}
