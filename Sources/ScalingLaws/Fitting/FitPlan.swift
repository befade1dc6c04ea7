import Dispatch

/// Everything about a fit that does not depend on the law's type: checked options, the data laid
/// out for the kernel, the search coordinates and the start points. Its ``run(_:)`` runs the
/// starts and the diagnostics. Compiled once in the library; only ``LawEvaluator`` is specialised
/// per law.
@usableFromInline
struct FitPlan: Sendable {
    @usableFromInline let data: FitData
    @usableFromInline let free: [Int]
    let observations: Observations
    let parameters: [Parameter]
    let values: [Double]
    let coordinates: [Coordinate]
    let loss: LossFunction
    let residuals: ResidualSpace
    let optimizer: Optimizer
    let options: FitOptions
    /// One full natural parameter vector per start.
    let startValues: [[Double]]
    /// The same starts in search coordinates (ln σ, for the likelihood, is set per start later).
    let startCoordinates: [[Double]]
    let gridRanges: [Parameter: ClosedRange<Double>]

    /// The largest number of free parameters: the widest derivative lanes are `SIMD64`.
    static let parameterLimit = 64

    @usableFromInline
    init(
        parameters: [Parameter], variables: [Variable], values: [Double], fixed: Set<Parameter>,
        data: Observations, loss: LossFunction, residuals: ResidualSpace, starts: Starts,
        optimizer: Optimizer, options: FitOptions
    ) throws(FitError) {
        try options.validate()
        try loss.validate()
        let free = parameters.indices.filter { !fixed.contains(parameters[$0]) }
        guard !free.isEmpty else { throw .noFreeParameters }
        guard free.count <= FitPlan.parameterLimit else {
            throw .tooManyParameters(count: free.count, limit: FitPlan.parameterLimit)
        }
        for parameter in Array(options.searchSpaces.keys) + Array(options.bounds.keys) {
            guard parameters.contains(parameter) else { throw .unknownParameter(parameter.name) }
            guard !fixed.contains(parameter) else { throw .fixedParameter(parameter.name) }
        }
        let points = try starts.points(parameters: parameters, fixed: fixed)
        let coordinates = try free.map { index throws(FitError) in
            let parameter = parameters[index]
            let space = options.searchSpaces[parameter]
                ?? FitPlan.spaceForStarts(parameter, values: points.compactMap { $0[parameter] }, bounded: options.bounds[parameter] != nil)
            return try Coordinate.resolve(parameter, space: space, bounds: options.bounds[parameter])
        }

        try FitPlan.checkDomains(of: variables, in: data)
        let layout = try FitData(variables: variables, data: data)
        let pointsWithWeight = data.weights?.filter { $0 > 0 }.count ?? data.count
        let unknowns = free.count + (loss.isLeastSquaresShaped ? 0 : 1)
        guard pointsWithWeight >= unknowns else { throw .tooFewPoints(points: pointsWithWeight, needed: unknowns) }

        let resolved = try FitPlan.resolve(optimizer, for: loss)
        let (startValues, startCoordinates) = try FitPlan.startPoints(
            points, parameters: parameters, values: values, free: free, coordinates: coordinates,
            hasScale: !loss.isLeastSquaresShaped)

        self.data = layout
        self.free = free
        self.observations = data
        self.parameters = parameters
        self.values = values
        self.coordinates = coordinates
        self.loss = loss
        self.residuals = residuals
        self.optimizer = resolved
        self.options = options
        self.startValues = startValues
        self.startCoordinates = startCoordinates
        self.gridRanges = starts.gridRanges
    }

    /// Every value of a variable the law reads must lie in the law's own domain for it.
    static func checkDomains(of variables: [Variable], in data: Observations) throws(FitError) {
        for variable in variables {
            guard let key = data.variables.first(where: { $0 == variable }), let column = data.columns[key] else {
                throw .missingVariable(variable.id)
            }
            for (row, value) in column.enumerated() {
                do throws(ScalingLawError) { try variable.check(value) } catch {
                    if case .invalidValue(_, _, let requirement) = error {
                        throw .invalidValue(variable: variable.id, row: row, value: value, requirement: requirement)
                    }
                    throw .law(error)
                }
            }
        }
    }

