import Dispatch

extension ScalingLaw {
    /// Fits the law's free parameters (all but ``fixedParameters``) to `data`.
    ///
    /// Residuals, loss, optimizer and starts come from `options` (by default least squares on
    /// log residuals, Levenberg–Marquardt, from the law's current values). Derivatives are exact
    /// (dual numbers through the law's own code). Starts run in parallel; the result does not
    /// depend on scheduling (ties go to the earliest start).
    ///
    /// ```swift
    /// let fit = try Hoffmann2022.printed.fit(to: observations, options: .hoffmann())
    /// print(fit.parameters, fit.standardErrors, fit.warnings)
    /// ```
    ///
    /// - Throws: ``FitError`` when the observations lack a variable of the law or fall outside its
    ///   domain, the options name unknown parameters or inadmissible starts, or no start gives a
    ///   finite objective. A fit that stops early is not an error: see ``FitResult/convergence``
    ///   and ``FitResult/warnings``.
    @inlinable
    public func fit(to data: Observations, options: FitOptions = FitOptions()) throws(FitError) -> FitResult<Form> {
        let free = parameters.indices.filter { !fixedParameters.contains(parameters[$0].name) }
        let problem = try residualProblem(data, logarithmic: options.residuals == .logarithmic, freeSlots: free)
        return try runFit(problem, data, options)
    }

    @usableFromInline
    func runFit(_ problem: ResidualProblem, _ data: Observations, _ options: FitOptions) throws(FitError) -> FitResult<Form> {
        let engine = try makeEngine(problem, data, options)
        let starts = try startPoints(options, engine)
        let scale0 = initialScale(engine)
        let outcomes = parallelMap(starts.count, parallel: options.isParallel) { index in
            engine.minimize(from: engine.internalPoint(starts[index].parameters, scale: scale0))
        }
        guard let best = outcomes.indices.filter({ outcomes[$0].value.isFinite })
            .min(by: { (outcomes[$0].value, $0) < (outcomes[$1].value, $1) }) else {
            throw .noFiniteStart("the law is undefined or not positive on the data at every one of \(starts.count) starts")
        }
        return summarize(engine, data, options, starts, outcomes, best)
    }

    func makeEngine(_ problem: ResidualProblem, _ data: Observations, _ options: FitOptions) throws(FitError) -> FitEngine {
        let parameters = self.parameters
        for name in options.bounds.keys where !parameters.contains(where: { $0.name == name }) {
            throw .invalidSetup("a bound on '\(name)', which the law does not have")
        }
        for (name, range) in options.bounds where !(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound) {
            throw .invalidSetup("the bound on '\(name)' must be a finite, non-empty interval")
        }
        if case .robust(.huber(let delta)) = options.objective, !(delta > 0 && delta.isFinite) {
            throw .invalidSetup("the Huber δ must be positive and finite, got \(delta)")
        }
        if case .huberLikelihood(let delta) = options.objective, !(delta > 0 && delta.isFinite) {
            throw .invalidSetup("the Huber δ must be positive and finite, got \(delta)")
        }
        if case .robust(.softL1(let scale)) = options.objective, !(scale > 0 && scale.isFinite) {
            throw .invalidSetup("the soft-L1 scale must be positive and finite, got \(scale)")
        }
        guard options.maxIterations > 0 else { throw .invalidSetup("maxIterations must be positive") }
        let transforms = problem.freeSlots.map { slot in
            ParameterTransform(parameters[slot].domain, override: options.bounds[parameters[slot].name])
        }
        return FitEngine(problem: problem, base: values, transforms: transforms, weights: data.weights,
                         objective: options.objective, options: options)
    }

    /// Every start as a full parameter vector, with the free parameters' starting values by name.
    func startPoints(_ options: FitOptions, _ engine: FitEngine) throws(FitError) -> [(parameters: [Double], named: [String: Double])] {
        let parameters = self.parameters
        let free = engine.problem.freeSlots
        func point(_ assignment: [String: Double]) throws(FitError) -> (parameters: [Double], named: [String: Double]) {
            var vector = values
            for (name, value) in assignment {
                guard let slot = parameters.firstIndex(where: { $0.name == name }) else {
                    throw .invalidSetup("a start value for '\(name)', which the law does not have")
                }
                guard let index = free.firstIndex(of: slot) else {
                    throw .invalidSetup("a start value for '\(name)', which is fixed")
                }
                guard engine.transforms[index].admits(value) else {
                    throw .invalidSetup("the start value \(value) of '\(name)' is outside its domain")
                }
                vector[slot] = value
            }
            var named: [String: Double] = [:]
            for slot in free { named[parameters[slot].name] = vector[slot] }
            return (vector, named)
        }
        switch options.starts {
        case .current:
            return [try point([:])]
        case .list(let list):
            guard !list.isEmpty else { throw .invalidSetup("the list of starts is empty") }
            var result: [(parameters: [Double], named: [String: Double])] = []
            for assignment in list { result.append(try point(assignment)) }
            return result
        case .grid(let grid):
            let names = grid.keys.sorted()
            for name in names where grid[name]!.isEmpty { throw .invalidSetup("the start grid has no values for '\(name)'") }
            var assignments: [[String: Double]] = [[:]]
            for name in names {
                assignments = assignments.flatMap { partial in grid[name]!.map { value in partial.merging([name: value]) { $1 } } }
            }
            var result: [(parameters: [Double], named: [String: Double])] = []
            result.reserveCapacity(assignments.count)
            for assignment in assignments { result.append(try point(assignment)) }
            return result
        }
    }

