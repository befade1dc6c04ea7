import Testing
import ScalingLaws

/// The papers' check values (Documentation/Laws) that are one law evaluation, at the precision printed there:
/// the library's value must round to the printed digits (within half a unit of the last one).
@Suite struct PaperCheckValueTests {
    struct CheckValue: Sendable, CustomTestStringConvertible {
        let label: String
        /// The value exactly as printed, e.g. "0.2442".
        let printed: String
        let evaluate: @Sendable () throws -> Double
        var testDescription: String { "\(label) = \(printed)" }

        /// Half a unit in the last printed digit: "0.2442" → 0.00005, "2.7256" → 0.00005.
        var tolerance: Double {
            let decimals = printed.split(separator: ".").dropFirst().first?.count ?? 0
            var unit = 1.0
            for _ in 0..<decimals { unit /= 10 }
            return unit / 2
        }
    }

    static let checkValues: [CheckValue] = [
        CheckValue(label: "Ouyang ΔqLoss(N = 70e9, D = 1.5e13, P = 4)", printed: "0.2442") {
            try Ouyang2024.unified(N: 70e9, D: 1.5e13, bits: 4)
        },
        CheckValue(label: "Ouyang Loss16(N = 12e9, D = 3e11)", printed: "2.7256") {
            try Ouyang2024.baseline16([.N: 12e9, .D: 3e11])
        },
        CheckValue(label: "Kumar δ_PTQ(N = 30e6, D = 26e9, P_post = 4)", printed: "0.03489") {
            try Kumar2024.ptq(N: 30e6, D: 26e9, bits: 4)
        },
        CheckValue(label: "Kumar δ_PTQ(N = 30e6, D = 26e9, P_post = 3)", printed: "0.1897") {
            try Kumar2024.ptq(N: 30e6, D: 26e9, bits: 3)
        },
        CheckValue(label: "Chen δ_W4A4(N = 595e6, D = 100e9, G = 32)", printed: "0.0441") {
            try Chen2025.w4a4(N: 595e6, D: 100e9, groupSize: 32)
        },
        CheckValue(label: "Sun L(N = 40894464, D = 10485760000, E8M7, B = 128)", printed: "3.4607") {
            try Sun2025.capybara(N: 40_894_464, D: 10_485_760_000, exponentBits: 8, mantissaBits: 7, blockSize: 128)
        },
        CheckValue(label: "Sun L(N = 40894464, D = 10485760000, E2M1, B = 128)", printed: "3.4842") {
            try Sun2025.capybara(N: 40_894_464, D: 10_485_760_000, exponentBits: 2, mantissaBits: 1, blockSize: 128)
        },
        CheckValue(label: "Sun L(N = 1e9, D = 1e11, E4M3, B = 128)", printed: "2.5631") {
            try Sun2025.capybara(N: 1e9, D: 1e11, exponentBits: 4, mantissaBits: 3, blockSize: 128)
        },
    ]

    @Test(arguments: checkValues)
    func reproducesThePrintedValue(_ check: CheckValue) throws {
        let value = try check.evaluate()
        let printed = try #require(Double(check.printed))
        #expect(abs(value - printed) <= check.tolerance, "computed \(value), printed \(check.printed)")
    }

    @Test func toleranceIsHalfAUnitOfTheLastPrintedDigit() {
        let check = CheckValue(label: "", printed: "0.03489") { 0 }
        #expect(abs(check.tolerance - 0.000005) < 1e-18)
        #expect(abs(CheckValue(label: "", printed: "2.7256") { 0 }.tolerance - 0.00005) < 1e-18)
    }
}
