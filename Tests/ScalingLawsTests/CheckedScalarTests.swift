import Foundation
import Testing
@testable import ScalingLaws

/// Every preset in every scalar type, checked: the value agrees with Double, or the evaluation throws
/// an out-of-range error naming the input, constant or term — never a silent NaN, ∞ or 0.
@Suite struct CheckedScalarTests {
    /// The typical point and every corner of the fitted range (other variables at their typical value).
    static func points(_ preset: PresetUnderTest) -> [[Variable: Double]] {
        var points = [preset.typical]
        let bounds = (preset.law.fittedRange?.bounds ?? [:]).filter { preset.law.variables.contains($0.key) }
        let keys = bounds.keys.sorted { $0.id < $1.id }
        for mask in 0..<(1 << keys.count) {
            var point = preset.typical
            for (bit, variable) in keys.enumerated() {
                point[variable] = mask & (1 << bit) == 0 ? bounds[variable]!.lowerBound : bounds[variable]!.upperBound
            }
            points.append(point)
        }
        return points
    }

    func check<T: LawScalar & BinaryFloatingPoint>(_ type: T.Type, tolerance: Double, _ preset: PresetUnderTest) throws -> (agreed: Int, refused: Int) {
        var agreed = 0, refused = 0
        for point in Self.points(preset) {
            guard let double = try? preset.law(point) else { continue }   // outside the law's own domain
            do {
                let value = Double(try preset.law(point, as: T.self))
                #expect(value.isFinite && (value != 0 || double == 0), "\(preset.law.name) in \(T.self): \(value)")
                // Inputs rounded to T move the point itself: compare with Double at the rounded point.
                let rounded = point.mapValues { Double(T($0)) }
                let exact = try preset.law(rounded)
                let bound = max(tolerance, try roundingBound(preset.law, at: rounded, unitRoundoff: unitRoundoff(T.self) + unitRoundoff(Double.self)))
                #expect(relativeDifference(value, exact) <= bound,
                        "\(preset.law.name) in \(T.self) at \(point): \(value) vs \(exact) (bound \(bound))")
                agreed += 1
            } catch let error as ScalingLawError {
                guard case .outOfRange(let term, _, let typeName) = error else {
                    Issue.record("\(preset.law.name) in \(T.self): unexpected \(error)")
                    continue
                }
                #expect(!term.isEmpty && typeName == "\(T.self)")
                #expect(error.description.contains("out of \(T.self)'s range"))
                refused += 1
            }
        }
        return (agreed, refused)
    }

    @Test(arguments: allPresets)
    func everyScalarTypeAgreesOrRefuses(_ preset: PresetUnderTest) throws {
        // Double and Float80 hold every preset at every point; Float holds them except where a
        // term passes 3.4e38; Float16 refuses most (65504 is smaller than any real N).
        let double = try check(Double.self, tolerance: 1e-13, preset)
        #expect(double.refused == 0, "\(preset.law.name) refused in Double")
        #if (arch(i386) || arch(x86_64)) && !os(Windows) && !os(Android)
        let extended = try check(Float80.self, tolerance: 1e-13, preset)
        #expect(extended.refused == 0, "\(preset.law.name) refused in Float80")
        #endif
        _ = try check(Float.self, tolerance: 1e-5, preset)
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        _ = try check(Float16.self, tolerance: 1e-2, preset)
        #endif
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test func theErrorNamesTheInputConstantOrTerm() throws {
        let probe = HostileProbe(.extremeNumeric)
        #expect(throws: ScalingLawError.outOfRange(term: "N", value: 7e9, scalarType: "Float16")) {
            try probe.call { try Hoffmann2022.printed([.N: 7e9, .D: 60000], as: Float16.self) }
        }
        #expect(throws: ScalingLawError.outOfRange(term: "A", value: 1.274e5, scalarType: "Float16")) {
            try probe.call { try Castro2025.quartet([.N: 3000, .D: 60000, Castro2025.format: 0], as: Float16.self) }
        }
        // γ·(E + 0.5)^δ·(M + 0.5)^ν passes 65504 at E4M3 although every input and constant fits.
        let point: [Variable: Double] = [.N: 3000, .D: 60000, .exponentBits: 4, .mantissaBits: 3, .blockSize: 32]
        do {
            let value = try Sun2025.quantizationTerm(point, as: Float16.self)
            Issue.record("expected an out-of-range error, got \(value)")
        } catch {
            guard case .outOfRange(let term, let value, "Float16") = error else { Issue.record("\(error)"); return }
            #expect(term.contains("γ") && term.contains("(E + 0.5)^δ"), "\(term)")
            #expect(value > 65504)
        }
        // Where Float16 holds everything, the value is Double's to Float16 precision.
        let loss = try Hoffmann2022.printed([.N: 3000, .D: 60000], as: Float16.self)
        #expect(abs(Double(loss) / (try Hoffmann2022.printed(N: 3000, D: 60000)) - 1) < 2e-3)
    }
    #endif
}
