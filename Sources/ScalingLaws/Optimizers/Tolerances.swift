/// The convergence settings shared by the optimizers.
struct Tolerances: Sendable {
    var maxIterations: Int
    var objective: Double
    var gradient: Double
    var step: Double

    init(_ options: FitOptions) {
        maxIterations = options.maxIterations
        objective = options.objectiveTolerance
        gradient = options.gradientTolerance
        step = options.stepTolerance
    }
}
