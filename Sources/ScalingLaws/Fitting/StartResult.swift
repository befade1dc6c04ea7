/// The outcome of one start of a multi-start fit.
public struct StartResult: Sendable, Hashable {
    /// The start's position in the list or grid (0-based).
    public let index: Int
    /// The free parameters' values at the start.
    public let start: [Parameter: Double]
    /// The free parameters' values where the local optimisation ended.
    public let parameters: [Parameter: Double]
    /// The objective there (+∞ when the start failed).
    public let objective: Double
    /// The iterations of the local optimisation.
    public let iterations: Int
    /// Objective evaluations (value-only and value-with-derivatives together).
    public let evaluations: Int
    /// Why the local optimisation stopped.
    public let reason: ConvergenceReason
    /// False when a parameter fitted in ``SearchSpace/natural`` coordinates ended outside its
    /// domain; such a start cannot be the fit's answer.
    public let isInsideDomain: Bool
    /// True when the start ran to the fit's full tolerances; false when ``Screening`` stopped it
    /// at the screening tolerance because better starts were refined instead.
    public let isRefined: Bool
}
