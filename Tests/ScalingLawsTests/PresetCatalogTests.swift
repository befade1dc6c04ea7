import Testing
import ScalingLaws

/// The catalog is the one list of presets: every test that checks "every preset" iterates it.
@Suite struct PresetCatalogTests {
    @Test func namesAreUniqueAndGroupedByPaper() {
        let names = PresetCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        for preset in PresetCatalog.all {
            #expect(preset.name.hasPrefix(preset.paper + "."), "\(preset.name) is not under \(preset.paper)")
        }
        #expect(PresetCatalog.papers == ["Hoffmann2022", "Besiroglu2024", "Ouyang2024", "Kumar2024", "Chen2025",
                                         "Sun2025", "Frantar2025", "Panferov2025", "Castro2025", "Muennighoff2023",
                                         "Frantar2024"])
    }

    @Test func everyCatalogPresetIsUnderTestWithAFloat16Decision() {
        for preset in PresetCatalog.all {
            #expect(float16Points[preset.name] != nil, "no Float16 point or reason for \(preset.name)")
        }
        #expect(Set(float16Points.keys) == Set(PresetCatalog.all.map(\.name)))
    }

    @Test(arguments: PresetCatalog.all.map(\.name))
    func everyPresetHasProvenanceARangeAndAValidTypicalPoint(_ name: String) throws {
        let preset = try PresetCatalog.preset(named: name)
        #expect(preset.confidence != nil)
        #expect(preset.law.fittedRange != nil)
        #expect(Set(preset.typicalPoint.keys) == Set(preset.law.variables))
        let value = try preset.law(preset.typicalPoint)
        #expect(value.isFinite && value > 0)
    }

    @Test func unknownNamesAreTypedErrors() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.unknownPreset("Hoffmann2022.typo", known: PresetCatalog.all.map(\.name))) {
            try probe.call { try PresetCatalog.preset(named: "Hoffmann2022.typo") }
        }
    }

    /// The type-erased law evaluates generically through the existential, in any scalar type.
    @Test func erasedLawsEvaluateInEveryScalarType() throws {
        let preset = try PresetCatalog.preset(named: "Hoffmann2022.printed")
        let x = preset.law.variables.map { preset.typicalPoint[$0]! }
        let double: Double = preset.law.evaluate(x)
        let float: Float = preset.law.evaluate(x.map { Float($0) })
        #expect(relativeDifference(double, try Hoffmann2022.printed(N: 7e9, D: 1.4e11)) <= 1e-15)
        #expect(relativeDifference(Double(float), double) <= 1e-5)
    }
}
