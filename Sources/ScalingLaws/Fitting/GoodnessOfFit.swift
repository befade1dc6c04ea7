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
        let scale = 1e-12 * (targets.map { Swift.abs($0) }.max() ?? 0)
        isConstant = totalSquares <= scale * scale * weightSum
    }

    /// Whether the targets' spread is no more than rounding: `Σw(t − t̄)² ≤ (10⁻¹²·max|t|)²·Σw`.
    let isConstant: Bool

    /// R²; for constant targets (nothing to explain) 1 for a perfect fit and 0 otherwise, with a
    /// ``FitWarning/constantTargets`` warning.
    var rSquared: Double {
        if isConstant { return residualSquares == 0 ? 1 : 0 }
        return 1 - residualSquares / totalSquares
    }
}
