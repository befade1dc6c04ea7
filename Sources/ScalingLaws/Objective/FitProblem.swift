/// The one problem every optimizer works on: minimise over search coordinates `u`
/// `F(u) = Σᵢ wᵢ·ρ(rᵢ(θ(u)))` (or the Huber likelihood, with `ln σ` as a last coordinate), where
/// `rᵢ` is point i's residual in the chosen ``ResidualSpace`` and θ(u) maps the free parameters
/// through their ``Coordinate``s (fixed parameters keep their values).
///
/// Values come from the law's SIMD evaluation, gradients and Jacobians from its dual-number
/// evaluation; the chain rule through the coordinates is applied here. The weights are an argument
/// so that bootstrap resamples (integer multiplicities) reuse one problem.
@usableFromInline
final class FitProblem: Sendable {
    let evaluator: LawEvaluator
    /// Number of points.
    let count: Int
    /// Every parameter's name, in the form's order.
    let names: [String]
    let parameters: [Parameter]
    /// The full parameter vector the free values are written into.
    let baseValues: [Double]
    /// Indices of the free parameters in the form's order.
    let free: [Int]
    let coordinates: [Coordinate]
    /// The measured values in residual space (ln y or y).
    let transformedTargets: [Double]
    let targets: [Double]
    /// The data's weights (1 when it has none).
    let weights: [Double]
    let residualSpace: ResidualSpace
    let loss: LossFunction
    /// Whether the last search coordinate is ln σ (the Huber likelihood).
    let hasScale: Bool
    let logNormalizer: Double

    init(evaluator: LawEvaluator, data: Observations, parameters: [Parameter], values: [Double], free: [Int],
         coordinates: [Coordinate], residualSpace: ResidualSpace, loss: LossFunction) throws(FitError) {
        if residualSpace == .logarithmic {
            for (row, y) in data.targets.enumerated() where !(y > 0) {
                throw .invalidTarget(row: row, value: y, requirement: "> 0 with logarithmic residuals (use .linear for values that can be ≤ 0)")
            }
        }
        self.evaluator = evaluator
        self.count = data.count
        self.parameters = parameters
        self.names = parameters.map(\.name)
        self.baseValues = values
        self.free = free
        self.coordinates = coordinates
        self.targets = data.targets
        self.transformedTargets = residualSpace == .logarithmic
            ? data.targets.withUnsafeBufferPointer(naturalLogarithms) : data.targets
        self.weights = data.weights ?? [Double](repeating: 1, count: data.count)
        self.residualSpace = residualSpace
        self.loss = loss
        if case .huberLikelihood(let delta) = loss {
            hasScale = true
            logNormalizer = LossFunction.logNormalizer(delta: delta)
        } else {
            hasScale = false
            logNormalizer = 0
        }
    }

    /// The number of search coordinates: free parameters, plus ln σ for the likelihood.
    var dimension: Int { free.count + (hasScale ? 1 : 0) }

    /// Scratch memory for one thread's evaluations, allocated once per worker.
    final class Workspace {
        let theta: UnsafeMutablePointer<Double>
        let predictions: UnsafeMutablePointer<Double>
        let jacobian: UnsafeMutablePointer<Double>
        /// Per-point residuals and `∂rᵢ/∂ŷᵢ`.
        let residuals: UnsafeMutablePointer<Double>
        let slopes: UnsafeMutablePointer<Double>
        let naturalGradient: UnsafeMutablePointer<Double>
        let parameterCount: Int, pointCount: Int, freeCount: Int

