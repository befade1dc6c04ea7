/// A fit's objective, residuals and Jacobian at given parameter values: to check a published fit
/// against your data, or to compare two parameter sets on the objective a fit would minimise.
public struct ObjectiveEvaluation: Sendable {
    /// `Σᵢ wᵢ·ρ(rᵢ)` (for the Huber likelihood, at the given scale σ): what ``ScalingLaw/fit(to:loss:residuals:starts:optimizer:options:)``
    /// minimises, so a fit's ``FitResult/objective`` equals this at its optimum.
    public let objective: Double
    /// Each point's residual in the residual space: `ln y − ln ŷ` or `y − ŷ`.
    public let residuals: [Double]
    /// Each point's prediction ŷ.
    public let predictions: [Double]
    /// The parameters the Jacobian's columns belong to: those not fixed, in the law's order.
    public let freeParameters: [Parameter]
    /// `∂rᵢ/∂θⱼ` with respect to the free parameters themselves (natural coordinates), one row per point.
    public let jacobian: [[Double]]
}

extension ScalingLaw {
    /// The objective a fit of this law to `data` would minimise, at the law's current values, with
    /// each point's residual and the exact Jacobian of the residuals.
    ///
    /// ```swift
    /// let data = try Dataset.epochChinchilla.observations()
    /// let published = try Besiroglu2024.refit.objective(on: data, loss: .huber(delta: 1e-3))
    /// let fitted = try Besiroglu2024.refit.fit(to: data, loss: .huber(delta: 1e-3))
    /// print(published.objective, fitted.objective)    // the refit is never worse
    /// ```
    /// - Parameters:
    ///   - data: the points, as for a fit.
    ///   - loss: ρ (``LossFunction``).
    ///   - residuals: `ln y − ln ŷ` (default) or `y − ŷ`.
    ///   - scale: σ of ``LossFunction/huberLikelihood(delta:)`` (required for that loss, ignored otherwise).
    /// - Throws: ``FitError`` for bad data or options, as a fit would, or a prediction that is not
    ///   finite (or not positive, with logarithmic residuals) at these values.
    @inlinable
    public func objective(
        on data: Observations, loss: LossFunction = .leastSquares, residuals: ResidualSpace = .logarithmic, scale: Double? = nil
    ) throws(FitError) -> ObjectiveEvaluation {
        let plan = try FitPlan(parameters: parameters, variables: variables, values: values, fixed: fixedParameters,
                               data: data, loss: loss, residuals: residuals, starts: .current, optimizer: .automatic,
                               options: FitOptions())
        return try plan.evaluate(LawEvaluator(form: form, data: plan.data, free: plan.free), scale: scale)
    }
}

extension FitPlan {
    /// The objective, residuals and Jacobian at the plan's values.
    @usableFromInline
    func evaluate(_ evaluator: LawEvaluator, scale: Double?) throws(FitError) -> ObjectiveEvaluation {
        let problem = try FitProblem(evaluator: evaluator, data: observations, parameters: parameters, values: values,
                                     free: free, coordinates: coordinates, residualSpace: residuals, loss: loss)
        var inverseScale = 1.0, logScale = 0.0
        if problem.hasScale {
            guard let scale, scale > 0, scale.isFinite else {
                throw .invalidOption("the Huber likelihood needs a finite scale σ > 0 (scale:), got \(scale.map { "\($0)" } ?? "none")")
            }
            inverseScale = 1 / scale
            logScale = Double.log(scale)
        }
        let workspace = FitProblem.Workspace(problem)
        workspace.theta.update(from: values, count: values.count)
        problem.evaluator.predictWithJacobian(UnsafePointer(workspace.theta), workspace.predictions, workspace.jacobian)
        guard problem.computeResiduals(workspace) else {
            let row = (0..<problem.count).first { i in
                let prediction = workspace.predictions[i]
                return residuals == .logarithmic ? !(prediction > 0 && prediction < .infinity) : !prediction.isFinite
            } ?? 0
            throw .law(.nonFiniteResult("the law predicts \(workspace.predictions[row]) for row \(row) at these parameter values (a finite\(residuals == .logarithmic ? ", positive" : "") value is needed)"))
        }
        let k = free.count
        var objective = 0.0
        for i in 0..<problem.count where problem.weights[i] > 0 {
            objective += problem.weights[i] * (loss.rho(workspace.residuals[i] * inverseScale).rho
                + (problem.hasScale ? logScale + problem.logNormalizer : 0))
        }
        return ObjectiveEvaluation(
            objective: objective,
            residuals: (0..<problem.count).map { workspace.residuals[$0] },
            predictions: (0..<problem.count).map { workspace.predictions[$0] },
            freeParameters: free.map { parameters[$0] },
            jacobian: (0..<problem.count).map { i in (0..<k).map { workspace.slopes[i] * workspace.jacobian[i * k + $0] } })
    }
}
