import Foundation
import Testing
@testable import ScalingLaws
import ScalingLawsData

/// Held-out law comparison and Chinchilla's Approach 2 (isoFLOP parabolas).
@Suite struct AnalysisTests {
    static func chinchillaData(seed: UInt64) throws -> Observations {
        let points = FittingSupport.points(80, [.N: 1e7...1e11, .D: 1e9...1e13], seed: seed)
        return try FittingSupport.observations(Hoffmann2022.printed, at: points, noise: 0.01, seed: seed)
    }

    static let candidates: [LawComparison.Candidate] = [
        .init("Kaplan", law: Ouyang2024.baseline16),
        .init("Chinchilla", law: try! Hoffmann2022.printed.setting("E", to: 2).setting("A", to: 300).setting("B", to: 1000)),
        .init("power law in N", law: try! ScalingLaw(PowerLawForm(.N), values: ["c": 10, "kappa": -0.1])),
    ]

    /// On data from Chinchilla's law, Chinchilla's form wins held out, under every scheme.
    @Test(arguments: [LawComparison.Validation.holdOutLargest(.N, fraction: 0.25), .holdOutLargestCompute(fraction: 0.2),
                      .kFold(5, seed: 1)])
    func theTrueFormRanksFirst(_ validation: LawComparison.Validation) throws {
        let comparison = try LawComparison(data: try Self.chinchillaData(seed: 41), candidates: Self.candidates, validation: validation)
        #expect(comparison.results.map(\.name).first == "Chinchilla", "\(comparison.results.map { ($0.name, $0.heldOutError) })")
        let best = comparison.results[0]
        #expect(best.parameters == 5 && best.failedFolds.isEmpty)
        // 1% noise: the true form's errors are about 0.01 in and out of sample.
        #expect(best.trainError < 0.012 && (best.heldOutError ?? 1) < 0.02)
        #expect(comparison.results.allSatisfy { $0.heldOutError.map { $0 >= best.heldOutError! } ?? true })
        #expect(best.aic < comparison.results.last!.aic)
    }

    @Test func foldsFollowTheScheme() throws {
        let probe = HostileProbe(.apiCall)
        let data = try Self.chinchillaData(seed: 42)
        let largest = try LawComparison.folds(data, .holdOutLargest(.N, fraction: 0.1))
        #expect(largest.count == 1 && largest[0].count == 8)
        let threshold = largest[0].map { data.column(.N)![$0] }.min()!
        #expect(data.column(.N)!.enumerated().allSatisfy { largest[0].contains($0.offset) || $0.element < threshold })
        let k = try LawComparison.folds(data, .kFold(4, seed: 3))
        #expect(k.count == 4 && k.joined().sorted() == Array(0..<80))
        #expect(throws: FitError.self) { try probe.call { try LawComparison.folds(data, .kFold(1, seed: 0)) } }
        #expect(throws: FitError.self) { try probe.call { try LawComparison.folds(data, .holdOutLargest(.N, fraction: 1)) } }
        #expect(throws: FitError.self) { try probe.call { try LawComparison.folds(data, .holdOutLargest(.bits, fraction: 0.2)) } }
        #expect(throws: FitError.self) { try probe.call { try LawComparison(data: data, candidates: [], validation: .kFold(2, seed: 0)) } }
    }