        init(_ problem: FitProblem) {
            parameterCount = problem.baseValues.count
            pointCount = Swift.max(problem.count, 1)
            freeCount = Swift.max(problem.free.count, 1)
            theta = .allocate(capacity: parameterCount)
            theta.initialize(from: problem.baseValues, count: parameterCount)
            predictions = .allocate(capacity: pointCount)
            predictions.initialize(repeating: 0, count: pointCount)
            jacobian = .allocate(capacity: pointCount * freeCount)
            jacobian.initialize(repeating: 0, count: pointCount * freeCount)
            residuals = .allocate(capacity: pointCount)
            residuals.initialize(repeating: 0, count: pointCount)
            slopes = .allocate(capacity: pointCount)
            slopes.initialize(repeating: 0, count: pointCount)
            naturalGradient = .allocate(capacity: freeCount)
            naturalGradient.initialize(repeating: 0, count: freeCount)
        }

        deinit {
            theta.deallocate()
            predictions.deallocate()
            jacobian.deallocate()
            residuals.deallocate()
            slopes.deallocate()
            naturalGradient.deallocate()
        }
    }

    // MARK: Coordinates

    /// Writes θ(u) into the workspace's full parameter vector.
    @inline(__always)
    func setNatural(_ u: UnsafePointer<Double>, _ workspace: Workspace) {
        for slot in 0..<free.count { workspace.theta[free[slot]] = coordinates[slot].natural(u[slot]) }
    }

    /// The free parameters' natural values at u.
    func naturalValues(_ u: [Double]) -> [Double] {
        (0..<free.count).map { coordinates[$0].natural(u[$0]) }
    }

    /// The full parameter vector at u.
    func fullValues(_ u: [Double]) -> [Double] {
        var values = baseValues
        for slot in 0..<free.count { values[free[slot]] = coordinates[slot].natural(u[slot]) }
        return values
    }

    // MARK: Residuals

    /// Fills `workspace.residuals` (and `slopes` = ∂r/∂ŷ) from `workspace.predictions`; false when
    /// a prediction is NaN, ±∞, or ≤ 0 with logarithmic residuals.
    @inline(__always)
    func computeResiduals(_ workspace: Workspace) -> Bool {
        let predictions = workspace.predictions, residuals = workspace.residuals, slopes = workspace.slopes
        var valid = true
        transformedTargets.withUnsafeBufferPointer { targets in
            switch residualSpace {
            case .logarithmic:
                // Eight points at a time with the vector logarithm (within 2 ulp of `log`); the
                // tail, and any block with a prediction that is not a positive finite number, one by one.
                typealias Lanes = SIMD8<Double>
                var start = 0
                while start + Lanes.scalarCount <= count {
                    let block = UnsafeRawPointer(predictions + start).loadUnaligned(as: Lanes.self)
                    var usable = true
                    for lane in 0..<Lanes.scalarCount where !(block[lane] > 0 && block[lane] < .infinity) { usable = false }
                    guard usable else { valid = false; return }
                    let logs = vectorLog(block)
                    let target = UnsafeRawPointer(targets.baseAddress! + start).loadUnaligned(as: Lanes.self)
                    UnsafeMutableRawPointer(residuals + start).storeBytes(of: target - logs, as: Lanes.self)
                    UnsafeMutableRawPointer(slopes + start).storeBytes(of: -1 / block, as: Lanes.self)
                    start += Lanes.scalarCount
                }
                for i in start..<count {
                    let prediction = predictions[i]
                    if !(prediction > 0 && prediction < .infinity) { valid = false; break }
                    residuals[i] = targets[i] - Double.log(prediction)
                    slopes[i] = -1 / prediction
                }
            case .linear:
                for i in 0..<count {
                    let prediction = predictions[i]
                    if !prediction.isFinite { valid = false; break }
                    residuals[i] = targets[i] - prediction
                    slopes[i] = -1
                }
            }
        }
        return valid
    }

    // MARK: Objective

    /// F(u) with the given weights, from the fused SIMD evaluation; +∞ where undefined.
    func value(_ u: UnsafePointer<Double>, weights: UnsafePointer<Double>, _ workspace: Workspace) -> Double {
        setNatural(u, workspace)
        let sums = transformedTargets.withUnsafeBufferPointer { targets in
            evaluator.loss(UnsafePointer(workspace.theta), request(u, targets, weights, gradient: nil))
        }
        return objective(u, sums)
    }

