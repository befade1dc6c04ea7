import Testing
@testable import ScalingLaws

/// The fast paths of the fitting engine against the plain ones: the fused SIMD objective and
/// gradient against residuals and a Jacobian summed point by point, and a screened multi-start
/// against running every start to the full tolerances.
@Suite struct FittingFastPathTests {
    /// The objective and gradient from the fused lane kernels equal those summed from the formed
    /// Jacobian, for every loss and residual space, at 1e-12 relative (summation order and the
    /// vector `log` differ; nothing else).
    @Test func fusedObjectiveAndGradientEqualThePointByPointSums() throws {
        let law = Sun2025.capybara
        let points = FittingSupport.points(
            37, [.N: 1e8...1e9, .D: 1e10...1e11], choices: [.exponentBits: [1, 2, 4], .mantissaBits: [0, 3], .blockSize: [32, 128]],
            seed: 31)
        let data = try FittingSupport.observations(law, at: points, noise: 0.02, seed: 31)
        let losses: [LossFunction] = [.leastSquares, .huber(delta: 0.01), .softL1(scale: 0.01), .huberLikelihood(delta: 1.5)]
        for loss in losses {
            for residuals in [ResidualSpace.logarithmic, .linear] {
                let plan = try FitPlan(parameters: law.parameters, variables: law.variables, values: law.values, fixed: [],
                                       data: data, loss: loss, residuals: residuals, starts: .current, optimizer: .lbfgs(),
                                       options: FitOptions())
                let fused = LawEvaluator(form: law.form, data: plan.data, free: plan.free)
                #expect(fused.lossAndGradient != nil)
                let kernel = PredictionKernel(form: law.form, data: plan.data, free: plan.free)
                let plain = LawEvaluator(
                    predict: fused.predict,
                    predictWithJacobian: { kernel.predictWithJacobian(SIMD8<Double>.self, $0, $1, $2, rows: 0..<plan.data.count) },
                    loss: fused.loss, lossAndGradient: nil, chunks: fused.chunks)
                var results: [(Double, [Double])] = []
                for evaluator in [fused, plain] {
                    let problem = try FitProblem(evaluator: evaluator, data: data, parameters: law.parameters, values: law.values,
                                                 free: plan.free, coordinates: plan.coordinates, residualSpace: residuals, loss: loss)
                    let workspace = FitProblem.Workspace(problem)
                    var u = plan.startCoordinates[0]
                    if problem.hasScale { u[u.count - 1] = Double.log(0.02) }
                    for slot in u.indices { u[slot] += 0.003 * Double(slot + 1) }
                    var gradient = [Double](repeating: 0, count: u.count)
                    let value = problem.valueAndGradient(u, weights: problem.weights, workspace, gradient: &gradient)
                    // The value-only path evaluates without derivatives: the same sums to rounding.
                    let valueOnly = problem.value(u, weights: problem.weights, workspace)
                    #expect(abs(value - valueOnly) <= 1e-13 * abs(valueOnly))
                    results.append((value, gradient))
                }
                let (fusedValue, fusedGradient) = results[0], (plainValue, plainGradient) = results[1]
                #expect(abs(fusedValue - plainValue) <= 1e-12 * abs(plainValue), "\(loss) \(residuals)")
                let scale = plainGradient.map(abs).max()!
                for (a, b) in zip(fusedGradient, plainGradient) {
                    #expect(abs(a - b) <= 1e-11 * scale, "\(loss) \(residuals): \(a) vs \(b)")
                }
            }
        }
    }

