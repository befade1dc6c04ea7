/// The convergence settings shared by the optimizers.
struct Tolerances: Sendable {
    var maxIterations: Int
    var objective: Double
    var gradient: Double
    var step: Double

    /// The options' tolerances, the gradient's scaled by the data's mean positive weight: the
    /// objective and its gradient scale with the weights, so an absolute gradient test would call
    /// any start converged when every weight is tiny (10⁻¹²).
    init(_ options: FitOptions, weights: [Double]) {
        maxIterations = options.maxIterations
        objective = options.objectiveTolerance
        let positive = weights.filter { $0 > 0 }
        let meanWeight = positive.isEmpty ? 1 : positive.reduce(0, +) / Double(positive.count)
        gradient = options.gradientTolerance * meanWeight
        step = options.stepTolerance
    }
}
