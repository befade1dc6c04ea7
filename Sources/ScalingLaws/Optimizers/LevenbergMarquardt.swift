/// Levenberg–Marquardt on `F(u) = Σᵢ wᵢ·ρ(rᵢ(u))`, robust losses by iteratively reweighted least
/// squares: each iteration solves `(JᵀΩJ + λ·D)·Δ = −JᵀΩr` with `Ωᵢ = wᵢ·ψ(rᵢ)/rᵢ` and
/// `D = diag(JᵀΩJ)` (Marquardt's scaling, floored so that no direction is left undamped); a step
/// is taken when it lowers the true F, and λ follows Nielsen's rule (shrink by
/// `max(1/3, 1 − (2ϱ − 1)³)` on success, double-and-double-again on failure).
///
/// Stops when the gradient `JᵀΩr` is below the gradient tolerance, when an accepted step lowers F
/// by less than the objective tolerance (relative) or the model predicts no more than that, when
/// the step is below the step tolerance, at the iteration limit, or — stalled — when λ grows past
/// 10³² without an acceptable step.
struct LevenbergMarquardt: LocalMinimizer {
    let problem: FitProblem
    let tolerances: Tolerances

    func minimize(from start: [Double], weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult {
        var state = State(problem: problem, start: start)
        guard state.evaluate(problem, workspace) else {
            return state.finish(.failed("the law's predictions are not finite (or not positive, with logarithmic residuals) at the start"),
                                objective: .infinity)
        }
        state.current = state.objective(problem, state.u, weights, workspace)
        // The first trial is the (nearly undamped) Gauss–Newton step: near a good start it is the
        // right step, and MINPACK-like iteration counts follow. It is kept only when the objective
        // falls by at least 3/4 of the predicted reduction; otherwise the run continues with λ = 1
        // on the path it took before the probe existed, one iteration and evaluation later.
        var probing = true
        var lambda = Self.probeDamping
        var nu = 2.0
        var needsNormal = true
        while true {
            if needsNormal {
                state.formNormalEquations(problem, weights)
                needsNormal = false
                if state.gradient.reduce(0, { Swift.max($0, Swift.abs($1)) }) <= tolerances.gradient {
                    return state.finish(.converged(.gradient))
                }
            }
            if state.iteration >= tolerances.maxIterations { return state.finish(.maxIterations(state.iteration)) }
            state.iteration += 1

            guard let predicted = state.dampedStep(lambda) else {
                if probing { (probing, lambda) = (false, Self.initialDamping); continue }
                lambda *= nu
                nu *= 2
                if lambda > 1e32 { return state.finish(.stalled("the damped normal equations stay singular")) }
                continue
            }
            if state.stepIsNegligible(tolerances.step) { return state.finish(.converged(.stepSize)) }
            if predicted <= tolerances.objective * Swift.abs(state.current) { return state.finish(.converged(.objectiveChange)) }
            for a in state.u.indices { state.trial[a] = state.u[a] + state.step[a] }
            let candidate = state.objective(problem, state.trial, weights, workspace)
            let actual = state.current - candidate
            if probing {
                probing = false
                guard candidate.isFinite && actual >= 0.75 * predicted else {
                    lambda = Self.initialDamping
                    continue
                }
            }
            guard candidate.isFinite && actual > 0 else {
                lambda *= nu
                nu *= 2
                if lambda > 1e32 { return state.finish(.stalled("no damped step lowers the objective")) }
                continue
            }
            swap(&state.u, &state.trial)
            let previous = state.current
            state.current = candidate
            guard state.evaluate(problem, workspace) else {
                return state.finish(.failed("the Jacobian is not finite at an accepted point"))
            }
            needsNormal = true
            let ratio = actual / predicted
            let cube = (2 * ratio - 1) * (2 * ratio - 1) * (2 * ratio - 1)
            lambda *= Swift.max(1.0 / 3, 1 - cube)
            nu = 2
            if actual <= tolerances.objective * Swift.abs(previous) { return state.finish(.converged(.objectiveChange)) }
        }
    }

    /// λ multiplies D = diag(JᵀΩJ) (Marquardt's scaling), so it is dimensionless and independent
    /// of the number of points. λ = 1 halves the Gauss–Newton step along each scaled axis: bolder
    /// fixed starts (10⁻³) save iterations near a good start but jump to worse basins from far ones
    /// (QuEST's per-bit fit, from its 9 grid starts), hence the probe instead.
    static let initialDamping = 1.0
    /// The damping of the Gauss–Newton probe: enough to keep the normal equations definite.
    static let probeDamping = 1e-15

    /// The iterate, its residuals and Jacobian, the normal equations built from them, and the
    /// counters: everything one run of the method changes.
    struct State {
        let n: Int, m: Int
        var u: [Double]
        var trial: [Double]
        var current = Double.infinity
        var iteration = 0
        var evaluations = 0
        var residuals: [Double]
        var jacobian: [Double]
        var normal: [Double]
        var gradient: [Double]
        var step: [Double]
        /// The damping's diagonal `max(diag(JᵀΩJ), floor)` of the last step.
        var diagonal: [Double]

        init(problem: FitProblem, start: [Double]) {
            n = problem.count
            m = problem.free.count
            u = start
            trial = start
            residuals = [Double](repeating: 0, count: n)
            jacobian = [Double](repeating: 0, count: n * m)
            normal = [Double](repeating: 0, count: m * m)
            gradient = [Double](repeating: 0, count: m)
            step = [Double](repeating: 0, count: m)
            diagonal = [Double](repeating: 0, count: m)
        }

        /// The one place a run's result is built.
        func finish(_ reason: ConvergenceReason, objective: Double? = nil) -> LocalResult {
            LocalResult(u: u, objective: objective ?? current, iterations: iteration, evaluations: evaluations, reason: reason)
        }

        /// Residuals and Jacobian at `u`; false where the law is undefined.
        mutating func evaluate(_ problem: FitProblem, _ workspace: FitProblem.Workspace) -> Bool {
            evaluations += 1
            return problem.residualsAndJacobian(u, workspace, residuals: &residuals, jacobian: &jacobian)
        }

        mutating func objective(
            _ problem: FitProblem, _ point: [Double], _ weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace
        ) -> Double {
            evaluations += 1
            return point.withUnsafeBufferPointer { p in problem.value(p.baseAddress!, weights: weights, workspace) }
        }

        /// `JᵀΩJ` and `g = JᵀΩr` with the IRLS weights `Ωᵢ = wᵢ·ψ(rᵢ)/rᵢ` at the current residuals:
        /// partial sums per chunk of points (on several threads for large data), added in chunk order.
        mutating func formNormalEquations(_ problem: FitProblem, _ weights: UnsafePointer<Double>) {
            let ranges = problem.evaluator.chunks.ranges
            let m = self.m, width = m * m + m
            var partials = [Double](repeating: 0, count: ranges.count * width)
            residuals.withUnsafeBufferPointer { residuals in
                jacobian.withUnsafeBufferPointer { jacobian in
                    partials.withUnsafeMutableBufferPointer { partials in
                        let r = residuals.baseAddress!, j = jacobian.baseAddress!, out = partials.baseAddress!
                        let loss = problem.loss
                        problem.evaluator.chunks.enumerate { chunk, rows in
                            Self.accumulate(rows, m: m, loss: loss, weights, r, j, into: out + chunk * width)
                        }
                    }
                }
            }
            for index in 0..<(m * m) { normal[index] = 0 }
            for index in 0..<m { gradient[index] = 0 }
            for chunk in ranges.indices {
                let base = chunk * width
                for index in 0..<(m * m) { normal[index] += partials[base + index] }
                for index in 0..<m { gradient[index] += partials[base + m * m + index] }
            }
            for a in 0..<m { for b in 0..<a { normal[b * m + a] = normal[a * m + b] } }
        }

        /// One chunk's lower triangle of `JᵀΩJ` (then `JᵀΩr`) into `out`.
        static func accumulate(
            _ rows: Range<Int>, m: Int, loss: LossFunction, _ weights: UnsafePointer<Double>, _ residuals: UnsafePointer<Double>,
            _ jacobian: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
        ) {
            let gradient = out + m * m
            for i in rows {
                let omega = weights[i] * loss.irlsWeight(residuals[i])
                if omega == 0 { continue }
                let row = i * m
                let weightedResidual = omega * residuals[i]
                for a in 0..<m {
                    let scaled = omega * jacobian[row + a]
                    gradient[a] += weightedResidual * jacobian[row + a]
                    for b in 0...a { out[a * m + b] += scaled * jacobian[row + b] }
                }
            }
        }

        /// Solves `(JᵀΩJ + λD)·Δ = −g` into ``step`` and returns the reduction the quadratic model
        /// predicts, `(ΔᵀλDΔ − gᵀΔ)/2`; nil when the damped matrix is not positive definite.
        mutating func dampedStep(_ lambda: Double) -> Double? {
            let largestDiagonal = (0..<m).map { normal[$0 * m + $0] }.max() ?? 0
            let floor = Swift.max(largestDiagonal * 1e-12, 1e-300)
            var damped = normal
            for a in 0..<m {
                diagonal[a] = Swift.max(normal[a * m + a], floor)
                damped[a * m + a] += lambda * diagonal[a]
            }
            guard let factor = Cholesky(damped, n: m) else { return nil }
            for a in 0..<m { step[a] = -gradient[a] }
            factor.solve(&step)
            var slope = 0.0, dampingTerm = 0.0
            for a in 0..<m {
                slope += gradient[a] * step[a]
                dampingTerm += lambda * diagonal[a] * step[a] * step[a]
            }
            return 0.5 * (dampingTerm - slope)
        }

        /// Whether ‖Δ‖ ≤ tolerance·(‖u‖ + tolerance).
        func stepIsNegligible(_ tolerance: Double) -> Bool {
            var stepNorm = 0.0, pointNorm = 0.0
            for a in 0..<m {
                stepNorm += step[a] * step[a]
                pointNorm += u[a] * u[a]
            }
            return stepNorm.squareRoot() <= tolerance * (pointNorm.squareRoot() + tolerance)
        }
    }
}
