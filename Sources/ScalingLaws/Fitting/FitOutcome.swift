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

    init(plan: FitPlan, problem: FitProblem, best: LocalResult, bestIndex: Int, starts: [StartResult], seconds: Double) {
        self.plan = plan
        self.problem = problem
        self.best = best
        self.bestIndex = bestIndex
        self.starts = starts
        self.seconds = seconds
        let values = problem.fullValues(best.u)
        self.values = values
        let free = problem.free
        let k = free.count
        let n = problem.count
        let freeParameters = free.map { problem.parameters[$0] }
        self.freeParameters = freeParameters
        scale = problem.hasScale ? Double.exp(best.u[k]) : nil

        // Residuals and the Jacobian ∂r/∂θ (natural coordinates) at the optimum.
        let workspace = FitProblem.Workspace(problem)
        workspace.theta.update(from: values, count: values.count)
        problem.evaluator.predictWithJacobian(UnsafePointer(workspace.theta), workspace.predictions, workspace.jacobian)
        _ = problem.computeResiduals(workspace)
        let residualValues = (0..<n).map { workspace.residuals[$0] }
        residuals = ResidualSummary(residualValues)

        let weights = problem.weights
        let weightSum = weights.reduce(0, +)
        let targets = problem.transformedTargets
        let meanTarget = zip(weights, targets).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
        var residualSquares = 0.0, totalSquares = 0.0
        for i in 0..<n {
            residualSquares += weights[i] * residualValues[i] * residualValues[i]
            totalSquares += weights[i] * (targets[i] - meanTarget) * (targets[i] - meanTarget)
        }
        rSquared = totalSquares > 0 ? 1 - residualSquares / totalSquares : (residualSquares == 0 ? 1 : 0)

        var warnings: [FitWarning] = []
        if !best.reason.isConverged { warnings.append(.notConverged(best.reason)) }

        // Covariance s²·(JᵀWJ)⁻¹ in natural coordinates (the delta method through θ(u) is exact here:
        // the Jacobian is taken with respect to θ itself).
        let pointsWithWeight = weights.filter { $0 > 0 }.count
        var covariance: [Double]?
        var standardErrors: [Parameter: Double] = [:]
        if pointsWithWeight <= k {
            warnings.append(.covarianceUnavailable("\(pointsWithWeight) points for \(k) free parameters"))
        } else {
            var normal = [Double](repeating: 0, count: k * k)
            for i in 0..<n where weights[i] > 0 {
                let row = workspace.jacobian + i * k
                let slope = workspace.slopes[i]
                for a in 0..<k {
                    for b in 0...a { normal[a * k + b] += weights[i] * slope * row[a] * slope * row[b] }
                }
            }
            for a in 0..<k { for b in 0..<a { normal[b * k + a] = normal[a * k + b] } }
            // Scale to unit diagonal first, so that parameters of very different sizes (A ~ 10³,
            // α ~ 0.3) do not make a well-posed matrix look singular.
            let diagonal = (0..<k).map { normal[$0 * k + $0] }
            if diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) {
                let scales = diagonal.map { 1 / $0.squareRoot() }
                var scaled = normal
                for a in 0..<k { for b in 0..<k { scaled[a * k + b] *= scales[a] * scales[b] } }
                if let factor = Cholesky(scaled, n: k) {
                    let variance = residualSquares / Double(pointsWithWeight - k)
                    var inverse = factor.inverse()
                    for a in 0..<k { for b in 0..<k { inverse[a * k + b] *= scales[a] * scales[b] * variance } }
                    covariance = inverse
                    for (slot, parameter) in freeParameters.enumerated() { standardErrors[parameter] = inverse[slot * k + slot].squareRoot() }
                } else {
                    warnings.append(.covarianceUnavailable("the Jacobian at the optimum is singular (parameters not identifiable)"))
                }
            } else {
                warnings.append(.covarianceUnavailable("a parameter does not affect the predictions at the optimum"))
            }
        }
        self.covariance = covariance
        self.standardErrors = standardErrors

        // Bounds, grid edges, runaways and ridges.
        for (slot, index) in free.enumerated() {
            let name = problem.names[index]
            let value = values[index]
            let coordinate = problem.coordinates[slot]
            if let proximity = coordinate.boundProximity(best.u[slot]), proximity.fraction < 1e-6, let bounds = coordinate.bounds {
                warnings.append(.onBound(parameter: name, value: value,
                                         bound: proximity.upper ? bounds.upperBound : bounds.lowerBound))
            }
            if let grid = plan.gridRanges[problem.parameters[index]], !grid.contains(value) {
                warnings.append(.beyondGrid(parameter: name, value: value, grid: grid))
            }
            if case .exponential = coordinate.map, value < 1e-8 || value > 1e21 {
                warnings.append(.runaway(parameter: name, value: value))
            }
        }
        if let covariance {
            for a in 0..<k {
                for b in 0..<a {
                    let correlation = covariance[a * k + b] / (covariance[a * k + a] * covariance[b * k + b]).squareRoot()
                    if Swift.abs(correlation) > 0.9999 {
                        warnings.append(.ridge(parameters: [freeParameters[b].name, freeParameters[a].name], correlation: correlation))
                    }
                }
            }
        }
        self.warnings = warnings
    }
}
