import Testing
@testable import ScalingLaws

// A law form written in user code, as a user would: Muennighoff et al.'s (2023) effective data of a
// data-constrained run, with a variable the library does not have (unique tokens). Nothing below
// is library code.

extension Variable {
    /// U_D: the unique tokens of a run whose D training tokens repeat them.
    static let userUniqueTokens = Variable(
        id: "uniqueTokens", symbol: Symbol("U_D", latex: "U_{D}"), summary: "unique training tokens (raw count)")
}

/// D′ = U_D + U_D·R_D*·(1 − exp(−R_D/R_D*)), with R_D = D/U_D − 1 repetitions: repeated tokens are
/// worth less and less, and D′ never exceeds U_D·(1 + R_D*).
struct EffectiveDataForm: LawForm {
    var variables: [Variable] { [.D, .userUniqueTokens] }
    var parameters: [Parameter] { [Parameter("rStarD", symbol: Symbol("R_D*", latex: "R_{D}^{*}"))] }

    func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (tokens, unique) = (x[0], x[1])
        let rStar = p[0]
        let repetitions = tokens / unique - T(1)
        return T.named(Symbol("D′", latex: "D'"), unique + unique * rStar * (T(1) - T.exp(-(repetitions / rStar))))
    }

    /// A run cannot see fewer tokens than it has unique tokens.
    func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
        if !(x[1] <= x[0]) {
            throw .invalidValue(variable: Variable.userUniqueTokens.id, value: x[1], requirement: "≤ D, the tokens trained on")
        }
    }
}

@Suite struct CompositionTests {
    // Muennighoff et al.'s fitted R_D* = 15.4.
    static let effectiveData = try! ScalingLaw(EffectiveDataForm(), name: "effectiveData", values: ["rStarD": 15.4])

    /// Chinchilla with D replaced by the user's D′: a substitution by a sub-law.
    static let dataConstrained = try! Hoffmann2022.printed.substituting(.D, with: effectiveData)

    /// Ouyang's degradation with its α, β renamed apart from Chinchilla's.
    static let degradation = Ouyang2024.unified.renaming([
        "alpha": Parameter("alphaQ", symbol: Symbol("α_q", latex: "\\alpha_{q}")),
        "beta": Parameter("betaQ", symbol: Symbol("β_q", latex: "\\beta_{q}")),
    ])

    /// Per-format effective parameters, one multiplier per label (as Frantar et al.'s eff(C)).
    static let formats = ["bf16", "int8", "int4"]
    static let perFormat = try! ScalingLaw(
        PerCategoryEffectiveParametersForm(labels: formats), name: "perFormat",
        values: ["eff_bf16": 1, "eff_int8": 0.98, "eff_int4": 0.9])

    /// Everything at once: N → N·eff(C) in the data-constrained loss, plus the renamed-apart
    /// degradation term, with R_D* held fixed for fitting.
    static let full = try! (dataConstrained.substituting(.N, with: perFormat) + degradation).fixing("rStarD")

    static func format(_ label: String) -> Double { Double(formats.firstIndex(of: label)!) }

    /// The same laws written out by hand with the published constants.
    static func effectiveTokens(_ d: Double, _ u: Double) -> Double {
        u + u * 15.4 * (1 - Double.exp(-(d / u - 1) / 15.4))
    }
    static func chinchilla(_ n: Double, _ d: Double) -> Double {
        1.69 + 406.4 / Double.pow(n, 0.34) + 410.7 / Double.pow(d, 0.28)
    }
    static func ouyang(_ n: Double, _ d: Double, _ bits: Double, alpha: Double = 0.2261, beta: Double = 0.5251) -> Double {
        0.017 * Double.pow(d, beta) / (Double.pow(n, alpha) * Double.pow(bits, 5.4967))
    }

    static let point: [Variable: Double] = [.N: 7e9, .D: 1e12, .userUniqueTokens: 2.5e11, .bits: 4]

    // MARK: Structure

    @Test func substitutionPutsTheInnerVariablesInPlaceOfTheReplacedOne() {
        #expect(Self.dataConstrained.variables.map(\.id) == ["N", "D", "uniqueTokens"])
        #expect(Self.dataConstrained.parameters.map(\.name) == ["E", "A", "alpha", "B", "beta", "rStarD"])
        #expect(Self.dataConstrained.values == [1.69, 406.4, 0.34, 410.7, 0.28, 15.4])
    }

