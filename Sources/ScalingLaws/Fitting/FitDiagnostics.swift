/// The warnings a careful reader needs at an optimum: parameters on a bound, beyond the start grid,
/// running off toward 0 or ∞, insensitive, weakly identified, and combinations of parameters the data
/// cannot tell apart.
enum FitDiagnostics {
    /// A relative standard error above this (50%) makes a parameter weakly identified.
    static let weakRelativeError = 0.5
    /// A partner is named when the correlation exceeds this in magnitude.
    static let notableCorrelation = 0.8
    /// A pair correlated beyond this is a ridge.
    static let ridgeCorrelation = 0.9999
    /// The correlation matrix's smallest eigenvalue below this marks a near-singular direction.
    static let singularEigenvalue = 1e-6

    static func warnings(
        plan: FitPlan, problem: FitProblem, best: LocalResult, values: [Double], covariance: [Double]?,
        workspace: FitProblem.Workspace, residualSquares: Double
    ) -> [FitWarning] {
        var warnings = boundaryWarnings(plan: plan, problem: problem, best: best, values: values)
        warnings += insensitiveWarnings(plan: plan, problem: problem, values: values, workspace: workspace,
                                        residualSquares: residualSquares)
        if let covariance { warnings += identifiabilityWarnings(problem: problem, values: values, covariance: covariance) }
        return warnings
    }

    private static func boundaryWarnings(plan: FitPlan, problem: FitProblem, best: LocalResult, values: [Double]) -> [FitWarning] {
        var warnings: [FitWarning] = []
        for (slot, index) in problem.free.enumerated() {
            let name = problem.names[index]
            let value = values[index]
            let coordinate = problem.coordinates[slot]
            if let proximity = coordinate.boundProximity(best.u[slot]), proximity.fraction < 1e-6, let bounds = coordinate.bounds {
                warnings.append(.onBound(parameter: name, value: value,
                                         bound: proximity.upper ? bounds.upperBound : bounds.lowerBound))
            }
            let grid = plan.gridRanges[problem.parameters[index]]
            if let grid, !grid.contains(value) {
                warnings.append(.beyondGrid(parameter: name, value: value, grid: grid))
            }
            // A log-space parameter that left its start range by six orders of magnitude (or, with no
            // range, reached 10⁻⁸ or 10²¹) is sliding along a ridge toward 0 or ∞.
            if case .exponential = coordinate.map {
                let runaway: Bool
                if let grid, grid.lowerBound > 0 {
                    runaway = value < grid.lowerBound * 1e-6 || value > grid.upperBound * 1e6
                } else {
                    runaway = value < 1e-8 || value > 1e21
                }
                if runaway { warnings.append(.runaway(parameter: name, value: value)) }
            }
        }
        return warnings
    }

    /// Parameters whose plausible change moves the predictions less than the data's noise: moving
    /// θ by the larger of |θ| and its start range's width changes the residuals by an RMS
    /// `sensitivity` below the residuals' own RMS. That is what a parameter running off to where
    /// it no longer matters looks like, whatever its magnitude.
    private static func insensitiveWarnings(
        plan: FitPlan, problem: FitProblem, values: [Double], workspace: FitProblem.Workspace, residualSquares: Double
    ) -> [FitWarning] {
        let k = problem.free.count
        var totalWeight = 0.0
        for i in 0..<problem.count { totalWeight += problem.weights[i] }
        guard totalWeight > 0, problem.count > k else { return [] }
        let noise = (residualSquares / totalWeight).squareRoot()
        guard noise > 0, noise.isFinite else { return [] }
        var warnings: [FitWarning] = []
        for (slot, index) in problem.free.enumerated() {
            let value = values[index]
            var spread = Swift.abs(value)
            if let grid = plan.gridRanges[problem.parameters[index]] { spread = Swift.max(spread, grid.upperBound - grid.lowerBound) }
            guard spread > 0 else { continue }
            var sum = 0.0
            for i in 0..<problem.count {
                let change = workspace.slopes[i] * workspace.jacobian[i * k + slot] * spread
                sum += problem.weights[i] * change * change
            }
            let sensitivity = (sum / totalWeight).squareRoot()
            if sensitivity.isFinite, sensitivity < noise {
                warnings.append(.insensitive(parameter: problem.names[index], value: value, sensitivity: sensitivity, noise: noise))
            }
        }
        return warnings
    }

