/// The warnings a careful reader needs at an optimum: parameters on a bound, beyond the start grid,
/// running off toward 0 or ∞, and pairs so correlated that the data cannot tell them apart.
enum FitDiagnostics {
    static func warnings(
        plan: FitPlan, problem: FitProblem, best: LocalResult, values: [Double], covariance: [Double]?
    ) -> [FitWarning] {
        var warnings: [FitWarning] = []
        for (slot, index) in problem.free.enumerated() {
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
        guard let covariance else { return warnings }
        let k = problem.free.count
        for a in 0..<k {
            for b in 0..<a {
                let correlation = covariance[a * k + b] / (covariance[a * k + a] * covariance[b * k + b]).squareRoot()
                if Swift.abs(correlation) > 0.9999 {
                    warnings.append(.ridge(parameters: [problem.names[problem.free[b]], problem.names[problem.free[a]]],
                                           correlation: correlation))
                }
            }
        }
        return warnings
    }
}
