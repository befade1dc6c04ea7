import Testing
@testable import ScalingLaws

/// Printing any number — NaN, ±∞, subnormal, huge, random bit patterns — never traps.
@Suite struct FormulaNumberTests {
    @Test func specialValuesPrint() {
        #expect(Formula.format(.nan, .unicode) == "NaN")
        #expect(Formula.format(.infinity, .unicode) == "∞")
        #expect(Formula.format(-.infinity, .unicode) == "−∞")
        #expect(Formula.format(-.infinity, .latex) == "-\\infty")
        #expect(Formula.format(.leastNonzeroMagnitude, .unicode) == "4.940656e−324")
        #expect(Formula.format(.greatestFiniteMagnitude, .unicode) == "1.797693e308")
        #expect(Formula.format(-0.0, .unicode) == "0")
    }

    /// A mantissa that rounds up to 10 at 7 digits carries into the exponent (expected strings:
    /// Tests/Reference/formula_number_reference.py, printf rounding to 7 significant digits).
    @Test func roundingCarriesIntoTheExponent() {
        #expect(Formula.format(0.000999999999, .unicode) == "1e−3")
        #expect(Formula.format(-0.000999999999, .unicode) == "−1e−3")
        #expect(Formula.format(9.99999999e20, .unicode) == "1e21")
        #expect(Formula.format(9.99999999e20, .latex) == "1\\times 10^{21}")
        #expect(Formula.format(9.9999994e-5, .unicode) == "9.999999e−5")
        #expect(Formula.format(Double("9.99999999e-310")!, .unicode) == "1e−309")   // subnormal
    }

    @Test func randomBitPatternsNeverTrap() {
        var generator = SeededGenerator(seed: 51)
        var printed = 0
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            for style in [Formula.Style.unicode, .latex] where !Formula.format(value, style).isEmpty { printed += 1 }
        }
        #expect(printed == 40_000)
        // A law whose value overflows prints with ∞ in it.
        let wide = try! Hoffmann2022.printed.setting(ChinchillaForm.A, to: .greatestFiniteMagnitude)
        #expect(wide.formula(showingValues: true).contains("1.797693e308"))
    }
}
