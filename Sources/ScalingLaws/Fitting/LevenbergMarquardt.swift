extension FitEngine {
    /// Levenberg–Marquardt on Σ wᵢ·ρ(rᵢ): each step solves the reweighted Gauss–Newton system
    /// (H + λ·diag H)·δ = −∇f with H = Σ wᵢ·ωᵢ·JᵢᵀJᵢ, ωᵢ = ρ′(rᵢ)/rᵢ (1 for least squares, so the
    /// robust losses become iteratively reweighted least squares), and adapts λ by the step's success.
    func levenbergMarquardt(from start: [Double], counts: [Double]?) -> (theta: [Double], value: Double, iterations: Int, reason: ConvergenceReason) {
        guard case .robust(let loss) = objective else { return lbfgs(from: start, counts: counts) }
        var theta = start
        guard var current = residuals(theta, jacobian: true) else {
            return (theta, .infinity, 0, .failed("the objective is not finite at the start"))
        }
        let n = problem.pointCount, k = freeCount
        func value(_ r: [Double]) -> Double {
            var total = 0.0
            for row in 0..<n { total += weights[row] * (counts?[row] ?? 1) * Self.loss(loss, r[row]).0 }
            return total
        }
        var f = value(current.residuals)
        var lambda = 1e-3
        for iteration in 1...Swift.max(options.maxIterations, 1) {
            var h = [Double](repeating: 0, count: k * k)
            var g = [Double](repeating: 0, count: k)
            for row in 0..<n {
                let w = weights[row] * (counts?[row] ?? 1)
                guard w != 0 else { continue }
                let r = current.residuals[row]
                let psi = Self.loss(loss, r).1
                let omega = r == 0 ? 1 : psi / r
                for a in 0..<k {
                    let ja = current.jacobian[row * k + a]
                    g[a] += w * psi * ja
                    let scaled = w * omega * ja
                    for b in 0...a { h[a * k + b] += scaled * current.jacobian[row * k + b] }
                }
            }
            for a in 0..<k { for b in 0..<a { h[b * k + a] = h[a * k + b] } }
            if g.allSatisfy({ abs($0) <= options.gradientTolerance }) {
                return (theta, f, iteration - 1, .converged("gradient below \(options.gradientTolerance)"))
            }
            var accepted = false
            while !accepted {
                var damped = h
                for a in 0..<k { damped[a * k + a] += lambda * Swift.max(h[a * k + a], 1e-12) }
                guard let factor = SymmetricSolve.cholesky(damped, k) else {
                    lambda *= 10
                    if lambda > 1e16 { return (theta, f, iteration, .stalled) }
                    continue
                }
                let step = SymmetricSolve.solve(factor, k, g.map { -$0 })
                let trial = zip(theta, step).map { $0 + $1 }
                if let next = residuals(trial, jacobian: false) {
                    let fTrial = value(next.residuals)
                    if fTrial < f {
                        let decrease = f - fTrial
                        theta = trial
                        f = fTrial
                        guard let refreshed = residuals(theta, jacobian: true) else {
                            return (theta, f, iteration, .failed("the Jacobian is not finite at an accepted point"))
                        }
                        current = refreshed
                        lambda = Swift.max(lambda / 10, 1e-15)
                        accepted = true
                        if decrease <= options.relativeTolerance * Swift.max(abs(f), 1e-300) {
                            return (theta, f, iteration, .converged("relative decrease below \(options.relativeTolerance)"))
                        }
                        continue
                    }
                }
                lambda *= 10
                if lambda > 1e16 {
                    // No damping makes progress: at a minimum to rounding, or a non-smooth point.
                    let small = step.allSatisfy { abs($0) <= 1e-12 }
                    return (theta, f, iteration, small ? .converged("step below 1e-12") : .stalled)
                }
            }
        }
        return (theta, f, options.maxIterations, .maxIterations)
    }
}
