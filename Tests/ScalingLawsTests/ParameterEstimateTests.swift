import Testing
@testable import ScalingLaws

/// Estimates by parameter handle, and their Student-t intervals against scipy's `t.ppf`/`t.cdf`.
@Suite struct ParameterEstimateTests {
    /// (ν, t.ppf(0.975, ν), t.ppf(0.95, ν), t.cdf(1.3, ν)) from scipy 1.17.
    static let reference: [(Double, Double, Double, Double)] = [
        (1, 12.706204736174694, 6.313751514675037, 0.7912855998398473),
        (2, 4.302652729749462, 2.9199855803537242, 0.8383764840919798),
        (3, 3.1824463052837078, 2.3533634348018233, 0.8577662456360515),
        (5, 2.5705818356363146, 2.0150483733330233, 0.8748496829146615),
        (10, 2.228138851986274, 1.8124611228116756, 0.8886170913965777),
        (30, 2.0422724563012378, 1.697260886593957, 0.8982495207309416),
        (100, 1.9839715185235518, 1.6602343260853392, 0.9017052682888169),
        (235, 1.9701100622681034, 1.6513635435385097, 0.9025627010676109),
        (1e6, 1.959966356814107, 1.6448551507220404, 0.9031993655954373),
    ]

    @Test func studentTQuantilesAndCDFMatchScipy() {
        for (nu, q975, q95, cdf) in Self.reference {
            #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: nu) / q975 - 1) <= 1e-10, "ν = \(nu)")
            #expect(abs(StudentT.quantile(0.95, degreesOfFreedom: nu) / q95 - 1) <= 1e-10, "ν = \(nu)")
            #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: nu) / -q975 - 1) <= 1e-10, "ν = \(nu)")
            #expect(abs(StudentT.cdf(1.3, degreesOfFreedom: nu) - cdf) <= 1e-12, "ν = \(nu)")
        }
        #expect(abs(StudentT.normalQuantile(0.975) - 1.959963984540054) <= 1e-13)
        #expect(abs(StudentT.normalQuantile(0.999) - 3.090232306167813) <= 1e-12)
        #expect(abs(StudentT.normalQuantile(1e-10) / -6.361340902404056 - 1) <= 1e-12)
    }

    @Test func estimatesByHandleWithIntervals() throws {
        let probe = HostileProbe(.badFit)
        let truth = Besiroglu2024.refit
        let points = FittingSupport.points(30, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 41)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 41)
        let fit = try truth.fixing(ChinchillaForm.E).fit(to: data)
        let alpha = try #require(fit[ChinchillaForm.alpha])
        #expect(alpha.parameter.symbol.unicode == "α" && !alpha.isFixed)
        #expect(alpha.value == fit.parameters[ChinchillaForm.alpha])
        let error = try #require(alpha.standardError)
        #expect(error == fit.standardErrors[ChinchillaForm.alpha])
        #expect(fit.degreesOfFreedom == 30 - 4)
        let interval = try #require(try alpha.interval(level: 0.95))
        let t = 2.0555294386428735   // scipy t.ppf(0.975, 26)
        #expect(abs(interval.upperBound - alpha.value - t * error) <= 1e-9 * error)
        #expect(abs(alpha.value - interval.lowerBound - t * error) <= 1e-9 * error)
        let e = try #require(fit[ChinchillaForm.E])
        let fixedInterval = try e.interval()
        #expect(e.isFixed && e.standardError == nil && fixedInterval == nil)
        #expect(fit[CapybaraTermForm.gamma] == nil)
        #expect(fit.estimates.map(\.parameter) == truth.parameters)
        #expect(throws: FitError.invalidOption("the confidence level must be in (0, 1), got 1.5")) { try probe.call { try alpha.interval(level: 1.5) } }
        #expect(throws: FitError.invalidOption("the confidence level must be in (0, 1), got nan")) { try probe.call { try alpha.interval(level: .nan) } }
    }
}
