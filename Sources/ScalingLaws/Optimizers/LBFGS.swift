/// Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) on any smooth objective of the
/// ``FitProblem``: the two-loop recursion builds `−H·g` from the last `memory` pairs
/// `(s, y) = (Δu, Δg)`, scaled by `sᵀy/yᵀy`; pairs with `sᵀy ≤ 10⁻¹⁰·‖s‖‖y‖` are skipped so that
/// H stays positive definite. Steps come from ``WolfeLineSearch``.
///
/// Stops when the largest gradient component is below the gradient tolerance, when an iteration
/// lowers F by less than the objective tolerance relative to |F|, when the step is below the step
/// tolerance, at the iteration limit, or — stalled — when even a steepest-descent line search finds
/// no lower point (the usual end on a kink of a Huber loss with small δ).
struct LBFGS: LocalMinimizer {
    let problem: FitProblem
    let tolerances: Tolerances
    let memory: Int

    func minimize(from start: [Double], weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace) -> LocalResult {
        let m = problem.dimension
        var search = WolfeLineSearch(problem: problem, weights: weights, workspace: workspace, dimension: m)
        var x = start
        var gradient = [Double](repeating: 0, count: m)
        var value = search.valueAndGradient(x, &gradient)
        var iteration = 0
        // The one place a run's result is built.
        func finish(_ reason: ConvergenceReason) -> LocalResult {
            LocalResult(u: x, objective: value, iterations: iteration, evaluations: search.evaluations, reason: reason)
        }
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            value = .infinity
            return finish(.failed("the objective or its gradient is not finite at the start"))
        }
        if largest(gradient) <= tolerances.gradient { return finish(.converged(.gradient)) }

        var pairs = CorrectionPairs(capacity: Swift.max(memory, 1), dimension: m)
        var direction = [Double](repeating: 0, count: m)

        while iteration < tolerances.maxIterations {
            var slope = pairs.descentDirection(gradient, into: &direction)
            if !(slope < 0) {
                // Not a descent direction (rounding in H): restart from steepest descent.
                pairs.clear()
                slope = pairs.descentDirection(gradient, into: &direction)
            }
            let initialStep = pairs.stored == 0 ? Swift.min(1, 1 / largest(direction)) : 1
            iteration += 1
            guard let accepted = search.search(from: x, value: value, gradient: gradient, direction: direction,
                                               slope: slope, initialStep: initialStep, gradientFirst: pairs.stored > 0) else {
                if pairs.stored > 0 {
                    pairs.clear()
                    continue
                }
                return finish(.stalled("the line search finds no lower point along steepest descent"))
            }
            let previousValue = value
            let (stepLargest, pointLargest) = pairs.append(from: x, gradient, to: accepted.point, accepted.gradient)
            x = accepted.point
            gradient = accepted.gradient
            value = accepted.value

            if largest(gradient) <= tolerances.gradient { return finish(.converged(.gradient)) }
            let scale = Swift.max(Swift.abs(previousValue), Swift.abs(value), Double.leastNormalMagnitude)
            if previousValue - value <= tolerances.objective * scale { return finish(.converged(.objectiveChange)) }
            if stepLargest <= tolerances.step * (1 + pointLargest) { return finish(.converged(.stepSize)) }
        }
        return finish(.maxIterations(iteration))
    }

    private func largest(_ vector: [Double]) -> Double {
        vector.reduce(0) { Swift.max($0, Swift.abs($1)) }
    }
}

/// The last `capacity` correction pairs `(s, y) = (Δu, Δg)` of L-BFGS, in a ring, and the two-loop
/// recursion (Nocedal 1980) that turns them into `−H·g`.
struct CorrectionPairs {
    let capacity: Int, dimension: Int
    private var steps: [Double], changes: [Double], inverseCurvatures: [Double], alphas: [Double]
    private(set) var stored = 0
    private var newest = -1

    init(capacity: Int, dimension: Int) {
        self.capacity = capacity
        self.dimension = dimension
        steps = [Double](repeating: 0, count: capacity * dimension)
        changes = steps
        inverseCurvatures = [Double](repeating: 0, count: capacity)
        alphas = inverseCurvatures
    }

    /// Forgets every pair: the next direction is steepest descent.
    mutating func clear() { stored = 0 }

    /// Writes `−H·gradient` into `direction` (the newest pair scaled by `sᵀy/yᵀy`) and returns the
    /// slope `gᵀd`.
    mutating func descentDirection(_ gradient: [Double], into direction: inout [Double]) -> Double {
        let m = dimension
        for j in 0..<m { direction[j] = -gradient[j] }
        if stored > 0 {
            for back in 0..<stored {
                let slot = (newest - back + capacity) % capacity
                var dot = 0.0
                for j in 0..<m { dot += steps[slot * m + j] * direction[j] }
                let alpha = inverseCurvatures[slot] * dot
                alphas[slot] = alpha
                for j in 0..<m { direction[j] -= alpha * changes[slot * m + j] }
            }
            var sy = 0.0, yy = 0.0
            for j in 0..<m {
                sy += steps[newest * m + j] * changes[newest * m + j]
                yy += changes[newest * m + j] * changes[newest * m + j]
            }
            let scale = sy / yy
            for j in 0..<m { direction[j] *= scale }
            for forward in stride(from: stored - 1, through: 0, by: -1) {
                let slot = (newest - forward + capacity) % capacity
                var dot = 0.0
                for j in 0..<m { dot += changes[slot * m + j] * direction[j] }
                let beta = inverseCurvatures[slot] * dot
                for j in 0..<m { direction[j] += (alphas[slot] - beta) * steps[slot * m + j] }
            }
        }
        var slope = 0.0
        for j in 0..<m { slope += gradient[j] * direction[j] }
        return slope
    }

    /// Stores the pair of a step from (x, g) to (x′, g′) unless its curvature `sᵀy` is too small for
    /// H to stay positive definite (`sᵀy ≤ 10⁻¹⁰·‖s‖‖y‖`); returns the step's and the new point's
    /// largest components, for the step-size test.
    mutating func append(
        from x: [Double], _ gradient: [Double], to point: [Double], _ newGradient: [Double]
    ) -> (step: Double, point: Double) {
        let m = dimension
        let slot = (newest + 1) % capacity
        var sy = 0.0, ss = 0.0, yy = 0.0, stepLargest = 0.0, pointLargest = 0.0
        for j in 0..<m {
            let s = point[j] - x[j]
            let y = newGradient[j] - gradient[j]
            steps[slot * m + j] = s
            changes[slot * m + j] = y
            sy += s * y
            ss += s * s
            yy += y * y
            stepLargest = Swift.max(stepLargest, Swift.abs(s))
            pointLargest = Swift.max(pointLargest, Swift.abs(point[j]))
        }
        if sy > 1e-10 * (ss * yy).squareRoot() {
            inverseCurvatures[slot] = 1 / sy
            newest = slot
            stored = Swift.min(stored + 1, capacity)
        } else if stored == capacity {
            // The rejected pair overwrote the oldest one: it is no longer a pair to use.
            stored -= 1
        }
        return (stepLargest, pointLargest)
    }
}
