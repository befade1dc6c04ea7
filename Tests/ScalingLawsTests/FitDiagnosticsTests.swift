import Foundation
import Testing
@testable import ScalingLaws

/// Each diagnostic fires on a fit constructed to need it, names the parameters and numbers, and
/// stays silent on a well-posed fit.
@Suite struct FitDiagnosticsTests {
    /// y = a·D + b·(D·10⁻¹²): b moves the predictions by a trillionth of a's effect.
    struct NegligibleTermForm: LawForm {
        var variables: [Variable] { [.D] }
        var parameters: [Parameter] { ["a", "b"] }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            p[0] * x[0] + p[1] * x[0] * T(1e-12)
        }
    }

    /// y = E + A·D^−α on a narrow range of D: the three trade off against each other.
    struct OffsetPowerForm: LawForm {
        var variables: [Variable] { [.D] }
        var parameters: [Parameter] { ["E", "A", "alpha"] }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            p[0] + p[1] / T.pow(x[0], p[2])
        }
    }

    /// y = p·D + q·D·(1 + εD) + r·D·(1 + εD²): three nearly collinear columns.
    struct CollinearForm: LawForm {
        var variables: [Variable] { [.D] }
        var parameters: [Parameter] { ["p", "q", "r"].map { Parameter($0, symbol: Symbol($0), domain: .real) } }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            let d = x[0], epsilon = T(1e-4)
            return p[0] * d + p[1] * d * (T(1) + epsilon * d) + p[2] * d * (T(1) + epsilon * d * d)
        }
    }

    /// y = A·e^(−D/τ₁) + B·e^(−D/τ₂): swapping (A, τ₁) with (B, τ₂) gives the same law.
    struct TwoExponentialsForm: LawForm {
        var variables: [Variable] { [.D] }
        var parameters: [Parameter] { ["A", "tau1", "B", "tau2"] }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            p[0] * T.exp(-x[0] / p[1]) + p[2] * T.exp(-x[0] / p[3])
        }
    }

    static func data<Form: LawForm>(_ law: ScalingLaw<Form>, _ range: ClosedRange<Double>, count: Int = 40,
                                    noise: Double, seed: UInt64) throws -> Observations {
        try FittingSupport.observations(law, at: FittingSupport.points(count, [.D: range], seed: seed), noise: noise, seed: seed)
    }

    @Test func aWellPosedFitHasNoWarnings() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(120, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 11)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.002, seed: 11)
        let fit = try truth.setting("E", to: 2).setting("A", to: 300).fit(to: data)
        #expect(fit.isConverged)
        #expect(fit.warnings.isEmpty, "\(fit.warnings)")
        #expect(fit.optima.count == 1)
    }

    @Test func aParameterThatBarelyMattersIsInsensitive() throws {
        let truth = try ScalingLaw(NegligibleTermForm(), values: ["a": 2, "b": 3])
        let fit = try truth.fit(to: try Self.data(truth, 1...100, noise: 0.01, seed: 3))
        let insensitive = fit.warnings.compactMap { warning -> String? in
            if case .insensitive(let parameter, _, let sensitivity, let noise) = warning, sensitivity < noise { return parameter }
            return nil
        }
        #expect(insensitive == ["b"], "\(fit.warnings)")
        #expect(fit.warnings.map(\.description).contains { $0.hasPrefix("b = ") && $0.contains("barely matters") })
    }

    @Test func aNarrowRangeLeavesParametersWeaklyIdentified() throws {
        let truth = try ScalingLaw(OffsetPowerForm(), values: ["E": 1.5, "A": 2, "alpha": 0.5])
        let fit = try truth.fit(to: try Self.data(truth, 1...1.5, count: 30, noise: 0.01, seed: 5))
        let weak = fit.warnings.compactMap { warning -> (String, String?)? in
            if case .weaklyIdentified(let parameter, let value, let error, let partner, _) = warning, error > 0.5 * value {
                return (parameter, partner)
            }
            return nil
        }
        #expect(!weak.isEmpty, "\(fit.warnings)")
        #expect(weak.allSatisfy { $0.1 != nil }, "a weak parameter here always has a strongly correlated partner")
        #expect(fit.warnings.map(\.description).contains { $0.contains("weakly identified") && $0.contains("moves with") })
    }

    @Test func nearlyCollinearParametersAreNearlySingular() throws {
        let truth = try ScalingLaw(CollinearForm(), values: ["p": 1, "q": 1, "r": 1])
        let fit = try truth.fit(to: try Self.data(truth, 1...10, noise: 0.001, seed: 7))
        let singular = fit.warnings.compactMap { warning -> [String]? in
            if case .nearlySingular(let parameters, _, let eigenvalue) = warning, eigenvalue < 1e-6 { return parameters }
            return nil
        }
        // The undetermined direction is mostly p − q (correlation −0.9998, short of a ridge).
        #expect(singular == [["p", "q"]], "\(fit.warnings)")
        #expect(fit.warnings.map(\.description).contains { $0.hasPrefix("p, q move together: the combination") })
    }

    @Test func swappedExponentialsAreSeveralTiedOptima() throws {
        let truth = try ScalingLaw(TwoExponentialsForm(), values: ["A": 1, "tau1": 1, "B": 2, "tau2": 5])
        let data = try Self.data(truth, 0.05...20, count: 60, noise: 0.005, seed: 9)
        let starts: Starts = .list([["A": 1.2, "tau1": 0.8, "B": 1.8, "tau2": 6], ["A": 1.8, "tau1": 6, "B": 1.2, "tau2": 0.8]])
        let fit = try truth.fit(to: data, starts: starts, optimizer: .levenbergMarquardt)
        #expect(fit.optima.count == 2, "\(fit.optima)")
        #expect(fit.optima.map(\.starts) == [1, 1])
        if fit.optima.count == 2 {
            let first = fit.optima[0].parameters, second = fit.optima[1].parameters
            #expect(abs(first["A"]! / second["B"]! - 1) < 1e-6 && abs(first["tau1"]! / second["tau2"]! - 1) < 1e-6)
        }
        #expect(fit.warnings.contains { if case .severalOptima(2, _) = $0 { return true } else { return false } }, "\(fit.warnings)")
        #expect(fit.warnings.contains { if case .numericallyTied = $0 { return true } else { return false } }, "\(fit.warnings)")
    }

    @Test func eigenvaluesOfASmallSymmetricMatrix() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; the smallest's vector is (1, −1)/√2.
        let (value, vector) = try #require(SymmetricEigen.smallest([2, 1, 1, 2], n: 2))
        #expect(abs(value - 1) < 1e-14)
        #expect(abs(abs(vector[0]) - 0.5.squareRoot()) < 1e-14 && vector[0] * vector[1] < 0)
        #expect(SymmetricEigen.smallest([1, .nan, .nan, 1], n: 2) == nil)
    }
}

