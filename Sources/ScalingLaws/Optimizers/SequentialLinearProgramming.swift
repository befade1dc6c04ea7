/// The Huber losses with a δ small next to the residuals, minimised as what they nearly are: a
/// weighted L1 problem with a thin quadratic core.
///
/// 1. **Sequential linear programming** on `Σ wᵢ·|rᵢ(u)|`: each iteration linearises the residuals
///    and solves the L1 problem exactly (``LeastAbsoluteDeviations``), then backtracks along that
///    step until the true L1 objective falls by at least 10⁻⁴ of the predicted decrease. Near a
///    vertex solution (as many zero residuals as parameters) this converges quadratically, where
///    gradient methods crawl along the kinks.
/// 2. **Active-set Newton polish** of the true objective: Gauss–Newton curvature from the points in
///    the quadratic core (`|r/σ| ≤ δ`), the linear tails entering through the gradient (and, when
///    the core holds fewer points than parameters, through their second-order curvature, by
///    differences of the Jacobian); for the likelihood the scale σ is profiled out at each
///    iteration (a one-dimensional root, ``profileScale(_:_:n:delta:)``).
/// 3. Should the polish not converge (a minimum with fewer zero residuals than parameters, where
///    the linearised steps zig-zag; a δ so wide that most points sit in the core), L-BFGS runs from
///    both the last iterate and the start and the lower end point is kept: never worse than
///    L-BFGS alone.
struct SequentialLinearProgramming: LocalMinimizer {
    let problem: FitProblem
    let tolerances: Tolerances

    /// Huber's δ, and whether it applies to residuals standardised by a fitted scale.
    private var huber: (delta: Double, scaled: Bool) {
        switch problem.loss {
        case .huberLikelihood(let delta): return (delta, true)
        case .huber(let delta): return (delta, false)
        default: return (.infinity, false)
        }
    }

