/// How much of the data's spread a fit explains, in its residual space: `R² = 1 − Σwr²/Σw(t − t̄)²`.
struct GoodnessOfFit {
    /// `Σ wᵢ·rᵢ²`.
    let residualSquares: Double
    /// `Σ wᵢ·(tᵢ − t̄)²`, t the targets in residual space and t̄ their weighted mean.
    let totalSquares: Double

    init(residuals: [Double], targets: [Double], weights: [Double]) {
        let weightSum = weights.reduce(0, +)
        let meanTarget = zip(weights, targets).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
        var residualSquares = 0.0, totalSquares = 0.0
        for i in residuals.indices {
            residualSquares += weights[i] * residuals[i] * residuals[i]
            totalSquares += weights[i] * (targets[i] - meanTarget) * (targets[i] - meanTarget)
        }
        self.residualSquares = residualSquares
        self.totalSquares = totalSquares
    }

    /// R²; 1 for a perfect fit of constant data, 0 for an imperfect one (nothing to explain).
    var rSquared: Double {
        totalSquares > 0 ? 1 - residualSquares / totalSquares : (residualSquares == 0 ? 1 : 0)
    }
}