    /// F(u) and its gradient with respect to u (written to `gradient`, `dimension` values), from
    /// exact dual-number derivatives; +∞ (gradient unspecified) where undefined.
    func valueAndGradient(
        _ u: UnsafePointer<Double>, weights: UnsafePointer<Double>, _ workspace: Workspace,
        gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        setNatural(u, workspace)
        guard let lossAndGradient = evaluator.lossAndGradient else {
            evaluator.predictWithJacobian(UnsafePointer(workspace.theta), workspace.predictions, workspace.jacobian)
            guard computeResiduals(workspace) else { return .infinity }
            return sum(u, weights: weights, workspace, gradient: gradient)
        }
        let k = free.count
        let sums = transformedTargets.withUnsafeBufferPointer { targets in
            lossAndGradient(UnsafePointer(workspace.theta), request(u, targets, weights, gradient: workspace.naturalGradient))
        }
        let value = objective(u, sums)
        guard value.isFinite else { return value }
        for j in 0..<k {
            gradient[j] = workspace.naturalGradient[j] * coordinates[j].derivative(u[j], natural: workspace.theta[free[j]])
        }
        if hasScale { gradient[k] = sums.scaleGradient }
        return value
    }

    /// What the fused kernels need at u.
    @inline(__always)
    private func request(
        _ u: UnsafePointer<Double>, _ targets: UnsafeBufferPointer<Double>, _ weights: UnsafePointer<Double>,
        gradient: UnsafeMutablePointer<Double>?
    ) -> LossRequest {
        LossRequest(targets: targets.baseAddress.unsafelyUnwrapped, weights: weights, count: count,
                    logarithmic: residualSpace == .logarithmic, loss: loss,
                    inverseScale: hasScale ? Double.exp(-u[free.count]) : 1, gradient: gradient)
    }

    /// F from the fused kernels' sums (the likelihood adds `Σw·(ln σ + ln Z)`); +∞ where undefined.
    @inline(__always)
    private func objective(_ u: UnsafePointer<Double>, _ sums: LossSums) -> Double {
        guard sums.isValid else { return .infinity }
        return hasScale ? sums.total + sums.weightSum * (u[free.count] + logNormalizer) : sums.total
    }

    /// The loss summed over the residuals in the workspace, and optionally its gradient (which
    /// needs `workspace.jacobian` filled at the same point).
    @inline(__always)
    private func sum(
        _ u: UnsafePointer<Double>, weights: UnsafePointer<Double>, _ workspace: Workspace,
        gradient: UnsafeMutablePointer<Double>?
    ) -> Double {
        let k = free.count
        let residuals = workspace.residuals, slopes = workspace.slopes, jacobian = workspace.jacobian
        let naturalGradient = workspace.naturalGradient
        if gradient != nil { naturalGradient.update(repeating: 0, count: k) }
        var total = 0.0
        var scaleGradient = 0.0
        var weightSum = 0.0
        let inverseScale = hasScale ? Double.exp(-u[k]) : 1
        for i in 0..<count {
            let w = weights[i]
            if w == 0 { continue }
            let r = residuals[i] * inverseScale
            let (rho, psi) = loss.rho(r)
            total += w * rho
            weightSum += w
            if gradient != nil {
                // ∂F/∂θ_j += w·ψ(r/σ)·(1/σ)·(∂r/∂ŷ)·(∂ŷ/∂θ_j)
                let coefficient = w * psi * inverseScale * slopes[i]
                let row = jacobian + i * k
                for j in 0..<k { naturalGradient[j] += coefficient * row[j] }
                if hasScale { scaleGradient += w * (1 - psi * r) }
            }
        }
        if hasScale { total += weightSum * (u[k] + logNormalizer) }
        if let gradient {
            for j in 0..<k {
                let theta = workspace.theta[free[j]]
                gradient[j] = naturalGradient[j] * coordinates[j].derivative(u[j], natural: theta)
            }
            if hasScale { gradient[k] = scaleGradient }
        }
        return total
    }

