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
struct LevenbergMarquardt {
    let problem: FitProblem
    let tolerances: Tolerances

    func minimize(from start: [Double], weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult {
        let n = problem.count, m = problem.free.count
        var u = start
        var trial = start
        var residuals = [Double](repeating: 0, count: n)
        var jacobian = [Double](repeating: 0, count: n * m)
        var normal = [Double](repeating: 0, count: m * m)
        var gradient = [Double](repeating: 0, count: m)
        var step = [Double](repeating: 0, count: m)
        var evaluations = 0

        func evaluate(_ point: [Double]) -> Bool {
            evaluations += 1
            return point.withUnsafeBufferPointer { p in
                residuals.withUnsafeMutableBufferPointer { r in
                    jacobian.withUnsafeMutableBufferPointer { j in
                        problem.residualsAndJacobian(p.baseAddress!, workspace, residuals: r.baseAddress!, jacobian: j.baseAddress!)
                    }
                }
            }
        }
        func objective(_ point: [Double]) -> Double {
            evaluations += 1
            return point.withUnsafeBufferPointer { p in problem.value(p.baseAddress!, weights: weights, workspace) }
        }

        guard evaluate(u) else {
            return LocalResult(u: u, objective: .infinity, iterations: 0, evaluations: evaluations,
                               reason: .failed("the law's predictions are not finite (or not positive, with logarithmic residuals) at the start"))
        }
        var current = objective(u)
        var lambda = -1.0
        var nu = 2.0
        var iteration = 0
        var needsNormal = true
        while true {
            if needsNormal {
                // Normal equations with IRLS weights at the current residuals.
                for index in 0..<(m * m) { normal[index] = 0 }
                for index in 0..<m { gradient[index] = 0 }
                for i in 0..<n {
                    let omega = weights[i] * problem.loss.irlsWeight(residuals[i])
                    if omega == 0 { continue }
                    let row = i * m
                    let weightedResidual = omega * residuals[i]
                    for a in 0..<m {
                        let scaled = omega * jacobian[row + a]
                        gradient[a] += weightedResidual * jacobian[row + a]
                        for b in 0...a { normal[a * m + b] += scaled * jacobian[row + b] }
                    }
                }
                for a in 0..<m { for b in 0..<a { normal[b * m + a] = normal[a * m + b] } }
                needsNormal = false
                let largestGradient = gradient.reduce(0) { Swift.max($0, Swift.abs($1)) }
                if largestGradient <= tolerances.gradient {
                    return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                       reason: .converged(.gradient))
                }
                // λ multiplies D = diag(JᵀΩJ) (Marquardt's scaling), so it is dimensionless and
                // independent of the number of points. λ = 1 halves the Gauss–Newton step along
                // each scaled axis: bolder starts (10⁻³) save a few iterations near a good start but
                // jump to worse basins from far ones (QuEST's per-bit fit, from its 9 grid starts).
                if lambda < 0 { lambda = 1 }
            }
            if iteration >= tolerances.maxIterations {
                return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                   reason: .maxIterations(iteration))
            }
            iteration += 1

            // Damped system (JᵀΩJ + λD)Δ = −g.
            let largestDiagonal = (0..<m).map { normal[$0 * m + $0] }.max() ?? 0
            let floor = Swift.max(largestDiagonal * 1e-12, 1e-300)
            var damped = normal
            for a in 0..<m { damped[a * m + a] += lambda * Swift.max(normal[a * m + a], floor) }
            guard let factor = Cholesky(damped, n: m) else {
                lambda *= nu
                nu *= 2
                if lambda > 1e32 {
                    return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                       reason: .stalled("the damped normal equations stay singular"))
                }
                continue
            }
            for a in 0..<m { step[a] = -gradient[a] }
            factor.solve(&step)

            var stepNorm = 0.0, pointNorm = 0.0, slope = 0.0, dampingTerm = 0.0
            for a in 0..<m {
                stepNorm += step[a] * step[a]
                pointNorm += u[a] * u[a]
                slope += gradient[a] * step[a]
                dampingTerm += lambda * Swift.max(normal[a * m + a], floor) * step[a] * step[a]
            }
            if stepNorm.squareRoot() <= tolerances.step * (pointNorm.squareRoot() + tolerances.step) {
                return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                   reason: .converged(.stepSize))
            }
            let predicted = 0.5 * (dampingTerm - slope)
            if predicted <= tolerances.objective * Swift.abs(current) {
                return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                   reason: .converged(.objectiveChange))
            }
            for a in 0..<m { trial[a] = u[a] + step[a] }
            let candidate = objective(trial)
            let actual = current - candidate
            let ratio = actual / predicted
            if candidate.isFinite && actual > 0 {
                swap(&u, &trial)
                let previous = current
                current = candidate
                guard evaluate(u) else {
                    return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                       reason: .failed("the Jacobian is not finite at an accepted point"))
                }
                needsNormal = true
                let cube = (2 * ratio - 1) * (2 * ratio - 1) * (2 * ratio - 1)
                lambda *= Swift.max(1.0 / 3, 1 - cube)
                nu = 2
                if actual <= tolerances.objective * Swift.abs(previous) {
                    return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                       reason: .converged(.objectiveChange))
                }
            } else {
                lambda *= nu
                nu *= 2
                if lambda > 1e32 {
                    return LocalResult(u: u, objective: current, iterations: iteration, evaluations: evaluations,
                                       reason: .stalled("no damped step lowers the objective"))
                }
            }
        }
    }
}