    /// Approach 2 on exact Chinchilla losses: N_opt ∝ C^(β/(α+β)) = C^0.4516 (Hoffmann's printed
    /// constants), and a budget that does not bracket its optimum is rejected with the reason.
    @Test func isoFLOPRecoversTheComputeOptimalExponent() throws {
        let law = Hoffmann2022.printed
        var compute: [Double] = [], sizes: [Double] = [], losses: [Double] = []
        for budget in [1e18, 1e19, 1e20, 1e21, 1e22] {
            let optimum = try law.closedFormOptimum(compute: budget).N
            let offsets = budget == 1e22 ? stride(from: 1.0, through: 3, by: 0.5).map { $0 } : stride(from: -2.0, through: 2, by: 0.5).map { $0 }
            for offset in offsets {
                let n = optimum * Double.exp(offset)
                compute.append(budget); sizes.append(n); losses.append(try law(N: n, D: budget / (6 * n)))
            }
        }
        let analysis = try IsoFLOPAnalysis(compute: compute, parameters: sizes, losses: losses, resamples: 200, seed: 1)
        #expect(analysis.budgets.map(\.compute) == [1e18, 1e19, 1e20, 1e21])
        #expect(analysis.rejected.map(\.compute) == [1e22])
        #expect(analysis.rejected.first?.reason.contains("outside the sampled N") == true)
        let exponent = 0.28 / (0.34 + 0.28)
        #expect(abs(analysis.parameterExponent - exponent) < 0.01, "\(analysis.parameterExponent)")
        #expect(abs(analysis.tokenExponent - (1 - exponent)) < 0.01)
        for budget in analysis.budgets {
            let optimum = try law.closedFormOptimum(compute: budget.compute).N
            #expect(abs(Double.log(budget.optimalParameters / optimum)) < 0.1, "C = \(budget.compute)")
        }
        // Exact data: every resample's exponent is near the truth.
        let interval = try #require(analysis.parameterExponentInterval)
        #expect(interval.lowerBound > exponent - 0.02 && interval.upperBound < exponent + 0.02)
    }

    @Test func isoFLOPRefusesBadInput() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: FitError.self) { try probe.call { try IsoFLOPAnalysis(compute: [1, 1], parameters: [1], losses: [1, 2]) } }
        #expect(throws: FitError.self) { try probe.call { try IsoFLOPAnalysis(compute: [1e18, 1e18, 1e18], parameters: [1e8, 2e8, -1], losses: [3, 2.9, 3]) } }
        // One budget only: no power law.
        #expect(throws: FitError.self) {
            try probe.call {
                try IsoFLOPAnalysis(compute: [1e18, 1e18, 1e18], parameters: [1e8, 2e8, 4e8], losses: [3, 2.9, 3], resamples: 0)
            }
        }
        // A downward parabola is rejected with its reason.
        let peaked = IsoFLOPAnalysis.minimum([1, 2, 3], [1, 2, 1])
        if case .failure(let reason) = peaked { #expect(reason.text.contains("no minimum")) } else { Issue.record("accepted \(peaked)") }
    }

    /// Porian et al.'s RefinedWeb runs (base hyperparameters, long warm-up, Kaplan decay), the
    /// validation losses: every budget is either used or rejected with a reason, and the exponent is
    /// a compute-optimal exponent (between 0.3 and 0.9) with a bootstrap interval around it.
    @Test func isoFLOPOnPorianRuns() throws {
        let table = try Dataset.porianIsoFLOP.table().filter { row throws(CSVError) in
            let kind = try row.text("loss_kind"), dataset = try row.text("dataset"), hparams = try row.text("hparams")
            let warmup = try row.text("warmup"), decay = try row.text("decay")
            return kind == "val" && dataset == "rw" && hparams == "base" && warmup == "long" && decay == "kaplan"
        }
        let compute = try table.rows.map { row throws(CSVError) in try row.number("flops") }
        let sizes = try table.rows.map { row throws(CSVError) in try row.number("N") }
        let losses = try table.rows.map { row throws(CSVError) in try row.number("loss") }
        let analysis = try IsoFLOPAnalysis(compute: compute, parameters: sizes, losses: losses, resamples: 200, seed: 2)
        #expect(analysis.budgets.count + analysis.rejected.count == Set(compute).count)
        #expect(analysis.budgets.count >= 5)
        #expect(analysis.parameterExponent > 0.3 && analysis.parameterExponent < 0.9)
        let interval = try #require(analysis.parameterExponentInterval)
        #expect(interval.contains(analysis.parameterExponent))
    }
}
