/// The asymptotic covariance `s²·(JᵀWJ)⁻¹` of the free parameters at an optimum, in natural
/// coordinates (the Jacobian is taken with respect to θ itself, so no delta method is needed), with
/// `s² = Σwr²/(n − k)`; or why it is unavailable.
struct ParameterCovariance {
    /// Row-major k × k, nil when unavailable.
    let matrix: [Double]?
    /// Why ``matrix`` is nil.
    let problem: String?

    /// The square roots of the diagonal.
    var standardErrors: [Double]? {
        guard let matrix else { return nil }
        let k = Int(Double(matrix.count).squareRoot().rounded())
        return (0..<k).map { matrix[$0 * k + $0].squareRoot() }
    }

    /// From the Jacobian and slopes in `workspace` (filled at the optimum).
    init(problem: FitProblem, workspace: FitProblem.Workspace, residualSquares: Double) {
        let k = problem.free.count
        let weights = problem.weights
        let pointsWithWeight = weights.filter { $0 > 0 }.count
        guard pointsWithWeight > k else {
            (matrix, self.problem) = (nil, "\(pointsWithWeight) points for \(k) free parameters")
            return
        }
        var normal = [Double](repeating: 0, count: k * k)
        for i in 0..<problem.count where weights[i] > 0 {
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
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            (matrix, self.problem) = (nil, "a parameter does not affect the predictions at the optimum")
            return
        }
        let scales = diagonal.map { 1 / $0.squareRoot() }
        var scaled = normal
        for a in 0..<k { for b in 0..<k { scaled[a * k + b] *= scales[a] * scales[b] } }
        guard let factor = Cholesky(scaled, n: k) else {
            (matrix, self.problem) = (nil, "the Jacobian at the optimum is singular (parameters not identifiable)")
            return
        }
        let variance = residualSquares / Double(pointsWithWeight - k)
        var inverse = factor.inverse()
        for a in 0..<k { for b in 0..<k { inverse[a * k + b] *= scales[a] * scales[b] * variance } }
        (matrix, self.problem) = (inverse, nil)
    }
}
