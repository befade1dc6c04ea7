import Foundation
import Testing
@testable import ScalingLaws

/// The L1 machinery behind ``Optimizer/sequentialLinearProgramming``: the exact weighted L1
/// regression against scipy's HiGHS linear programs (Tests/Reference/least_absolute_deviations_reference.py)
/// and against its own optimality (a convex function: no direction lowers it), the profiled
/// Huber scale against a brute-force search, and whole fits against L-BFGS and against local
/// minimality of the true objective.
@Suite struct SequentialLinearProgrammingTests {
    /// `f(d) = Σ wᵢ·|aᵢ + Jᵢ·d|`.
    static func absoluteSum(_ a: [Double], _ jacobian: [Double], _ weights: [Double], _ d: [Double]) -> Double {
        let k = d.count
        var total = 0.0
        for i in a.indices {
            var r = a[i]
            for j in 0..<k { r += jacobian[i * k + j] * d[j] }
            total += weights[i] * abs(r)
        }
        return total
    }

    static func solve(_ a: [Double], _ jacobian: [Double], _ weights: [Double], k: Int) -> LeastAbsoluteDeviations {
        var solver = LeastAbsoluteDeviations(points: a.count, dimension: k)
        let outcome = a.withUnsafeBufferPointer { ap in
            jacobian.withUnsafeBufferPointer { jp in
                weights.withUnsafeBufferPointer { wp in solver.solve(ap.baseAddress!, jacobian: jp.baseAddress!, weights: wp.baseAddress!) }
            }
        }
        #expect(outcome == .optimal)
        return solver
    }

