/// A fitted constant of a law: its name, how it prints, and the values it may take.
///
/// A `Parameter` is the handle by which everything else refers to a parameter: its value in a law
/// (``ScalingLaw/value(of:)``), whether a fit holds it fixed, its search space, bounds and start
/// values in a fit, its estimate and standard error after one. Each form publishes its handles as
/// static members (`ChinchillaForm.alpha`).
///
/// Two parameters are the same parameter when their ``name`` is the same. Where a name arrives as
/// text (a command-line option, a CSV header), a string literal stands for the parameter of that
/// name: `law.fixing("alpha")` is `law.fixing(ChinchillaForm.alpha)`.
public struct Parameter: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The values a parameter may take. The optimizer works in a transformed space that keeps it there.
    public enum Domain: Hashable, Sendable {
        /// Any finite real number.
        case real
        /// Strictly positive: fitted as its logarithm.
        case positive
        /// Inside a closed interval: fitted through a smooth bijection onto the reals.
        case interval(ClosedRange<Double>)
    }

    /// The identifier, e.g. `"alpha"`.
    public let name: String
    /// How the parameter prints, e.g. `α`.
    public let symbol: Symbol
    /// The values it may take.
    public let domain: Domain

    /// A parameter named `name`, printed as `symbol` (the name itself by default), positive by default.
    public init(_ name: String, symbol: Symbol? = nil, domain: Domain = .positive) {
        self.name = name
        self.symbol = symbol ?? Symbol(name)
        self.domain = domain
    }

    /// The parameter named `name`, as a key for looking a parameter up: its symbol is the name and
    /// its domain `.positive` (the law's own declaration is what counts).
    public init(stringLiteral name: String) {
        self.init(name)
    }

    /// Parameters are equal when their names are.
    public static func == (lhs: Parameter, rhs: Parameter) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }

    /// Whether `value` lies in the domain.
    public func admits(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch domain {
        case .real: return true
        case .positive: return value > 0
        case .interval(let range): return range.contains(value)
        }
    }
}
