/// A line search for `φ(α) = F(u + α·d)` that returns a step satisfying the strong Wolfe
/// conditions `φ(α) ≤ φ(0) + c₁·α·φ′(0)` and `|φ′(α)| ≤ c₂·|φ′(0)|` (c₁ = 10⁻⁴, c₂ = 0.9), by
/// bracketing and zooming (Nocedal & Wright, Algorithms 3.5 and 3.6) with cubic or quadratic
/// interpolation, safeguarded to stay 10% inside the bracket.
///
/// Trial points are first evaluated value-only (the SIMD path); the gradient (the dual-number path)
/// is computed only where the sufficient-decrease condition holds — except the first trial when
/// `gradientFirst` is set (a quasi-Newton step, usually accepted at once). If the bracket shrinks to
/// rounding level without meeting the curvature condition, the best sufficient-decrease point found
/// is returned (a kink of a non-smooth loss can make strong Wolfe unattainable); nil means no point
/// lowered the objective.
struct WolfeLineSearch {
    let problem: FitProblem
    let weights: UnsafePointer<Double>
    let workspace: FitProblem.Workspace
    let dimension: Int
    private(set) var evaluations = 0
    private var trial: [Double]
    private var trialGradient: [Double]

    static let sufficientDecrease = 1e-4
    static let curvature = 0.9
    static let maxBracketing = 40
    static let maxZoom = 40

    struct Point {
        var point: [Double]
        var value: Double
        var gradient: [Double]
    }

    private struct Sample {
        var step: Double
        var value: Double
        var slope: Double?
    }

    init(problem: FitProblem, weights: UnsafePointer<Double>, workspace: FitProblem.Workspace, dimension: Int) {
        self.problem = problem
        self.weights = weights
        self.workspace = workspace
        self.dimension = dimension
        trial = [Double](repeating: 0, count: dimension)
        trialGradient = [Double](repeating: 0, count: dimension)
    }