    /// Residuals and the Jacobian ∂r/∂u (n × k, row-major, in `jacobian`) at u, for
    /// Levenberg–Marquardt; false where undefined.
    func residualsAndJacobian(
        _ u: UnsafePointer<Double>, _ workspace: Workspace, residuals: UnsafeMutablePointer<Double>,
        jacobian: UnsafeMutablePointer<Double>
    ) -> Bool {
        setNatural(u, workspace)
        evaluator.predictWithJacobian(UnsafePointer(workspace.theta), workspace.predictions, workspace.jacobian)
        guard computeResiduals(workspace) else { return false }
        let k = free.count
        let chain = workspace.naturalGradient
        for j in 0..<k { chain[j] = coordinates[j].derivative(u[j], natural: workspace.theta[free[j]]) }
        let (sourceResiduals, slopes, sourceJacobian) = (workspace.residuals, workspace.slopes, workspace.jacobian)
        evaluator.chunks.enumerate { _, rows in
            for i in rows {
                residuals[i] = sourceResiduals[i]
                let slope = slopes[i]
                let source = sourceJacobian + i * k, target = jacobian + i * k
                for j in 0..<k { target[j] = slope * source[j] * chain[j] }
            }
        }
        return true
    }

    /// ``residualsAndJacobian(_:_:residuals:jacobian:)`` into arrays of `count` and `count × k` values.
    func residualsAndJacobian(
        _ u: [Double], _ workspace: Workspace, residuals: inout [Double], jacobian: inout [Double]
    ) -> Bool {
        u.withUnsafeBufferPointer { p in
            residuals.withUnsafeMutableBufferPointer { r in
                jacobian.withUnsafeMutableBufferPointer { j in
                    residualsAndJacobian(p.baseAddress!, workspace, residuals: r.baseAddress!, jacobian: j.baseAddress!)
                }
            }
        }
    }

    /// The residuals at u, in `workspace.residuals`; false where the law is undefined.
    func residuals(_ u: UnsafePointer<Double>, _ workspace: Workspace) -> Bool {
        setNatural(u, workspace)
        evaluator.predict(UnsafePointer(workspace.theta), workspace.predictions)
        return computeResiduals(workspace)
    }

    /// The ln σ that best fits the residuals at u (for the likelihood's starts): the minimiser of
    /// `Σ wᵢ·[Huber_δ(rᵢ/σ) + ln σ]` among the Gaussian-regime guess √(Σwr²/Σw) and the
    /// Laplace-regime guess δ·Σw|r|/Σw.
    func initialLogScale(_ u: UnsafeMutablePointer<Double>, weights: UnsafePointer<Double>, _ workspace: Workspace) -> Double? {
        guard case .huberLikelihood(let delta) = loss else { return nil }
        setNatural(u, workspace)
        evaluator.predict(UnsafePointer(workspace.theta), workspace.predictions)
        guard computeResiduals(workspace) else { return nil }
        var squares = 0.0, absolutes = 0.0, weightSum = 0.0
        for i in 0..<count {
            let r = workspace.residuals[i]
            squares += weights[i] * r * r
            absolutes += weights[i] * Swift.abs(r)
            weightSum += weights[i]
        }
        let candidates = [(squares / weightSum).squareRoot(), delta * absolutes / weightSum]
            .filter { $0 > 0 && $0.isFinite }
        guard !candidates.isEmpty else { return Double.log(1e-12) }
        let k = free.count
        var best: (Double, Double)?
        for sigma in candidates {
            u[k] = Double.log(sigma)
            let objective = sum(UnsafePointer(u), weights: weights, workspace, gradient: nil)
            if best == nil || objective < best!.0 { best = (objective, u[k]) }
        }
        return best!.1
    }
}
