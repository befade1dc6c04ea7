/// The outcome of one local optimisation, in search coordinates.
struct LocalResult: Sendable {
    var u: [Double]
    var objective: Double
    var iterations: Int
    var evaluations: Int
    var reason: ConvergenceReason
}