    /// The quadratic case of the reference script: HiGHS's objective 2.64 and its unique step.
    @Test func quadraticRegressionMatchesLinearProgram() {
        let y = [1.0, 1.3, 1.1, 2.9, 1.9, 2.2, 2.8, 2.6, 3.9, 3.1, 3.6, 4.4]
        let weights: [Double] = [1, 2, 1, 0, 3, 1, 1, 2, 1, 1, 0.5, 1]
        var jacobian: [Double] = []
        for i in 0..<12 {
            let x = Double(i) / 11
            jacobian += [1, x, x * x]
        }
        let solver = Self.solve(y.map { -$0 }, jacobian, weights, k: 3)
        let objective = solver.objective(weights: weights)
        #expect(abs(objective - 2.6400000000000103) <= 1e-12 * 2.64)
        let reference = [1.1628571428571435, 1.3357142857142776, 1.9014285714285908]
        for j in 0..<3 { #expect(abs(solver.step[j] - reference[j]) <= 1e-9, "d[\(j)] = \(solver.step[j])") }
        #expect(abs(Self.absoluteSum(y.map { -$0 }, jacobian, weights, solver.step) - objective) <= 1e-12)
        // The zero-weight point never enters the active set.
        #expect(!solver.active.contains(3))
        #expect(solver.active.count == 3)
    }

    /// Repeated rows and several points on one line (a degenerate vertex): HiGHS's objective 11.
    @Test func tiedRowsReachTheLinearProgramsObjective() {
        let x: [Double] = [0, 0, 1, 1, 2, 2, 3, 3]
        let y: [Double] = [1, 5, 3, 3, 5, 0, 7, 9]
        let jacobian: [Double] = x.flatMap { [1.0, $0] }
        let weights = [Double](repeating: 1, count: 8)
        let solver = Self.solve(y.map { -$0 }, jacobian, weights, k: 2)
        #expect(abs(solver.objective(weights: weights) - 11) <= 1e-12)
    }

    /// A Jacobian with two equal columns (rank 2 of 3): the minimum of the reduced problem.
    @Test func rankDeficientJacobianReachesTheReducedMinimum() {
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let y: [Double] = [0.5, 2.5, 4.0, 7.5, 8.0, 11.0]
        let weights = [Double](repeating: 1, count: 6)
        let full = Self.solve(y.map { -$0 }, x.flatMap { [1.0, $0, $0] }, weights, k: 3)
        let reduced = Self.solve(y.map { -$0 }, x.flatMap { [1.0, $0] }, weights, k: 2)
        #expect(abs(full.objective(weights: weights) - reduced.objective(weights: weights)) <= 1e-12)
    }

    /// 200 seeded random problems: no direction lowers f at the solution (f is convex, so a local
    /// minimum is the global one), the reported residuals are the step's, and k residuals are zero.
    @Test func randomProblemsAreMinimised() {
        var generator = Xoshiro256StarStar(seed: 41)
        var checkedDirections = 0
        for _ in 0..<200 {
            let n = 8 + Int(generator.next() % 40), k = 1 + Int(generator.next() % 5)
            let a = (0..<n).map { _ in generator.nextGaussian() }
            let jacobian = (0..<(n * k)).map { _ in generator.nextGaussian() }
            let weights = (0..<n).map { _ in generator.nextUniform() < 0.2 ? 0 : Double(1 + generator.next() % 3) }
            let solver = Self.solve(a, jacobian, weights, k: k)
            let minimum = Self.absoluteSum(a, jacobian, weights, solver.step)
            #expect(abs(minimum - solver.objective(weights: weights)) <= 1e-10 * (1 + minimum))
            for _ in 0..<20 {
                let direction = (0..<k).map { _ in generator.nextGaussian() }
                for h in [1e-6, 1e-3, 1.0] {
                    let moved = zip(solver.step, direction).map { $0 + h * $1 }
                    #expect(Self.absoluteSum(a, jacobian, weights, moved) >= minimum - 1e-10 * (1 + minimum))
                    checkedDirections += 1
                }
            }
            if weights.filter({ $0 > 0 }).count >= k { #expect(solver.active.count == k) }
        }
        #expect(checkedDirections == 12_000)
    }

    /// The profiled scale minimises `Σ w·[Huber_δ(r/σ) + ln σ]`: a golden-section search over ln σ
    /// finds no lower value, for δ in the Laplace, mixed and Gaussian regimes.
    @Test func profiledScaleMinimisesTheLikelihood() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        for delta in [1e-3, 0.5, 1.345, 1000] {
            let residuals = (0..<60).map { _ in 0.02 * generator.nextGaussian() }
            let weights = (0..<60).map { _ in Double(generator.next() % 3) }
            let scale = try #require(weights.withUnsafeBufferPointer {
                SequentialLinearProgramming.profileScale(residuals, $0.baseAddress!, n: 60, delta: delta)
            })
            func h(_ logScale: Double) -> Double {
                let sigma = Double.exp(logScale)
                var total = 0.0
                for (r, w) in zip(residuals, weights) where w > 0 {
                    total += w * (LossFunction.huber(delta: delta).rho(r / sigma).rho + logScale)
                }
                return total
            }
            var low = Double.log(scale) - 3, high = Double.log(scale) + 3
            let ratio = (5.0.squareRoot() - 1) / 2
            for _ in 0..<200 {
                let left = high - ratio * (high - low), right = low + ratio * (high - low)
                if h(left) < h(right) { high = right } else { low = left }
            }
            #expect(h(Double.log(scale)) <= h(0.5 * (low + high)) + 1e-12 * abs(h(0.5 * (low + high))), "δ = \(delta)")
            #expect(abs(Double.log(scale) - 0.5 * (low + high)) < 1e-6, "δ = \(delta): \(scale) vs \(Double.exp(0.5 * (low + high)))")
        }
    }

    /// Chinchilla's form on 60 synthetic points with 2% noise, Besiroglu et al.'s likelihood: the
    /// fit ends no higher than L-BFGS's with tight tolerances, and no parameter or σ moved by a
    /// small step in either direction lowers the true objective (local minimality, computed by the
    /// public objective evaluation, not the optimizer).
    @Test func likelihoodFitIsALocalMinimumNoHigherThanLBFGS() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(60, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 8)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.02, seed: 8)
        let options = FitOptions(maxIterations: 10_000, objectiveTolerance: 1e-15, gradientTolerance: 1e-12)
        let loss = LossFunction.huberLikelihood(delta: 1e-3)
        let linear = try truth.fit(to: data, loss: loss, optimizer: .sequentialLinearProgramming, options: options)
        let automatic = try truth.fit(to: data, loss: loss, options: options)
        let lbfgs = try truth.fit(to: data, loss: loss, optimizer: .lbfgs(), options: options)
        #expect(linear.isConverged)
        #expect(automatic.objective == linear.objective)
        #expect(linear.objective <= lbfgs.objective + 1e-9 * abs(lbfgs.objective))
        let sigma = try #require(linear.scale)
        let best = try linear.law.objective(on: data, loss: loss, scale: sigma).objective
        #expect(abs(best - linear.objective) <= 1e-9 * abs(best))
        for name in linear.freeParameters {
            for factor in [1 - 1e-7, 1 + 1e-7, 1 - 1e-4, 1 + 1e-4] {
                let moved = try linear.law.setting(name, to: linear.parameters[name]! * factor)
                let value = try moved.objective(on: data, loss: loss, scale: sigma).objective
                #expect(value >= best - 1e-9 * abs(best), "\(name) × \(factor): \(value) < \(best)")
            }
        }
        for factor in [1 - 1e-6, 1 + 1e-6] {
            #expect(try linear.law.objective(on: data, loss: loss, scale: sigma * factor).objective >= best - 1e-9 * abs(best))
        }
    }

    /// With δ beyond every standardised residual the likelihood is Gaussian: the Newton phase (every
    /// point in the core) lands on the least-squares fit.
    @Test func gaussianLimitIsLeastSquares() throws {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 3, "kappa": -0.3])
        let points = FittingSupport.points(40, [.N: 1e6...1e10], seed: 14)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.05, seed: 14)
        let start = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0])
        let leastSquares = try start.fit(to: data)
        let likelihood = try start.fit(to: data, loss: .huberLikelihood(delta: 1000), optimizer: .sequentialLinearProgramming)
        #expect(likelihood.isConverged)
        #expect(abs(likelihood.parameters["kappa"]! - leastSquares.parameters["kappa"]!) < 1e-7)
        #expect(abs(likelihood.parameters["c"]! / leastSquares.parameters["c"]! - 1) < 1e-6)
        let sigma = try #require(likelihood.scale)
        #expect(abs(sigma * sigma / (2 * leastSquares.objective / Double(data.count)) - 1) < 1e-6)
    }

    /// Huber's usual δ = 1.345 (most points in the quadratic core) and the plain Huber loss: never
    /// higher than L-BFGS.
    @Test func wideCoreAndPlainHuberAreNoWorseThanLBFGS() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(50, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 23)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.02, seed: 23)
        let options = FitOptions(maxIterations: 5_000, objectiveTolerance: 1e-14, gradientTolerance: 1e-12)
        for loss in [LossFunction.huberLikelihood(delta: 1.345), .huber(delta: 1e-3), .huber(delta: 0.05)] {
            let linear = try truth.fit(to: data, loss: loss, optimizer: .sequentialLinearProgramming, options: options)
            let lbfgs = try truth.fit(to: data, loss: loss, optimizer: .lbfgs(), options: options)
            #expect(linear.objective <= lbfgs.objective + 1e-9 * abs(lbfgs.objective), "\(loss): \(linear.objective) vs \(lbfgs.objective)")
        }
    }

    /// Only the Huber losses: anything else is refused before any work, with the reason.
    @Test func otherLossesAreRefused() throws {
        let probe = HostileProbe(.badFit)
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(20, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 2)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.02, seed: 2)
        for loss in [LossFunction.leastSquares, .softL1(scale: 0.01), .asymmetric(underPrediction: 2, overPrediction: 1)] {
            #expect(throws: FitError.self) { try probe.call { try truth.fit(to: data, loss: loss, optimizer: .sequentialLinearProgramming) } }
        }
    }

    /// Bootstrap refits with sequential linear programming: seeded (the same samples twice, and on
    /// one or two threads), every refit kept.
    @Test func bootstrapIsSeededAndKeepsEveryRefit() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(40, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 31)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.02, seed: 31)
        // A modest iteration limit bounds the L-BFGS fallback of the rare refit without a vertex
        // (this is a debug build).
        let fit = try truth.fit(to: data, loss: .huberLikelihood(delta: 1e-3),
                                options: FitOptions(maxIterations: 200, objectiveTolerance: 1e-15, gradientTolerance: 1e-12))
        let one = try fit.bootstrap(resamples: 8, seed: 9, concurrency: 1)
        let two = try fit.bootstrap(resamples: 8, seed: 9, concurrency: 2)
        #expect(one.samples == two.samples)
        #expect(one.failures == 0)
        #expect(one.samples.count == 8)
    }
}
