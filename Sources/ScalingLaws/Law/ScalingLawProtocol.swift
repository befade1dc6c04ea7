/// What every ``ScalingLaw`` offers whatever its form type, so that laws of different forms can sit
/// in one list (``PresetCatalog/all``) and be evaluated, differentiated and printed alike.
///
/// `ScalingLaw` is the only conforming type the library needs; the generic `evaluate` works through
/// an existential too: `for entry in PresetCatalog.all { let x: Float = entry.law.evaluate(…) }`.
public protocol ScalingLawProtocol: Sendable {
    /// A short name, e.g. `"Hoffmann2022.printed"`.
    var name: String { get }
    /// The variables, in evaluation order.
    var variables: [Variable] { get }
    /// The parameters, in evaluation order.
    var parameters: [Parameter] { get }
    /// One value per parameter.
    var values: [Double] { get }
    /// The parameters a fit leaves at their values.
    var fixedParameters: Set<Parameter> { get }
    /// Where a preset's constants come from.
    var provenance: Provenance? { get }
    /// The inputs the constants were fitted on.
    var fittedRange: FittedRange? { get }

    /// The value at `point`, checked (see ``ScalingLaw/callAsFunction(_:)``).
    func callAsFunction(_ point: [Variable: Double]) throws(ScalingLawError) -> Double
    /// The value with its extrapolation warnings.
    func prediction(at point: [Variable: Double]) throws(ScalingLawError) -> Prediction
    /// The value computed in the scalar type `T`, checked (see ``ScalingLaw/callAsFunction(_:as:)``).
    func callAsFunction<T: LawScalar & BinaryFloatingPoint>(_ point: [Variable: Double], as type: T.Type) throws(ScalingLawError) -> T
    /// The value in any scalar type, variables in ``variables`` order (unchecked).
    func evaluate<T: LawScalar>(_ x: [T]) -> T
    /// The values at every point of `columns`, checked.
    func evaluate(batch columns: [Variable: [Double]]) throws(ScalingLawError) -> [Double]
    /// The value and its exact gradient with respect to every parameter.
    func gradient(at point: [Variable: Double]) throws(ScalingLawError) -> (value: Double, gradient: [Double])
    /// The value and its exact derivative with respect to `variable`.
    func derivative(
        at point: [Variable: Double], withRespectTo variable: Variable
    ) throws(ScalingLawError) -> (value: Double, derivative: Double)
    /// Checks values given in ``variables`` order against the law's domain.
    func validate(_ x: [Double]) throws(ScalingLawError)
    /// The formula as Unicode text or LaTeX.
    func formula(_ style: FormulaStyle, showingValues: Bool) -> String
    /// The value of `parameter`.
    func value(of parameter: Parameter) throws(ScalingLawError) -> Double
    /// This law with `parameter` set to `value`.
    func setting(_ parameter: Parameter, to value: Double) throws(ScalingLawError) -> Self
}

extension ScalingLaw: ScalingLawProtocol {}
