/// The law-independent result of a fit: the best start and the diagnostics at its optimum.
@usableFromInline
struct FitOutcome: Sendable {
    let plan: FitPlan
    let problem: FitProblem
    let best: LocalResult
    let bestIndex: Int
    let starts: [StartResult]
    let seconds: Double
    /// The full parameter vector at the optimum, in the form's order.
    @usableFromInline let values: [Double]
    let freeParameters: [Parameter]
    let scale: Double?
    let covariance: [Double]?
    let standardErrors: [Parameter: Double]
    let rSquared: Double
    let residuals: ResidualSummary
    var warnings: [FitWarning]
    /// The distinct optima the starts reached within 1% of the best (the best first).
    var optima: [LocalOptimum] = []

    init(plan: FitPlan, problem: FitProblem, best: LocalResult, bestIndex: Int, starts: [StartResult], seconds: Double) {
        self.plan = plan
        self.problem = problem
        self.best = best
        self.bestIndex = bestIndex
        self.starts = starts
        self.seconds = seconds
        let values = problem.fullValues(best.u)
        self.values = values
        let freeParameters = problem.free.map { problem.parameters[$0] }
        self.freeParameters = freeParameters
        scale = problem.hasScale ? Double.exp(best.u[problem.free.count]) : nil

        // Residuals and the Jacobian ∂r/∂θ (natural coordinates) at the optimum.
        let workspace = FitProblem.Workspace(problem)
        workspace.theta.update(from: values, count: values.count)
        problem.evaluator.predictWithJacobian(UnsafePointer(workspace.theta), workspace.predictions, workspace.jacobian)
        _ = problem.computeResiduals(workspace)
        let residualValues = (0..<problem.count).map { workspace.residuals[$0] }
        residuals = ResidualSummary(residualValues)
        let goodness = GoodnessOfFit(residuals: residualValues, targets: problem.transformedTargets, weights: problem.weights)
        rSquared = goodness.rSquared

        var warnings: [FitWarning] = []
        if !best.reason.isConverged { warnings.append(.notConverged(best.reason)) }
        if goodness.isConstant { warnings.append(.constantTargets) }
        let covariance = ParameterCovariance(problem: problem, workspace: workspace, residualSquares: goodness.residualSquares)
        self.covariance = covariance.matrix
        var standardErrors: [Parameter: Double] = [:]
        for (slot, parameter) in freeParameters.enumerated() { standardErrors[parameter] = covariance.standardErrors?[slot] }
        self.standardErrors = standardErrors
        if let problem = covariance.problem { warnings.append(.covarianceUnavailable(problem)) }
        warnings += FitDiagnostics.warnings(plan: plan, problem: problem, best: best, values: values, covariance: covariance.matrix,
                                            workspace: workspace, residualSquares: goodness.residualSquares)
        self.warnings = warnings
    }
}