    /// Weakly identified parameters (relative standard error above 50%, with their most correlated
    /// partner), ridges (pairs correlated beyond ±0.9999) and near-singular combinations (the
    /// correlation matrix's smallest eigenvalue below 10⁻⁶, naming the parameters its eigenvector
    /// weighs by more than 0.2), unless that combination is a pair already reported as a ridge.
    private static func identifiabilityWarnings(problem: FitProblem, values: [Double], covariance: [Double]) -> [FitWarning] {
        let k = problem.free.count
        let names = problem.free.map { problem.names[$0] }
        let deviations = (0..<k).map { covariance[$0 * k + $0].squareRoot() }
        var correlation = [Double](repeating: 0, count: k * k)
        for a in 0..<k { for b in 0..<k { correlation[a * k + b] = covariance[a * k + b] / (deviations[a] * deviations[b]) } }
        var warnings: [FitWarning] = []
        for (slot, index) in problem.free.enumerated() {
            // Relative errors mean something for positive parameters only (an offset near 0 has none).
            guard case .positive = problem.parameters[index].domain else { continue }
            let value = values[index]
            guard value != 0, deviations[slot] / Swift.abs(value) > weakRelativeError else { continue }
            let partner = (0..<k).filter { $0 != slot }.max { Swift.abs(correlation[slot * k + $0]) < Swift.abs(correlation[slot * k + $1]) }
            let notable = partner.flatMap { Swift.abs(correlation[slot * k + $0]) > notableCorrelation ? $0 : nil }
            warnings.append(.weaklyIdentified(parameter: names[slot], value: value, standardError: deviations[slot],
                                              partner: notable.map { names[$0] }, correlation: notable.map { correlation[slot * k + $0] }))
        }
        for a in 0..<k {
            for b in 0..<a where Swift.abs(correlation[a * k + b]) > ridgeCorrelation {
                warnings.append(.ridge(parameters: [names[b], names[a]], correlation: correlation[a * k + b]))
            }
        }
        if k >= 2, let (eigenvalue, vector) = SymmetricEigen.smallest(correlation, n: k), eigenvalue < singularEigenvalue {
            let involved = (0..<k).filter { Swift.abs(vector[$0]) > 0.2 }
            // A pair already reported as a ridge needs no second warning.
            let isRidgePair = involved.count == 2 && Swift.abs(correlation[involved[0] * k + involved[1]]) > ridgeCorrelation
            if involved.count >= 2, !isRidgePair {
                warnings.append(.nearlySingular(parameters: involved.map { names[$0] }, weights: involved.map { vector[$0] },
                                                eigenvalue: eigenvalue))
            }
        }
        return warnings
    }
}

/// Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations.
enum SymmetricEigen {
    /// The smallest eigenvalue of the row-major symmetric `n × n` matrix and its unit eigenvector;
    /// nil when the rotations do not converge or the entries are not finite.
    static func smallest(_ matrix: [Double], n: Int) -> (Double, [Double])? {
        guard matrix.count == n * n, matrix.allSatisfy(\.isFinite) else { return nil }
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for r in 0..<n {
                        let arp = a[r * n + p], arq = a[r * n + q]
                        a[r * n + p] = c * arp - s * arq
                        a[r * n + q] = s * arp + c * arq
                    }
                    for r in 0..<n {
                        let apr = a[p * n + r], aqr = a[q * n + r]
                        a[p * n + r] = c * apr - s * aqr
                        a[q * n + r] = s * apr + c * aqr
                    }
                    for r in 0..<n {
                        let vrp = v[r * n + p], vrq = v[r * n + q]
                        v[r * n + p] = c * vrp - s * vrq
                        v[r * n + q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let index = (0..<n).min { a[$0 * n + $0] < a[$1 * n + $1] }!
        return (a[index * n + index], (0..<n).map { v[$0 * n + index] })
    }
}
