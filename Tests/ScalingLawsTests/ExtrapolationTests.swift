import Testing
import ScalingLaws

/// `prediction(at:)` flags exactly the variables outside a preset's fitted range.
@Suite struct ExtrapolationTests {
    /// The middle of each fitted range (geometric where the range is positive), the preset's
    /// typical value for variables without a range (a format).
    static func middle(of preset: PresetUnderTest) throws -> [Variable: Double] {
        let range = try #require(preset.law.fittedRange)
        var point = preset.typical
        for (variable, bounds) in range.bounds {
            point[variable] = bounds.lowerBound > 0
                ? (bounds.lowerBound * bounds.upperBound).squareRoot()
                : (bounds.lowerBound + bounds.upperBound) / 2
        }
        return point
    }

    /// Whether the law accepts `point`.
    static func isValid(_ law: any LawUnderTest, _ point: [Variable: Double]) -> Bool {
        do {
            try law.validate(law.ordered(point))
            return true
        } catch {
            return false
        }
    }

    @Test(arguments: allPresets)
    func everyPresetHasAFittedRangeAndProvenance(_ preset: PresetUnderTest) throws {
        let range = try #require(preset.law.fittedRange, "\(preset.law.name) has no fitted range")
        #expect(range.bounds[.N] != nil)
        #expect(preset.law.provenance != nil)
        for (variable, bounds) in range.bounds {
            #expect(preset.law.variables.contains(variable), "range of a variable the law lacks: \(variable.id)")
            #expect(bounds.lowerBound < bounds.upperBound)
        }
    }

    @Test(arguments: allPresets)
    func insideTheFittedRangeIsNoExtrapolation(_ preset: PresetUnderTest) throws {
        let law = preset.law
        let middle = try Self.middle(of: preset)
        let prediction = try law.prediction(at: middle)
        #expect(prediction.extrapolations.isEmpty)
        #expect(!prediction.isExtrapolation)
        #expect(prediction.value == (try law(middle)))
        // The ends of each range are inside: ranges are closed.
        for (variable, bounds) in law.fittedRange!.bounds {
            for end in [bounds.lowerBound, bounds.upperBound] {
                var point = middle
                point[variable] = end
                // A fitted range the law itself rejects would be a wrong range.
                #expect(Self.isValid(law, point), "\(law.name): range end \(variable.id) = \(end) is invalid input")
                guard Self.isValid(law, point) else { continue }
                #expect(try law.prediction(at: point).extrapolations.isEmpty, "\(variable.id) = \(end)")
            }
        }
    }

    @Test(arguments: allPresets)
    func outsideTheFittedRangeIsFlagged(_ preset: PresetUnderTest) throws {
        let law = preset.law
        let middle = try Self.middle(of: preset)
        for (variable, bounds) in law.fittedRange!.bounds {
            // A fraction (sparsity) stays below 1: halfway from the range's top to 1.
            let beyond = variable.domain == .fraction ? (bounds.upperBound + 1) / 2 : bounds.upperBound * 1.5 + 1
            var sides = [(value: beyond, above: true)]
            if bounds.lowerBound > 0 { sides.append((bounds.lowerBound / 1.5, false)) }
            var flaggedAbove = false
            for (value, above) in sides {
                var point = middle
                point[variable] = value
                // Just outside a range may be outside the law's domain too (Kumar's activations).
                guard Self.isValid(law, point) else { continue }
                let prediction = try law.prediction(at: point)
                try #require(prediction.extrapolations.count == 1, "\(prediction.extrapolations)")
                let warning = prediction.extrapolations[0]
                #expect(warning.variable == variable && warning.value == value && warning.fittedRange == bounds)
                #expect(prediction.isExtrapolation)
                #expect(prediction.value == (try law(point)), "the value is the law's, warning or not")
                let factor = above ? value / bounds.upperBound : bounds.lowerBound / value
                #expect(abs(warning.factor - factor) <= 1e-15 * factor)
                #expect(warning.factor > 1)
                #expect(warning.description.hasPrefix("\(variable.id) = "))
                #expect(warning.description.contains(above ? "above the fitted range" : "below the fitted range"))
                flaggedAbove = flaggedAbove || above
            }
            #expect(flaggedAbove, "\(variable.id) above its range was not tested")
        }
    }

    @Test func severalVariablesOutsideAreAllNamedInIdOrder() throws {
        // Today's models: 70B parameters on 15T tokens, beyond Chinchilla's N ≤ 1.6e10, D ≤ 5e11.
        let prediction = try Hoffmann2022.printed.prediction(at: [.N: 70e9, .D: 15e12])
        #expect(prediction.extrapolations.map(\.variable.id) == ["D", "N"])
        #expect(prediction.extrapolations.map(\.description) == [
            "D = 1.5e13 is above the fitted range [5e9, 5e11]",
            "N = 7e10 is above the fitted range [4.4e7, 1.6e10]",
        ])
        #expect(abs(prediction.extrapolations[0].factor - 30) < 1e-12)
        let small = try Hoffmann2022.printed.prediction(at: [.N: 1e7, .D: 1e11])
        #expect(small.extrapolations.map(\.description) == ["N = 1e7 is below the fitted range [4.4e7, 1.6e10]"])
        #expect(abs(small.extrapolations[0].factor - 4.4) < 1e-12)
        // Ouyang's projection to 100T tokens: D is 485× past the largest fitted (2.06e11).
        let projection = try Ouyang2024.unified.prediction(at: [.N: 7e9, .D: 100e12, .bits: 4])
        #expect(projection.extrapolations.map(\.variable.id) == ["D"])
        #expect(abs(projection.extrapolations[0].factor - 100e12 / 2.06e11) < 1e-9)
    }

    @Test func lawsWithoutARangeNeverFlag() throws {
        var law = try Hoffmann2022.printed + Kumar2024.ptq
        #expect(law.fittedRange == nil)
        #expect(try law.prediction(at: [.N: 1e15, .D: 1e3, .bits: 4]).extrapolations.isEmpty)
        law.fittedRange = FittedRange([.N: 1e8...1e9])
        #expect(try law.prediction(at: [.N: 1e15, .D: 1e3, .bits: 4]).extrapolations.map(\.variable.id) == ["N"])
    }
}
