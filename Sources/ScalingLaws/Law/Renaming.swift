/// A law form with some parameters renamed: to share a parameter with another form (rename both
/// to one name), to tie two parameters of one form (rename one to the other's name), or to keep
/// two same-named parameters apart before a sum.
public struct Renaming<Base: LawForm>: LawForm {
    /// The form whose parameters are renamed.
    public let base: Base
    /// The base form's variables.
    public let variables: [Variable]
    /// The renamed parameters, merged where names coincide.
    public let parameters: [Parameter]
    @usableFromInline let parameterMap: [Int]

    /// Renames each base parameter named by a key of `renames` to the parameter it maps to.
    /// Base parameters that end up with the same name become one parameter.
    public init(_ base: Base, _ renames: [Parameter: Parameter]) {
        self.base = base
        variables = base.variables
        var parameters: [Parameter] = []
        parameterMap = merge(base.parameters.map { renames[$0] ?? $0 }, into: &parameters)
        self.parameters = parameters
    }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        withGathered(p, parameterMap) { bp in base.evaluate(x, bp) }
    }

    /// The base form's answer.
    public var hasPointConditions: Bool { base.hasPointConditions }

    @inlinable
    public func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
        var failure: ScalingLawError?
        withGathered(p, parameterMap) { bp in
            do throws(ScalingLawError) { try base.validate(x, parameters: bp) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension LawForm {
    /// This form with parameters renamed (see ``Renaming``).
    public func renaming(_ renames: [Parameter: Parameter]) -> Renaming<Self> {
        Renaming(self, renames)
    }
}
