/// A law: a ``LawForm`` with parameter values, the parameters held fixed when fitting, and, for
/// published presets, provenance and fitted range.
///
/// ```swift
/// let law = Hoffmann2022.printed
/// let loss = try law([.N: 70e9, .D: 1.4e12])          // 1.9366…
/// print(law.formula())                                 // L = E + A/N^α + B/D^β
/// ```
public struct ScalingLaw<Form: LawForm>: Sendable {
    /// A short name, e.g. `"Hoffmann2022.printed"`.
    public var name: String
    /// The law's shape: variables, parameters and formula.
    public let form: Form
    /// One value per parameter of ``form``, in ``parameters`` order.
    public private(set) var values: [Double]
    /// The parameters the optimizer leaves at their value.
    public var fixedParameters: Set<Parameter>
    /// Where a preset's constants come from (`nil` for laws built by the user).
    public var provenance: Provenance?
    /// The inputs the constants were fitted on; queries outside are extrapolations.
    public var fittedRange: FittedRange?
    /// Each variable's domain, in ``variables`` order, for checks in hot loops.
    @usableFromInline let domainRules: [DomainRule]

    /// Builds a law from a form and a value for each of its parameters (`[ChinchillaForm.E: 1.69, …]`,
    /// or by name: `["E": 1.69, …]`).
    public init(
        _ form: Form, name: String = "", values: [Parameter: Double], fixed: Set<Parameter> = [],
        provenance: Provenance? = nil, fittedRange: FittedRange? = nil
    ) throws(ScalingLawError) {
        let parameters = form.parameters
        try ScalingLaw.checkUnique(form)
        for key in values.keys.sorted(by: { $0.name < $1.name }) where !parameters.contains(key) {
            throw .unknownParameter(key.name)
        }
        for key in fixed.sorted(by: { $0.name < $1.name }) where !parameters.contains(key) {
            throw .unknownParameter(key.name)
        }
        var ordered: [Double] = []
        for parameter in parameters {
            guard let value = values[parameter] else { throw .missingParameter(parameter.name) }
            guard parameter.admits(value) else {
                throw .invalidParameterValue(parameter: parameter.name, value: value, requirement: parameter.requirement)
            }
            ordered.append(value)
        }
        self.form = form
        self.domainRules = form.variables.map(\.rule)
        self.name = name
        self.values = ordered
        self.fixedParameters = fixed
        self.provenance = provenance
        self.fittedRange = fittedRange
    }

    /// Throws when two of the form's parameters share a name, or a categorical variable lists a
    /// label twice (one parameter or one category would silently stand for two).
    static func checkUnique(_ form: Form) throws(ScalingLawError) {
        var seen: Set<String> = []
        for parameter in form.parameters where !seen.insert(parameter.name).inserted {
            throw .duplicateName("parameter '\(parameter.name)' appears twice in the form")
        }
        for variable in form.variables {
            var labels: Set<String> = []
            for label in variable.categories where !labels.insert(label).inserted {
                throw .duplicateName("category label '\(label)' appears twice in variable '\(variable.id)'")
            }
        }
    }

    /// Builds a law from values already in ``LawForm/parameters`` order (no checks beyond the count).
    init(unchecked form: Form, name: String, values: [Double], fixed: Set<Parameter> = [],
         provenance: Provenance? = nil, fittedRange: FittedRange? = nil) {
        precondition(values.count == form.parameters.count)
        self.form = form
        self.domainRules = form.variables.map(\.rule)
        self.name = name
        self.values = values
        self.fixedParameters = fixed
        self.provenance = provenance
        self.fittedRange = fittedRange
    }

    public var variables: [Variable] { form.variables }
    public var parameters: [Parameter] { form.parameters }

    /// The parameter values, keyed by parameter.
    public var parameterValues: [Parameter: Double] {
        Dictionary(uniqueKeysWithValues: zip(parameters, values))
    }

    /// The law's own declaration of `parameter` (its symbol and domain), found by name; for names
    /// that arrive as text, e.g. `try law.parameter(named: option)`.
    public func parameter(named name: String) throws(ScalingLawError) -> Parameter {
        guard let found = parameters.first(where: { $0.name == name }) else { throw .unknownParameter(name) }
        return found
    }

    /// The position of `parameter` in ``parameters``.
    func index(of parameter: Parameter) throws(ScalingLawError) -> Int {
        guard let index = parameters.firstIndex(of: parameter) else { throw .unknownParameter(parameter.name) }
        return index
    }

    /// The value of `parameter`, e.g. `try law.value(of: ChinchillaForm.alpha)`.
    public func value(of parameter: Parameter) throws(ScalingLawError) -> Double {
        values[try index(of: parameter)]
    }

