import Testing
import ScalingLaws

/// Every preset against the independent 50-digit computation of `Tests/Reference/reference.py`.
@Suite struct PresetReferenceTests {
    /// The library's value of a reference case that is a law evaluation (Frantar's degradation is
    /// the compressed loss minus Hoffmann's printed loss; Chen's ratio is δ_W16A4/δ_W4A16).
    static func libraryValue(_ reference: ReferenceCase) throws -> Double {
        if reference.quantity == "ratioW16A4toW4A16" {
            let point = try typedPoint(reference, for: Chen2025.w16a4)
            return try Chen2025.w16a4(point) / Chen2025.w4a16(point)
        }
        let law = try #require(presetLaw(forKey: reference.preset, quantity: reference.quantity),
                               "no preset for reference key '\(reference.preset)'")
        let point = try typedPoint(reference, for: law)
        let value = try law(point)
        if reference.preset.hasPrefix("frantar.") && reference.quantity == "degradation" {
            return value - (try Hoffmann2022.printed(N: point[.N]!, D: point[.D]!))
        }
        return value
    }

    static let lawCases = referenceCases.filter {
        lawQuantities.contains($0.quantity) && !$0.preset.hasPrefix(comparisonPresetPrefix)
    }

    /// Relative 1e-9: the reference is exact to the Double it is rounded to, and the library's
    /// Double evaluation is accurate to a few hundred ulps at worst (the conditioning of these
    /// laws is below 100; `ScalarModeTests` checks it at that level). 1e-9 leaves a margin that no
    /// wrong constant or formula fits in.
    @Test(arguments: lawCases)
    func presetMatchesReference(_ reference: ReferenceCase) throws {
        let value = try Self.libraryValue(reference)
        #expect(relativeDifference(value, reference.value) <= 1e-9,
                "library \(value), reference \(reference.value)")
    }

    /// Each quantity of the reference file is either checked here or belongs to the solvers, so a
    /// new quantity cannot be skipped silently.
    @Test func everyReferenceQuantityIsKnown() {
        let quantities = Set(referenceCases.map(\.quantity))
        #expect(quantities == lawQuantities.union(solverQuantities))
        #expect(lawQuantities.isDisjoint(with: solverQuantities))
    }

    /// Every reference key of a law quantity maps to a preset (the `comparison.*` keys are
    /// `ComparisonTests`'), and every mapped preset has cases.
    @Test func everyReferenceKeyHasAPreset() {
        for reference in referenceCases where lawQuantities.contains(reference.quantity) {
            if reference.preset.hasPrefix(comparisonPresetPrefix) { continue }
            if reference.quantity == "ratioW16A4toW4A16" {
                #expect(reference.preset == "chen.w16a4")
                continue
            }
            #expect(presetLaw(forKey: reference.preset, quantity: reference.quantity) != nil,
                    "unknown reference key \(reference.preset)")
        }
        let presetsWithCases = Set(Self.lawCases.compactMap { presetLaw(forKey: $0.preset, quantity: $0.quantity)?.name })
        #expect(presetsWithCases == [
            "Hoffmann2022.printed", "Hoffmann2022.unrounded", "Besiroglu2024.refit",
            "Ouyang2024.unified", "Ouyang2024.baseline16", "Ouyang2024.quantizedLoss",
            "Kumar2024.ptq", "Kumar2024.effectiveParameters", "Kumar2024.unified",
            "Chen2025.w4a4", "Chen2025.w4a16", "Chen2025.w16a4", "Chen2025.w4a4FC2Int8", "Chen2025.w16a4FC2Int8",
            "Sun2025.capybara", "Sun2025.quantizationTerm", "Frantar2025.onChinchilla",
        ])
        // All four Frantar formats have both quantities.
        for key in frantarLabels.keys {
            for quantity in ["loss", "degradation"] {
                #expect(referenceCases.contains { $0.preset == "frantar." + key && $0.quantity == quantity })
            }
        }
    }

    /// The reference inputs name only variables the preset has, and every variable the preset has.
    @Test(arguments: lawCases.filter { $0.quantity != "ratioW16A4toW4A16" })
    func referenceInputsAreThePresetsVariables(_ reference: ReferenceCase) throws {
        let law = try #require(presetLaw(forKey: reference.preset, quantity: reference.quantity))
        let point = try typedPoint(reference, for: law)
        #expect(Set(point.keys) == Set(law.variables))
    }
}