/// The objective, residuals and Jacobian at given values, and the asymmetric loss.
@Suite struct ObjectiveEvaluationTests {
    static func data() throws -> Observations {
        let points = FittingSupport.points(40, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 21)
        return try FittingSupport.observations(Hoffmann2022.printed, at: points, noise: 0.01, seed: 21)
    }

    @Test func objectiveAtTheOptimumIsTheFitsAndTheJacobianIsExact() throws {
        let probe = HostileProbe(.badFit)
        let data = try Self.data()
        let fit = try Hoffmann2022.printed.fit(to: data, loss: .huber(delta: 1e-2))
        let evaluation = try fit.law.objective(on: data, loss: .huber(delta: 1e-2))
        #expect(abs(evaluation.objective / fit.objective - 1) < 1e-12)
        // By hand: Σ ρ(ln y − ln ŷ).
        var total = 0.0
        for i in 0..<data.count {
            let prediction = try fit.law(N: data.column(.N)![i], D: data.column(.D)![i])
            let r = Double.log(data.targets[i]) - Double.log(prediction)
            total += abs(r) <= 1e-2 ? 0.5 * r * r : 1e-2 * (abs(r) - 0.5e-2)
            #expect(abs(evaluation.residuals[i] - r) < 1e-13 && abs(evaluation.predictions[i] / prediction - 1) < 1e-14)
        }
        #expect(abs(evaluation.objective / total - 1) < 1e-12)
        // The published constants are worse than the fit on its own data.
        #expect(try Hoffmann2022.printed.objective(on: data, loss: .huber(delta: 1e-2)).objective >= fit.objective)
        // Jacobian against central differences of the residuals.
        let alpha = try #require(evaluation.freeParameters.firstIndex(of: ChinchillaForm.alpha))
        let step = 1e-6
        let up = try fit.law.setting("alpha", to: fit.parameters[ChinchillaForm.alpha]! + step).objective(on: data).residuals
        let down = try fit.law.setting("alpha", to: fit.parameters[ChinchillaForm.alpha]! - step).objective(on: data).residuals
        for i in 0..<data.count {
            let numeric = (up[i] - down[i]) / (2 * step)
            #expect(abs(evaluation.jacobian[i][alpha] - numeric) <= 1e-6 * max(1, abs(numeric)))
        }
        #expect(throws: FitError.self) { try probe.call { try fit.law.objective(on: data, loss: .huberLikelihood(delta: 1e-3)) } }
        #expect(try fit.law.objective(on: data, loss: .huberLikelihood(delta: 1e-3), scale: 0.01).objective.isFinite)
    }