    /// This law with `parameter` set to `value`.
    public func setting(_ parameter: Parameter, to value: Double) throws(ScalingLawError) -> ScalingLaw {
        let index = try index(of: parameter)
        let declared = parameters[index]
        guard declared.admits(value) else {
            throw .invalidParameterValue(parameter: declared.name, value: value, requirement: declared.requirement)
        }
        var copy = self
        copy.values[index] = value
        return copy
    }

    /// This law with `parameter` held fixed (at its current value, or at `value`) when fitting.
    public func fixing(_ parameter: Parameter, to value: Double? = nil) throws(ScalingLawError) -> ScalingLaw {
        var copy = self
        if let value { copy = try copy.setting(parameter, to: value) }
        copy.fixedParameters.insert(parameters[try index(of: parameter)])
        return copy
    }

    // MARK: Evaluation

    /// The values of `point` in ``variables`` order, after checking that every variable is present,
    /// no unknown one is, and each value is in its domain.
    public func arguments(_ point: [Variable: Double]) throws(ScalingLawError) -> [Double] {
        let x = try variables.ordered(point)
        try validate(x)
        return x
    }

    /// Checks values given in ``variables`` order against the law's domain: each variable's own
    /// domain, then the form's further conditions.
    public func validate(_ x: [Double]) throws(ScalingLawError) {
        guard x.count == domainRules.count else {
            throw .raggedColumns("expected \(domainRules.count) variable values, got \(x.count)")
        }
        for slot in x.indices where !domainRules[slot].admits(x[slot]) {
            try variables[slot].check(x[slot])
        }
        var failure: ScalingLawError?
        x.withUnsafeBufferPointer { xb in
            values.withUnsafeBufferPointer { pb in
                do throws(ScalingLawError) {
                    try form.validate(LawArguments(xb), parameters: LawArguments(pb))
                } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    /// The law's value at `point`, e.g. `try law([.N: 7e9, .D: 1e12])`.
    public func callAsFunction(_ point: [Variable: Double]) throws(ScalingLawError) -> Double {
        let x = try arguments(point)
        let value = evaluate(x)
        guard value.isFinite else { throw .nonFiniteResult("\(name) at \(describe(point))") }
        return value
    }

    /// The law's value at `point` with the variables outside the preset's fitted range.
    public func prediction(at point: [Variable: Double]) throws(ScalingLawError) -> Prediction {
        Prediction(value: try self(point), extrapolations: fittedRange?.extrapolations(at: point) ?? [])
    }

    /// Evaluates on any scalar type, variables given in ``variables`` order (not validated:
    /// use ``validate(_:)`` or the dictionary form for checked input).
    @inlinable
    public func evaluate<T: LawScalar>(_ x: [T]) -> T {
        let p = values.map { T($0) }
        return x.withUnsafeBufferPointer { xb in
            p.withUnsafeBufferPointer { pb in form.evaluate(LawArguments(xb), LawArguments(pb)) }
        }
    }

    /// The law's value and its exact gradient with respect to every parameter, at `point`.
    public func gradient(at point: [Variable: Double]) throws(ScalingLawError) -> (value: Double, gradient: [Double]) {
        let x = try arguments(point)
        let result: (value: Double, gradient: [Double])
        switch values.count {
        case 0...8: result = gradient(x, SIMD8<Double>.self)
        case 9...16: result = gradient(x, SIMD16<Double>.self)
        case 17...32: result = gradient(x, SIMD32<Double>.self)
        case 33...64: result = gradient(x, SIMD64<Double>.self)
        default: throw .tooManyParameters(values.count)
        }
        guard result.value.isFinite else { throw .nonFiniteResult("\(name) at \(describe(point))") }
        if let slot = result.gradient.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteResult("∂\(name)/∂\(parameters[slot].name) = \(result.gradient[slot]) at \(describe(point))")
        }
        return result
    }

    /// The gradient with `Partials` slots, the narrowest that holds every parameter.
    private func gradient<Partials: SIMD & Sendable>(
        _ x: [Double], _: Partials.Type
    ) -> (value: Double, gradient: [Double]) where Partials.Scalar == Double {
        let xs = x.map { Dual<Partials>($0) }
        let ps = values.enumerated().map { Dual<Partials>($1, seed: $0) }
        let result = xs.withUnsafeBufferPointer { xb in
            ps.withUnsafeBufferPointer { pb in form.evaluate(LawArguments(xb), LawArguments(pb)) }
        }
        return (result.value, (0..<values.count).map { result.partials[$0] })
    }

    /// The law's value and its exact derivative with respect to `variable`, at `point`.
    public func derivative(
        at point: [Variable: Double], withRespectTo variable: Variable
    ) throws(ScalingLawError) -> (value: Double, derivative: Double) {
        let x = try arguments(point)
        guard let slot = variables.firstIndex(of: variable) else { throw .unexpectedVariable(variable.id) }
        let xs = x.enumerated().map { index, value in
            index == slot ? Dual<SIMD2<Double>>(value, seed: 0) : Dual<SIMD2<Double>>(value)
        }
        let result = evaluate(xs)
        guard result.value.isFinite, result.partials[0].isFinite else {
            throw .nonFiniteResult("∂\(name)/∂\(variable.id) = \(result.partials[0]) at \(describe(point))")
        }
        return (result.value, result.partials[0])
    }

    // MARK: Formula

    /// The formula as Unicode text (`style: .latex` for LaTeX), with symbols or, when
    /// `showingValues` is set, the parameter values in place of their symbols.
    public func formula(_ style: FormulaStyle = .unicode, showingValues: Bool = false) -> String {
        let traced = form.formula(values: showingValues ? values : nil)
        return style == .unicode ? traced.unicode : traced.latex
    }

    func describe(_ point: [Variable: Double]) -> String {
        point.keys.sorted { $0.id < $1.id }.map { "\($0.id)=\(point[$0]!)" }.joined(separator: ", ")
    }
}

/// How a formula prints.
public enum FormulaStyle: Sendable { case unicode, latex }

extension Parameter {
    /// The domain as words, for error messages.
    public var requirement: String {
        switch domain {
        case .real: return "a finite number"
        case .positive: return "> 0"
        case .interval(let range): return "in [\(range.lowerBound), \(range.upperBound)]"
        }
    }
}

// MARK: - Composition of laws with values

/// The sum of two laws: their forms summed, their fixed sets united.
///
/// Throws ``ScalingLawError/conflictingParameter(_:first:second:)`` when both laws have a parameter
/// of the same name: say what you mean with ``ScalingLaw/adding(_:sharing:)`` (one shared parameter)
/// or ``ScalingLaw/renaming(_:)`` (two parameters).
public func + <Lhs: LawForm, Rhs: LawForm>(
    lhs: ScalingLaw<Lhs>, rhs: ScalingLaw<Rhs>
) throws(ScalingLawError) -> ScalingLaw<Sum<Lhs, Rhs>> {
    try lhs.adding(rhs)
}

extension ScalingLaw {
    /// This law plus `other`, with the parameters in `shared` — which both laws must have — made one
    /// parameter that takes this law's value (Sun et al.'s quantization term shares the base law's
    /// α and β). Any other parameter name the two laws have in common is an error.
    public func adding<Other: LawForm>(
        _ other: ScalingLaw<Other>, sharing shared: Set<Parameter> = []
    ) throws(ScalingLawError) -> ScalingLaw<Sum<Form, Other>> {
        let form: Sum<Form, Other>
        do throws(ScalingLawError) { form = try Sum(self.form, other.form, sharing: shared) } catch {
            throw error.naming(name, other.name)
        }
        return ScalingLaw<Sum<Form, Other>>(
            unchecked: form, name: "\(name) + \(other.name)", values: combinedValues(form.parameters, self, other),
            fixed: fixedParameters.union(other.fixedParameters))
    }

    /// This law with `variable` replaced by the value of `inner` (Kumar's N → N_eff). The parameters
    /// in `shared` are one parameter (this law's value); any other name in common is an error.
    public func substituting<Inner: LawForm>(
        _ variable: Variable, with inner: ScalingLaw<Inner>, sharing shared: Set<Parameter> = []
    ) throws(ScalingLawError) -> ScalingLaw<Substitution<Form, Inner>> {
        let form: Substitution<Form, Inner>
        do throws(ScalingLawError) {
            form = try Substitution(self.form, replacing: variable, with: inner.form, sharing: shared)
        } catch { throw error.naming(name, inner.name) }
        return ScalingLaw<Substitution<Form, Inner>>(
            unchecked: form, name: "\(name)[\(variable.id) → \(inner.name)]",
            values: combinedValues(form.parameters, self, inner),
            fixed: fixedParameters.union(inner.fixedParameters))
    }

    /// This law with parameters renamed (see ``Renaming``); values follow their parameters.
    public func renaming(_ renames: [Parameter: Parameter]) -> ScalingLaw<Renaming<Form>> {
        let form = Renaming(self.form, renames)
        var byName: [Parameter: Double] = [:]
        for (parameter, value) in zip(parameters, values) {
            let renamed = renames[parameter] ?? parameter
            if byName[renamed] == nil { byName[renamed] = value }
        }
        let fixed = Set(fixedParameters.map { renames[$0] ?? $0 })
        return ScalingLaw<Renaming<Form>>(unchecked: form, name: name,
                                          values: form.parameters.map { byName[$0]! }, fixed: fixed,
                                          provenance: provenance, fittedRange: fittedRange)
    }
}

private func combinedValues<A: LawForm, B: LawForm>(
    _ parameters: [Parameter], _ first: ScalingLaw<A>, _ second: ScalingLaw<B>
) -> [Double] {
    let firstValues = first.parameterValues
    let secondValues = second.parameterValues
    return parameters.map { firstValues[$0] ?? secondValues[$0]! }
}
