extension FitEngine {
    /// L-BFGS (memory 10) with a line search satisfying the strong Wolfe conditions
    /// (c₁ = 10⁻⁴, c₂ = 0.9; bracketing, then safeguarded quadratic interpolation).
    func lbfgs(from start: [Double], counts: [Double]?) -> (theta: [Double], value: Double, iterations: Int, reason: ConvergenceReason) {
        var x = start
        var wanted: [Double]? = []
        var f = evaluate(x, counts: counts, gradient: &wanted)
        guard f.isFinite, var g = wanted else {
            return (x, f, 0, .failed("the objective is not finite at the start"))
        }
        let memory = 10
        var steps: [[Double]] = [], changes: [[Double]] = [], curvatures: [Double] = []
        for iteration in 1...Swift.max(options.maxIterations, 1) {
            if g.allSatisfy({ abs($0) <= options.gradientTolerance }) {
                return (x, f, iteration - 1, .converged("gradient below \(options.gradientTolerance)"))
            }
            var direction = twoLoop(g, steps, changes, curvatures)
            var slope = dot(direction, g)
            if !(slope < 0) {
                steps.removeAll(); changes.removeAll(); curvatures.removeAll()
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            let initial = steps.isEmpty ? Swift.min(1, 1 / Swift.max(g.map(abs).max() ?? 1, 1e-300)) : 1
            guard let (alpha, fNew, gNew) = wolfeSearch(x, f, slope, direction, initial, counts) else {
                if !steps.isEmpty {
                    // The quasi-Newton model misled the search: restart from steepest descent.
                    steps.removeAll(); changes.removeAll(); curvatures.removeAll()
                    continue
                }
                return (x, f, iteration, .stalled)
            }
            let step = direction.map { $0 * alpha }
            let change = zip(gNew, g).map { $0 - $1 }
            let curvature = dot(step, change)
            if curvature > 1e-300 {
                steps.append(step); changes.append(change); curvatures.append(1 / curvature)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); curvatures.removeFirst() }
            }
            for index in x.indices { x[index] += step[index] }
            let decrease = f - fNew
            f = fNew
            g = gNew
            if decrease <= options.relativeTolerance * Swift.max(abs(f), 1e-300) {
                return (x, f, iteration, .converged("relative decrease below \(options.relativeTolerance)"))
            }
        }
        return (x, f, options.maxIterations, .maxIterations)
    }

    private func twoLoop(_ g: [Double], _ steps: [[Double]], _ changes: [[Double]], _ curvatures: [Double]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in stride(from: steps.count - 1, through: 0, by: -1) {
            let alpha = curvatures[index] * dot(steps[index], q)
            alphas[index] = alpha
            for m in q.indices { q[m] -= alpha * changes[index][m] }
        }
        if let lastStep = steps.last, let lastChange = changes.last {
            let scale = dot(lastStep, lastChange) / dot(lastChange, lastChange)
            for m in q.indices { q[m] *= scale }
        }
        for index in steps.indices {
            let beta = curvatures[index] * dot(changes[index], q)
            for m in q.indices { q[m] += steps[index][m] * (alphas[index] - beta) }
        }
        return q.map { -$0 }
    }

    /// A step length α along `direction` meeting the strong Wolfe conditions, with f and ∇f there.
    private func wolfeSearch(
        _ x: [Double], _ f0: Double, _ slope0: Double, _ direction: [Double], _ initial: Double, _ counts: [Double]?
    ) -> (Double, Double, [Double])? {
        let c1 = 1e-4, c2 = 0.9
        func probe(_ alpha: Double) -> (Double, [Double], Double) {
            let point = zip(x, direction).map { $0 + alpha * $1 }
            var gradient: [Double]? = []
            let value = evaluate(point, counts: counts, gradient: &gradient)
            let g = gradient ?? []
            return (value, g, value.isFinite ? dot(g, direction) : .nan)
        }
        func zoom(_ lowStart: (alpha: Double, f: Double, slope: Double, g: [Double]?),
                  _ highStart: (alpha: Double, f: Double)) -> (Double, Double, [Double])? {
            var low = lowStart, high = highStart
            for _ in 0..<60 {
                let width = high.alpha - low.alpha
                var alpha = 0.5 * (low.alpha + high.alpha)
                if high.f.isFinite {
                    // Minimizer of the quadratic through f(low), f′(low), f(high).
                    let denominator = 2 * (high.f - low.f - low.slope * width)
                    if denominator > 0 {
                        let candidate = low.alpha - low.slope * width * width / denominator
                        let lo = Swift.min(low.alpha, high.alpha), hi = Swift.max(low.alpha, high.alpha)
                        let margin = 0.1 * (hi - lo)
                        if candidate > lo + margin && candidate < hi - margin { alpha = candidate }
                    }
                }
                let (value, g, slope) = probe(alpha)
                if !value.isFinite || value > f0 + c1 * alpha * slope0 || value >= low.f {
                    high = (alpha, value)
                } else {
                    if abs(slope) <= -c2 * slope0 { return (alpha, value, g) }
                    if slope * (high.alpha - low.alpha) >= 0 { high = (low.alpha, low.f) }
                    low = (alpha, value, slope, g)
                }
                if abs(high.alpha - low.alpha) <= 1e-16 * Swift.max(1, abs(low.alpha)) { break }
            }
            // The interval collapsed: accept the best point found if it decreased f.
            if low.alpha > 0, let g = low.g, low.f < f0 { return (low.alpha, low.f, g) }
            return nil
        }
        var previous: (alpha: Double, f: Double, slope: Double, g: [Double]?) = (0, f0, slope0, nil)
        var alpha = initial
        for iteration in 0..<40 {
            let (value, g, slope) = probe(alpha)
            if !value.isFinite || value > f0 + c1 * alpha * slope0 || (iteration > 0 && value >= previous.f) {
                return zoom(previous, (alpha, value))
            }
            if abs(slope) <= -c2 * slope0 { return (alpha, value, g) }
            if slope >= 0 { return zoom((alpha, value, slope, g), (previous.alpha, previous.f)) }
            previous = (alpha, value, slope, g)
            alpha *= 2
        }
        return previous.alpha > 0 ? (previous.alpha, previous.f, previous.g ?? []) : nil
    }
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for index in a.indices { sum += a[index] * b[index] }
    return sum
}
