import Testing
import ScalingLaws

/// Every preset evaluated in each floating-point type through the one generic `evaluate`.
///
/// Tolerances come from the type's unit roundoff u and the law's conditioning at the point
/// (`roundingBound` in TestSupport): `2·(κ + n)·(u_T + u_Double)`, where κ is the relative
/// condition number with respect to every parameter and input (each is rounded to T once) and n
/// the number of operations of the formula (each rounds once). The Double term is there because
/// the value compared against is itself a Double: a reference value rounded to Double and
/// computed from decimal constants that Double rounds, or the library's Double evaluation. So a
/// Float16 result may be off by a few percent where its exponents multiply logarithms of 6e4,
/// while Double must agree with the 50-digit reference to a few hundred ulps at most.
@Suite struct ScalarModeTests {
    // MARK: Generic checks, written once

    /// `law.evaluate([T])` at every reference point that one preset evaluates directly, against
    /// the 50-digit reference.
    func checkAgainstReference<T: LawScalar & BinaryFloatingPoint>(_ type: T.Type) throws {
        let u = unitRoundoff(T.self) + unitRoundoff(Double.self)
        var checked = 0
        for (reference, law, point) in directReferenceEvaluations {
            let value = law.value(as: T.self, at: point)
            let bound = try roundingBound(law, at: point, unitRoundoff: u)
            let difference = relativeDifference(value, reference.value)
            #expect(difference <= bound,
                    "\(T.self) \(reference.testDescription): \(value) vs \(reference.value), relative \(difference) > \(bound)")
            checked += 1
        }
        // Every law-evaluated case of the file but Frantar's differences and Chen's ratios.
        #expect(checked == referenceCases.filter {
            ["loss", "degradation", "effectiveParameters"].contains($0.quantity)
                && !$0.preset.hasPrefix(comparisonPresetPrefix)
                && !($0.preset.hasPrefix("frantar.") && $0.quantity == "degradation")
        }.count)
    }

    /// `law.evaluate([T])` at `point` against the library's Double evaluation at the same point,
    /// whose inputs must be exact in T (so that both evaluate the same mathematical point).
    func checkAgreesWithDouble<T: LawScalar & BinaryFloatingPoint>(
        _ type: T.Type, _ law: any LawUnderTest, at point: [Variable: Double]
    ) throws {
        for (variable, value) in point {
            #expect(Double(T(value)) == value, "\(variable.id) = \(value) is not exact in \(T.self)")
        }
        let value = law.value(as: T.self, at: point)
        let double = try law(point)
        #expect(value.isFinite, "\(law.name) in \(T.self) is \(value)")
        let bound = try roundingBound(law, at: point, unitRoundoff: unitRoundoff(T.self) + unitRoundoff(Double.self))
        let difference = relativeDifference(value, double)
        #expect(difference <= bound, "\(law.name) in \(T.self): \(value) vs \(double), relative \(difference) > \(bound)")
    }

    // MARK: Per type

    @Test func doubleAtTheReferencePoints() throws { try checkAgainstReference(Double.self) }
    @Test func floatAtTheReferencePoints() throws { try checkAgainstReference(Float.self) }

    /// Double is what the dictionary call evaluates: the generic path gives the same bits.
    @Test(arguments: allPresets)
    func doubleIsTheDictionaryEvaluation(_ preset: PresetUnderTest) throws {
        let generic = preset.law.value(as: Double.self, at: preset.typical)
        #expect(generic == (try preset.law(preset.typical)))
    }

    /// Float's range holds every constant and every realistic N and D.
    @Test(arguments: allPresets)
    func floatAgreesWithDouble(_ preset: PresetUnderTest) throws {
        try checkAgreesWithDouble(Float.self, preset.law, at: representable(preset.typical, in: Float.self))
    }

    #if (arch(i386) || arch(x86_64)) && !os(Windows) && !os(Android)
    @Test func float80AtTheReferencePoints() throws { try checkAgainstReference(Float80.self) }

    @Test(arguments: allPresets)
    func float80AgreesWithDouble(_ preset: PresetUnderTest) throws {
        try checkAgreesWithDouble(Float80.self, preset.law, at: preset.typical)
    }
    #endif

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// Float16 at small inputs (N = 3000, D = 60000): raw counts of real models exceed its
    /// largest finite value, 65504.
    @available(macOS 11.0, iOS 14.0, tvOS 14.0, watchOS 7.0, *)
    @Test(arguments: allPresets.filter { $0.float16 != nil })
    func float16AgreesWithDouble(_ preset: PresetUnderTest) throws {
        try checkAgreesWithDouble(Float16.self, preset.law, at: preset.float16!)
    }

    /// The presets left out of the Float16 check are exactly those with a constant (or a unit)
    /// beyond Float16's range.
    @available(macOS 11.0, iOS 14.0, tvOS 14.0, watchOS 7.0, *)
    @Test func float16SkipsOnlyLawsWhoseConstantsOverflow() {
        for preset in allPresets {
            // Frantar et al.'s sparsity laws divide N and D by their fitting units (1e6, 1e5, 1e9).
            let unitOverflows = (preset.law as? ScalingLaw<SparsityForm>).map {
                Float16($0.form.parameterUnit).isInfinite || Float16($0.form.dataUnit).isInfinite
            } ?? false
            let overflows = unitOverflows || preset.law.values.contains { Float16($0).isInfinite }
            #expect((preset.float16 == nil) == overflows, "\(preset.law.name): \(preset.float16Reason)")
            if preset.float16 == nil { #expect(!preset.float16Reason.isEmpty) }
        }
    }
    #endif

    /// `point` with every value rounded to `T`, so that T and Double evaluate the same point.
    func representable<T: BinaryFloatingPoint>(_ point: [Variable: Double], in type: T.Type) -> [Variable: Double] {
        point.mapValues { Double(T($0)) }
    }
}