    /// The optimizer to run: `.automatic` resolved for the loss, the others checked against it.
    static func resolve(_ optimizer: Optimizer, for loss: LossFunction) throws(FitError) -> Optimizer {
        switch optimizer {
        case .automatic:
            if case .huberLikelihood = loss { return .sequentialLinearProgramming }
            return loss.isLeastSquaresShaped ? .levenbergMarquardt : .lbfgs(memory: 10)
        case .levenbergMarquardt:
            guard loss.isLeastSquaresShaped else {
                throw .unsupportedOptimizer("Levenberg–Marquardt minimises sums of ρ(r); use .lbfgs() for \(loss)")
            }
            return optimizer
        case .sequentialLinearProgramming:
            switch loss {
            case .huber, .huberLikelihood: return optimizer
            default:
                throw .unsupportedOptimizer("sequential linear programming minimises the Huber losses; use .automatic or .lbfgs() for \(loss)")
            }
        case .lbfgs(let memory):
            guard (1...1000).contains(memory) else {
                throw .invalidOption("the L-BFGS memory must be in 1...1000 correction pairs, got \(memory)")
            }
            return optimizer
        }
    }

    /// Each start as a full natural parameter vector and in search coordinates (plus ln σ = 0 for
    /// the likelihood, set per start later); throws for a start its coordinates cannot hold.
    static func startPoints(
        _ points: [[Parameter: Double]], parameters: [Parameter], values: [Double], free: [Int],
        coordinates: [Coordinate], hasScale: Bool
    ) throws(FitError) -> (values: [[Double]], coordinates: [[Double]]) {
        var startValues: [[Double]] = []
        var startCoordinates: [[Double]] = []
        startValues.reserveCapacity(points.count)
        startCoordinates.reserveCapacity(points.count)
        for point in points {
            var full = values
            for (parameter, value) in point { full[parameters.firstIndex(of: parameter)!] = value }
            var u: [Double] = []
            u.reserveCapacity(free.count + 1)
            for (slot, index) in free.enumerated() {
                guard let coordinate = coordinates[slot].unconstrained(full[index]) else {
                    throw .invalidStart(parameter: parameters[index].name, value: full[index],
                                        requirement: coordinates[slot].requirement)
                }
                u.append(coordinate)
            }
            if hasScale { u.append(0) }
            startValues.append(full)
            startCoordinates.append(u)
        }
        return (startValues, startCoordinates)
    }

    /// Natural coordinates for a positive parameter whose starts include values its default log
    /// coordinates cannot represent (Hoffmann et al.'s grid starts α and β at 0, and fitted them
    /// that way); nil — the domain's default — otherwise.
    static func spaceForStarts(_ parameter: Parameter, values: [Double], bounded: Bool) -> SearchSpace? {
        guard !bounded, case .positive = parameter.domain else { return nil }
        return values.contains { $0 <= 0 && $0.isFinite } ? .natural : nil
    }

    // MARK: Running

