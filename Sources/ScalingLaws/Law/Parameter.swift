/// A fitted constant of a law: its name, how it prints, and the values it may take.
///
/// Two parameters are the same parameter when their ``name`` is the same: summing two laws that
/// both have a parameter named `"alpha"` gives a law with one shared `alpha`.
public struct Parameter: Hashable, Sendable, CustomStringConvertible {
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

    /// Parameters are equal when their names are: that is how sums share them.
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
