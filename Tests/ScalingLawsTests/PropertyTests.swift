import Testing
@testable import ScalingLaws

/// Properties that must hold at every point of a law's domain, checked at seeded random points of
/// every catalog preset (the library's xoshiro256**, so every run tries the same cases). Each test
/// counts the cases it runs with a ``HostileProbe`` (summed in the ``HostileInputLedger`` line at the
/// end of the run) and asserts that count, so that a loop that silently stops short fails instead
/// of passing.
///
/// Tolerances are those argued in TestSupport (`roundingBound`: 2·(κ + n)·u, κ the law's relative
/// condition number at the point and n its operation count) or stated at each test.
@Suite struct PropertyTests {
    static let presets = allPresets

    /// `count` random points of `law`, from a generator seeded by `seed` and the law's name.
    static func points(_ law: any LawUnderTest, count: Int, seed: UInt64) -> [[Variable: Double]] {
        var generator = SeededGenerator(seed: seed &+ UInt64(truncatingIfNeeded: stableHash(law.name)))
        return (0..<count).map { _ in
            var point = randomPoint(for: law, using: &generator)
            // Sparsity at least 0.01, so that a difference step around it stays in [0, 1).
            for variable in law.variables where variable.domain == .fraction {
                point[variable] = Swift.max(0.01, point[variable]!)
            }
            return point
        }
    }

    /// A hash of `text` that is the same on every run (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    // MARK: Batch and lanes

