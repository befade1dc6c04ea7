/// One local optimisation from one start, in search coordinates: what every optimizer of the
/// engine is (think Ceres' `Minimizer`). The multi-start driver, the bootstrap and any later
/// resampling call it through this protocol alone, so an optimizer added here serves them all.
protocol LocalMinimizer {
    /// Minimises the problem's objective with point weights `weights` from `start`, using the
    /// per-thread scratch memory `workspace`; the result says honestly why it stopped.
    func minimize(from start: [Double], weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult
}

extension Optimizer {
    /// The minimizer this choice stands for on `problem` (``automatic`` resolved by the plan).
    func minimizer(for problem: FitProblem, tolerances: Tolerances) -> any LocalMinimizer {
        switch self {
        case .levenbergMarquardt, .automatic: return LevenbergMarquardt(problem: problem, tolerances: tolerances)
        case .lbfgs(let memory): return LBFGS(problem: problem, tolerances: tolerances, memory: memory)
        case .sequentialLinearProgramming: return SequentialLinearProgramming(problem: problem, tolerances: tolerances)
        }
    }
}