    /// Weighing under-prediction 10× pushes the fitted curve up: fewer points lie above it.
    @Test func asymmetricLossShiftsTheFit() throws {
        let probe = HostileProbe(.badFit)
        let data = try Self.data()
        let symmetric = try Hoffmann2022.printed.fit(to: data)
        let cautious = try Hoffmann2022.printed.fit(to: data, loss: .asymmetric(underPrediction: 10, overPrediction: 1))
        func above(_ law: ScalingLaw<ChinchillaForm>) throws -> Int {
            try (0..<data.count).filter { data.targets[$0] > (try law(N: data.column(.N)![$0], D: data.column(.D)![$0])) }.count
        }
        #expect(try above(cautious.law) < above(symmetric.law))
        // LM and L-BFGS (the fused SIMD kernel) agree on the asymmetric objective.
        let lbfgs = try Hoffmann2022.printed.fit(to: data, loss: .asymmetric(underPrediction: 10, overPrediction: 1), optimizer: .lbfgs())
        #expect(abs(lbfgs.objective / cautious.objective - 1) < 1e-6)
        #expect(throws: FitError.self) { try probe.call { try Hoffmann2022.printed.fit(to: data, loss: .asymmetric(underPrediction: 0, overPrediction: 1)) } }
    }
}

/// Intervals of derived numbers count the resamples they leave out.
@Suite struct DerivedIntervalTests {
    @Test func leftOutResamplesAreCountedByReason() throws {
        let probe = HostileProbe(.badFit)
        let points = FittingSupport.points(40, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 31)
        let data = try FittingSupport.observations(Hoffmann2022.printed, at: points, noise: 0.01, seed: 31)
        let fit = try Hoffmann2022.printed.fit(to: data)
        let bootstrap = try fit.bootstrap(resamples: 60, seed: 3)
        let loss = try bootstrap.derivedInterval(level: 0.9) { try $0(N: 1e10, D: 2e11) }
        #expect(loss.kept == bootstrap.samples.count && loss.leftOutCount == bootstrap.failures)
        let estimate = try #require(loss.estimate)
        #expect(loss.percentile.contains(estimate) && loss.studentT.contains(estimate))
        #expect(loss.percentile == (try bootstrap.interval(level: 0.9) { try $0(N: 1e10, D: 2e11) }))
        // Student-t: mean ± t₀.₉₅(59)·sd, t₀.₉₅(59) = 1.671093 (scipy), over the same 60 values.
        let values = try bootstrap.samples.map { sample in
            var law = fit.law
            for (parameter, value) in zip(bootstrap.parameters, sample) { law = try law.setting(parameter, to: value) }
            return try law(N: 1e10, D: 2e11)
        }
        try #require(values.count == 60)
        let mean = values.reduce(0, +) / 60
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 59).squareRoot()
        #expect(abs((loss.studentT.lowerBound + loss.studentT.upperBound) / 2 - mean) <= 1e-12 * mean)
        #expect(abs((loss.studentT.upperBound - mean) / sd - 1.671093) < 1e-5)
        // A quantity that fails on half the resamples: counted, with its reason.
        var calls = 0
        let flaky = try bootstrap.derivedInterval { law -> Double in
            calls += 1
            if calls.isMultiple(of: 2) { throw ScalingLawError.nonFiniteResult("every other one") }
            return calls.isMultiple(of: 3) ? .nan : try law(N: 1e10, D: 2e11)
        }
        #expect(flaky.leftOut.keys.contains("not finite") && flaky.leftOut.keys.contains { $0.contains("every other one") })
        #expect(flaky.kept + flaky.leftOutCount == bootstrap.samples.count + bootstrap.failures)
        #expect(throws: FitError.self) { try probe.call { try bootstrap.derivedInterval { _ in Double.nan } } }
        #expect(throws: FitError.self) { try probe.call { try bootstrap.derivedInterval(level: 1.5) { try $0(N: 1e10, D: 2e11) } } }
    }
}

