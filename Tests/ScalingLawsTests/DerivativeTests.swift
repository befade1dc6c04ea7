import Testing
@testable import ScalingLaws

/// The exact derivatives of dual-number evaluation (`gradient(at:)` with respect to the
/// parameters, `derivative(at:withRespectTo:)` with respect to a variable) against finite
/// differences, for every preset at five seeded random points.
///
/// Derivatives are compared as elasticities, e = θ·∂L/∂θ / |L| (dimensionless, so one tolerance
/// serves A ≈ 400 and α ≈ 0.3, N ≈ 1e11 and P ≈ 4). The finite difference is the five-point
/// central stencil with relative step h = 1e-4·|θ|:
/// - truncation error ≈ (h/θ)⁴/30 · |θ⁵·∂⁵L/∂θ⁵| / |L|: for a power or exponential term with
///   elasticity e this is about 1e-16/30 · |e|⁵, i.e. a relative error of e below 1e-11 for the
///   largest elasticities here (|e| ≈ 17: Ouyang's β·ln D at D = 1e14, Kumar's P/γ_post ≈ 13.5);
/// - rounding error ≈ (18/12)·u/(h/θ) ≈ 3.3e-12 of |L|, u = 1.1e-16.
/// So the comparison is |e_dual − e_fd| ≤ 1e-6·|e_dual| + 1e-10: six significant digits, with an
/// absolute floor 30× the finite difference's own error for elasticities near zero (a term that
/// is a tiny part of the loss, e.g. Sun's γ at BF16).
@Suite struct DerivativeTests {
    static let pointsPerPreset = 5
    static let relativeStep = 1e-4

    /// (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h.
    static func fivePointDerivative(_ f: (Double) throws -> Double, at x: Double, step h: Double) throws -> Double {
        let ahead = 8 * (try f(x + h)) - (try f(x + 2 * h))
        let behind = 8 * (try f(x - h)) - (try f(x - 2 * h))
        return (ahead - behind) / (12 * h)
    }

    static func elasticitiesAgree(_ dual: Double, _ finiteDifference: Double) -> Bool {
        abs(dual - finiteDifference) <= 1e-6 * abs(dual) + 1e-10
    }

    static func points(_ law: any LawUnderTest) -> [[Variable: Double]] {
        var generator = SeededGenerator(seed: 20261122)
        return (0..<pointsPerPreset).map { _ in randomPoint(for: law, using: &generator) }
    }

    @Test(arguments: allPresets)
    func gradientMatchesFiniteDifferences(_ preset: PresetUnderTest) throws {
        let law = preset.law
        for point in Self.points(law) {
            let (value, gradient) = try law.gradient(at: point)
            try #require(gradient.count == law.parameters.count)
            // Dual's pow computes exp(y·ln x), so its value may differ from pow's by a few ulps.
            let scalar = try law(point)
            #expect(relativeDifference(value, scalar) <= (try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))))
            for (index, parameter) in law.parameters.enumerated() {
                let theta = law.values[index]
                let finiteDifference = try Self.fivePointDerivative(
                    { try law.setting(parameter, to: $0)(point) }, at: theta, step: Self.relativeStep * abs(theta))
                let dual = theta * gradient[index] / abs(scalar)
                let numeric = theta * finiteDifference / abs(scalar)
                #expect(Self.elasticitiesAgree(dual, numeric),
                        "∂/∂\(parameter.name) at \(point): dual \(gradient[index]), finite difference \(finiteDifference)")
            }
        }
    }

    @Test(arguments: allPresets)
    func variableDerivativesMatchFiniteDifferences(_ preset: PresetUnderTest) throws {
        let law = preset.law
        for point in Self.points(law) {
            let scalar = try law(point)
            for variable in law.variables {
                let (value, derivative) = try law.derivative(at: point, withRespectTo: variable)
                #expect(relativeDifference(value, scalar) <= (try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))))
                if !variable.categories.isEmpty {
                    // A category is a label: the law reads it through indicators, whose derivative is 0.
                    #expect(derivative == 0)
                    continue
                }
                let x = point[variable]!
                let finiteDifference = try Self.fivePointDerivative(
                    { moved in
                        var shifted = point
                        shifted[variable] = moved
                        return try law(shifted)
                    }, at: x, step: Self.relativeStep * abs(x))
                #expect(Self.elasticitiesAgree(x * derivative / abs(scalar), x * finiteDifference / abs(scalar)),
                        "∂/∂\(variable.id) at \(point): dual \(derivative), finite difference \(finiteDifference)")
            }
        }
    }

    /// A closed form, to pin the convention (∂ of the value, not of its logarithm; parameters in
    /// `parameters` order): for Chinchilla, ∂L/∂A = N^−α, ∂L/∂α = −A·ln N·N^−α, ∂L/∂N = −α·A·N^(−α−1).
    @Test func chinchillaGradientHasTheClosedForm() throws {
        let law = Hoffmann2022.printed
        let (n, d) = (7e9, 1.4e11)
        let (e, a, alpha, b, beta) = (1.69, 406.4, 0.34, 410.7, 0.28)
        let (_, gradient) = try law.gradient(at: [.N: n, .D: d])
        #expect(law.parameters.map(\.name) == ["E", "A", "alpha", "B", "beta"])
        let expected = [
            1, Double.pow(n, -alpha), -a * Double.log(n) * Double.pow(n, -alpha),
            Double.pow(d, -beta), -b * Double.log(d) * Double.pow(d, -beta),
        ]
        for (computed, closedForm) in zip(gradient, expected) {
            #expect(relativeDifference(computed, closedForm) <= 1e-13)
        }
        let (value, dN) = try law.derivative(at: [.N: n, .D: d], withRespectTo: .N)
        #expect(relativeDifference(value, e + a / Double.pow(n, alpha) + b / Double.pow(d, beta)) <= 1e-14)
        #expect(relativeDifference(dN, -alpha * a * Double.pow(n, -alpha - 1)) <= 1e-13)
    }
}