    /// 200 random points per preset (5,600 cases with the catalog's 28 presets), in one batch of
    /// `SIMD8<Double>` lanes, each against the scalar evaluation, within `roundingBound` at
    /// u = 2·u_Double (BatchEvaluationTests explains the bound).
    @Test func batchEqualsScalarAtRandomPoints() throws {
        let probe = HostileProbe(.property)
        for preset in Self.presets {
            let law = preset.law
            let points = Self.points(law, count: 200, seed: 1)
            var columns: [Variable: [Double]] = [:]
            for variable in law.variables { columns[variable] = points.map { $0[variable]! } }
            let batch = try law.evaluate(batch: columns)
            for (row, point) in points.enumerated() {
                let scalar = try law(point)
                let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))
                #expect(relativeDifference(batch[row], scalar) <= bound,
                        "\(law.name) row \(row): batch \(batch[row]), scalar \(scalar)")
                probe.noteCase()
            }
        }
        #expect(probe.tried == 200 * Self.presets.count)
    }

    // MARK: Derivatives

    /// The exact derivative (dual numbers) with respect to each continuous variable against a
    /// central difference, at 80 random points per preset (over 5,000 cases).
    ///
    /// With a relative step h = 10⁻⁵·x the difference's truncation error is h²·|f'''|/6 (about
    /// 10⁻¹⁰ relative for these power laws) and its rounding error about u·|f|/h; so the bound is
    /// 10⁻⁷·|f'| + 10³·u·|f|/h.
    @Test func derivativesMatchCentralDifferences() throws {
        let probe = HostileProbe(.property)
        for preset in Self.presets {
            let law = preset.law
            for point in Self.points(law, count: 80, seed: 2) {
                let f = try law(point)
                for variable in law.variables where variable.categories.isEmpty {
                    let x = point[variable]!
                    let h = 1e-5 * Swift.max(abs(x), 1e-3)
                    var up = point, down = point
                    up[variable] = x + h
                    down[variable] = x - h
                    let difference = (try law(up) - law(down)) / (2 * h)
                    let exact = try law.derivative(at: point, withRespectTo: variable).derivative
                    let bound = 1e-7 * abs(exact) + 1e3 * unitRoundoff(Double.self) * abs(f) / h
                    #expect(abs(difference - exact) <= bound,
                            "\(law.name) ∂/∂\(variable.id) at \(point): exact \(exact), difference \(difference)")
                    probe.noteCase()
                }
            }
        }
        #expect(probe.tried >= 5_000)
    }

    /// The gradient with respect to the parameters (dual numbers, all partials at once) against a
    /// central difference on each parameter, at 40 random points per preset (over 5,000 cases), with
    /// the bound above.
    @Test func parameterGradientsMatchCentralDifferences() throws {
        let probe = HostileProbe(.property)
        for preset in Self.presets {
            let law = preset.law
            for point in Self.points(law, count: 40, seed: 3) {
                let (f, gradient) = try law.gradient(at: point)
                for (index, parameter) in law.parameters.enumerated() {
                    let theta = law.values[index]
                    let h = 1e-5 * Swift.max(abs(theta), 1e-3)
                    let difference = (try law.setting(parameter, to: theta + h)(point)
                                      - law.setting(parameter, to: theta - h)(point)) / (2 * h)
                    let bound = 1e-7 * abs(gradient[index]) + 1e3 * unitRoundoff(Double.self) * abs(f) / h
                    #expect(abs(difference - gradient[index]) <= bound,
                            "\(law.name) ∂/∂\(parameter.name) at \(point): exact \(gradient[index]), difference \(difference)")
                    probe.noteCase()
                }
            }
        }
        #expect(probe.tried >= 5_000)
    }

    // MARK: Scalar types

    /// `Float` evaluation against `Double` at 200 random points per preset (5,600 cases), inputs
    /// rounded to `Float` first, within `roundingBound` at u = u_Float + u_Double.
    @Test func floatAgreesWithDoubleAtRandomPoints() throws {
        let probe = HostileProbe(.property)
        let u = unitRoundoff(Float.self) + unitRoundoff(Double.self)
        for preset in Self.presets {
            let law = preset.law
            for point in Self.points(law, count: 200, seed: 4) {
                let exact = point.mapValues { Double(Float($0)) }
                let value = law.value(as: Float.self, at: exact)
                let double = try law(exact)
                let bound = try roundingBound(law, at: exact, unitRoundoff: u)
                #expect(relativeDifference(value, double) <= bound,
                        "\(law.name) at \(exact): Float \(value), Double \(double)")
                probe.noteCase()
            }
        }
        #expect(probe.tried == 200 * Self.presets.count)
    }

    // MARK: Monotonicity

    /// What each paper says its law does when one variable grows (the others fixed): +1 for
    /// increasing, −1 for decreasing.
    static let claims: [(preset: String, variable: String, sign: Double)] = {
        var claims: [(String, String, Double)] = []
        // Losses fall with more parameters and more data.
        for name in ["Hoffmann2022.printed", "Hoffmann2022.unrounded", "Besiroglu2024.refit", "Kumar2024.base",
                     "Kumar2024.trainingLoss", "Ouyang2024.baseline16", "Frantar2025.onChinchilla",
                     "Panferov2025.quest", "Castro2025.quartet", "Muennighoff2023.dataConstrained"] {
            claims += [(name, "N", -1), (name, "D", -1)]
        }
        // Frantar et al. (2024) count data in steps (T5) or examples (ViT), and N in non-zero
        // parameters: at a fixed N, a sparser model has a lower loss.
        for (name, data) in [("Frantar2024.t5", "steps"), ("Frantar2024.vit", "examples")] {
            claims += [(name, "N", -1), (name, data, -1), (name, "S", -1)]
        }
        // Quantization degradation: smaller for larger models, larger after more training data,
        // smaller with more bits (Ouyang et al., Kumar et al.), larger with larger groups (Chen et al.).
        for name in ["Ouyang2024.unified", "Kumar2024.ptq"] {
            claims += [(name, "N", -1), (name, "D", 1), (name, "bits", -1)]
        }
        claims += [("Kumar2024.postTrainingLoss", "N", -1), ("Kumar2024.postTrainingLoss", "bits", -1)]
        for name in ["w4a4", "w4a16", "w16a4", "w4a4FC2Int8", "w16a4FC2Int8"] {
            claims += [("Chen2025." + name, "N", -1), ("Chen2025." + name, "D", 1), ("Chen2025." + name, "groupSize", 1)]
        }
        // Kumar et al.: more training precision, more effective parameters and lower loss.
        for bits in ["weightBits", "activationBits", "kvBits"] {
            claims += [("Kumar2024.effectiveParameters", bits, 1), ("Kumar2024.trainingLoss", bits, -1)]
        }
        claims += [("Kumar2024.effectiveParameters", "N", 1)]
        // Sun et al.: the quantization term shrinks with model size and mantissa bits and grows
        // with data and block size.
        claims += [("Sun2025.quantizationTerm", "N", -1), ("Sun2025.quantizationTerm", "D", 1),
                   ("Sun2025.quantizationTerm", "mantissaBits", -1), ("Sun2025.quantizationTerm", "blockSize", 1)]
        return claims
    }()

    /// Every claim at 64 random points (3,712 cases): the law at x·1.01 (x + 0.25 for a bit
    /// width) differs from the law at x with the claimed sign.
    ///
    /// Muennighoff et al.'s returns decay exponentially: parameters beyond what the unique data
    /// supports, and repetitions beyond about 16 epochs, are worth almost nothing, and in Double
    /// the effective N' and D' reach their ceilings exactly. There the law must not move against
    /// the claim (a change of 0 is allowed).
    @Test func everyPaperMonotonicityClaimHolds() throws {
        let probe = HostileProbe(.property)
        for claim in Self.claims {
            let preset = try PresetCatalog.preset(named: claim.preset)
            let law = preset.law as! any LawUnderTest
            let variable = try #require(law.variables.first { $0.id == claim.variable }, "\(claim)")
            for point in Self.points(law, count: 64, seed: 5) {
                var moved = point
                let x = point[variable]!
                moved[variable] = variable.id.hasSuffix("its") || variable.id == "bits" ? x + 0.25 : x * 1.01
                let change = try law(moved) - law(point)
                let saturates = claim.preset.hasPrefix("Muennighoff")
                #expect(change * claim.sign > 0 || (saturates && change == 0),
                        "\(claim.preset) at \(point): \(claim.variable) → \(moved[variable]!) changes it by \(change)")
                probe.noteCase()
            }
        }
        #expect(probe.tried == 64 * Self.claims.count)
    }

    // MARK: Inverse solvers

    /// `solve(for: v, reaching: law(x))` returns x, for N and D of every loss law that is monotone
    /// in them: 48 random points per law and variable (1,392 cases; not Muennighoff et al.'s, whose
    /// ceilings make N and D unrecoverable where the law is flat). The root is as accurate as the
    /// law's sensitivity allows: |x̂ − x|/x ≤ 10⁻⁹ + 64·u·|L|/|x·∂L/∂x|.
    @Test func solvingForAVariableInvertsTheLaw() throws {
        let probe = HostileProbe(.property)
        let monotone = Self.claims.filter { ["N", "D", "steps", "examples"].contains($0.variable) && $0.sign < 0 && !$0.preset.hasPrefix("Muennighoff") }
        for claim in monotone {
            let law = try PresetCatalog.preset(named: claim.preset).law as! any LawUnderTest
            let variable = law.variables.first { $0.id == claim.variable }!
            for point in Self.points(law, count: 48, seed: 6) {
                let target = try law(point)
                let x = point[variable]!
                let solved = try law.subject.solving(for: variable, reaching: target, at: point.filter { $0.key != variable })
                let slope = try law.derivative(at: point, withRespectTo: variable).derivative
                let bound = 1e-9 + 64 * unitRoundoff(Double.self) * abs(target / (x * slope))
                #expect(abs(solved / x - 1) <= bound, "\(claim.preset) \(variable.id) = \(x): solved \(solved)")
                probe.noteCase()
            }
        }
        #expect(probe.tried == 48 * monotone.count)
    }

    // MARK: Printing

    /// 20,000 random bit patterns and the special values print in both styles; a finite value
    /// prints as a number that reads back within its 7 significant digits, with a mantissa in
    /// [1, 10) in scientific notation.
    @Test func everyDoublePrintsAsItsValueRoundedTo7Digits() throws {
        var generator = SeededGenerator(seed: 7)
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                  .greatestFiniteMagnitude, 1e7, 1e-3, 0.000999999999, 9999999.5]
        let probe = HostileProbe(.property)
        for index in 0..<(20_000 + specials.count) {
            let value = index < specials.count ? specials[index] : Double(bitPattern: generator.next())
            let unicode = Formula.format(value, .unicode)
            #expect(!Formula.format(value, .latex).isEmpty)
            probe.noteCase()
            guard value.isFinite else { continue }
            let ascii = String(unicode.map { $0 == "−" ? "-" : $0 })
            let read = try #require(Double(ascii), "\(value) printed as \(unicode)")
            #expect(abs(read - value) <= 5.0000001e-7 * Swift.max(abs(value), abs(read)), "\(value) printed as \(unicode)")
            if let e = ascii.firstIndex(of: "e"), let mantissa = Double(ascii[..<e]) {
                #expect(abs(mantissa) >= 1 && abs(mantissa) < 10, "\(value) printed as \(unicode)")
            }
        }
        #expect(probe.tried == 20_000 + specials.count)
    }

    /// Every preset's formula prints with any values as its parameters (NaN, ±∞, subnormal, random
    /// bit patterns): 40 parameter sets per preset, both styles (1,120 cases).
    @Test func everyLawPrintsWithAnyParameterValues() {
        var generator = SeededGenerator(seed: 8)
        let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let probe = HostileProbe(.property)
        for preset in Self.presets {
            let law = preset.law
            for set in 0..<40 {
                let values = law.parameters.indices.map { index in
                    set < specials.count ? specials[(set + index) % specials.count] : Double(bitPattern: generator.next())
                }
                let formula = law.subject.formula(values: values)
                #expect(!formula.unicode.isEmpty && !formula.latex.isEmpty)
                probe.noteCase()
            }
        }
        #expect(probe.tried == 40 * Self.presets.count)
    }
}

/// What the property tests need of a law beyond `LawUnderTest`, through its concrete form.
protocol PropertySubject {
    /// The traced formula with `values` (any doubles, unchecked) in place of the parameters.
    func formula(values: [Double]) -> Formula
    /// ``ScalingLaw/solve(for:reaching:at:in:)`` on the default range.
    func solving(for variable: Variable, reaching target: Double, at point: [Variable: Double]) throws -> Double
}

extension ScalingLaw: PropertySubject {
    func formula(values: [Double]) -> Formula { form.formula(values: values) }
    func solving(for variable: Variable, reaching target: Double, at point: [Variable: Double]) throws -> Double {
        try solve(for: variable, reaching: target, at: point)
    }
}

extension LawUnderTest {
    var subject: any PropertySubject { self as! any PropertySubject }
}
