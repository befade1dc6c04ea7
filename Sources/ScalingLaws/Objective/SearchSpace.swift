/// The coordinates in which the optimizer moves a parameter θ: it works on an unconstrained `u`
/// and maps it to θ, so constraints hold at every step without projections.
///
/// By default a parameter's ``Parameter/Domain`` decides: `.real` → ``natural``, `.positive` →
/// ``logarithmic``, `.interval(r)` → ``bounded(_:)``; ``FitOptions/searchSpaces`` and
/// ``FitOptions/bounds`` override it per fit.
public enum SearchSpace: Sendable, Hashable {
    /// θ = u. A positive parameter fitted this way may leave its domain; such an optimum is
    /// reported (``FitWarning/lowerObjectiveOutsideDomain(objective:start:)``) and not returned.
    case natural
    /// θ = eᵘ: positive, and multiplicative steps (A = 400 and A = 4·10⁴ are equally easy to reach).
    case logarithmic
    /// θ = lo + (hi − lo)·s(u), s the logistic function; for a positive parameter with lo > 0, the
    /// same map on ln θ. The ends are approached, never reached (a fit that runs into one warns).
    case bounded(ClosedRange<Double>)
}