    func minimize(from start: [Double], weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult {
        var run = Run(problem: problem, start: start)
        guard run.evaluate(problem, workspace) else {
            return LocalResult(u: start, objective: .infinity, iterations: 0, evaluations: 1,
                               reason: .failed("the law's predictions are not finite (or not positive, with logarithmic residuals) at the start"))
        }
        descendL1(&run, weights, workspace)
        if let result = polish(&run, weights, workspace) { return result }
        // No vertex in reach (the iterates zig-zag around a minimum with fewer zero residuals than
        // parameters, or crawl): L-BFGS from where the iterations ended and from the start, keeping
        // the lower — never worse than L-BFGS alone.
        let lbfgs = LBFGS(problem: problem, tolerances: tolerances, memory: 10)
        let fromIterate = lbfgs.minimize(from: run.u, weights: weights, workspace)
        let fromStart = lbfgs.minimize(from: start, weights: weights, workspace)
        var best = fromIterate.objective <= fromStart.objective ? fromIterate : fromStart
        best.iterations = run.iterations + fromIterate.iterations + fromStart.iterations
        best.evaluations = run.evaluations + fromIterate.evaluations + fromStart.evaluations
        return best
    }

    /// The most sequential linear programming iterations before the Newton polish takes over.
    static let linearProgrammingIterations = 30

    /// Phase 1: the L1 objective's minimum by sequential linear programming, from `run.u`.
    private func descendL1(_ run: inout Run, _ weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) {
        let k = problem.free.count
        var lad = LeastAbsoluteDeviations(points: problem.count, dimension: k)
        var current = run.absoluteSum(weights)
        // At a vertex solution the iterations converge quadratically, in well under 30; more means
        // a solution with fewer zero residuals than parameters, where the tails' curvature (which
        // linear programming cannot see) decides, and L-BFGS does better.
        let limit = Swift.min(tolerances.maxIterations, Self.linearProgrammingIterations)
        while run.iterations < limit {
            run.iterations += 1
            let outcome = run.residuals.withUnsafeBufferPointer { r in
                run.jacobian.withUnsafeBufferPointer { j in lad.solve(r.baseAddress!, jacobian: j.baseAddress!, weights: weights) }
            }
            guard outcome != .unbounded else { return }
            let predicted = current - lad.objective(weights: weights)
            guard predicted > tolerances.objective * current else { return }
            var length = 1.0
            var accepted = false
            for _ in 0..<40 {
                for a in 0..<k { run.trial[a] = run.u[a] + length * lad.step[a] }
                run.evaluations += 1
                let valid = run.trial.withUnsafeBufferPointer { problem.residuals($0.baseAddress!, workspace) }
                if valid {
                    var value = 0.0
                    for i in 0..<problem.count where weights[i] > 0 { value += weights[i] * Swift.abs(workspace.residuals[i]) }
                    if value <= current - 1e-4 * length * predicted {
                        current = value
                        accepted = true
                        break
                    }
                }
                length *= 0.5
            }
            guard accepted else { return }
            swap(&run.u, &run.trial)
            guard run.evaluate(problem, workspace) else { return }
            var stepNorm = 0.0, pointNorm = 0.0
            for a in 0..<k {
                stepNorm += length * length * lad.step[a] * lad.step[a]
                pointNorm += run.u[a] * run.u[a]
            }
            if stepNorm.squareRoot() <= tolerances.step * (pointNorm.squareRoot() + tolerances.step) { return }
        }
    }

    /// Phase 2: Newton steps on the true objective with the current split into core and tails;
    /// nil when the curvature is singular or the iterations run out (L-BFGS takes over).
    private func polish(_ run: inout Run, _ weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult? {
        let k = problem.free.count, n = problem.count
        let (delta, scaled) = huber
        guard delta.isFinite else { return nil }
        var gradient = [Double](repeating: 0, count: k)
        var curvature = [Double](repeating: 0, count: k * k)
        var coefficients = [Double](repeating: 0, count: n)
        for _ in 0..<50 {
            guard run.iterations < tolerances.maxIterations else { return nil }
            run.iterations += 1
            var inverseScale = 1.0
            if scaled {
                guard let scale = Self.profileScale(run.residuals, weights, n: n, delta: delta) else { return nil }
                run.u[k] = Double.log(scale)
                inverseScale = 1 / scale
            }
            let current = run.value(problem, run.u, weights, workspace)
            guard current.isFinite else { return nil }
            for a in 0..<k { gradient[a] = 0 }
            for a in 0..<(k * k) { curvature[a] = 0 }
            for i in 0..<n {
                let w = weights[i]
                coefficients[i] = 0
                if w == 0 { continue }
                let standardised = run.residuals[i] * inverseScale
                let row = i * k
                let inCore = Swift.abs(standardised) <= delta
                let psi = inCore ? standardised : (standardised > 0 ? delta : -delta)
                let coefficient = w * psi * inverseScale
                coefficients[i] = coefficient
                for a in 0..<k { gradient[a] += coefficient * run.jacobian[row + a] }
                guard inCore else { continue }
                let core = w * inverseScale * inverseScale
                for a in 0..<k {
                    for b in 0...a { curvature[a * k + b] += core * run.jacobian[row + a] * run.jacobian[row + b] }
                }
            }
            for a in 0..<k { for b in 0..<a { curvature[b * k + a] = curvature[a * k + b] } }
            guard let factor = Cholesky(curvature, n: k)
                ?? secondOrderFactor(&run, curvature, coefficients, workspace) else { return nil }
            var step = gradient.map { -$0 }
            factor.solve(&step)
            var predicted = 0.0
            for a in 0..<k { predicted -= 0.5 * gradient[a] * step[a] }
            guard predicted.isFinite else { return nil }
            if predicted <= tolerances.objective * Swift.abs(current) {
                return LocalResult(u: run.u, objective: current, iterations: run.iterations, evaluations: run.evaluations,
                                   reason: .converged(.objectiveChange))
            }
            var length = 1.0
            var accepted = false
            for _ in 0..<40 {
                run.trial = run.u
                for a in 0..<k { run.trial[a] = run.u[a] + length * step[a] }
                let value = run.value(problem, run.trial, weights, workspace)
                if value < current { accepted = true; break }
                length *= 0.5
            }
            guard accepted else {
                // No step lowers F: the Newton decrement is at the level of rounding in F.
                guard predicted <= 1e3 * Double.ulpOfOne * Swift.abs(current) else { return nil }
                return LocalResult(u: run.u, objective: current, iterations: run.iterations, evaluations: run.evaluations,
                                   reason: .converged(.objectiveChange))
            }
            swap(&run.u, &run.trial)
            guard run.evaluate(problem, workspace) else { return nil }
        }
        return nil
    }

    /// When fewer points than parameters sit in the quadratic core (a minimum that is not a vertex
    /// of the L1 problem), the tails' curvature `Σ wᵢ·ψᵢ/σ·∇²rᵢ` decides the remaining directions:
    /// added here by forward differences of the Jacobian (ψ held fixed), then damped as little as
    /// makes the matrix positive definite.
    private func secondOrderFactor(
        _ run: inout Run, _ curvature: [Double], _ coefficients: [Double], _ workspace: FitProblem.Workspace
    ) -> Cholesky? {
        let k = problem.free.count, n = problem.count
        var full = curvature
        var shiftedResiduals = [Double](repeating: 0, count: n)
        var shiftedJacobian = [Double](repeating: 0, count: n * k)
        var point = run.u
        for b in 0..<k {
            let h = 1e-6 * Swift.max(1, Swift.abs(run.u[b]))
            point[b] = run.u[b] + h
            run.evaluations += 1
            let valid = point.withUnsafeBufferPointer { p in
                shiftedResiduals.withUnsafeMutableBufferPointer { r in
                    shiftedJacobian.withUnsafeMutableBufferPointer { j in
                        problem.residualsAndJacobian(p.baseAddress!, workspace, residuals: r.baseAddress!, jacobian: j.baseAddress!)
                    }
                }
            }
            point[b] = run.u[b]
            guard valid else { return nil }
            for i in 0..<n where coefficients[i] != 0 {
                let row = i * k
                for a in 0..<k {
                    let change = (shiftedJacobian[row + a] - run.jacobian[row + a]) / h
                    // Each half of the symmetrised difference quotient.
                    full[a * k + b] += 0.5 * coefficients[i] * change
                    full[b * k + a] += 0.5 * coefficients[i] * change
                }
            }
        }
        let largest = (0..<k).map { Swift.abs(full[$0 * k + $0]) }.max() ?? 0
        guard largest > 0, largest.isFinite else { return nil }
        var damping = 0.0
        while damping <= 1e6 * largest {
            var damped = full
            for a in 0..<k { damped[a * k + a] += damping }
            if let factor = Cholesky(damped, n: k) { return factor }
            damping = damping == 0 ? 1e-10 * largest : damping * 10
        }
        return nil
    }

    /// The scale σ minimising `Σ wᵢ·[Huber_δ(rᵢ/σ) + ln σ]` for fixed residuals: the root in
    /// s = ln σ of `φ(s) = Σ wᵢ·ψ(xᵢ)·xᵢ − Σ wᵢ`, `xᵢ = rᵢ/σ`, which falls strictly from +∞ to
    /// `−Σw` (ψ(x)·x is x² in the core, δ|x| in the tails), by Newton's method kept inside a
    /// shrinking bracket. Nil when every weighted residual is zero (σ̂ = 0).
    static func profileScale(_ residuals: [Double], _ weights: UnsafePointer<Double>, n: Int, delta: Double) -> Double? {
        var weightSum = 0.0, absoluteSum = 0.0, squareSum = 0.0, largest = 0.0
        for i in 0..<n where weights[i] > 0 {
            let magnitude = Swift.abs(residuals[i])
            weightSum += weights[i]
            absoluteSum += weights[i] * magnitude
            squareSum += weights[i] * magnitude * magnitude
            largest = Swift.max(largest, magnitude)
        }
        guard largest > 0, largest.isFinite, weightSum > 0 else { return nil }
        // φ ≤ 0 at both the Laplace value δ·Σw|r|/Σw and the Gaussian one √(Σwr²/Σw) (ψ(x)·x is at
        // most δ|x| and at most x²): the larger bounds the root from above; φ → +∞ as σ → 0.
        let laplace = delta * absoluteSum / weightSum, gaussian = (squareSum / weightSum).squareRoot()
        var low = -Double.infinity, high = Double.log(Swift.max(laplace, gaussian))
        var s = Double.log(Swift.min(laplace, gaussian))
        for _ in 0..<200 {
            let inverse = Double.exp(-s)
            var value = -weightSum, slope = 0.0
            for i in 0..<n where weights[i] > 0 {
                let x = Swift.abs(residuals[i]) * inverse
                if x <= delta {
                    value += weights[i] * x * x
                    slope -= 2 * weights[i] * x * x
                } else {
                    value += weights[i] * delta * x
                    slope -= weights[i] * delta * x
                }
            }
            if value > 0 { low = s } else { high = s }
            var next = slope < 0 ? s - value / slope : s - 2
            if !(next > low && next < high) { next = low.isFinite ? 0.5 * (low + high) : Swift.min(s, high) - 2 }
            if Swift.abs(next - s) <= 1e-15 * Swift.max(1, Swift.abs(s)) || high - low <= 1e-15 * Swift.max(1, Swift.abs(s)) {
                return Double.exp(next)
            }
            s = next
        }
        return Double.exp(s)
    }

    /// The iterate, its residuals and Jacobian, and the counters.
    struct Run {
        var u: [Double]
        var trial: [Double]
        var residuals: [Double]
        var jacobian: [Double]
        var iterations = 0
        var evaluations = 0

        init(problem: FitProblem, start: [Double]) {
            u = start
            trial = start
            residuals = [Double](repeating: 0, count: problem.count)
            jacobian = [Double](repeating: 0, count: problem.count * problem.free.count)
        }

        /// Residuals and Jacobian at ``u``; false where the law is undefined.
        mutating func evaluate(_ problem: FitProblem, _ workspace: FitProblem.Workspace) -> Bool {
            evaluations += 1
            return problem.residualsAndJacobian(u, workspace, residuals: &residuals, jacobian: &jacobian)
        }

        mutating func value(
            _ problem: FitProblem, _ point: [Double], _ weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace
        ) -> Double {
            evaluations += 1
            return point.withUnsafeBufferPointer { problem.value($0.baseAddress!, weights: weights, workspace) }
        }

        func absoluteSum(_ weights: UnsafePointer<Double>) -> Double {
            var total = 0.0
            for i in residuals.indices where weights[i] > 0 { total += weights[i] * Swift.abs(residuals[i]) }
            return total
        }
    }
}