    /// Runs every start, picks the best, and computes the diagnostics.
    @usableFromInline
    func run(_ evaluator: LawEvaluator) throws(FitError) -> FitOutcome {
        let began = DispatchTime.now().uptimeNanoseconds
        let problem = try FitProblem(evaluator: evaluator, data: observations, parameters: parameters, values: values,
                                     free: free, coordinates: coordinates, residualSpace: residuals, loss: loss)
        let results: [LocalResult], refined: Set<Int>
        do { (results, refined) = try multiStart(problem) } catch { throw .cancelled }
        var starts: [StartResult] = []
        starts.reserveCapacity(results.count)
        var best: Int?
        var bestOutside: Int?
        for (index, result) in results.enumerated() {
            let natural = problem.naturalValues(result.u)
            let inside = zip(free, natural).allSatisfy { parameters[$0.0].admits($0.1) }
            let start = StartResult(
                index: index,
                start: Dictionary(uniqueKeysWithValues: free.map { (parameters[$0], startValues[index][$0]) }),
                parameters: Dictionary(uniqueKeysWithValues: zip(free.map { parameters[$0] }, natural)),
                objective: result.objective, iterations: result.iterations, evaluations: result.evaluations,
                reason: result.reason, isInsideDomain: inside, isRefined: refined.contains(index))
            starts.append(start)
            guard result.objective.isFinite else { continue }
            if inside {
                if best == nil || result.objective < results[best!].objective { best = index }
            } else if bestOutside == nil || result.objective < results[bestOutside!].objective {
                bestOutside = index
            }
        }
        guard let best else {
            let reason = starts.first { !$0.isInsideDomain && $0.objective.isFinite }
                .map { _ in "every finite optimum lies outside the parameters' domain" }
                ?? starts.first.map { $0.reason.description } ?? "no starts"
            throw .allStartsFailed(starts: starts.count, firstReason: reason)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        var outcome = FitOutcome(plan: self, problem: problem, best: results[best], bestIndex: best,
                                 starts: options.keepAllStarts ? starts : [starts[best]], seconds: seconds)
        if let bestOutside, results[bestOutside].objective < results[best].objective {
            outcome.warnings.append(.lowerObjectiveOutsideDomain(objective: results[bestOutside].objective, start: bestOutside))
        }
        outcome.optima = LocalOptimum.distinct(results, starts: starts, bestObjective: results[best].objective)
        if outcome.optima.count > 1 {
            outcome.warnings.append(.severalOptima(count: outcome.optima.count, objectives: outcome.optima.map(\.objective)))
            let resolution = LocalOptimum.resolution(objective: results[best].objective, points: problem.count)
            let tied = outcome.optima.filter { $0.objective - outcome.optima[0].objective <= resolution }
            if tied.count > 1 {
                outcome.warnings.append(.numericallyTied(objectives: tied.map(\.objective), resolution: resolution))
            }
        }
        return outcome
    }

    /// Every start's local optimisation, and the indices of those run to the full tolerances: all of
    /// them, or with ``Screening`` the best few after a loose pass.
    func multiStart(_ problem: FitProblem) throws(CancellationError) -> (results: [LocalResult], refined: Set<Int>) {
        let full = Tolerances(options, weights: problem.weights)
        guard let screening = options.screening, startCoordinates.count > screening.minimumStarts else {
            let results = try FitPlan.optimize(problem, optimizer: optimizer, tolerances: full, starts: startCoordinates,
                                               weights: problem.weights, concurrency: options.concurrency)
            return (results, Set(results.indices))
        }
        var loose = full
        loose.objective = Swift.max(full.objective, screening.objectiveTolerance)
        var results = try FitPlan.optimize(problem, optimizer: optimizer, tolerances: loose, starts: startCoordinates,
                                           weights: problem.weights, concurrency: options.concurrency)
        // The best finite end points, ties to the earlier start: the same choice on any core count.
        let chosen = results.indices.filter { results[$0].objective.isFinite }
            .sorted { (results[$0].objective, $0) < (results[$1].objective, $1) }
            .prefix(screening.refined)
        let screened = results
        let polished = try problem.weights.withUnsafeBufferPointer { weights throws(CancellationError) in
            try ParallelWork.map(count: chosen.count, concurrency: options.concurrency,
                                 makeState: { FitProblem.Workspace(problem) }) { slot, workspace in
                FitPlan.optimize(problem, optimizer: optimizer, tolerances: full, from: screened[chosen[chosen.startIndex + slot]].u,
                                 weights: weights.baseAddress!, workspace, initializeScale: false)
            }
        }
        for (slot, index) in chosen.enumerated() {
            var result = polished[slot]
            result.iterations += results[index].iterations
            result.evaluations += results[index].evaluations
            results[index] = result
        }
        return (results, Set(chosen))
    }

    /// Runs the local optimizer from each start (in parallel), with the given point weights.
    static func optimize(
        _ problem: FitProblem, optimizer: Optimizer, tolerances: Tolerances, starts: [[Double]], weights: [Double],
        concurrency: Int?
    ) throws(CancellationError) -> [LocalResult] {
        try weights.withUnsafeBufferPointer { weightBuffer throws(CancellationError) in
            let weightPointer = weightBuffer.baseAddress!
            return try ParallelWork.map(count: starts.count, concurrency: concurrency,
                                    makeState: { FitProblem.Workspace(problem) }) { index, workspace in
                optimize(problem, optimizer: optimizer, tolerances: tolerances, from: starts[index],
                         weights: weightPointer, workspace, initializeScale: true)
            }
        }
    }

    /// Runs the local optimizer from one start. For the likelihood, `initializeScale` sets ln σ
    /// from the residuals at the start (otherwise the start's own ln σ is kept).
    static func optimize(
        _ problem: FitProblem, optimizer: Optimizer, tolerances: Tolerances, from start: [Double],
        weights: UnsafePointer<Double>, _ workspace: FitProblem.Workspace, initializeScale: Bool
    ) -> LocalResult {
        var start = start
        if problem.hasScale && initializeScale {
            let scale = start.withUnsafeMutableBufferPointer {
                problem.initialLogScale($0.baseAddress!, weights: weights, workspace)
            }
            guard let scale else {
                return LocalResult(u: start, objective: .infinity, iterations: 0, evaluations: 1,
                                   reason: .failed("the law's predictions are not finite (or not positive, with logarithmic residuals) at the start"))
            }
            start[problem.free.count] = scale
        }
        return optimizer.minimizer(for: problem, tolerances: tolerances).minimize(from: start, weights: weights, workspace)
    }
}
