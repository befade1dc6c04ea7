/// How a parameter lives in the optimizer's unconstrained space θ.
///
/// Positive parameters are fitted as θ = ln p; a parameter bounded in [a, b] as
/// p = a + (b − a)/(1 + e^(−θ)); an unconstrained one as θ = p.
enum ParameterTransform: Sendable, Hashable {
    case identity
    case logarithm
    case interval(Double, Double)

    init(_ domain: Parameter.Domain, override: ClosedRange<Double>?) {
        if let override { self = .interval(override.lowerBound, override.upperBound); return }
        switch domain {
        case .real: self = .identity
        case .positive: self = .logarithm
        case .interval(let range): self = .interval(range.lowerBound, range.upperBound)
        }
    }

    /// p(θ) and dp/dθ.
    @inline(__always)
    func natural(_ theta: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .identity: return (theta, 1)
        case .logarithm:
            let value = Double.exp(theta)
            return (value, value)
        case .interval(let lower, let upper):
            let s = 1 / (1 + Double.exp(-theta))
            return (lower + (upper - lower) * s, (upper - lower) * s * (1 - s))
        }
    }

    /// θ(p); a value on an interval's bound is moved just inside it.
    func internalValue(_ value: Double) -> Double {
        switch self {
        case .identity: return value
        case .logarithm: return Double.log(value)
        case .interval(let lower, let upper):
            let s = Swift.min(Swift.max((value - lower) / (upper - lower), 1e-12), 1 - 1e-12)
            return Double.log(s / (1 - s))
        }
    }

    /// Whether `value` is admissible.
    func admits(_ value: Double) -> Bool {
        switch self {
        case .identity: return value.isFinite
        case .logarithm: return value.isFinite && value > 0
        case .interval(let lower, let upper): return value >= lower && value <= upper
        }
    }

    /// Whether `value` sits on (within 10⁻⁶ of the width of) an interval bound.
    func isOnBound(_ value: Double) -> Bool {
        guard case .interval(let lower, let upper) = self else { return false }
        let margin = 1e-6 * (upper - lower)
        return value - lower <= margin || upper - value <= margin
    }
}