    /// The starting σ of the Huber likelihood: the residuals' RMS at the law's current values.
    func initialScale(_ engine: FitEngine) -> Double {
        guard engine.isLikelihood else { return 1 }
        var theta = engine.internalPoint(values)
        theta.removeLast()
        guard let (r, _) = engine.residuals(theta, jacobian: false) else { return 0.01 }
        let rms = (r.map { $0 * $0 }.reduce(0, +) / Double(r.count)).squareRoot()
        return rms.isFinite && rms > 0 ? rms : 0.01
    }

    func summarize(
        _ engine: FitEngine, _ data: Observations, _ options: FitOptions,
        _ starts: [(parameters: [Double], named: [String: Double])],
        _ outcomes: [(theta: [Double], value: Double, iterations: Int, reason: ConvergenceReason)], _ best: Int
    ) -> FitResult<Form> {
        let parameters = self.parameters
        let free = engine.problem.freeSlots
        let optimum = outcomes[best]
        let (fitted, derivatives) = engine.natural(optimum.theta)
        var law = ScalingLaw(unchecked: form, name: name, values: fitted, fixed: fixedParameters,
                             provenance: nil, fittedRange: nil)
        law.name = name.isEmpty ? "fit" : "\(name) (refit)"
        let freeNames = free.map { parameters[$0].name }

        // Covariance in θ, then in natural units by the delta method.
        var warnings: [FitWarning] = []
        var standardErrors: [String: Double] = [:]
        var covariance: [Double]?
        if let thetaCovariance = covarianceOfTheta(engine, optimum.theta) {
            let k = free.count
            var natural = [Double](repeating: 0, count: k * k)
            for a in 0..<k { for b in 0..<k { natural[a * k + b] = derivatives[a] * thetaCovariance[a * engine.dimension + b] * derivatives[b] } }
            covariance = natural
            for (index, name) in freeNames.enumerated() { standardErrors[name] = natural[index * k + index].squareRoot() }
        } else {
            warnings.append(.singularCovariance)
        }

        // Residuals, R².
        let predicted = engine.problem.predict(fitted)
        let logarithmic = options.residuals == .logarithmic
        let residuals = zip(data.values, predicted).map { logarithmic ? Double.log($0) - Double.log($1) : $0 - $1 }
        let weights = data.weights
        let totalWeight = weights.reduce(0, +)
        let mean = zip(data.values, weights).map { $0 * $1 }.reduce(0, +) / totalWeight
        var residualSquares = 0.0, totalSquares = 0.0
        for row in data.values.indices {
            residualSquares += weights[row] * (data.values[row] - predicted[row]) * (data.values[row] - predicted[row])
            totalSquares += weights[row] * (data.values[row] - mean) * (data.values[row] - mean)
        }
        let magnitudes = residuals.map(abs).sorted()
        let summary = ResidualSummary(
            count: residuals.count, mean: residuals.reduce(0, +) / Double(residuals.count),
            rootMeanSquare: (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot(),
            medianAbsolute: magnitudes.count % 2 == 1 ? magnitudes[magnitudes.count / 2]
                : 0.5 * (magnitudes[magnitudes.count / 2 - 1] + magnitudes[magnitudes.count / 2]),
            maxAbsolute: magnitudes.last ?? 0)

        // Warnings.
        if !optimum.reason.isConverged { warnings.append(.notConverged(optimum.reason)) }
        for (index, slot) in free.enumerated() {
            let value = fitted[slot]
            if engine.transforms[index].isOnBound(value) { warnings.append(.onBound(parameter: parameters[slot].name, value: value)) }
            if case .logarithm = engine.transforms[index], value > 1e15 || value < 1e-9 {
                warnings.append(.extreme(parameter: parameters[slot].name, value: value))
            }
        }
        if case .grid(let grid) = options.starts {
            for name in grid.keys.sorted() {
                let candidates = grid[name]!
                guard candidates.count > 1, let start = starts[best].named[name] else { continue }
                if start == candidates.min() || start == candidates.max() {
                    warnings.append(.atGridEdge(parameter: name, start: start))
                }
            }
        }

        let kept: [StartOutcome] = options.keepsAllStarts ? starts.indices.map { index in
            let (values, _) = engine.natural(outcomes[index].theta)
            var named: [String: Double] = [:]
            for slot in free { named[parameters[slot].name] = values[slot] }
            return StartOutcome(start: starts[index].named, parameters: named, objective: outcomes[index].value,
                                iterations: outcomes[index].iterations, convergence: outcomes[index].reason)
        } : []
        return FitResult(
            law: law, objective: optimum.value, iterations: optimum.iterations, convergence: optimum.reason,
            freeParameters: freeNames, standardErrors: standardErrors, covariance: covariance,
            scale: engine.isLikelihood ? Double.exp(optimum.theta[free.count]) : nil,
            rSquared: totalSquares > 0 ? 1 - residualSquares / totalSquares : .nan,
            residuals: summary, starts: kept, startCount: starts.count, bestStart: best, warnings: warnings)
    }

    /// The covariance of θ (dimension × dimension, row-major) at the optimum:
    /// least squares s²·(JᵀWJ)⁻¹; robust losses the sandwich H⁻¹·B·H⁻¹·n/(n − k) with
    /// H = Σwρ″JJᵀ and B = Σw²ρ′²JJᵀ; the Huber likelihood the inverse outer product of the
    /// per-observation scores. `nil` when the curvature is singular.
    func covarianceOfTheta(_ engine: FitEngine, _ theta: [Double]) -> [Double]? {
        let free = engine.freeCount
        guard let (r, jacobian) = engine.residuals(Array(theta.prefix(free)) + (engine.isLikelihood ? [] : []), jacobian: true) else { return nil }
        let n = r.count, k = engine.dimension
        let weights = engine.weights
        var h = [Double](repeating: 0, count: k * k)
        var b = [Double](repeating: 0, count: k * k)
        func row(_ index: Int) -> [Double] { Array(jacobian[(index * free)..<((index + 1) * free)]) }
        switch engine.objective {
        case .robust(.leastSquares):
            var squares = 0.0
            for index in 0..<n {
                let j = row(index), w = weights[index]
                squares += w * r[index] * r[index]
                for a in 0..<k { for c in 0..<k { h[a * k + c] += w * j[a] * j[c] } }
            }
            guard n > k, let inverse = SymmetricSolve.inverse(h, k) else { return nil }
            let s2 = squares / Double(n - k)
            return inverse.map { $0 * s2 }
        case .robust(let loss):
            for index in 0..<n {
                let j = row(index), w = weights[index], residual = r[index]
                let psi = FitEngine.loss(loss, residual).1
                let curvature: Double
                switch loss {
                case .huber(let delta): curvature = abs(residual) <= delta ? 1 : 0
                case .softL1(let c): curvature = Double.pow(1 + (residual / c) * (residual / c), -1.5)
                case .leastSquares: curvature = 1
                }
                for a in 0..<k {
                    for c in 0..<k {
                        h[a * k + c] += w * curvature * j[a] * j[c]
                        b[a * k + c] += w * w * psi * psi * j[a] * j[c]
                    }
                }
            }
            guard n > k, let hInverse = SymmetricSolve.inverse(h, k) else { return nil }
            let correction = Double(n) / Double(n - k)
            var result = [Double](repeating: 0, count: k * k)
            for a in 0..<k {
                for c in 0..<k {
                    var sum = 0.0
                    for m in 0..<k { for q in 0..<k { sum += hInverse[a * k + m] * b[m * k + q] * hInverse[q * k + c] } }
                    result[a * k + c] = sum * correction
                }
            }
            return result
        case .huberLikelihood(let delta):
            let sigma = Double.exp(theta[free])
            for index in 0..<n {
                let j = row(index), w = weights[index]
                let z = r[index] / sigma
                let psi = FitEngine.loss(.huber(delta: delta), z).1
                var score = j.map { w * psi / sigma * $0 }
                score.append(w * (1 - psi * z))
                for a in 0..<k { for c in 0..<k { h[a * k + c] += score[a] * score[c] } }
            }
            return SymmetricSolve.inverse(h, k)
        }
    }
}

/// `body(0) … body(count − 1)`, in parallel across cores when `parallel`, results in index order.
func parallelMap<T: Sendable>(_ count: Int, parallel: Bool, _ body: @Sendable (Int) -> T) -> [T] {
    guard parallel, count > 1 else { return (0..<count).map(body) }
    let results = ResultSlots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { index in results.store(body(index), at: index) }
    return results.values()
}

/// Write-once slots filled from concurrent iterations: each index is written by exactly one
/// iteration, so no two threads touch the same slot.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(_ count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    func values() -> [T] { (0..<count).map { storage[$0]! } }
}
