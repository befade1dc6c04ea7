extension ScalingLaw {
    /// Fits the law's free parameters to `data`: minimises `Σᵢ wᵢ·ρ(rᵢ)` over the parameters not
    /// in ``fixedParameters``, from every start, and returns the best optimum with its diagnostics.
    ///
    /// - Parameters:
    ///   - data: the points; the law's variables must all be columns of it (extra columns are
    ///     ignored). Measured values must be > 0 for logarithmic residuals.
    ///   - loss: ρ (``LossFunction``); least squares by default.
    ///   - residuals: `ln y − ln ŷ` (default) or `y − ŷ`.
    ///   - starts: the law's current values (default), a list, or a grid (``Starts``).
    ///   - optimizer: Levenberg–Marquardt or L-BFGS (``Optimizer``).
    ///   - options: tolerances, iteration limit, search coordinates and bounds, concurrency.
    /// - Returns: the fit, whose ``FitResult/law`` is this law with the fitted values.
    /// - Throws: ``FitError`` for bad data, options or starts, or when every start fails. A fit
    ///   that stops without converging is returned with its ``FitResult/reason`` and a warning.
    ///
    /// Derivatives are exact (the law's own `evaluate` on dual numbers); values run eight points
    /// at a time in SIMD lanes; `ln` of each input column is computed once. Starts run in parallel,
    /// and the result is the same whatever the number of cores. Marked `@inlinable` so that the
    /// evaluation is specialised for the law's concrete type at the call site.
    @inlinable
    public func fit(
        to data: Observations, loss: LossFunction = .leastSquares, residuals: ResidualSpace = .logarithmic,
        starts: Starts = .current, optimizer: Optimizer = .automatic, options: FitOptions = FitOptions()
    ) throws(FitError) -> FitResult<Form> {
        let plan = try FitPlan(parameters: parameters, variables: variables, values: values, fixed: fixedParameters,
                               data: data, loss: loss, residuals: residuals, starts: starts, optimizer: optimizer,
                               options: options)
        let evaluator = LawEvaluator(form: form, data: plan.data, free: plan.free, concurrency: plan.concurrency)
        do {
            return FitResult(law: self, outcome: try plan.run(evaluator))
        } catch {
            // A point outside the law's own conditions (a Kumar precision below its threshold)
            // makes every start fail: name the point rather than the starts.
            if case .allStartsFailed = error, let violation = conditionViolation(in: data) { throw violation }
            throw error
        }
    }

    /// The first data row that breaks a condition of the form (``LawForm/validate(_:parameters:)``)
    /// at the law's current values, as the error to report; nil when every row passes.
    @inlinable
    func conditionViolation(in data: Observations) -> FitError? {
        guard form.hasPointConditions else { return nil }
        let columns = variables.compactMap { data.columns[$0] }
        guard columns.count == variables.count else { return nil }
        var point = [Double](repeating: 0, count: columns.count)
        for row in 0..<data.count {
            for slot in columns.indices { point[slot] = columns[slot][row] }
            do throws(ScalingLawError) {
                try point.withUnsafeBufferPointer { x throws(ScalingLawError) in
                    try values.withUnsafeBufferPointer { p throws(ScalingLawError) in
                        try form.validate(LawArguments(x), parameters: LawArguments(p))
                    }
                }
            } catch {
                if case .invalidValue(let variable, let value, let requirement) = error {
                    return .invalidValue(variable: variable, row: row, value: value,
                                         requirement: requirement + " (at the law's values before fitting)")
                }
                return .law(error)
            }
        }
        return nil
    }
}
