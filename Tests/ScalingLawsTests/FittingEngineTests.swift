import Foundation
import Synchronization
import Testing
@testable import ScalingLaws

/// The engine's numbers against independent computations: exact derivatives against the core's
/// `Dual` gradients and against central differences, standard errors against the closed form of
/// linear regression, the Gaussian limit of the likelihood against least squares; and its
/// behaviour: optimizers agree, robust losses resist outliers, weights, determinism, bootstrap.
@Suite struct FittingEngineTests {
    /// ln y = ln c + κ·ln x + noise: with log residuals a power law is a linear regression.
    func powerLawData(seed: UInt64, count: Int = 40, noise: Double = 0.05) throws -> (Observations, [Double], [Double]) {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 3, "kappa": -0.3])
        let points = FittingSupport.points(count, [.N: 1e6...1e10], seed: seed)
        let data = try FittingSupport.observations(truth, at: points, noise: noise, seed: seed)
        return (data, points.map { Double.log($0[.N]!) }, data.targets.map { Double.log($0) })
    }

    // MARK: Derivatives

    /// The kernel's Jacobian (log-cached duals, SIMD lanes) equals the core's `Dual` gradient, and
    /// its SIMD values equal scalar evaluation, for every family.
    @Test func kernelMatchesCoreEvaluation() throws {
        try checkKernel(Hoffmann2022.printed, [.N: 1e8...1e11, .D: 1e9...1e12], [:])
        try checkKernel(Ouyang2024.quantizedLoss, [.N: 1e8...1e10, .D: 1e9...1e11], [.bits: [2, 3, 4]])
        try checkKernel(Kumar2024.unified, [.N: 1e8...1e10, .D: 1e9...1e11],
                        [.bits: [3, 4, 8], .weightBits: [4, 8, 16], .activationBits: [4, 8], .kvBits: [4, 16]])
        try checkKernel(Chen2025.splitW4A4, [.N: 1e8...1e9, .D: 1e10...1e11], [.groupSize: [32, 128]])
        try checkKernel(Sun2025.capybara, [.N: 1e8...1e9, .D: 1e10...1e11],
                        [.exponentBits: [0, 2, 4], .mantissaBits: [0, 3], .blockSize: [32, 128]])
        try checkKernel(Frantar2025.onChinchilla, [.N: 1e8...1e10, .D: 1e9...1e12],
                        [Frantar2025.format: [0, 1, 2, 3]])
    }

    func checkKernel<Form: LawForm>(
        _ law: ScalingLaw<Form>, _ ranges: [Variable: ClosedRange<Double>], _ choices: [Variable: [Double]],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let points = FittingSupport.points(19, ranges, choices: choices, seed: 11)
        let data = try FittingSupport.observations(law, at: points, noise: 0, seed: 11)
        let free = Array(law.parameters.indices)
        let layout = try FitData(variables: law.variables, data: data)
        let evaluator = LawEvaluator(form: law.form, data: layout, free: free)
        var predictions = [Double](repeating: 0, count: points.count)
        var lanes = [Double](repeating: 0, count: points.count)
        var jacobian = [Double](repeating: 0, count: points.count * free.count)
        law.values.withUnsafeBufferPointer { theta in
            evaluator.predictWithJacobian(theta.baseAddress!, &predictions, &jacobian)
            evaluator.predict(theta.baseAddress!, &lanes)
        }
        for (row, point) in points.enumerated() {
            let (value, gradient) = try law.gradient(at: point)
            #expect(abs(predictions[row] - value) <= 1e-14 * abs(value), "\(law.name) value", sourceLocation: sourceLocation)
            #expect(abs(lanes[row] - value) <= 1e-14 * abs(value), "\(law.name) SIMD value", sourceLocation: sourceLocation)
            for slot in free.indices {
                let exact = gradient[slot], kernel = jacobian[row * free.count + slot]
                #expect(abs(kernel - exact) <= 1e-12 * Swift.max(abs(exact), 1e-300) + 1e-300,
                        "\(law.name) ∂/∂\(law.parameters[slot].name): \(kernel) vs \(exact)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The objective's gradient in search coordinates (exact, through the coordinate maps) agrees
    /// with central differences of the objective, for each loss.
    @Test func gradientMatchesCentralDifferences() throws {
        let law = Hoffmann2022.printed
        let points = FittingSupport.points(30, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 12)
        let data = try FittingSupport.observations(law, at: points, noise: 0.02, seed: 12)
        let losses: [LossFunction] = [.leastSquares, .huber(delta: 0.05), .softL1(scale: 0.01), .huberLikelihood(delta: 1.5)]
        for loss in losses {
            for residuals in [ResidualSpace.logarithmic, .linear] {
                let plan = try FitPlan(parameters: law.parameters, variables: law.variables, values: law.values, fixed: [],
                                       data: data, loss: loss, residuals: residuals, starts: .current, optimizer: .lbfgs(),
                                       options: FitOptions(bounds: ["E": 1...3]))
                let evaluator = LawEvaluator(form: law.form, data: plan.data, free: plan.free)
                let problem = try FitProblem(evaluator: evaluator, data: data, parameters: law.parameters, values: law.values,
                                             free: plan.free, coordinates: plan.coordinates, residualSpace: residuals, loss: loss)
                let workspace = FitProblem.Workspace(problem)
                var u = plan.startCoordinates[0]
                if problem.hasScale { u[u.count - 1] = Double.log(0.02) }
                for slot in u.indices { u[slot] += 0.01 * Double(slot + 1) }     // off the data's optimum
                var gradient = [Double](repeating: 0, count: u.count)
                let weights = problem.weights
                _ = problem.valueAndGradient(u, weights: weights, workspace, gradient: &gradient)
                for slot in u.indices {
                    let h = 1e-6 * Swift.max(1, abs(u[slot]))
                    var plus = u, minus = u
                    plus[slot] += h
                    minus[slot] -= h
                    let difference = (problem.value(plus, weights: weights, workspace)
                                      - problem.value(minus, weights: weights, workspace)) / (2 * h)
                    #expect(abs(difference - gradient[slot]) <= 1e-5 * Swift.max(abs(gradient[slot]), 1e-3),
                            "\(loss) \(residuals) slot \(slot): exact \(gradient[slot]), difference \(difference)")
                }
            }
        }
    }

    // MARK: Statistics

    /// Standard errors equal the closed form of weighted linear regression (ln y on ln x), and
    /// the fit equals the normal-equation solution.
    @Test func standardErrorsMatchLinearRegression() throws {
        let (data, x, y) = try powerLawData(seed: 13)
        let fit = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0]).fit(to: data)
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / sxx
        let intercept = meanY - slope * meanX
        let ssr = zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
        let variance = ssr / (n - 2)
        let slopeError = (variance / sxx).squareRoot()
        let interceptError = (variance * (1 / n + meanX * meanX / sxx)).squareRoot()
        let c = Double.exp(intercept)
        #expect(abs(fit.parameters["kappa"]! - slope) < 1e-9)
        #expect(abs(fit.parameters["c"]! / c - 1) < 1e-7)
        #expect(abs(fit.standardErrors["kappa"]! / slopeError - 1) < 1e-6)
        // c = e^(intercept): the delta method gives SE(c) = c·SE(intercept).
        #expect(abs(fit.standardErrors["c"]! / (c * interceptError) - 1) < 1e-6)
        #expect(abs(fit.objective - ssr / 2) < 1e-12)
        let r2 = 1 - ssr / y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        #expect(abs(fit.rSquared - r2) < 1e-9)
        #expect(abs(fit.residuals.rootMeanSquare - (ssr / n).squareRoot()) < 1e-12)
        let covariance = try #require(fit.covariance)
        #expect(abs(covariance[3] - slopeError * slopeError) < 1e-9 * slopeError * slopeError)
    }

    /// With δ far beyond every standardised residual the Huber likelihood is Gaussian: its optimum
    /// is the least-squares fit and σ̂² = mean squared residual.
    @Test func likelihoodHasTheGaussianLimit() throws {
        let (data, _, _) = try powerLawData(seed: 14)
        let law = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0])
        let leastSquares = try law.fit(to: data)
        let likelihood = try law.fit(to: data, loss: .huberLikelihood(delta: 1000))
        #expect(abs(likelihood.parameters["kappa"]! - leastSquares.parameters["kappa"]!) < 1e-7)
        #expect(abs(likelihood.parameters["c"]! / leastSquares.parameters["c"]! - 1) < 1e-6)
        let sigma = try #require(likelihood.scale)
        let meanSquare = 2 * leastSquares.objective / Double(data.count)
        #expect(abs(sigma * sigma / meanSquare - 1) < 1e-6)
        // −ln L = n/2 + n ln σ̂ + n ln √(2π) at the Gaussian optimum σ̂² = mean square. (At the fitted
        // σ, which a converged fit leaves within ~1e-7 of σ̂, the objective is flat: compare there.)
        let n = Double(data.count)
        let optimum = n / 2 + n * 0.5 * Double.log(meanSquare) + n * 0.5 * Double.log(2 * Double.pi)
        #expect(likelihood.objective >= optimum - 1e-9)
        #expect(abs(likelihood.objective - optimum) < 1e-8)
        #expect(leastSquares.scale == nil)
    }

    // MARK: Optimizers and losses

    @Test func levenbergMarquardtAndLBFGSAgree() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(50, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 15)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 15)
        let start = try truth.setting("E", to: 2).setting("A", to: 200)
        let lm = try start.fit(to: data, optimizer: .levenbergMarquardt)
        let lbfgs = try start.fit(to: data, optimizer: .lbfgs(),
                                  options: FitOptions(maxIterations: 20_000, objectiveTolerance: 1e-15))
        #expect(lm.isConverged)
        #expect(abs(lbfgs.objective / lm.objective - 1) < 1e-6)
        for name in lm.freeParameters {
            #expect(abs(lbfgs.parameters[name]! / lm.parameters[name]! - 1) < 2e-3, "\(name)")
        }
        let huberLM = try start.fit(to: data, loss: .huber(delta: 0.01), optimizer: .levenbergMarquardt)
        let huberLBFGS = try start.fit(to: data, loss: .huber(delta: 0.01), optimizer: .lbfgs(),
                                       options: FitOptions(maxIterations: 20_000, objectiveTolerance: 1e-15))
        #expect(abs(huberLBFGS.objective / huberLM.objective - 1) < 1e-5)
    }

    /// A few gross outliers pull least squares away; Huber and soft-L1 stay near the truth.
    @Test func robustLossesResistOutliers() throws {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 3, "kappa": -0.3])
        let points = FittingSupport.points(60, [.N: 1e6...1e10], seed: 16)
        let clean = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 16)
        var targets = clean.targets
        for row in [3, 17, 29, 41, 55] { targets[row] *= 2.5 }
        let data = try Observations(clean.columns, targets: targets)
        let start = try truth.setting("c", to: 1).setting("kappa", to: 0)
        let error = { (fit: FitResult<PowerLawForm>) in abs(fit.parameters["kappa"]! + 0.3) }
        let leastSquares = try start.fit(to: data)
        let huber = try start.fit(to: data, loss: .huber(delta: 0.02))
        let softL1 = try start.fit(to: data, loss: .softL1(scale: 0.02))
        #expect(error(huber) < 0.2 * error(leastSquares))
        #expect(error(softL1) < 0.2 * error(leastSquares))
        #expect(error(huber) < 0.01)
    }

    @Test func linearResiduals() throws {
        let probe = HostileProbe(.badFit)
        // Values near zero and of both signs: only linear residuals can fit them.
        let truth = try ScalingLaw(KumarPTQForm(), values: ["CT": 0.06, "gammaD": 0.5, "gammaN": 0.34, "gammaPost": 0.6])
        let points = FittingSupport.points(40, [.N: 3e7...3e9, .D: 1e9...1e11], choices: [.bits: [3, 4, 6, 8]], seed: 17)
        var generator = Xoshiro256StarStar(seed: 17)
        var columns: [Variable: [Double]] = [:]
        var targets: [Double] = []
        for point in points {
            for (variable, value) in point { columns[variable, default: []].append(value) }
            targets.append(try truth(point) + 1e-4 * generator.nextGaussian())
        }
        let data = try Observations(columns, targets: targets)
        #expect(throws: FitError.self) { try probe.call { try truth.fit(to: data) } }   // some targets are ≤ 0
        let fit = try truth.setting("CT", to: 0.1).fit(to: data, residuals: .linear)
        #expect(fit.isConverged)
        #expect(abs(fit.parameters["gammaPost"]! - 0.6) < 0.05)
    }

    /// A point with weight 0 is absent from the fit; integer weights equal repeated points.
    @Test func weights() throws {
        let (data, _, _) = try powerLawData(seed: 18, count: 20)
        let law = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0])
        var weights = [Double](repeating: 1, count: 20)
        weights[3] = 0
        weights[7] = 3
        let weighted = try law.fit(to: try Observations(data.columns, targets: data.targets, weights: weights))
        var rows = Array(0..<20).filter { $0 != 3 }
        rows += [7, 7]
        let repeated = try law.fit(to: try data.subset(rows))
        #expect(abs(weighted.parameters["kappa"]! - repeated.parameters["kappa"]!) < 1e-10)
        #expect(abs(weighted.objective - repeated.objective) < 1e-12)
    }

    /// The same grid gives bit-identical results on one thread or several.
    @Test func multiStartIsDeterministic() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(40, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 19)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 19)
        let grid = Starts.grid(["alpha": [0.2, 0.5], "beta": [0.2, 0.5], "A": [100, 1000], "E": [1, 2]])
        let single = try truth.fit(to: data, starts: grid, options: FitOptions(keepAllStarts: true, concurrency: 1))
        let parallel = try truth.fit(to: data, starts: grid, options: FitOptions(keepAllStarts: true, concurrency: 3))
        #expect(single.starts.count == 16)
        #expect(single.starts == parallel.starts)
        #expect(single.parameters == parallel.parameters)
        #expect(single.bestStart == parallel.bestStart)
        // Grid order: the law's parameter order (E, A, alpha, B, beta), the last varying fastest.
        #expect(single.starts[0].start["E"] == 1 && single.starts[0].start["beta"] == 0.2)
        #expect(single.starts[1].start["beta"] == 0.5)
        #expect(single.starts[8].start["E"] == 2)
        // The best start is the lowest objective, ties going to the earlier start.
        let lowest = single.starts.map(\.objective).min()!
        #expect(single.bestStart == single.starts.firstIndex { $0.objective == lowest })
    }

    @Test func bootstrapIsReproducible() throws {
        let probe = HostileProbe(.badFit)
        let (data, _, _) = try powerLawData(seed: 20, count: 30)
        let fit = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0]).fit(to: data)
        let first = try fit.bootstrap(resamples: 200, seed: 5, concurrency: 1)
        // The Mutex lives in a class: a local one captured by the closure is accessed through the
        // closure's context, which the thread sanitizer's exclusivity checks see as a racing write.
        let reports = ProgressReports()
        let again = try fit.bootstrap(resamples: 200, seed: 5, concurrency: 2) { done, total in
            #expect(total == 200)
            reports.values.withLock { $0.append(done) }
        }
        // One report per refit, counting 1 … 200 (in completion order, from both threads).
        #expect(reports.values.withLock { $0.sorted() } == Array(1...200))
        let other = try fit.bootstrap(resamples: 200, seed: 6)
        #expect(first.samples == again.samples)
        #expect(first.samples != other.samples)
        #expect(first.samples.count == 200 && first.failures == 0)
        // For a linear regression the bootstrap SE is close to the analytic one.
        let ratio = first.standardErrors["kappa"]! / fit.standardErrors["kappa"]!
        #expect(ratio > 0.75 && ratio < 1.3)
        let interval = try #require(first.intervals["kappa"])
        #expect(interval.contains(fit.parameters["kappa"]!))
        // Intervals of derived numbers: the law's value at a point.
        let derived = try #require(first.interval { law in try law([.N: 1e12]) })
        #expect(derived.contains(try fit.law([.N: 1e12])))
        #expect(throws: FitError.self) { try probe.call { try fit.bootstrap(resamples: 1) } }
        #expect(throws: FitError.self) { try probe.call { try fit.bootstrap(level: 1) } }
    }

    // MARK: Warnings and honest non-convergence

    @Test func nonConvergenceIsReportedNotThrown() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(40, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 21)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 21)
        let start = try truth.setting("E", to: 3).setting("A", to: 10)
        for optimizer in [Optimizer.levenbergMarquardt, .lbfgs()] {
            let fit = try start.fit(to: data, optimizer: optimizer, options: FitOptions(maxIterations: 2))
            #expect(fit.reason == .maxIterations(2))
            #expect(!fit.isConverged)
            #expect(fit.warnings.contains(.notConverged(.maxIterations(2))))
            #expect(throws: FitError.notConverged(.maxIterations(2))) { try fit.requireConvergence() }
        }
    }

    @Test func warningsForBoundsGridsAndMissingCovariance() throws {
        let probe = HostileProbe(.badFit)
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(40, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 22)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.005, seed: 22)
        // E = 1.69 lies outside [2, 3]: the fit ends on the lower bound.
        let bounded = try truth.setting("E", to: 2.5).fit(to: data, options: FitOptions(bounds: ["E": 2...3]))
        #expect(bounded.parameters["E"]! >= 2)
        #expect(bounded.warnings.contains { if case .onBound("E", _, 2) = $0 { return true } else { return false } })
        // α = 0.34 lies outside the grid's [0.5, 1].
        let grid = try truth.fit(to: data, starts: .grid(["alpha": [0.5, 1]]))
        #expect(grid.warnings.contains { if case .beyondGrid("alpha", _, 0.5...1) = $0 { return true } else { return false } })
        // Four points for five parameters: refused; five: no standard errors.
        #expect(throws: FitError.tooFewPoints(points: 4, needed: 5)) { try probe.call { try truth.fit(to: try data.subset([0, 1, 2, 3])) } }
        let few = try truth.fit(to: try data.subset([0, 1, 2, 3, 4]))
        #expect(few.standardErrors.isEmpty)
        #expect(few.warnings.contains { if case .covarianceUnavailable = $0 { return true } else { return false } })
    }

    /// From a good start Levenberg–Marquardt takes the Gauss–Newton step at once, as MINPACK
    /// does. The Chinchilla form on 2,000 points with 1% noise, started at (E, A, α, B, β) =
    /// (1.8, 400, 0.34, 2000, 0.37): with data from Epoch's constants (a good start) it converges in
    /// at most 5 iterations, where scipy's `least_squares(method='lm')` makes 5 evaluations and 4
    /// Jacobians; with data from Hoffmann's (B five times smaller: a far start) in at most 22, where
    /// scipy makes 22 evaluations and 16 Jacobians. Both reach the optimum a tightly converged fit
    /// from the truth reaches.
    @Test(arguments: [(true, 5), (false, 22)])
    func levenbergMarquardtIterationsFromGoodAndFarStarts(_ goodStart: Bool, _ allowed: Int) throws {
        let truth = goodStart
            ? try Hoffmann2022.unrounded.setting("E", to: 1.8172).setting("A", to: 482.01).setting("alpha", to: 0.3478)
                .setting("B", to: 2085.43).setting("beta", to: 0.3658)
            : Hoffmann2022.unrounded
        let points = FittingSupport.points(2000, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 31)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 31)
        var options = FitOptions()
        options.searchSpaces = ["E": .natural, "A": .natural, "alpha": .natural, "B": .natural, "beta": .natural]
        let start = try truth.setting("E", to: 1.8).setting("A", to: 400).setting("alpha", to: 0.34)
            .setting("B", to: 2000).setting("beta", to: 0.37)
        let fit = try start.fit(to: data, optimizer: .levenbergMarquardt, options: options)
        #expect(fit.isConverged)
        #expect(fit.iterations <= allowed, "\(fit.iterations) iterations")
        options.objectiveTolerance = 1e-15
        let reference = try truth.fit(to: data, optimizer: .levenbergMarquardt, options: options)
        #expect(abs(fit.objective / reference.objective - 1) < 1e-10)
    }

    /// α → 0 with A → ∞: data generated without an N term leave A and α on a ridge.
    @Test func ridgeWarning() throws {
        let flat = try ScalingLaw(ChinchillaForm(), values: ["E": 2, "A": 1e-9, "alpha": 0.3, "B": 400, "beta": 0.3])
        let points = FittingSupport.points(40, [.N: 1e8...1e9, .D: 1e9...1e12], seed: 23)
        let data = try FittingSupport.observations(flat, at: points, noise: 1e-4, seed: 23)
        let fit = try flat.setting("A", to: 10).setting("alpha", to: 0.01).fit(to: data)
        let flagged = fit.warnings.contains {
            switch $0 {
            case .ridge, .runaway, .covarianceUnavailable: return true
            default: return false
            }
        }
        #expect(flagged, "warnings: \(fit.warnings)")
    }

    /// A positive parameter fitted in natural coordinates may run out of its domain; such an
    /// optimum is never returned as the fit.
    @Test func naturalCoordinatesCannotReturnAnOutOfDomainFit() throws {
        let probe = HostileProbe(.badFit)
        struct DecayForm: LawForm {
            var variables: [Variable] { [.N] }
            var parameters: [Parameter] { [Parameter("c"), Parameter("kappa")] }
            func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T { p[0] / T.pow(x[0], p[1]) }
        }
        // Rising data: c/N^κ fits it only with κ = −0.2 < 0.
        let rising = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0.2])
        let points = FittingSupport.points(20, [.N: 1e3...1e6], seed: 24)
        let data = try FittingSupport.observations(rising, at: points, noise: 0.01, seed: 24)
        let law = try ScalingLaw(DecayForm(), values: ["c": 1, "kappa": 0.1])
        #expect(throws: FitError.allStartsFailed(starts: 1, firstReason: "every finite optimum lies outside the parameters' domain")) {
            try probe.call { try law.fit(to: data, options: FitOptions(searchSpaces: ["kappa": .natural])) }
        }
        // In its default log coordinates κ runs toward 0: whether it underflows first or stops on
        // the edge, the result must not pass for a fit without a word.
        do {
            let fit = try law.fit(to: data)
            let flagged = fit.warnings.contains {
                if case .runaway(let name, _) = $0 { return name == "kappa" }
                return false
            }
            #expect(flagged, "warnings: \(fit.warnings)")
        } catch {
            // Typed (`fit` throws only FitError): any of them says there is no fit to report.
        }
    }
}

extension FitProblem {
    /// Array conveniences for tests.
    func value(_ u: [Double], weights: [Double], _ workspace: Workspace) -> Double {
        u.withUnsafeBufferPointer { p in weights.withUnsafeBufferPointer { w in value(p.baseAddress!, weights: w.baseAddress!, workspace) } }
    }

    func valueAndGradient(_ u: [Double], weights: [Double], _ workspace: Workspace, gradient: inout [Double]) -> Double {
        u.withUnsafeBufferPointer { p in
            weights.withUnsafeBufferPointer { w in
                gradient.withUnsafeMutableBufferPointer { g in
                    valueAndGradient(p.baseAddress!, weights: w.baseAddress!, workspace, gradient: g.baseAddress!)
                }
            }
        }
    }
}

/// Progress reports collected from several threads.
final class ProgressReports: Sendable {
    let values = Mutex<[Int]>([])
}
