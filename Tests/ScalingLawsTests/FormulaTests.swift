import Testing
import ScalingLaws

/// The printed formulas, variables and parameters of every preset (they document the laws), and
/// the renderer's parenthesization and number formatting.
@Suite struct FormulaTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let law: any LawUnderTest
        let variables: [String]
        let parameters: [String]
        let unicode: String
        var testDescription: String { law.name }
    }

    static let chinchilla = "E + A/N^α + B/D^β"
    static let chen = "k·D^γ_D·log₂(G)^γ_G/N^γ_N"
    static let kaplan = "((N_c/N)^(α_N/α_D) + D_c/D)^α_D"
    static let ouyang = "k·D^β/(N^α·P^γ)"
    static let sunTerm = "D^β/N^α·log₂(B)/(γ·(E + 0.5)^δ·(M + 0.5)^ν)"
    static let kumarNeff = "N·(1 − exp(−P_w/γ_w + n_w))·(1 − exp(−P_a/γ_a + n_a))·(1 − exp(−P_kv/γ_kv + n_kv))"
    static let chenParameters = ["k", "gammaN", "gammaD", "gammaG"]

    static let expectations: [Expected] = [
        Expected(law: Hoffmann2022.printed, variables: ["N", "D"], parameters: ["E", "A", "alpha", "B", "beta"], unicode: chinchilla),
        Expected(law: Hoffmann2022.unrounded, variables: ["N", "D"], parameters: ["E", "A", "alpha", "B", "beta"], unicode: chinchilla),
        Expected(law: Besiroglu2024.refit, variables: ["N", "D"], parameters: ["E", "A", "alpha", "B", "beta"], unicode: chinchilla),
        Expected(law: Ouyang2024.unified, variables: ["N", "D", "bits"], parameters: ["k", "alpha", "beta", "gamma"], unicode: ouyang),
        Expected(law: Ouyang2024.baseline16, variables: ["N", "D"], parameters: ["Nc", "Dc", "alphaN", "alphaD"], unicode: kaplan),
        Expected(law: Ouyang2024.quantizedLoss, variables: ["N", "D", "bits"],
                 parameters: ["Nc", "Dc", "alphaN", "alphaD", "k", "alpha", "beta", "gamma"], unicode: kaplan + " + " + ouyang),
        Expected(law: Kumar2024.ptq, variables: ["N", "D", "bits"], parameters: ["CT", "gammaD", "gammaN", "gammaPost"],
                 unicode: "C_T·D^γ_D/N^γ_N·exp(−P/γ_post)"),
        Expected(law: Kumar2024.effectiveParameters, variables: ["N", "weightBits", "activationBits", "kvBits"],
                 parameters: ["gammaW", "nW", "gammaA", "nA", "gammaKV", "nKV"], unicode: kumarNeff),
        Expected(law: Kumar2024.base, variables: ["N", "D"], parameters: ["E", "A", "alpha", "B"], unicode: "E + A/N^α + B/D^α"),
        Expected(law: Kumar2024.unified, variables: ["N", "weightBits", "activationBits", "kvBits", "D", "bits"],
                 parameters: ["E", "A", "alpha", "B", "CT", "gammaD", "gammaN", "gammaPost",
                              "gammaW", "nW", "gammaA", "nA", "gammaKV", "nKV"],
                 unicode: "E + A/N_eff^α + B/D^α + C_T·D^γ_D/N_eff^γ_N·exp(−P/γ_post)  where N_eff = " + kumarNeff),
        Expected(law: Kumar2024.postTrainingLoss, variables: ["N", "D", "bits"],
                 parameters: ["E", "A", "alpha", "B", "CT", "gammaD", "gammaN", "gammaPost"],
                 unicode: "E + A/N^α + B/D^α + C_T·D^γ_D/N^γ_N·exp(−P/γ_post)"),
        Expected(law: Kumar2024.trainingLoss, variables: ["N", "weightBits", "activationBits", "kvBits", "D"],
                 parameters: ["E", "A", "alpha", "B", "gammaW", "nW", "gammaA", "nA", "gammaKV", "nKV"],
                 unicode: "E + A/N_eff^α + B/D^α  where N_eff = " + kumarNeff),
        Expected(law: Chen2025.w4a4, variables: ["N", "D", "groupSize"], parameters: chenParameters, unicode: chen),
        Expected(law: Chen2025.w4a16, variables: ["N", "D", "groupSize"], parameters: chenParameters, unicode: chen),
        Expected(law: Chen2025.w16a4, variables: ["N", "D", "groupSize"], parameters: chenParameters, unicode: chen),
        Expected(law: Chen2025.w4a4FC2Int8, variables: ["N", "D", "groupSize"], parameters: chenParameters, unicode: chen),
        Expected(law: Chen2025.w16a4FC2Int8, variables: ["N", "D", "groupSize"], parameters: chenParameters, unicode: chen),
        Expected(law: Chen2025.splitW4A4, variables: ["N", "D", "groupSize"],
                 parameters: ["k_w", "gammaN_w", "gammaD_w", "gammaG_w", "k_a", "gammaN_a", "gammaD_a", "gammaG_a"],
                 unicode: "k⁽ʷ⁾·D^γ_D⁽ʷ⁾·log₂(G)^γ_G⁽ʷ⁾/N^γ_N⁽ʷ⁾ + k⁽ᵃ⁾·D^γ_D⁽ᵃ⁾·log₂(G)^γ_G⁽ᵃ⁾/N^γ_N⁽ᵃ⁾"),
        Expected(law: Sun2025.capybara, variables: ["N", "D", "exponentBits", "mantissaBits", "blockSize"],
                 parameters: ["epsilon", "n", "alpha", "d", "beta", "gamma", "delta", "nu"],
                 unicode: "ε + n/N^α + d/D^β + " + sunTerm),
        Expected(law: Sun2025.quantizationTerm, variables: ["N", "D", "exponentBits", "mantissaBits", "blockSize"],
                 parameters: ["alpha", "beta", "gamma", "delta", "nu"], unicode: sunTerm),
        Expected(law: Frantar2025.onChinchilla, variables: ["N", "format", "D"],
                 parameters: ["E", "A", "alpha", "B", "beta", "eff_INT4-weights", "eff_W4A4", "eff_W1A1", "eff_50%-sparse"],
                 unicode: "E + A/N_eff^α + B/D^β  where N_eff = N·([C = INT4-weights]·eff_INT4-weights"
                     + " + [C = W4A4]·eff_W4A4 + [C = W1A1]·eff_W1A1 + [C = 50%-sparse]·eff_50%-sparse)"),
        Expected(law: Panferov2025.quest, variables: ["N", "format", "D"],
                 parameters: ["E", "A", "alpha", "B", "beta"] + Panferov2025.efficiencies.map { "eff_" + $0.key },
                 unicode: "E + A/N_eff^α + B/D^β  where N_eff = N·([C = BF16]·eff_BF16 + [C = W1A1 Hadamard]·eff_W1A1 Hadamard + [C = W2A2 Hadamard]·eff_W2A2 Hadamard + [C = W3A3 Hadamard]·eff_W3A3 Hadamard + [C = W4A4 Hadamard]·eff_W4A4 Hadamard + [C = W8A8 Hadamard]·eff_W8A8 Hadamard + [C = W1A1]·eff_W1A1 + [C = W2A2]·eff_W2A2 + [C = W3A3]·eff_W3A3 + [C = W4A4]·eff_W4A4 + [C = W8A8]·eff_W8A8 + [C = W1A16]·eff_W1A16 + [C = W2A16]·eff_W2A16 + [C = W3A16]·eff_W3A16 + [C = W4A16]·eff_W4A16 + [C = FP4]·eff_FP4 + [C = 2:4 sparse]·eff_2:4 sparse)"),
        Expected(law: Castro2025.quartet, variables: ["N", "D", "format"],
                 parameters: ["A", "alpha", "B", "beta", "gamma", "E", "effN_BF16", "effN_MXFP4", "effD_BF16", "effD_MXFP4"],
                 unicode: "(A/N_eff^α + B/D_eff^β)^γ + E  where N_eff = N·([C = BF16]·effN_BF16 + [C = MXFP4]·effN_MXFP4), "
                     + "D_eff = D·([C = BF16]·effD_BF16 + [C = MXFP4]·effD_MXFP4)"),
        Expected(law: Muennighoff2023.dataConstrained, variables: ["N", "D", "U"],
                 parameters: ["E", "A", "alpha", "B", "beta", "RDstar", "RNstar"],
                 unicode: "E + A/N′^α + B/D′^β  where N′ = U_N·(1 + R_N*·(1 − exp(−R_N/R_N*))), "
                     + "D′ = U_D·(1 + R_D*·(1 − exp(−R_D/R_D*))), U_N = min(N, G·(U_D·G)^(β/α)), R_N = max(N/U_N − 1, 0), "
                     + "U_D = min(U, D), R_D = max(D/U_D − 1, 0), G = (α·A/(β·B))^(1/(α + β))"),
        Expected(law: Frantar2024.t5, variables: ["S", "N", "steps"],
                 parameters: ["aS", "bS", "cS", "bN", "aD", "bD", "c"],
                 unicode: "(a_S·(1 − S)^b_S + c_S)·(N/1000000)^(−b_N) + a_D·(D/100000)^(−b_D) + c"),
        Expected(law: Frantar2024.vit, variables: ["S", "N", "examples"],
                 parameters: ["aS", "bS", "cS", "bN", "aD", "bD", "c"],
                 unicode: "(a_S·(1 − S)^b_S + c_S)·(N/1000000)^(−b_N) + a_D·(D/1e9)^(−b_D) + c"),
    ]

    @Test(arguments: expectations)
    func presetVariablesParametersAndFormula(_ expected: Expected) {
        #expect(expected.law.variables.map(\.id) == expected.variables)
        #expect(expected.law.parameters.map(\.name) == expected.parameters)
        #expect(expected.law.values.count == expected.parameters.count)
        #expect(expected.law.formula(.unicode, showingValues: false) == expected.unicode)
    }

    @Test func everyPresetHasAnExpectation() {
        #expect(Self.expectations.map(\.law.name) == allPresets.map(\.law.name))
    }

    /// The forms without a preset: Chen's full law (A, B, E unpublished) and the single-factor power law.
    @Test func formsWithoutPresets() {
        #expect(Chen2025.fullForm.formula().unicode == "E + A/N^α + B/D^α + " + Self.chen)
        #expect(Chen2025.fullForm.parameters.map(\.name) == ["E", "A", "alpha", "B", "k", "gammaN", "gammaD", "gammaG"])
        #expect(PowerLawForm(.D).formula().unicode == "c·D^κ")
        #expect(PowerLawForm(.bits).formula(values: [2.5, -5.4812]).unicode == "2.5·P^(−5.4812)")
    }

    @Test func formulasWithValues() {
        #expect(Hoffmann2022.printed.formula(showingValues: true) == "1.69 + 406.4/N^0.34 + 410.7/D^0.28")
        // Seven significant digits, also below 1 (0.33917084 → 0.3391708).
        #expect(Hoffmann2022.unrounded.formula(showingValues: true) == "1.693374 + 406.401/N^0.3391708 + 410.7228/D^0.2849083")
        #expect(Ouyang2024.quantizedLoss.formula(showingValues: true)
            == "((4.74e19/N)^(0.045/0.399) + 7.63e10/D)^0.399 + 0.017·D^0.5251/(N^0.2261·P^5.4967)")
        #expect(Kumar2024.ptq.formula(showingValues: true) == "0.0598·D^0.5068/N^0.3439·exp(−P/0.5907)")
        #expect(Sun2025.capybara.formula(showingValues: true)
            == "1.9061 + 69.2343/N^0.2368 + 68973.06/D^0.5162 + D^0.5162/N^0.2368·log₂(B)/(11334.52·(E + 0.5)^3.1926·(M + 0.5)^2.9543)")
        #expect(Frantar2025.onChinchilla.formula(showingValues: true)
            == "1.69 + 406.4/N_eff^0.34 + 410.7/D^0.28  where N_eff = N·([C = INT4-weights]·0.923 + [C = W4A4]·0.747 + [C = W1A1]·0.067 + [C = 50%-sparse]·0.871)")
    }

    @Test func latexFormulas() {
        #expect(Hoffmann2022.printed.formula(.latex) == "E + \\frac{A}{{N}^{\\alpha}} + \\frac{B}{{D}^{\\beta}}")
        #expect(Ouyang2024.unified.formula(.latex) == "\\frac{k \\cdot {D}^{\\beta}}{{N}^{\\alpha} \\cdot {P}^{\\gamma}}")
        #expect(Ouyang2024.baseline16.formula(.latex)
            == "{\\left({\\left(\\frac{N_{c}}{N}\\right)}^{\\frac{\\alpha_{N}}{\\alpha_{D}}} + \\frac{D_{c}}{D}\\right)}^{\\alpha_{D}}")
        #expect(Kumar2024.ptq.formula(.latex)
            == "\\frac{C_{T} \\cdot {D}^{\\gamma_{D}}}{{N}^{\\gamma_{N}}} \\cdot e^{-\\frac{P}{\\gamma_{\\mathrm{post}}}}")
        #expect(Kumar2024.effectiveParameters.formula(.latex)
            == "N \\cdot \\left(1 - e^{-\\frac{P_{w}}{\\gamma_{w}} + n_{w}}\\right) \\cdot \\left(1 - e^{-\\frac{P_{a}}{\\gamma_{a}} + n_{a}}\\right)"
            + " \\cdot \\left(1 - e^{-\\frac{P_{kv}}{\\gamma_{kv}} + n_{kv}}\\right)")
        #expect(Chen2025.w4a4.formula(.latex)
            == "\\frac{k \\cdot {D}^{\\gamma_{D}} \\cdot {\\log_2\\left(G\\right)}^{\\gamma_{G}}}{{N}^{\\gamma_{N}}}")
        #expect(Sun2025.quantizationTerm.formula(.latex)
            == "\\frac{\\frac{{D}^{\\beta}}{{N}^{\\alpha}} \\cdot \\log_2\\left(B\\right)}{\\gamma \\cdot {\\left(E + 0.5\\right)}^{\\delta} \\cdot {\\left(M + 0.5\\right)}^{\\nu}}")
        // LaTeX's comment character in a label is escaped.
        let frantar = Frantar2025.onChinchilla.formula(.latex)
        #expect(frantar.contains("[C = \\mathrm{50\\%\\mbox{-}sparse}] \\cdot \\mathrm{eff}_{\\mathrm{50\\%\\mbox{-}sparse}}"))
        let characters = Array(frantar)
        #expect(characters.indices.allSatisfy { characters[$0] != "%" || ($0 > 0 && characters[$0 - 1] == "\\") })
    }

    // MARK: The renderer

    static let a = Formula.symbol(Symbol("a"))
    static let b = Formula.symbol(Symbol("b"))
    static let c = Formula.symbol(Symbol("c"))
    static let x = Formula.symbol(Symbol("x", latex: "x"))

    @Test func parenthesesFollowPrecedenceAndAssociativity() {
        let (a, b, c) = (Self.a, Self.b, Self.c)
        #expect((a - (b - c)).unicode == "a − (b − c)")
        #expect((a - b - c).unicode == "a − b − c")
        #expect((a - (b + c)).unicode == "a − (b + c)")
        #expect((a + (b - c)).unicode == "a + (b − c)")
        #expect((a / (b * c)).unicode == "a/(b·c)")
        #expect((a / (b / c)).unicode == "a/(b/c)")
        #expect((a / b / c).unicode == "a/b/c")
        #expect((a * (b / c)).unicode == "a·(b/c)")
        #expect(((a + b) * c).unicode == "(a + b)·c")
        #expect(Formula.pow(a / b, c).unicode == "(a/b)^c")
        #expect(Formula.pow(a, b * c).unicode == "a^(b·c)")
        #expect(Formula.pow(Formula.pow(a, b), c).unicode == "(a^b)^c")
        #expect(Formula.pow(a, Formula.pow(b, c)).unicode == "a^(b^c)")
        #expect((-(a + b)).unicode == "−(a + b)")
        #expect((-(a * b)).unicode == "−a·b")
        #expect(Formula.pow(-a, b).unicode == "(−a)^b")
        #expect(Formula.pow(a, -b).unicode == "a^(−b)")
        #expect(Formula.exp(-(a / b) + c).unicode == "exp(−a/b + c)")
        #expect((a / (b * c)).latex == "\\frac{a}{b \\cdot c}")
        #expect((-(a + b)).latex == "-\\left(a + b\\right)")
    }

    /// A sign on the right of +, − or · is parenthesized, and adding a negative constant prints
    /// as a subtraction.
    @Test func signedRightOperands() {
        let (a, b) = (Self.a, Self.b)
        #expect((a * -b).unicode == "a·(−b)")
        #expect((a * Formula(-2)).unicode == "a·(−2)")
        #expect((a + Formula(-0.5)).unicode == "a − 0.5")
        #expect((a - Formula(-0.5)).unicode == "a + 0.5")
        #expect((a - -b).unicode == "a + b")
        #expect((-Formula(2)).unicode == "−2")
        #expect((-(-a)).unicode == "a")
        #expect(Formula.product(a, .negation(b)).latex == "a \\cdot \\left(-b\\right)")
        #expect(Formula.sum(a, .negation(b)).unicode == "a + (−b)")
        #expect(Formula.difference(a, .number(-2)).unicode == "a − (−2)")
        #expect(Formula.negation(.number(-2)).unicode == "−(−2)")
    }

    @Test func numbersInFormulas() {
        let x = Self.x
        #expect(Formula(0.5).unicode == "0.5")
        #expect(Formula(-3).unicode == "−3")
        #expect(Formula(1234567).unicode == "1234567")
        #expect(Formula(12345678).unicode == "1.234568e7")
        #expect(Formula(4.74e19).unicode == "4.74e19")
        #expect(Formula(4.74e19).latex == "4.74\\times 10^{19}")
        #expect(Formula(1.5e-5).unicode == "1.5e−5")
        #expect(Formula(0.0012345678).unicode == "0.001234568")
        #expect(Formula(0.33917084).unicode == "0.3391708")
        #expect(Formula(68973.0621).unicode == "68973.06")
        #expect(Formula(-0.0598).unicode == "−0.0598")
        // A number in e notation is one token only outside powers.
        #expect(Formula.pow(Formula(4.74e19), x).unicode == "(4.74e19)^x")
        #expect(Formula.pow(x, Formula(1e-5)).unicode == "x^(1e−5)")
        #expect(Formula.pow(Formula(4.74e19), x).latex == "{\\left(4.74\\times 10^{19}\\right)}^{x}")
        #expect((Formula(4.74e19) / x).unicode == "4.74e19/x")
        #expect(Formula.pow(x, Formula(0.5)).unicode == "x^0.5")
    }

    @Test func namedQuantitiesPrintOnceInAWhereClause() {
        let n = Formula.symbol(Symbol("N"))
        let neff = Formula.named(Symbol("N_eff", latex: "N_{\\mathrm{eff}}"), n * Self.a)
        let law = Self.b / neff + Self.c / neff
        #expect(law.unicode == "b/N_eff + c/N_eff  where N_eff = N·a")
        #expect(law.latex == "\\frac{b}{N_{\\mathrm{eff}}} + \\frac{c}{N_{\\mathrm{eff}}},\\quad\\text{where } N_{\\mathrm{eff}} = N \\cdot a")
        // A formula that is one named quantity prints its definition.
        #expect(neff.unicode == "N·a")
    }
}

