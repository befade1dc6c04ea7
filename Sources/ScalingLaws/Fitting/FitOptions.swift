/// The settings of a fit beyond the loss, the residuals, the starts and the optimizer.
public struct FitOptions: Sendable {
    /// The iteration limit of each local optimisation.
    public var maxIterations: Int = 1000
    /// Stop when an iteration lowers the objective by less than this fraction of its value.
    public var objectiveTolerance: Double = 1e-12
    /// Stop when the largest gradient component (in search coordinates) is below this.
    public var gradientTolerance: Double = 1e-10
    /// Stop when the step is below this, relative to the size of the search coordinates.
    public var stepTolerance: Double = 1e-12
    /// Per-parameter coordinates (`[ChinchillaForm.alpha: .natural]`), overriding the defaults of the
    /// parameters' domains and of the starts.
    public var searchSpaces: [Parameter: SearchSpace] = [:]
    /// Per-parameter bounds (a ``SearchSpace/bounded(_:)`` search space).
    public var bounds: [Parameter: ClosedRange<Double>] = [:]
    /// Keep every start's result in ``FitResult/starts`` (only the best one otherwise).
    public var keepAllStarts: Bool = false
    /// How many starts run at once; nil means one per active processor core.
    public var concurrency: Int? = nil
    /// How a fit with many starts spends its time (see ``Screening``); nil runs every start to the
    /// full tolerances.
    public var screening: Screening? = .automatic

    /// Options with the given values; every argument has the documented default.
    public init(
        maxIterations: Int = 1000, objectiveTolerance: Double = 1e-12, gradientTolerance: Double = 1e-10,
        stepTolerance: Double = 1e-12, searchSpaces: [Parameter: SearchSpace] = [:],
        bounds: [Parameter: ClosedRange<Double>] = [:], keepAllStarts: Bool = false, concurrency: Int? = nil,
        screening: Screening? = .automatic
    ) {
        self.maxIterations = maxIterations
        self.objectiveTolerance = objectiveTolerance
        self.gradientTolerance = gradientTolerance
        self.stepTolerance = stepTolerance
        self.searchSpaces = searchSpaces
        self.bounds = bounds
        self.keepAllStarts = keepAllStarts
        self.concurrency = concurrency
        self.screening = screening
    }

    func validate() throws(FitError) {
        guard maxIterations > 0 else { throw .invalidOption("maxIterations must be > 0, got \(maxIterations)") }
        for (name, value) in [("objectiveTolerance", objectiveTolerance), ("gradientTolerance", gradientTolerance),
                              ("stepTolerance", stepTolerance)] where !(value >= 0 && value.isFinite) {
            throw .invalidOption("\(name) must be finite and ≥ 0, got \(value)")
        }
        if let concurrency, concurrency < 1 { throw .invalidOption("concurrency must be ≥ 1, got \(concurrency)") }
        if let screening { try screening.validate() }
    }
}
