import Testing
import ScalingLaws

/// Bad input gives the exact `ScalingLawError` case, naming the variable (or parameter) and the
/// value, through every entry point: never a crash, a NaN or a silently wrong number.
@Suite struct BadInputTests {
    // MARK: Helpers

    /// Expects `.invalidValue` for `variable` with `value` (NaN matches NaN) whose requirement
    /// contains `requirement`, and a description that names both.
    func expectInvalidValue<R>(
        _ variable: String, _ value: Double, requirement: String, probe: HostileProbe,
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(ScalingLawError) -> R
    ) {
        guard let error = thrownError(probe: probe, sourceLocation: sourceLocation, body) else { return }
        guard case .invalidValue(let thrownVariable, let thrownValue, let thrownRequirement) = error else {
            Issue.record("expected invalidValue for \(variable), got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(thrownVariable == variable, sourceLocation: sourceLocation)
        #expect(thrownValue == value || (thrownValue.isNaN && value.isNaN), "value \(thrownValue)", sourceLocation: sourceLocation)
        #expect(thrownRequirement.contains(requirement), "requirement '\(thrownRequirement)'", sourceLocation: sourceLocation)
        #expect(error.description.contains("'\(variable)'"), "\(error.description)", sourceLocation: sourceLocation)
        #expect(error.description.contains("\(value)"), "\(error.description)", sourceLocation: sourceLocation)
    }

    /// Values outside `variable`'s domain, with the words of the requirement the error must give.
    static func invalidValues(of variable: Variable) -> [(value: Double, requirement: String)] {
        let nonFinite: [(Double, String)] = [(.nan, "finite"), (.infinity, "finite"), (-.infinity, "finite")]
        switch variable.domain {
        case .positive: return nonFinite + [(0, "> 0"), (-0.0, "> 0"), (-1, "> 0"), (-1e12, "> 0")]
        case .nonNegative: return nonFinite + [(-1, "≥ 0"), (-Double.leastNonzeroMagnitude, "≥ 0")]
        case .atLeast(let bound): return nonFinite + [(bound.nextDown, "≥ "), (bound - 1, "≥ "), (0, "≥ ")]
        case .fraction: return nonFinite + [(-0.1, "[0, 1)"), (1, "[0, 1)"), (1.5, "[0, 1)")]
        case .categorical(let labels):
            return nonFinite + [(-1, "category index"), (Double(labels.count), "category index"), (0.5, "category index")]
        }
    }

    // MARK: Every variable of every preset, through every entry point

    @Test(arguments: allPresets)
    func everyVariableRejectsValuesOutsideItsDomain(_ preset: PresetUnderTest) {
        let probe = HostileProbe(.apiCall)
        let law = preset.law
        for variable in law.variables {
            for (value, requirement) in Self.invalidValues(of: variable) {
                var point = preset.typical
                point[variable] = value
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in try law(point) }
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in try law.gradient(at: point) }
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in
                    try law.derivative(at: point, withRespectTo: law.variables[0])
                }
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in try law.prediction(at: point) }
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in try law.validate(law.ordered(point)) }
                // In a batch, the bad value sits in the middle of otherwise good rows.
                var columns: [Variable: [Double]] = [:]
                for other in law.variables {
                    let good = preset.typical[other]!
                    columns[other] = [good, other == variable ? value : good, good]
                }
                expectInvalidValue(variable.id, value, requirement: requirement, probe: probe) { () throws(ScalingLawError) in
                    try law.evaluate(batch: columns)
                }
            }
        }
    }

    // MARK: The named cases

    @Test func nonPositiveCountsAndBitWidths() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.invalidValue(variable: "N", value: 0, requirement: "> 0")) {
            try probe.call { try Hoffmann2022.printed(N: 0, D: 1e10) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "D", value: -2e10, requirement: "> 0")) {
            try probe.call { try Hoffmann2022.printed(N: 1e9, D: -2e10) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "bits", value: 0, requirement: "> 0")) {
            try probe.call { try Ouyang2024.unified(N: 7e9, D: 1e12, bits: 0) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "bits", value: -4, requirement: "> 0")) {
            try probe.call { try Kumar2024.ptq(N: 7e9, D: 1e12, bits: -4) }
        }
        expectInvalidValue("N", .nan, requirement: "a finite number", probe: probe) { () throws(ScalingLawError) in
            try Ouyang2024.unified(N: .nan, D: 1e12, bits: 4)
        }
        expectInvalidValue("D", .infinity, requirement: "a finite number", probe: probe) { () throws(ScalingLawError) in
            try Sun2025.capybara(N: 1e9, D: .infinity, exponentBits: 4, mantissaBits: 3, blockSize: 128)
        }
        expectInvalidValue("N", -.infinity, requirement: "a finite number", probe: probe) { () throws(ScalingLawError) in
            try Chen2025.w4a4(N: -.infinity, D: 1e11, groupSize: 32)
        }
    }

    @Test func groupAndBlockSizesStartAtTwo() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.invalidValue(variable: "groupSize", value: 1, requirement: "≥ 2")) {
            try probe.call { try Chen2025.w4a4(N: 595e6, D: 1e11, groupSize: 1) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "blockSize", value: 1.5, requirement: "≥ 2")) {
            try probe.call { try Sun2025.capybara(N: 1e9, D: 1e11, exponentBits: 4, mantissaBits: 3, blockSize: 1.5) }
        }
        // The boundary itself is valid: log₂ 2 = 1.
        #expect(try Chen2025.w4a4(N: 595e6, D: 1e11, groupSize: 2) > 0)
        #expect(try Sun2025.quantizationTerm(N: 1e9, D: 1e11, exponentBits: 4, mantissaBits: 3, blockSize: 2) > 0)
    }

    @Test func negativeExponentOrMantissaBits() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.invalidValue(variable: "exponentBits", value: -1, requirement: "≥ 0")) {
            try probe.call { try Sun2025.capybara(N: 1e9, D: 1e11, exponentBits: -1, mantissaBits: 3, blockSize: 128) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "mantissaBits", value: -0.5, requirement: "≥ 0")) {
            try probe.call {
                try Sun2025.quantizationTerm(N: 1e9, D: 1e11, exponentBits: 4, mantissaBits: -0.5, blockSize: 128)
            }
        }
        // E = M = 0 is in the domain: (0 + 0.5)^δ is positive.
        #expect(try Sun2025.capybara(N: 1e9, D: 1e11, exponentBits: 0, mantissaBits: 0, blockSize: 128).isFinite)
    }

    /// Kumar's factors 1 − e^(−P/γ + n) must stay positive: P_w > γ_w·n_w ≈ 0.812,
    /// P_a > γ_a·n_a ≈ 3.110, P_kv > γ_kv·n_kv ≈ 2.316 bits.
    @Test func kumarPrecisionsBelowTheDivergenceThreshold() throws {
        let probe = HostileProbe(.apiCall)
        let thresholds: [(Variable, Double)] = [
            (.weightBits, 2.6745 * 0.3037), (.activationBits, 2.2102 * 1.4072), (.kvBits, 0.9578 * 2.4185),
        ]
        let valid: [Variable: Double] = [.N: 1e8, .D: 2e10, .weightBits: 8, .activationBits: 8, .kvBits: 8, .bits: 4]
        for (variable, threshold) in thresholds {
            for bits in [threshold, threshold - 0.01, 3.11, 2.32, 1, 0.5].filter({ $0 <= threshold }) {
                var point = valid
                point[variable] = bits
                for law in [Kumar2024.unified as any LawUnderTest, Kumar2024.effectiveParameters] {
                    let lawPoint = point.filter { law.variables.contains($0.key) }
                    let digits = String(String(threshold).prefix(4))   // "3.11", "2.31", "0.81"
                    expectInvalidValue(variable.id, bits, requirement: digits, probe: probe) { () throws(ScalingLawError) in try law(lawPoint) }
                    expectInvalidValue(variable.id, bits, requirement: "1 − exp(−P/γ + n)", probe: probe) { () throws(ScalingLawError) in
                        try law.evaluate(batch: lawPoint.mapValues { [$0] })
                    }
                    expectInvalidValue(variable.id, bits, requirement: digits, probe: probe) { () throws(ScalingLawError) in try law.gradient(at: lawPoint) }
                }
            }
            // Just above the threshold the law evaluates to a finite loss.
            var point = valid
            point[variable] = threshold + 0.01
            #expect(try Kumar2024.unified(point).isFinite)
        }
        // The exact cases the issue names.
        #expect(throws: ScalingLawError.self) {
            try probe.call { try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 3.11, kvBits: 8, bits: 4) }
        }
        #expect(throws: ScalingLawError.self) {
            try probe.call {
                try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 8, kvBits: 2.32 - 0.01, bits: 4)
            }
        }
        #expect(try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 3.12, kvBits: 2.32, bits: 4).isFinite)
    }

    @Test func unknownCategoryLabel() throws {
        let probe = HostileProbe(.apiCall)
        let error = thrownError(probe: probe) { () throws(ScalingLawError) in try Frantar2025.onChinchilla(N: 7e9, D: 1e12, format: "W8A8") }
        #expect(error == .unknownCategory(variable: "format", label: "W8A8",
                                          known: ["INT4-weights", "W4A4", "W1A1", "50%-sparse"]))
        #expect(error?.description.contains("'format'") == true)
        #expect(error?.description.contains("'W8A8'") == true)
        #expect(error?.description.contains("W4A4") == true)
        // Labels are case-sensitive: "w4a4" is not "W4A4".
        #expect(throws: ScalingLawError.self) { try probe.call { try Frantar2025.onChinchilla(N: 7e9, D: 1e12, format: "w4a4") } }
        #expect(try Frantar2025.onChinchilla(N: 7e9, D: 1e12, format: "W4A4") > (try Hoffmann2022.printed(N: 7e9, D: 1e12)))
    }

    @Test func missingAndUnexpectedVariables() {
        let probe = HostileProbe(.apiCall)
        let law = Hoffmann2022.printed
        #expect(throws: ScalingLawError.missingVariable("D")) { try probe.call { try law([.N: 1e9]) } }
        #expect(throws: ScalingLawError.missingVariable("N")) { try probe.call { try law.gradient(at: [.D: 1e10]) } }
        #expect(throws: ScalingLawError.unexpectedVariable("bits")) { try probe.call { try law([.N: 1e9, .D: 1e10, .bits: 4]) } }
        #expect(throws: ScalingLawError.unexpectedVariable("bits")) {
            try probe.call { try law.derivative(at: [.N: 1e9, .D: 1e10], withRespectTo: .bits) }
        }
        #expect(throws: ScalingLawError.missingVariable("kvBits")) {
            try probe.call { try Kumar2024.unified([.N: 1e9, .D: 2e10, .weightBits: 8, .activationBits: 8, .bits: 4]) }
        }
        #expect(ScalingLawError.missingVariable("D").description.contains("'D'"))
        #expect(ScalingLawError.unexpectedVariable("bits").description.contains("'bits'"))
        // Values in `variables` order: the wrong count is an error too.
        #expect(throws: ScalingLawError.raggedColumns("expected 2 variable values, got 3")) { try probe.call { try law.validate([1e9, 1e10, 4]) } }
    }

    @Test func raggedEmptyAndMismatchedBatches() {
        let probe = HostileProbe(.apiCall)
        let law = Hoffmann2022.printed
        let ragged = thrownError(probe: probe) { () throws(ScalingLawError) in try law.evaluate(batch: [.N: [1e9, 2e9, 3e9], .D: [1e10, 2e10]]) }
        #expect(ragged == .raggedColumns("column 'D' has 2 values, expected 3"))
        #expect(ragged?.description.contains("'D'") == true)
        #expect(throws: ScalingLawError.raggedColumns("no points to evaluate")) { try probe.call { try law.evaluate(batch: [.N: [], .D: []]) } }
        #expect(throws: ScalingLawError.missingVariable("D")) { try probe.call { try law.evaluate(batch: [.N: [1e9]]) } }
        #expect(throws: ScalingLawError.unexpectedVariable("bits")) {
            try probe.call { try law.evaluate(batch: [.N: [1e9], .D: [1e10], .bits: [4]]) }
        }
    }

    @Test func unknownMissingAndInvalidParameters() throws {
        let probe = HostileProbe(.apiCall)
        let values: [Parameter: Double] = ["E": 1.69, "A": 406.4, "alpha": 0.34, "B": 410.7, "beta": 0.28]
        #expect(throws: ScalingLawError.unknownParameter("gamma")) {
            try probe.call { try ScalingLaw(ChinchillaForm(), values: values.merging(["gamma": 1]) { $1 }) }
        }
        #expect(throws: ScalingLawError.missingParameter("beta")) {
            try probe.call { try ScalingLaw(ChinchillaForm(), values: values.filter { $0.key != "beta" }) }
        }
        #expect(throws: ScalingLawError.unknownParameter("delta")) {
            try probe.call { try ScalingLaw(ChinchillaForm(), values: values, fixed: ["delta"]) }
        }
        #expect(throws: ScalingLawError.invalidParameterValue(parameter: "A", value: -406.4, requirement: "> 0")) {
            try probe.call { try ScalingLaw(ChinchillaForm(), values: values.merging(["A": -406.4]) { $1 }) }
        }
        #expect(throws: ScalingLawError.invalidParameterValue(parameter: "alpha", value: 0, requirement: "> 0")) {
            try probe.call { try ScalingLaw(ChinchillaForm(), values: values.merging(["alpha": 0]) { $1 }) }
        }
        let nan = thrownError(probe: probe) { () throws(ScalingLawError) in
            try ScalingLaw(KumarEffectiveParametersForm(), values: [
                "gammaW": 2.6745, "nW": .nan, "gammaA": 2.2102, "nA": 1.4072, "gammaKV": 0.9578, "nKV": 2.4185,
            ])
        }
        if case .invalidParameterValue(let name, let value, let requirement)? = nan {
            #expect(name == "nW" && value.isNaN && requirement == "a finite number")
        } else {
            Issue.record("expected invalidParameterValue for nW, got \(String(describing: nan))")
        }
        #expect(nan?.description.contains("'nW'") == true)
        #expect(ScalingLawError.missingParameter("beta").description.contains("'beta'"))
        #expect(ScalingLawError.unknownParameter("gamma").description.contains("'gamma'"))
        // A real-valued parameter may be negative.
        #expect(throws: Never.self) {
            try Kumar2024.effectiveParameters.setting("nW", to: -0.5)
        }
        // An interval domain.
        struct Bounded: LawForm {
            var variables: [Variable] { [.N] }
            var parameters: [Parameter] { [Parameter("share", domain: .interval(0...1))] }
            func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T { x[0] * p[0] }
        }
        #expect(throws: ScalingLawError.invalidParameterValue(parameter: "share", value: 1.5, requirement: "in [0.0, 1.0]")) {
            try probe.call { try ScalingLaw(Bounded(), values: ["share": 1.5]) }
        }
        #expect(try ScalingLaw(Bounded(), values: ["share": 1])([.N: 3]) == 3)
    }

    @Test func settingAndFixingCheckNamesAndDomains() throws {
        let probe = HostileProbe(.apiCall)
        let law = Hoffmann2022.printed
        #expect(throws: ScalingLawError.unknownParameter("zeta")) { try probe.call { try law.setting("zeta", to: 1) } }
        #expect(throws: ScalingLawError.unknownParameter("zeta")) { try probe.call { try law.fixing("zeta") } }
        #expect(throws: ScalingLawError.unknownParameter("zeta")) { try probe.call { try law.value(of: "zeta") } }
        #expect(throws: ScalingLawError.invalidParameterValue(parameter: "E", value: -1, requirement: "> 0")) {
            try probe.call { try law.setting("E", to: -1) }
        }
        #expect(throws: ScalingLawError.invalidParameterValue(parameter: "beta", value: .infinity, requirement: "> 0")) {
            try probe.call { try law.fixing("beta", to: .infinity) }
        }
        #expect(ScalingLawError.unknownParameter("zeta").description.contains("'zeta'"))
        #expect(ScalingLawError.invalidParameterValue(parameter: "E", value: -1, requirement: "> 0").description
            .contains("'E'"))
    }

    /// Inputs inside the domain whose value overflows give an error naming the law, not ∞ or NaN.
    @Test func nonFiniteResultsAreErrors() {
        let probe = HostileProbe(.apiCall)
        // P^5.4967 underflows to 0 at P = 1e-300, so the degradation would be +∞.
        let error = thrownError(probe: probe) { () throws(ScalingLawError) in try Ouyang2024.unified(N: 7e9, D: 1e12, bits: 1e-300) }
        if case .nonFiniteResult(let detail)? = error {
            #expect(detail.contains("Ouyang2024.unified"))
            #expect(detail.contains("bits=1e-300"))
        } else {
            Issue.record("expected nonFiniteResult, got \(String(describing: error))")
        }
        let batch = thrownError(probe: probe) { () throws(ScalingLawError) in
            try Ouyang2024.unified.evaluate(batch: [.N: [7e9, 7e9], .D: [1e12, 1e12], .bits: [4, 1e-300]])
        }
        if case .nonFiniteResult(let detail)? = batch {
            #expect(detail.contains("Ouyang2024.unified") && detail.contains("point 1"))
        } else {
            Issue.record("expected nonFiniteResult, got \(String(describing: batch))")
        }
    }
}