    mutating func valueAndGradient(_ point: [Double], _ gradient: inout [Double]) -> Double {
        evaluations += 1
        return point.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                problem.valueAndGradient(p.baseAddress!, weights: weights, workspace, gradient: g.baseAddress!)
            }
        }
    }

    private mutating func valueAt(_ step: Double, _ origin: [Double], _ direction: [Double]) -> Double {
        for j in 0..<dimension { trial[j] = origin[j] + step * direction[j] }
        evaluations += 1
        return trial.withUnsafeBufferPointer { p in problem.value(p.baseAddress!, weights: weights, workspace) }
    }

    /// Gradient at the last trial point; returns (value, slope along direction).
    private mutating func slopeAtTrial(_ direction: [Double]) -> (Double, Double) {
        // Swap the buffer out and back so that no copy is made.
        let point = trial
        var gradient: [Double] = []
        swap(&gradient, &trialGradient)
        let value = valueAndGradient(point, &gradient)
        swap(&gradient, &trialGradient)
        var slope = 0.0
        for j in 0..<dimension { slope += trialGradient[j] * direction[j] }
        return (value, slope)
    }

    /// The origin, direction and initial slope of one line search.
    struct Line {
        let origin: [Double], direction: [Double], value: Double, slope: Double

        /// Armijo's sufficient decrease at `step`.
        func armijo(_ step: Double, _ phi: Double) -> Bool {
            phi.isFinite && phi <= value + WolfeLineSearch.sufficientDecrease * step * slope
        }

        /// The strong curvature condition.
        func curvature(_ phiSlope: Double) -> Bool { Swift.abs(phiSlope) <= -WolfeLineSearch.curvature * slope }
    }

    /// What the bracketing phase found: a point meeting both conditions, an interval holding one,
    /// or neither within its expansions (the best point so far, if any).
    private enum Bracket {
        case accepted(Point)
        case interval(low: Sample, high: Sample, best: Point?)
        case exhausted(Point?)
    }

    mutating func search(
        from origin: [Double], value: Double, gradient: [Double], direction: [Double], slope: Double, initialStep: Double,
        gradientFirst: Bool
    ) -> Point? {
        let line = Line(origin: origin, direction: direction, value: value, slope: slope)
        switch bracket(line, initialStep: initialStep, gradientFirst: gradientFirst) {
        case .accepted(let point): return point
        case .exhausted(let best): return best
        case .interval(let low, let high, let best): return zoom(line, low: low, high: high, best: best)
        }
    }

    /// Expands the step (×4) from `initialStep` until a point meets the strong Wolfe conditions or an
    /// interval is known to contain one (Nocedal & Wright, Algorithm 3.5).
    private mutating func bracket(_ line: Line, initialStep: Double, gradientFirst: Bool) -> Bracket {
        var best: Point?
        var previous = Sample(step: 0, value: line.value, slope: line.slope)
        var step = initialStep
        for iteration in 0..<WolfeLineSearch.maxBracketing {
            // A quasi-Newton unit step is usually accepted at once: then one pass with derivatives
            // is cheaper than a value-only pass followed by one with derivatives.
            var phi: Double
            var knownSlope: Double?
            if iteration == 0 && gradientFirst {
                for j in 0..<dimension { trial[j] = line.origin[j] + step * line.direction[j] }
                (phi, knownSlope) = slopeAtTrial(line.direction)
                if !phi.isFinite || !(knownSlope?.isFinite ?? false) { phi = .infinity; knownSlope = nil }
            } else {
                phi = valueAt(step, line.origin, line.direction)
            }
            if !line.armijo(step, phi) || (iteration > 0 && phi >= previous.value) {
                return .interval(low: previous, high: Sample(step: step, value: phi.isFinite ? phi : .infinity, slope: knownSlope),
                                 best: best)
            }
            let (exactValue, phiSlope) = knownSlope.map { (phi, $0) } ?? slopeAtTrial(line.direction)
            if !exactValue.isFinite || !phiSlope.isFinite {
                return .interval(low: previous, high: Sample(step: step, value: .infinity, slope: nil), best: best)
            }
            best = Point(point: trial, value: exactValue, gradient: trialGradient)
            if line.curvature(phiSlope) { return .accepted(best!) }
            let current = Sample(step: step, value: exactValue, slope: phiSlope)
            if phiSlope >= 0 { return .interval(low: current, high: previous, best: best) }
            previous = current
            step *= 4
        }
        return .exhausted(best)
    }

    /// Shrinks the interval [low, high] by safeguarded interpolation until a point meets the strong
    /// Wolfe conditions (Nocedal & Wright, Algorithm 3.6); the best point seen otherwise.
    private mutating func zoom(_ line: Line, low: Sample, high: Sample, best: Point?) -> Point? {
        var low = low, high = high, best = best
        for _ in 0..<WolfeLineSearch.maxZoom {
            let width = high.step - low.step
            if Swift.abs(width) <= 1e-15 * Swift.max(1, Swift.abs(low.step)) { break }
            let candidate = interpolate(low, high)
            let phi = valueAt(candidate, line.origin, line.direction)
            if !line.armijo(candidate, phi) || phi >= low.value {
                high = Sample(step: candidate, value: phi.isFinite ? phi : .infinity, slope: nil)
                continue
            }
            let (exactValue, phiSlope) = slopeAtTrial(line.direction)
            guard exactValue.isFinite, phiSlope.isFinite else {
                high = Sample(step: candidate, value: .infinity, slope: nil)
                continue
            }
            if best == nil || exactValue < best!.value {
                best = Point(point: trial, value: exactValue, gradient: trialGradient)
            }
            if line.curvature(phiSlope) { return Point(point: trial, value: exactValue, gradient: trialGradient) }
            if phiSlope * (high.step - low.step) >= 0 { high = low }
            low = Sample(step: candidate, value: exactValue, slope: phiSlope)
        }
        return best
    }

    /// The minimiser of the interpolant through the bracket's ends, kept 10% inside it.
    private func interpolate(_ low: Sample, _ high: Sample) -> Double {
        let width = high.step - low.step
        var candidate: Double
        if !high.value.isFinite {
            candidate = low.step + 0.1 * width
            return candidate
        }
        let lowSlope = low.slope ?? 0
        if let highSlope = high.slope {
            // Cubic through (φ, φ′) at both ends.
            let d1 = lowSlope + highSlope - 3 * (low.value - high.value) / (low.step - high.step)
            let radicand = d1 * d1 - lowSlope * highSlope
            if radicand >= 0 {
                let d2 = (width > 0 ? 1.0 : -1.0) * radicand.squareRoot()
                candidate = high.step - (high.step - low.step) * (highSlope + d2 - d1) / (highSlope - lowSlope + 2 * d2)
            } else {
                candidate = low.step + 0.5 * width
            }
        } else {
            // Quadratic through φ(lo), φ′(lo), φ(hi).
            let denominator = 2 * (high.value - low.value - lowSlope * width)
            candidate = denominator > 0 ? low.step - lowSlope * width * width / denominator : low.step + 0.5 * width
        }
        let lower = Swift.min(low.step, high.step) + 0.1 * Swift.abs(width)
        let upper = Swift.max(low.step, high.step) - 0.1 * Swift.abs(width)
        if !candidate.isFinite { return low.step + 0.5 * width }
        return Swift.min(Swift.max(candidate, lower), upper)
    }
}
