import Foundation
import Testing
@testable import ScalingLaws

/// Data generated from each preset family (plus seeded noise) is fitted back to its parameters,
/// from a start well away from them. Each check: within a relative tolerance of the truth and
/// within 5 standard errors of it.
@Suite struct FittingRecoveryTests {
    @Test func chinchilla() throws {
        let truth = Hoffmann2022.printed
        let points = FittingSupport.points(60, [.N: 1e7...1e11, .D: 1e9...1e13], seed: 1)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.002, seed: 1)
        let start = try truth.setting("E", to: 2.2).setting("A", to: 150).setting("alpha", to: 0.25)
            .setting("B", to: 1500).setting("beta", to: 0.35)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.05)
        #expect(fit.rSquared > 0.999)
        #expect(fit.law.name == "Hoffmann2022.printed (fitted)")
        #expect(fit.law.fittedRange?.bounds[.N] == points.map { $0[.N]! }.min()!...points.map { $0[.N]! }.max()!)
    }

    @Test func ouyangDegradation() throws {
        let truth = Ouyang2024.unified
        let points = FittingSupport.points(50, [.N: 1.6e8...1.2e10, .D: 1e9...2e11], choices: [.bits: [2, 3, 4, 8]], seed: 2)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 2)
        let start = try truth.setting("k", to: 0.05).setting("alpha", to: 0.4).setting("beta", to: 0.4).setting("gamma", to: 4)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.1)
    }

    @Test func kumarPostTrainingQuantization() throws {
        let truth = Kumar2024.ptq
        let points = FittingSupport.points(50, [.N: 3e7...3e9, .D: 1e9...1e11], choices: [.bits: [3, 4, 5, 6, 8]], seed: 3)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 3)
        let start = try truth.setting("CT", to: 0.2).setting("gammaD", to: 0.3).setting("gammaN", to: 0.5)
            .setting("gammaPost", to: 0.8)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.1)
    }

    @Test func chenQuantizationAwareTraining() throws {
        let truth = Chen2025.w4a4
        let points = FittingSupport.points(60, [.N: 7e7...6e8, .D: 1e10...1e11],
                                           choices: [.groupSize: [32, 64, 128, 256]], seed: 4)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.002, seed: 4)
        let start = try truth.setting("k", to: 0.3).setting("gammaN", to: 0.3).setting("gammaD", to: 0.1)
            .setting("gammaG", to: 0.5)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.1)
    }

    @Test func capybara() throws {
        let truth = Sun2025.capybara
        let points = FittingSupport.points(
            120, [.N: 4e7...7e9, .D: 1e9...1e12],
            choices: [.exponentBits: [1, 2, 3, 4, 5], .mantissaBits: [0, 1, 2, 3, 4, 6],
                      .blockSize: [32, 128, 512, 2048, 8192]], seed: 5)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.0005, seed: 5)
        var start = truth
        for (name, factor) in [("n", 1.5), ("alpha", 0.9), ("d", 0.6), ("beta", 1.05), ("epsilon", 0.95),
                               ("gamma", 2.0), ("delta", 0.8), ("nu", 1.2)] {
            start = try start.setting(Parameter(name), to: truth.value(of: Parameter(name)) * factor)
        }
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.15)
    }

    /// One eff per format; A is fixed because A and a common factor of every eff are one degree of
    /// freedom (A/(N·eff)^α is unchanged by eff → c·eff, A → c^α·A).
    @Test func frantarPerCategory() throws {
        let truth = try Frantar2025.onChinchilla.fixing("A")
        let formats = Frantar2025.format.categories.indices.map(Double.init)
        let points = FittingSupport.points(80, [.N: 1e8...1e11, .D: 1e10...1e13], choices: [Frantar2025.format: formats], seed: 6)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.0003, seed: 6)
        var start = truth
        for parameter in truth.parameters where parameter.name.hasPrefix("eff_") {
            start = try start.setting(parameter, to: 0.5)
        }
        start = try start.setting("E", to: 2).setting("alpha", to: 0.3).setting("B", to: 800).setting("beta", to: 0.3)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        #expect(fit.freeParameters.count == 8)
        #expect(fit.parameters["A"] == truth.parameterValues["A"])
        FittingSupport.expectRecovered(fit, truth, relative: 0.05)
    }

    /// A law written in the test, with a variable of its own (unique tokens U), fitted by the same
    /// API: Muennighoff et al.'s data-constrained law, D → D′ = U + U·R·(1 − e^(−(D/U − 1)/R)).
    struct DataConstrainedForm: LawForm {
        static let uniqueTokens = Variable(id: "U", symbol: Symbol("U"), summary: "unique tokens")

        var variables: [Variable] { [.N, .D, Self.uniqueTokens] }
        var parameters: [Parameter] {
            [Parameter("E"), Parameter("A"), Parameter("alpha"), Parameter("B"), Parameter("beta"), Parameter("R")]
        }

        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            let (n, d, u) = (x[0], x[1], x[2])
            let (e, a, alpha, b, beta, r) = (p[0], p[1], p[2], p[3], p[4], p[5])
            let repeats = d / u - T(1)
            let effectiveTokens = u + u * r * (T(1) - T.exp(-(repeats / r)))
            return e + a / T.pow(n, alpha) + b / T.pow(effectiveTokens, beta)
        }
    }

    @Test func userWrittenLaw() throws {
        let truth = try ScalingLaw(DataConstrainedForm(), name: "dataConstrained",
                                   values: ["E": 1.9, "A": 500, "alpha": 0.35, "B": 1800, "beta": 0.35, "R": 15.4])
        var generator = Xoshiro256StarStar(seed: 7)
        var points: [[Variable: Double]] = []
        for point in FittingSupport.points(80, [.N: 1e8...1e10, .U: 1e9...1e11], seed: 7) {
            let epochs = Double.exp(Double.log(60) * generator.nextUniform())   // 1 to 60 passes
            var full = point
            full[.D] = point[.U]! * epochs
            points.append(full)
        }
        let data = try FittingSupport.observations(truth, at: points, noise: 0.001, seed: 7)
        let start = try truth.setting("R", to: 5).setting("E", to: 2.1).setting("B", to: 1000)
        let fit = try start.fit(to: data)
        #expect(fit.isConverged)
        FittingSupport.expectRecovered(fit, truth, relative: 0.2)
        #expect(abs(fit.parameters["R"]! - 15.4) < 3)
        let formula = fit.law.formula()
        #expect(formula.contains("U"))
    }
}

extension Variable {
    fileprivate static let U = FittingRecoveryTests.DataConstrainedForm.uniqueTokens
}
