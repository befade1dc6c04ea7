import Testing
@testable import ScalingLaws

/// `gradient(at:)` picks the narrowest dual width that holds every parameter, and refuses laws
/// with more than 64 parameters with a typed error instead of trapping.
@Suite struct GradientWidthTests {
    /// L(N) = Σᵢ (i + 1)·pᵢ·N: ∂L/∂pᵢ = (i + 1)·N.
    struct ManyTerms: LawForm {
        let count: Int
        var variables: [Variable] { [.N] }
        var parameters: [Parameter] { (0..<count).map { Parameter("p\($0)", domain: .real) } }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            var total = T(0)
            for index in 0..<p.count { total = total + T(Double(index + 1)) * p[index] * x[0] }
            return total
        }
    }

    static func law(_ count: Int) throws -> ScalingLaw<ManyTerms> {
        try ScalingLaw(ManyTerms(count: count), values: Dictionary(uniqueKeysWithValues: (0..<count).map { (Parameter("p\($0)"), 0.5) }))
    }

    @Test(arguments: [1, 8, 9, 16, 17, 33, 64])
    func everyWidthGivesTheExactGradient(_ count: Int) throws {
        let (value, gradient) = try Self.law(count).gradient(at: [.N: 3])
        let expectedGradient: [Double] = (0..<count).map { index in Double(index + 1) * 3 }
        let expectedValue: Double = Double(count * (count + 1) / 2) * 1.5
        #expect(gradient == expectedGradient)
        #expect(value == expectedValue)
    }

    @Test func moreThanSixtyFourParametersIsATypedError() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.tooManyParameters(65)) { try probe.call { try Self.law(65).gradient(at: [.N: 3]) } }
    }
}