    /// Past two chunks' worth of points (2¹⁷ by default; 512 here, to stay quick in a debug build)
    /// the evaluator splits the points into chunks run on several threads: predictions and Jacobian
    /// rows equal the whole-range kernel's exactly, the sums to rounding, and everything is
    /// bit-identical on one thread and on two (the chunks, not the threads, fix the order of
    /// summation).
    @Test func chunkedEvaluationEqualsTheWholeRangeOnAnyThreadCount() throws {
        let law = Hoffmann2022.printed
        let size = 256, count = 2 * 256 + 203
        var generator = Xoshiro256StarStar(seed: 12)
        var n: [Double] = [], d: [Double] = [], y: [Double] = []
        for _ in 0..<count {
            n.append(Double.exp(18 + 7 * generator.nextUniform()))
            d.append(Double.exp(20 + 7 * generator.nextUniform()))
            y.append(2 + 0.5 * generator.nextUniform())
        }
        let data = try Observations([.N: n, .D: d], targets: y)
        let plan = try FitPlan(parameters: law.parameters, variables: law.variables, values: law.values, fixed: [],
                               data: data, loss: .huber(delta: 0.01), residuals: .logarithmic, starts: .current,
                               optimizer: .lbfgs(), options: FitOptions())
        let kernel = PredictionKernel(form: law.form, data: plan.data, free: plan.free)
        #expect(PointChunks(count: count, concurrency: 2, size: size).ranges.count == 3)
        #expect(PointChunks(count: 2 * PointChunks.size - 1, concurrency: 2).ranges.count == 1)
        #expect(PointChunks(count: 1_000_000, concurrency: 2).ranges.count == 16)
        let k = plan.free.count
        let targets = y.map { Double.log($0) }, weights = [Double](repeating: 1, count: count)
        var outcomes: [(predictions: [Double], jacobian: [Double], sums: [Double], gradient: [Double])] = []
        for threads in [1, 2] {
            let evaluator = LawEvaluator(form: law.form, data: plan.data, free: plan.free, concurrency: threads, chunkSize: size)
            var predictions = [Double](repeating: 0, count: count), jacobian = [Double](repeating: 0, count: count * k)
            var gradient = [Double](repeating: 0, count: k)
            let theta = law.values
            evaluator.predictWithJacobian(theta, &predictions, &jacobian)
            let sums = targets.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in
                    gradient.withUnsafeMutableBufferPointer { g in
                        evaluator.lossAndGradient!(theta, LossRequest(targets: t.baseAddress!, weights: w.baseAddress!, count: count,
                                                                      logarithmic: true, loss: .huber(delta: 0.01), inverseScale: 1,
                                                                      gradient: g.baseAddress!))
                    }
                }
            }
            outcomes.append((predictions, jacobian, [sums.total, sums.weightSum], gradient))
        }
        #expect(outcomes[0].predictions == outcomes[1].predictions)
        #expect(outcomes[0].jacobian == outcomes[1].jacobian)
        #expect(outcomes[0].sums == outcomes[1].sums)
        #expect(outcomes[0].gradient == outcomes[1].gradient)
        var predictions = [Double](repeating: 0, count: count), jacobian = [Double](repeating: 0, count: count * k)
        kernel.predictWithJacobianLanes(LoggedLaneDual<5>.self, law.values, &predictions, &jacobian, rows: 0..<count)
        #expect(predictions == outcomes[0].predictions)
        #expect(jacobian == outcomes[0].jacobian)
        var gradient = [Double](repeating: 0, count: k)
        let whole = targets.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                gradient.withUnsafeMutableBufferPointer { g in
                    kernel.lossAndGradientLanes(LoggedLaneDual<5>.self, law.values,
                                                LossRequest(targets: t.baseAddress!, weights: w.baseAddress!, count: count, logarithmic: true,
                                                            loss: .huber(delta: 0.01), inverseScale: 1, gradient: g.baseAddress!),
                                                rows: 0..<count)
                }
            }
        }
        #expect(abs(whole.total - outcomes[0].sums[0]) <= 1e-12 * whole.total)
        #expect(whole.weightSum == outcomes[0].sums[1])
        for j in 0..<k { #expect(abs(gradient[j] - outcomes[0].gradient[j]) <= 1e-11 * gradient.map(abs).max()!) }
    }

    /// An undefined prediction (here: negative, with logarithmic residuals) makes the fused
    /// objective +∞, as the point-by-point one does.
    @Test func fusedObjectiveIsInfiniteWhereThePredictionIsUndefined() throws {
        let law = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0.2])
        let data = try Observations([.N: [1, 2, 3, 4, 5, 6, 7, 8, 9]], targets: [1, 1, 1, 1, 1, 1, 1, 1, 1])
        let plan = try FitPlan(parameters: law.parameters, variables: law.variables, values: law.values, fixed: [],
                               data: data, loss: .leastSquares, residuals: .logarithmic, starts: .current,
                               optimizer: .lbfgs(), options: FitOptions(searchSpaces: ["c": .natural]))
        let evaluator = LawEvaluator(form: law.form, data: plan.data, free: plan.free)
        let problem = try FitProblem(evaluator: evaluator, data: data, parameters: law.parameters, values: law.values,
                                     free: plan.free, coordinates: plan.coordinates, residualSpace: .logarithmic, loss: .leastSquares)
        let workspace = FitProblem.Workspace(problem)
        var gradient = [0.0, 0.0]
        #expect(problem.value([-1, Double.log(0.2)], weights: problem.weights, workspace) == .infinity)
        #expect(problem.valueAndGradient([-1, Double.log(0.2)], weights: problem.weights, workspace, gradient: &gradient) == .infinity)
    }

    static let grid: Starts = .grid(["E": [1, 2, 4], "A": [10, 1e3, 1e5], "alpha": [0.1, 0.3, 0.6], "B": [10, 1e3, 1e5]])

    /// Screening (81 starts: the 16 best refined) reaches the optimum of the unscreened fit, marks
    /// which starts were refined, and gives the same answer on one thread or two.
    @Test func screenedMultiStartReachesTheUnscreenedOptimum() throws {
        let truth = Besiroglu2024.refit
        let points = FittingSupport.points(24, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 32)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 32)
        func fit(_ screening: Screening?, threads: Int) throws -> FitResult<ChinchillaForm> {
            try truth.fit(to: data, starts: Self.grid,
                          options: FitOptions(keepAllStarts: true, concurrency: threads, screening: screening))
        }
        let full = try fit(nil, threads: 2)
        let screened = try fit(.automatic, threads: 2)
        let serial = try fit(.automatic, threads: 1)
        #expect(full.starts.count == 81)
        #expect(full.starts.allSatisfy { $0.isRefined })
        #expect(screened.starts.filter(\.isRefined).count == 16)
        #expect(screened.starts[screened.bestStart].isRefined)
        #expect(screened.objective <= full.objective * (1 + 1e-10))
        for (a, b) in zip(screened.law.values, full.law.values) { #expect(abs(a - b) <= 1e-4 * abs(b)) }
        #expect(serial.law.values == screened.law.values && serial.objective == screened.objective)
        // Few starts: nothing is screened.
        let small = try truth.fit(to: data, loss: .huber(delta: 1e-3), starts: .list([["E": 1.5], ["E": 2]]),
                                  options: FitOptions(keepAllStarts: true))
        #expect(small.starts.allSatisfy { $0.isRefined })
    }

    @Test func badScreeningSettingsAreTypedErrors() throws {
        let probe = HostileProbe(.badFit)
        let data = try Observations([.N: [1e9, 2e9, 4e9, 8e9], .D: [1e10, 1e11, 1e10, 1e11]], targets: [3, 2.8, 2.9, 2.7])
        for (screening, message) in [
            (Screening(objectiveTolerance: 0), "the screening tolerance must be in (0, 1), got 0.0"),
            (Screening(objectiveTolerance: .nan), "the screening tolerance must be in (0, 1), got nan"),
            (Screening(refined: 0), "screening must refine at least 1 start, got 0"),
            (Screening(minimumStarts: -1), "the screening threshold must be ≥ 0, got -1"),
        ] {
            #expect(throws: FitError.invalidOption(message)) {
                try probe.call { try Hoffmann2022.printed.fit(to: data, options: FitOptions(screening: screening)) }
            }
        }
    }
}
