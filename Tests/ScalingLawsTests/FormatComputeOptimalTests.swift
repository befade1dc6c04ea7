import Testing
@testable import ScalingLaws

/// Compute-optimal training formats against the closed-form optimum of
/// `Tests/Reference/format_compute_optimal_reference.py` (mpmath, 40 digits).
@Suite struct FormatComputeOptimalTests {
    typealias Row = (format: String, N: Double, D: Double, loss: Double)

    func check(_ comparison: FormatComparison, _ expected: [Row]) {
        for (got, want) in zip(comparison.ranked, expected) {
            #expect(got.format == want.format)
            // The loss is flat at its minimum: N to 10⁻⁵, the loss itself to 10⁻¹².
            #expect(abs(got.allocation.N / want.N - 1) < 1e-5, "\(got.format): N \(got.allocation.N) vs \(want.N)")
            #expect(abs(got.allocation.D / want.D - 1) < 1e-5, "\(got.format): D \(got.allocation.D) vs \(want.D)")
            #expect(abs(got.allocation.loss / want.loss - 1) < 1e-12, "\(got.format): loss \(got.allocation.loss) vs \(want.loss)")
        }
    }

    /// QuEST's law with bit-operation costs: W4A4 with the Hadamard quantizer is compute-optimal
    /// at 10²¹ and 10²⁴ FLOPs (QuEST's own finding that 4-bit training is optimal), FP4 next.
    @Test func questPrefersFourBitHadamard() throws {
        let law = Panferov2025.quest
        let expected: [Double: [Row]] = [
            1e21: [("W4A4 Hadamard", 182307955825.329, 3656816092.57582, 2.06484674701643),
                   ("FP4", 185871804453.231, 3586701429.12619, 2.07450877504862),
                   ("W4A4", 187558632584.131, 3554444055.6082, 2.07903302869306),
                   ("W3A3 Hadamard", 252331806546.389, 3522698549.40176, 2.08353552683926)],
            1e24: [("W4A4 Hadamard", 43858686537325.4, 15200333600.946, 1.46455012983364),
                   ("FP4", 44716058444821.1, 14908887094.5395, 1.4714012868069),
                   ("W4A4", 45121866660379.0, 14774802462.9499, 1.47460934745437),
                   ("W3A3 Hadamard", 60704655244549.1, 14642845516.674, 1.47780198169934)],
        ]
        for (compute, rows) in expected {
            let comparison = try law.computeOptimalFormats(compute: compute, cost: Panferov2025.bitOperationsCost,
                                                           format: Panferov2025.format, parameters: 1e4...1e18)
            #expect(comparison.ranked.count == Panferov2025.efficiencies.count && comparison.failures.isEmpty)
            check(comparison, rows)
        }
    }

    /// Quartet's law: MXFP4 wins only when it trains fast enough — not at equal speed, yes at 2×.
    @Test func quartetNeedsASpeedup() throws {
        let law = Castro2025.quartet
        let cases: [(Double, Double, [Row])] = [
            (1e21, 1, [("BF16", 1889225102.12034, 88219591450.2781, 2.37677958440126),
                       ("MXFP4", 2244786403.55265, 74246113751.801, 2.42180369106827)]),
            (1e21, 2, [("MXFP4", 3135854169.04789, 106297460074.344, 2.36553870210129),
                       ("BF16", 1889225102.12034, 88219591450.2781, 2.37677958440126)]),
            (1e24, 2, [("MXFP4", 87739819878.0443, 3799111210812.34, 1.94234350755995),
                       ("BF16", 52859687100.6431, 3153001385523.5, 1.94894214558634)]),
        ]
        for (compute, speedup, rows) in cases {
            let comparison = try law.computeOptimalFormats(compute: compute, cost: Castro2025.throughputCost(mxfp4Speedup: speedup),
                                                           format: Castro2025.format)
            check(comparison, rows)
            #expect(comparison.best.format == rows[0].format)
        }
    }

    @Test func badRequestsAreNamed() throws {
        let probe = HostileProbe(.apiCall)
        let law = Castro2025.quartet
        let cost = Castro2025.throughputCost(mxfp4Speedup: 2)
        #expect(throws: SolverError.self) { try probe.call { try law.computeOptimalFormats(compute: 1e21, cost: cost, format: .N) } }
        #expect(throws: SolverError.self) {
            try probe.call {
                try law.computeOptimalFormats(compute: 1e21, cost: cost, format: Castro2025.format, candidates: ["FP8"])
            }
        }
        #expect(throws: SolverError.self) { try probe.call { try law.computeOptimalFormats(compute: .nan, cost: cost, format: Castro2025.format) } }
        // A format the cost model does not price fails alone, with the reason kept.
        let partial = CostModel.perCategory(Castro2025.format, flopsPerParameterToken: ["BF16": 6])
        let comparison = try law.computeOptimalFormats(compute: 1e21, cost: partial, format: Castro2025.format)
        #expect(comparison.ranked.map(\.format) == ["BF16"])
        #expect(comparison.failures["MXFP4"] != nil)
        // No format priced: nothing to rank.
        let none = CostModel.perCategory(Castro2025.format, flopsPerParameterToken: [:])
        #expect(throws: SolverError.self) { try probe.call { try law.computeOptimalFormats(compute: 1e21, cost: none, format: Castro2025.format) } }
        // A speedup of zero prices MXFP4 at +∞ FLOPs: refused for that format.
        let zero = try law.computeOptimalFormats(compute: 1e21, cost: Castro2025.throughputCost(mxfp4Speedup: 0),
                                                 format: Castro2025.format)
        #expect(zero.failures["MXFP4"] != nil)
    }
}
