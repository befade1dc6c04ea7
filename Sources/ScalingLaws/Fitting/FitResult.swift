/// A fitted law and everything needed to judge it.
///
/// ```swift
/// let fit = try Hoffmann2022.printed.fit(to: data, loss: .huber(delta: 1e-3), starts: .hoffmann2022,
///                                        options: FitOptions(searchSpaces: ["alpha": .natural, "beta": .natural]))
/// print(fit.law.formula(showingValues: true), fit.standardErrors, fit.warnings)
/// let loss = try fit.law(N: 70e9, D: 1.4e12)          // the fitted law composes like any other
/// ```
public struct FitResult<Form: LawForm>: Sendable {
    /// The law with the fitted values (fixed parameters unchanged), named `"<name> (fitted)"`,
    /// with the data's range of each numeric variable as its ``ScalingLaw/fittedRange``.
    public let law: ScalingLaw<Form>
    /// The objective at the optimum (see ``LossFunction``).
    public let objective: Double
    /// The iterations of the best start's optimisation.
    public let iterations: Int
    /// The objective evaluations of the best start's optimisation (value-only and with derivatives).
    public let evaluations: Int
    /// Why the best start's optimisation stopped.
    public let reason: ConvergenceReason
    /// The fitted (free) parameters, in the law's order.
    public let freeParameters: [Parameter]
    /// Asymptotic standard errors of the free parameters, `√diag(s²·(JᵀWJ)⁻¹)` with J the Jacobian
    /// of the residuals with respect to the natural parameters at the optimum and
    /// `s² = Σwᵢrᵢ²/(n − k)`. For robust losses this is the least-squares approximation: prefer
    /// ``bootstrap(resamples:seed:level:concurrency:progress:)``. Empty when unavailable (see ``warnings``).
    public let standardErrors: [Parameter: Double]
    /// The covariance matrix of the free parameters, row-major in ``freeParameters`` order.
    public let covariance: [Double]?
    /// The fitted scale σ of the Huber likelihood (nil for other losses).
    public let scale: Double?
    /// `1 − Σwr²/Σw(t − t̄)²` in the residual space (t = ln y or y).
    public let rSquared: Double
    /// The residuals at the optimum, in the fit's residual space.
    public let residuals: ResidualSummary
    /// The best start's index in the list or grid.
    public let bestStart: Int
    /// Every start's result with ``FitOptions/keepAllStarts``, else the best one only.
    public let starts: [StartResult]
    /// What a careful reader should know before trusting the numbers (empty when nothing is amiss).
    public let warnings: [FitWarning]
    /// The distinct optima the starts reached within 1% of the best objective, best first, with
    /// how many starts reached each (one entry for a well-posed fit; see
    /// ``FitWarning/severalOptima(count:objectives:)``).
    public let optima: [LocalOptimum]
    /// Wall-clock seconds of the fit (all starts and the diagnostics).
    public let seconds: Double
    let outcome: FitOutcome

    @usableFromInline
    init(law base: ScalingLaw<Form>, outcome: FitOutcome) {
        var bounds: [Variable: ClosedRange<Double>] = [:]
        for variable in base.variables where variable.categories.isEmpty {
            if let column = outcome.plan.observations.column(variable), let low = column.min(), let high = column.max() {
                bounds[variable] = low...high
            }
        }
        law = ScalingLaw(unchecked: base.form, name: base.name.isEmpty ? "fitted" : "\(base.name) (fitted)",
                         values: outcome.values, fixed: base.fixedParameters, provenance: nil,
                         fittedRange: FittedRange(bounds))
        objective = outcome.best.objective
        iterations = outcome.best.iterations
        evaluations = outcome.best.evaluations
        reason = outcome.best.reason
        freeParameters = outcome.freeParameters
        standardErrors = outcome.standardErrors
        covariance = outcome.covariance
        scale = outcome.scale
        rSquared = outcome.rSquared
        residuals = outcome.residuals
        bestStart = outcome.bestIndex
        starts = outcome.starts
        warnings = outcome.warnings
        optima = outcome.optima
        seconds = outcome.seconds
        self.outcome = outcome
    }

    /// The fitted values of every parameter.
    public var parameters: [Parameter: Double] { law.parameterValues }

    /// Every parameter's estimate, in the law's order: value, whether it was fixed, standard error.
    public var estimates: [ParameterEstimate] {
        zip(law.parameters, law.values).map { parameter, value in
            ParameterEstimate(parameter: parameter, value: value, isFixed: law.fixedParameters.contains(parameter),
                              standardError: standardErrors[parameter], degreesOfFreedom: degreesOfFreedom)
        }
    }

    /// The estimate of `parameter` (`fit[ChinchillaForm.alpha]`), or nil when the law has no such
    /// parameter.
    public subscript(parameter: Parameter) -> ParameterEstimate? {
        estimates.first { $0.parameter == parameter }
    }

    /// Points with weight minus free parameters: the degrees of freedom of the residual variance.
    public var degreesOfFreedom: Int {
        outcome.problem.weights.filter { $0 > 0 }.count - freeParameters.count
    }



    /// Whether the best start passed a convergence test.
    public var isConverged: Bool { reason.isConverged }

    /// Throws ``FitError/notConverged(_:)`` unless the best start converged: for callers that
    /// would rather stop than use an unconverged fit.
    public func requireConvergence() throws(FitError) {
        guard reason.isConverged else { throw .notConverged(reason) }
    }

    /// Refits the law to `resamples` bootstrap resamples of the data (points drawn with
    /// replacement, as integer weights), each from this fit's optimum, in parallel.
    ///
    /// Reproducible: resample `r` draws from its own xoshiro256** stream seeded with
    /// SplitMix64 from `seed` and r, so the result does not depend on the number of cores.
    /// - Parameters:
    ///   - resamples: the number of resamples (≥ 2).
    ///   - seed: the seed of the resamples' streams.
    ///   - level: the confidence level of the percentile intervals, in (0, 1).
    ///   - concurrency: threads to use; nil means one per core.
    ///   - progress: called with (refits done, resamples) after each refit, from the worker
    ///     threads (so it must be thread-safe and cheap; throttle any output yourself).
    public func bootstrap(
        resamples: Int = 1000, seed: UInt64 = 0, level: Double = 0.95, concurrency: Int? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(FitError) -> Bootstrap<Form> {
        guard (2...Bootstrap<Form>.maximumResamples).contains(resamples) else {
            throw .invalidOption("a bootstrap needs 2 to \(Bootstrap<Form>.maximumResamples) resamples, got \(resamples)")
        }
        guard level > 0, level < 1 else { throw .invalidOption("the confidence level must be in (0, 1), got \(level)") }
        if let concurrency, concurrency < 1 { throw .invalidOption("concurrency must be ≥ 1, got \(concurrency)") }
        let run = BootstrapRun(problem: outcome.problem, optimizer: outcome.plan.optimizer,
                               tolerances: Tolerances(outcome.plan.options, weights: outcome.problem.weights), start: outcome.best.u,
                               resamples: resamples, seed: seed, concurrency: concurrency, progress: progress)
        return Bootstrap(law: law, run: run, seed: seed, level: level, bounds: outcome.plan.options.bounds)
    }
}
