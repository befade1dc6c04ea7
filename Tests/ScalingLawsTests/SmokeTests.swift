import Testing
@testable import ScalingLaws

@Suite struct SmokeTests {
    @Test func printsAndEvaluates() throws {
        print(Hoffmann2022.printed.formula())
        print(Hoffmann2022.printed.formula(.latex))
        print(Hoffmann2022.printed.formula(showingValues: true))
        print(Kumar2024.unified.formula())
        print(Kumar2024.unified.formula(.latex))
        print(Kumar2024.unified.variables, Kumar2024.unified.parameters)
        print(Sun2025.capybara.formula())
        print(Sun2025.capybara.parameters)
        print(Frantar2025.onChinchilla.formula())
        print(Chen2025.splitW4A4.formula())
        print(Ouyang2024.quantizedLoss.formula(showingValues: true))
        print(try Ouyang2024.unified(N: 70e9, D: 1.5e13, bits: 4))
        print(try Kumar2024.ptq(N: 30e6, D: 26e9, bits: 4))
        print(try Sun2025.capybara(N: 1e9, D: 1e11, exponentBits: 4, mantissaBits: 3, blockSize: 128))
        print(try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 8, kvBits: 8, bits: 4))
        print(try Frantar2025.onChinchilla(N: 7e9, D: 1e12, format: "W4A4"))
        print(try Kumar2024.unified.gradient(at: [.N: 1e9, .D: 2e10, .weightBits: 8, .activationBits: 8, .kvBits: 8, .bits: 4]))
        #expect(throws: ScalingLawError.self) { try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 3, kvBits: 8, bits: 4) }
        do { _ = try Kumar2024.unified(N: 1e9, D: 2e10, weightBits: 8, activationBits: 3, kvBits: 8, bits: 4) } catch { print(error) }
    }
}