/// A bootstrap says when its refits fail or stall, and when an interval is set by a bound.
@Suite struct BootstrapWarningTests {
    @Test func anIntervalOnABoundIsFlagged() throws {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 5, "kappa": -0.2])
        let data = try FittingSupport.observations(truth, at: FittingSupport.points(30, [.N: 1e6...1e10], seed: 4), noise: 0.01, seed: 4)
        var options = FitOptions()
        options.bounds = [Parameter("kappa"): -0.5 ... -0.3]
        let fit = try truth.setting("kappa", to: -0.4).fit(to: data, options: options)
        let bootstrap = try fit.bootstrap(resamples: 40, seed: 1)
        #expect(bootstrap.warnings.contains { if case .intervalAtBound("kappa", _, -0.3) = $0 { return true } else { return false } },
                "\(bootstrap.warnings)")
        let free = try ScalingLaw(PowerLawForm(.N), values: ["c": 5, "kappa": -0.2]).fit(to: data).bootstrap(resamples: 40, seed: 1)
        #expect(free.warnings.isEmpty, "\(free.warnings)")
    }
}

/// Cancelling the calling task stops a fit's starts and a bootstrap's refits with a typed error.
/// Serialized: a running bootstrap blocks one of the executor's threads (as many as cores), and
/// the test that cancels it needs another.
@Suite(.serialized) struct CancellationTests {
    static func fit() throws -> FitResult<PowerLawForm> {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 5, "kappa": -0.2])
        let data = try FittingSupport.observations(truth, at: FittingSupport.points(30, [.N: 1e6...1e10], seed: 8), noise: 0.01, seed: 8)
        return try truth.fit(to: data)
    }

    @Test(arguments: [1, 2])
    func cancellingStopsABootstrap(concurrency: Int) async throws {
        let fit = try Self.fit()
        let task = Task { try fit.bootstrap(resamples: 1_000_000, seed: 1, concurrency: concurrency) }
        task.cancel()
        await #expect(throws: FitError.cancelled) { _ = try await task.value }
    }

    /// Cancelled while running (a million refits take minutes), on one thread and on two: it
    /// stops between refits. (Workers on their own threads leave Swift concurrency's executor
    /// free, so the cancelling task runs while the refits do.)
    @Test(arguments: [1, 2])
    func cancellingWhileRunningStopsBetweenRefits(concurrency: Int) async throws {
        let fit = try Self.fit()
        let running = Task.detached { try fit.bootstrap(resamples: 1_000_000, seed: 1, concurrency: concurrency) }
        try await Task.sleep(for: .milliseconds(300))
        running.cancel()
        await #expect(throws: FitError.cancelled) { _ = try await running.value }
    }

    @Test func cancellingStopsAMultiStartFit() async throws {
        let truth = try ScalingLaw(PowerLawForm(.N), values: ["c": 5, "kappa": -0.2])
        let data = try FittingSupport.observations(truth, at: FittingSupport.points(30, [.N: 1e6...1e10], seed: 9), noise: 0.01, seed: 9)
        let starts: Starts = .grid(["c": (1...400).map { Double($0) }, "kappa": (1...400).map { -Double($0) / 1000 }])
        let task = Task { try truth.fit(to: data, starts: starts, options: FitOptions(concurrency: 2)) }
        task.cancel()
        await #expect(throws: FitError.cancelled) { _ = try await task.value }
    }
}
