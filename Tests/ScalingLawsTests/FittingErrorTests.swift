import Foundation
import Testing
@testable import ScalingLaws

/// Every way a fit can be set up wrong throws its typed ``FitError``.
@Suite struct FittingErrorTests {
    let law = Hoffmann2022.printed
    var data: Observations {
        get throws {
            try FittingSupport.observations(law, at: FittingSupport.points(12, [.N: 1e8...1e10, .D: 1e9...1e11], seed: 30),
                                            noise: 0.01, seed: 30)
        }
    }

    @Test func missingVariable() throws {
        let probe = HostileProbe(.badFit)
        let onlyN = try Observations([.N: [1e8, 1e9]], targets: [3, 2.5])
        #expect(throws: FitError.missingVariable("D")) { try probe.call { try law.fit(to: onlyN) } }
    }

    @Test func categoryMismatch() throws {
        let probe = HostileProbe(.badFit)
        let data = try Observations([.N: [1e8], .D: [1e9], Variable.compressionFormat(["a", "b"]): [0]], targets: [3])
        #expect(throws: FitError.categoryMismatch(variable: "format", law: Frantar2025.format.categories, data: ["a", "b"])) {
            try probe.call { try Frantar2025.onChinchilla.fit(to: data) }
        }
    }

    @Test func nonPositiveTargetsWithLogResiduals() throws {
        let probe = HostileProbe(.badFit)
        let data = try Observations([.N: [1e8, 1e9, 1e10, 2e8, 2e9, 2e10], .D: [1e9, 1e10, 1e11, 2e9, 2e10, 2e11]],
                                    targets: [3, -1, 2.5, 2.9, 2.7, 2.4])
        #expect(throws: FitError.invalidTarget(row: 1, value: -1,
                                               requirement: "> 0 with logarithmic residuals (use .linear for values that can be ≤ 0)")) {
            try probe.call { try law.fit(to: data) }
        }
    }

    @Test func unknownAndFixedParameters() throws {
        let probe = HostileProbe(.badFit)
        let data = try data
        #expect(throws: FitError.unknownParameter("gamma")) { try probe.call { try law.fit(to: data, starts: .grid(["gamma": [1]])) } }
        #expect(throws: FitError.unknownParameter("gamma")) { try probe.call { try law.fit(to: data, starts: .list([["gamma": 1]])) } }
        #expect(throws: FitError.unknownParameter("gamma")) { try probe.call { try law.fit(to: data, options: FitOptions(bounds: ["gamma": 0...1])) } }
        #expect(throws: FitError.unknownParameter("gamma")) {
            try probe.call { try law.fit(to: data, options: FitOptions(searchSpaces: ["gamma": .natural])) }
        }
        let fixed = try law.fixing("E")
        #expect(throws: FitError.fixedParameter("E")) { try probe.call { try fixed.fit(to: data, starts: .grid(["E": [1, 2]])) } }
        #expect(throws: FitError.fixedParameter("E")) { try probe.call { try fixed.fit(to: data, options: FitOptions(bounds: ["E": 1...2])) } }
    }

    @Test func noFreeAndTooManyParameters() throws {
        let probe = HostileProbe(.badFit)
        let data = try data
        var everything = law
        for parameter in law.parameters { everything = try everything.fixing(parameter) }
        #expect(throws: FitError.noFreeParameters) { try probe.call { try everything.fit(to: data) } }

        struct WideForm: LawForm {
            var variables: [Variable] { [.N] }
            var parameters: [Parameter] { (0..<65).map { Parameter("p\($0)") } }
            func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
                var total = T(0)
                for index in 0..<p.count { total = total + p[index] }
                return total * x[0]
            }
        }
        let wide = try ScalingLaw(WideForm(), values: Dictionary(uniqueKeysWithValues: (0..<65).map { (Parameter("p\($0)"), 1.0) }))
        let points = try Observations([.N: (1...70).map(Double.init)], targets: (1...70).map { 65 * Double($0) })
        #expect(throws: FitError.tooManyParameters(count: 65, limit: 64)) { try probe.call { try wide.fit(to: points) } }
        // 64 free parameters is the limit, and it works (widest derivative lanes).
        let widest = try wide.fixing("p64")
        let fit = try widest.fit(to: points)
        #expect(fit.freeParameters.count == 64)
    }

    @Test func invalidStartsAndBounds() throws {
        let probe = HostileProbe(.badFit)
        let data = try data
        // A start at α = 0 (as Hoffmann et al.'s grid has) fits α in natural coordinates by itself…
        let fromZero = try law.fit(to: data, starts: .list([["alpha": 0, "beta": 0.5], [:]]), options: FitOptions(keepAllStarts: true))
        #expect(fromZero.starts[0].start[ChinchillaForm.alpha] == 0)
        #expect(fromZero.outcome.plan.coordinates[2].bounds == nil)
        if case .identity = fromZero.outcome.plan.coordinates[2].map {} else { Issue.record("α is not in natural coordinates") }
        // … unless log coordinates are asked for explicitly, which cannot hold it.
        #expect(throws: FitError.invalidStart(parameter: "alpha", value: 0, requirement: "> 0 (the parameter is fitted in log space)")) {
            try probe.call {
                try law.fit(to: data, starts: .hoffmann2022, options: FitOptions(searchSpaces: [ChinchillaForm.alpha: .logarithmic]))
            }
        }
        #expect(throws: FitError.invalidStart(parameter: "A", value: .infinity, requirement: "a finite number")) {
            try probe.call { try law.fit(to: data, starts: .list([["A": .infinity]])) }
        }
        #expect(throws: FitError.invalidStart(parameter: "E", value: 5, requirement: "in [1.0, 3.0]")) {
            try probe.call { try law.fit(to: data, starts: .list([["E": 5]]), options: FitOptions(bounds: ["E": 1...3])) }
        }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(bounds: ["E": 0...3])) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(bounds: ["E": 1...1])) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(bounds: ["E": 1...Double.infinity])) } }
        #expect(throws: FitError.invalidOption("the list of starts is empty")) { try probe.call { try law.fit(to: data, starts: .list([])) } }
        #expect(throws: FitError.invalidOption("the grid lists no values for 'A'")) { try probe.call { try law.fit(to: data, starts: .grid(["A": []])) } }
        let real = try ScalingLaw(PowerLawForm(.N), values: ["c": 1, "kappa": 0])
        #expect(throws: FitError.self) {
            try probe.call {
                try real.fit(to: try Observations([.N: [1, 2]], targets: [1, 2]), options: FitOptions(searchSpaces: ["kappa": .logarithmic]))
            }
        }
    }

    @Test func invalidOptions() throws {
        let probe = HostileProbe(.badFit)
        let data = try data
        #expect(throws: FitError.invalidOption("maxIterations must be > 0, got 0")) {
            try probe.call { try law.fit(to: data, options: FitOptions(maxIterations: 0)) }
        }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(objectiveTolerance: -1)) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(gradientTolerance: .nan)) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, options: FitOptions(concurrency: 0)) } }
        #expect(throws: FitError.invalidOption("the Huber δ must be finite and > 0, got 0.0")) {
            try probe.call { try law.fit(to: data, loss: .huber(delta: 0)) }
        }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, loss: .softL1(scale: -1)) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, optimizer: .lbfgs(memory: 0)) } }
        #expect(throws: FitError.self) { try probe.call { try law.fit(to: data, loss: .huberLikelihood(delta: 1e-3), optimizer: .levenbergMarquardt) } }
    }

    @Test func everyStartFails() throws {
        let probe = HostileProbe(.badFit)
        // A law that predicts negative values cannot be fitted with log residuals from anywhere.
        struct NegativeForm: LawForm {
            var variables: [Variable] { [.N] }
            var parameters: [Parameter] { [Parameter("a")] }
            func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T { -(p[0] * x[0]) }
        }
        let negative = try ScalingLaw(NegativeForm(), values: ["a": 1])
        let data = try Observations([.N: [1, 2, 3]], targets: [1, 2, 3])
        #expect(throws: FitError.allStartsFailed(
            starts: 2, firstReason: "failed: the law's predictions are not finite (or not positive, with logarithmic residuals) at the start")) {
            try probe.call { try negative.fit(to: data, starts: .list([["a": 1], ["a": 2]])) }
        }
    }

    /// A point outside the law's own conditions makes every start fail; the error names the point
    /// (row, variable, value, requirement), not the starts.
    @Test func pointBelowKumarThresholdIsNamed() throws {
        let probe = HostileProbe(.badFit)
        let law = Kumar2024.trainingLoss
        let rows = 16
        var columns: [Variable: [Double]] = [.N: (0..<rows).map { 1e8 * Double($0 + 1) }, .D: Array(repeating: 2e10, count: rows),
                                              .weightBits: Array(repeating: 8, count: rows),
                                              .activationBits: Array(repeating: 8, count: rows), .kvBits: Array(repeating: 8, count: rows)]
        columns[.activationBits]![4] = 2
        let targets = try (0..<rows).map { row in
            try law([.N: columns[.N]![row], .D: 2e10, .weightBits: 8, .activationBits: 8, .kvBits: 8])
        }
        let data = try Observations(columns, targets: targets)
        do {
            _ = try probe.call { () throws(FitError) in try law.fit(to: data) }
            Issue.record("the fit ran although row 4 has 2-bit activations")
        } catch {
            guard case .invalidValue(let variable, let row, let value, let requirement) = error else {
                Issue.record("expected the row named, got \(error)")
                return
            }
            #expect(variable == "activationBits" && row == 4 && value == 2, "\(error)")
            #expect(requirement.contains("before fitting"), "\(requirement)")
        }
    }

    /// Data checked against a looser variable of the same id still meet the law's own domain.
    @Test func lawRejectsData() throws {
        let probe = HostileProbe(.badFit)
        let looseGroupSize = Variable(id: "groupSize", symbol: Symbol("G"), summary: "group size", domain: .positive)
        let data = try Observations([.N: [1e8], .D: [1e9], looseGroupSize: [1]], targets: [0.01])
        #expect(throws: FitError.invalidValue(variable: "groupSize", row: 0, value: 1, requirement: "≥ 2")) {
            try probe.call { try Chen2025.w4a4.fit(to: data) }
        }
    }

    @Test func errorsDescribeThemselves() {
        let errors: [FitError] = [
            .emptyData, .raggedColumns("x"), .invalidValue(variable: "N", row: 1, value: -1, requirement: "> 0"),
            .invalidTarget(row: 0, value: 0, requirement: "> 0"), .invalidWeight(row: 0, value: -1), .invalidWeight(row: -1, value: 0),
            .missingVariable("D"), .categoryMismatch(variable: "format", law: ["a"], data: ["b"]), .unknownParameter("g"),
            .invalidStart(parameter: "A", value: -1, requirement: "> 0"), .fixedParameter("E"),
            .invalidBounds(parameter: "E", detail: "x"), .noFreeParameters, .tooManyParameters(count: 65, limit: 64),
            .unsupportedOptimizer("x"), .invalidOption("x"), .law(.missingVariable("N")),
            .allStartsFailed(starts: 3, firstReason: "x"), .notConverged(.maxIterations(5)),
        ]
        for error in errors { #expect(!error.description.isEmpty) }
        #expect(FitError.missingVariable("D").description.contains("'D'"))
    }
}