    @Test func sumOfLawsWithACommonParameterNameIsAnError() {
        let probe = HostileProbe(.apiCall)
        // Ouyang's α and β are named like Chinchilla's: a plain sum would silently drop one of each.
        #expect(throws: ScalingLawError.conflictingParameter(
            "alpha", first: "'Hoffmann2022.printed[D → effectiveData]'", second: "'Ouyang2024.unified'")) {
            try probe.call { try Self.dataConstrained + Ouyang2024.unified }
        }
        #expect(throws: ScalingLawError.conflictingParameter(
            "alpha", first: "the left term (ChinchillaForm)", second: "the right term (OuyangDegradationForm)")) {
            try probe.call { try ChinchillaForm() + OuyangDegradationForm() }
        }
        // A substitution whose inner law shares a name with the outer one is the same mistake.
        #expect(throws: ScalingLawError.conflictingParameter(
            "alpha", first: "'Hoffmann2022.printed'", second: "'Ouyang2024.unified'")) {
            try probe.call { try Hoffmann2022.printed.substituting(.D, with: Ouyang2024.unified) }
        }
        let message = ScalingLawError.conflictingParameter("alpha", first: "'a'", second: "'b'").description
        #expect(message.contains("'alpha'") && message.contains("'a'") && message.contains("'b'"))
    }

    @Test func sharingMustNameAParameterBothTermsHave() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.invalidSharing("gamma", reason: "both terms must have it")) {
            try probe.call { try Hoffmann2022.printed.adding(Ouyang2024.unified, sharing: ["alpha", "beta", "gamma"]) }
        }
        // Sharing only α still leaves β in conflict.
        #expect(throws: ScalingLawError.conflictingParameter(
            "beta", first: "'Hoffmann2022.printed'", second: "'Ouyang2024.unified'")) {
            try probe.call { try Hoffmann2022.printed.adding(Ouyang2024.unified, sharing: [ChinchillaForm.alpha]) }
        }
        #expect(throws: ScalingLawError.invalidSharing("nA", reason: "the two terms declare it with different domains")) {
            let positive = try ScalingLaw(PowerLawForm(.N).renaming(["c": "nA"]), values: ["nA": 1, "kappa": 1])
            return try positive.adding(Kumar2024.effectiveParameters.renaming([:]), sharing: ["nA"])
        }
    }

    @Test func sumSharesTheParametersItIsToldToShare() throws {
        // Shared explicitly: one α and one β, the left law's values.
        let shared = try Self.dataConstrained.adding(Ouyang2024.unified, sharing: [ChinchillaForm.alpha, ChinchillaForm.beta])
        #expect(shared.variables.map(\.id) == ["N", "D", "uniqueTokens", "bits"])
        #expect(shared.parameters.map(\.name) == ["E", "A", "alpha", "B", "beta", "rStarD", "k", "gamma"])
        #expect(try shared.value(of: ChinchillaForm.alpha) == 0.34)
        let (n, d, u, bits) = (7e9, 1e12, 2.5e11, 4.0)
        let expected = Self.chinchilla(n, Self.effectiveTokens(d, u)) + Self.ouyang(n, d, bits, alpha: 0.34, beta: 0.28)
        #expect(relativeDifference(try shared(Self.point), expected) <= 1e-13)
        // One shared α: its derivative is the sum of both terms' derivatives.
        let (_, gradient) = try shared.gradient(at: Self.point)
        let alpha = try #require(shared.parameters.firstIndex { $0.name == "alpha" })
        let dChinchilla = -406.4 * Double.log(n) * Double.pow(n, -0.34)
        let dOuyang = -Double.log(n) * Self.ouyang(n, d, bits, alpha: 0.34, beta: 0.28)
        #expect(relativeDifference(gradient[alpha], dChinchilla + dOuyang) <= 1e-12)
    }

    @Test func renamingKeepsParametersApart() throws {
        let law = try Self.dataConstrained + Self.degradation
        #expect(law.parameters.map(\.name) == ["E", "A", "alpha", "B", "beta", "rStarD", "k", "alphaQ", "betaQ", "gamma"])
        #expect(law.values == [1.69, 406.4, 0.34, 410.7, 0.28, 15.4, 0.017, 0.2261, 0.5251, 5.4967])
        let (n, d, u, bits) = (7e9, 1e12, 2.5e11, 4.0)
        let expected = Self.chinchilla(n, Self.effectiveTokens(d, u)) + Self.ouyang(n, d, bits)
        #expect(relativeDifference(try law(Self.point), expected) <= 1e-13)
        // Renaming one parameter to another's name ties them: Kumar's α = β.
        #expect(Kumar2024.base.parameters.map(\.name) == ["E", "A", "alpha", "B"])
    }

    @Test func fixingMarksAParameterAndKeepsItThroughComposition() throws {
        #expect(Self.full.fixedParameters == ["rStarD"])
        let refixed = try Self.full.fixing("eff_int4", to: 0.8)
        #expect(refixed.fixedParameters == ["rStarD", "eff_int4"])
        #expect(try refixed.value(of: "eff_int4") == 0.8)
        #expect(try Self.full.value(of: "eff_int4") == 0.9)
        // A fixed parameter stays fixed in a sum and through a renaming.
        let summed = try Self.full + Kumar2024.ptq.renaming(["gammaN": Parameter("gammaNPTQ")])
        #expect(summed.fixedParameters.contains("rStarD"))
        let renamed = Self.full.renaming(["rStarD": Parameter("rStar")])
        #expect(renamed.fixedParameters == ["rStar"])
    }

    @Test func perCategoryParametersSelectByLabel() throws {
        #expect(Self.full.variables.map(\.id) == ["N", "format", "D", "uniqueTokens", "bits"])
        #expect(Self.full.parameters.map(\.name) == [
            "E", "A", "alpha", "B", "beta", "rStarD", "eff_bf16", "eff_int8", "eff_int4", "k", "alphaQ", "betaQ", "gamma",
        ])
        let formatVariable = try #require(Self.full.variables.first { $0.id == "format" })
        #expect(formatVariable.categories == Self.formats)
        #expect(try formatVariable.index(ofCategory: "int8") == 1)
        let (n, d, u, bits) = (7e9, 1e12, 2.5e11, 4.0)
        for (label, eff) in [("bf16", 1.0), ("int8", 0.98), ("int4", 0.9)] {
            var point = Self.point
            point[formatVariable] = Self.format(label)
            // N·eff enters Chinchilla's term only; the degradation term reads N itself.
            let expected = Self.chinchilla(n * eff, Self.effectiveTokens(d, u)) + Self.ouyang(n, d, bits)
            #expect(relativeDifference(try Self.full(point), expected) <= 1e-13, "\(label)")
        }
    }

    @Test func userValidationAppliesInsideCompositions() {
        let probe = HostileProbe(.apiCall)
        var point = Self.point
        point[.userUniqueTokens] = 2e12   // more unique tokens than tokens
        point[.compressionFormat(Self.formats)] = 0
        let error = thrownError { () throws(ScalingLawError) in try Self.full(point) }
        #expect(error == .invalidValue(variable: "uniqueTokens", value: 2e12, requirement: "≤ D, the tokens trained on"))
        #expect(error?.description.contains("'uniqueTokens'") == true)
        // The library's domains hold for the user's variable too.
        point[.userUniqueTokens] = -1
        #expect(throws: ScalingLawError.invalidValue(variable: "uniqueTokens", value: -1, requirement: "> 0")) {
            try probe.call { try Self.full(point) }
        }
    }

    @Test func noRepetitionIsPlainChinchilla() throws {
        // U_D = D: R_D = 0, D′ = U_D exactly, so the law is Hoffmann's bit for bit.
        for (n, d) in [(1e9, 2e10), (7e9, 1.4e11), (70e9, 1.4e12)] {
            let constrained = try Self.dataConstrained([.N: n, .D: d, .userUniqueTokens: d])
            #expect(constrained == (try Hoffmann2022.printed(N: n, D: d)))
        }
    }

    // MARK: Every mode

    static var fullPoint: [Variable: Double] {
        var point = point
        point[.compressionFormat(formats)] = format("int4")
        return point
    }

    @Test func evaluatesInFloat() throws {
        let law = Self.full
        let point = Self.fullPoint.mapValues { Double(Float($0)) }
        let float: Float = law.evaluate(law.ordered(point).map { Float($0) })
        let bound = try roundingBound(law, at: point, unitRoundoff: unitRoundoff(Float.self) + unitRoundoff(Double.self))
        #expect(relativeDifference(Double(float), try law(point)) <= bound)
    }

    @Test func evaluatesInSIMD8Batches() throws {
        let law = Self.full
        var generator = SeededGenerator(seed: 3)
        let points: [[Variable: Double]] = (0..<21).map { _ in
            var point = randomPoint(for: law, using: &generator)
            point[.userUniqueTokens] = point[.D]! * generator.uniform(0.01...1)
            return point
        }
        var columns: [Variable: [Double]] = [:]
        for variable in law.variables { columns[variable] = points.map { $0[variable]! } }
        let batch = try law.evaluate(batch: columns)
        for (row, point) in points.enumerated() {
            let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))
            #expect(relativeDifference(batch[row], try law(point)) <= bound, "row \(row)")
        }
    }

    @Test func dualGradientMatchesFiniteDifferences() throws {
        let law = Self.full
        let point = Self.fullPoint
        let (_, gradient) = try law.gradient(at: point)
        let value = try law(point)
        for (index, parameter) in law.parameters.enumerated() {
            let theta = law.values[index]
            let numeric = try DerivativeTests.fivePointDerivative(
                { try law.setting(parameter, to: $0)(point) }, at: theta, step: DerivativeTests.relativeStep * theta)
            #expect(DerivativeTests.elasticitiesAgree(theta * gradient[index] / value, theta * numeric / value),
                    "∂/∂\(parameter.name): \(gradient[index]) vs \(numeric)")
        }
        // ∂L/∂U_D through the user's form.
        let (_, dU) = try law.derivative(at: point, withRespectTo: .userUniqueTokens)
        let u = point[.userUniqueTokens]!
        let numeric = try DerivativeTests.fivePointDerivative(
            { moved in
                var shifted = point
                shifted[.userUniqueTokens] = moved
                return try law(shifted)
            }, at: u, step: DerivativeTests.relativeStep * u)
        #expect(DerivativeTests.elasticitiesAgree(u * dU / value, u * numeric / value))
        #expect(dU < 0, "more unique data lowers the loss")
    }

    @Test func printsItsFormula() {
        #expect(Self.effectiveData.formula() == "U_D + U_D·R_D*·(1 − exp(−(D/U_D − 1)/R_D*))")
        #expect(Self.dataConstrained.formula()
            == "E + A/N^α + B/D′^β  where D′ = U_D + U_D·R_D*·(1 − exp(−(D/U_D − 1)/R_D*))")
        #expect(Self.full.formula() == "E + A/N_eff^α + B/D′^β + k·D^β_q/(N^α_q·P^γ)"
            + "  where N_eff = N·([C = bf16]·eff_bf16 + [C = int8]·eff_int8 + [C = int4]·eff_int4),"
            + " D′ = U_D + U_D·R_D*·(1 − exp(−(D/U_D − 1)/R_D*))")
        #expect(Self.full.formula(.latex) == "E + \\frac{A}{{N_{\\mathrm{eff}}}^{\\alpha}} + \\frac{B}{{D'}^{\\beta}}"
            + " + \\frac{k \\cdot {D}^{\\beta_{q}}}{{N}^{\\alpha_{q}} \\cdot {P}^{\\gamma}}"
            + ",\\quad\\text{where } N_{\\mathrm{eff}} = N \\cdot \\left([C = \\mathrm{bf16}] \\cdot \\mathrm{eff}_{\\mathrm{bf16}}"
            + " + [C = \\mathrm{int8}] \\cdot \\mathrm{eff}_{\\mathrm{int8}} + [C = \\mathrm{int4}] \\cdot \\mathrm{eff}_{\\mathrm{int4}}\\right)"
            + ",\\ D' = U_{D} + U_{D} \\cdot R_{D}^{*} \\cdot \\left(1 - e^{-\\frac{\\frac{D}{U_{D}} - 1}{R_{D}^{*}}}\\right)")
        #expect(Self.dataConstrained.formula(showingValues: true)
            == "1.69 + 406.4/N^0.34 + 410.7/D′^0.28  where D′ = U_D + U_D·15.4·(1 − exp(−(D/U_D − 1)/15.4))")
    }
}
