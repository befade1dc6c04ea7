import Foundation
import Testing
@testable import ScalingLaws
import ScalingLawsData

/// Fits on the shared real data sets, against the published values and the independent scipy fits
/// of `Tests/Reference/fitting_reference.py`, on the data sets the package ships.
/// The full 4,500-start grid and the 4,000-resample bootstrap run in release, in
/// `Examples/ReplicateChinchilla` (checked by `.ci/fitting-checks.sh`).
@Suite struct FittingRealDataTests {
    static func chinchillaData() throws -> Observations {
        try Dataset.epochChinchilla.observations()
    }

    /// The published values and tolerances of the replication (Besiroglu et al. 2024, Table 1).
    static func expectPublishedGrid(_ values: [String: Double], objective: Double) {
        #expect(abs(values["A"]! / 477.84 - 1) <= 0.02, "A = \(values["A"]!)")
        #expect(abs(values["B"]! / 2143.86 - 1) <= 0.05, "B = \(values["B"]!)")
        #expect(abs(values["E"]! - 1.8172) <= 0.005, "E = \(values["E"]!)")
        #expect(abs(values["alpha"]! - 0.3473) <= 0.002, "α = \(values["alpha"]!)")
        #expect(abs(values["beta"]! - 0.3672) <= 0.002, "β = \(values["beta"]!)")
        #expect(objective <= 1.01828e-3, "objective = \(objective)")
    }

    @Test func chinchillaDataSet() throws {
        let data = try Self.chinchillaData()
        #expect(data.count == 240)
        #expect(data.targets.max()! < 4.0)
    }

    /// Hoffmann's procedure from four of the 4,500 grid starts (ones that lead to the optimum), in
    /// debug: the published values, and the scipy 4,500-start optimum to 10⁻³.
    @Test func reducedChinchillaReplication() throws {
        let data = try Self.chinchillaData()
        let starts: [(a: Double, b: Double, e: Double, alpha: Double, beta: Double)] = [
            (10, 10, 0, 0.5, 0.5), (15, 10, 1, 1, 0.5), (20, 20, 0.5, 0, 1), (5, 25, -1, 0.5, 0),
        ]
        let list: [[Parameter: Double]] = starts.map { start in
            ["A": Double.exp(start.a), "B": Double.exp(start.b), "E": Double.exp(start.e), "alpha": start.alpha, "beta": start.beta]
        }
        let fit = try Hoffmann2022.printed.fit(
            to: data, loss: .huber(delta: 1e-3), residuals: .logarithmic, starts: .list(list), optimizer: .lbfgs(),
            options: FitOptions(searchSpaces: ["alpha": .natural, "beta": .natural], keepAllStarts: true))
        Self.expectPublishedGrid(Dictionary(uniqueKeysWithValues: fit.parameters.map { ($0.key.name, $0.value) }), objective: fit.objective)
        let reference = FittingReference.cases["chinchilla.grid"]!
        for name in ["A", "B", "E", "alpha", "beta"] {
            #expect(abs(fit.parameters[Parameter(name)]! / reference[name]! - 1) < 1e-3, "\(name)")
        }
        #expect(fit.objective <= reference["objective"]! * (1 + 1e-9))
        #expect(fit.starts.count == 4)

        // The likelihood variant from the grid's optimum: Besiroglu et al.'s published point.
        let likelihood = try fit.law.fit(
            to: data, loss: .huberLikelihood(delta: 1e-3), optimizer: .lbfgs(),
            options: FitOptions(maxIterations: 10_000, objectiveTolerance: 1e-15, gradientTolerance: 1e-12))
        let published: [String: Double] = ["A": 482.01, "B": 2085.43, "E": 1.8172, "alpha": 0.3478, "beta": 0.3658]
        #expect(abs(likelihood.parameters["A"]! / published["A"]! - 1) <= 0.02)
        #expect(abs(likelihood.parameters["B"]! / published["B"]! - 1) <= 0.05)
        #expect(abs(likelihood.parameters["E"]! - published["E"]!) <= 0.005)
        #expect(abs(likelihood.parameters["alpha"]! - published["alpha"]!) <= 0.002)
        #expect(abs(likelihood.parameters["beta"]! - published["beta"]!) <= 0.002)
        let scipy = FittingReference.cases["chinchilla.likelihood"]!
        // The likelihood is nearly piecewise linear (δσ ≈ 5·10⁻⁹): optimizers stop on kinks whose
        // objectives differ in the fourth decimal — 10⁻³ in −ln L is statistically nothing.
        #expect(abs(likelihood.objective - scipy["objective"]!) < 1e-3)
        let sigma = try #require(likelihood.scale)
        #expect(abs(sigma / scipy["sigma"]! - 1) < 0.01)
    }

    /// One eff per bit width on QuEST's runs: finite, in (0, 1.1], increasing with bit width, and
    /// equal to scipy's fit.
    @Test func questEffectiveParametersPerBitWidth() throws {
        let table = try Dataset.questQAT.table().filter { row throws(CSVError) in
            let weightBits = try row.text("w_bits"), activationBits = try row.text("a_bits")
            let quantizer = try row.text("w_quant")
            return weightBits == activationBits && ["TrustQuantizer", "NoQuantizer"].contains(quantizer)
        }
        var labels = try table.distinctValues(of: "w_bits")
        labels.sort { Double($0)! < Double($1)! }
        #expect(labels == ["2", "3", "4", "8", "16"])
        let effective = try ScalingLaw(PerCategoryEffectiveParametersForm(labels: labels),
                                       values: Dictionary(uniqueKeysWithValues: labels.map { (Parameter("eff_\($0)"), 1.0) }))
        let law = try Hoffmann2022.printed.substituting(.N, with: effective).fixing("eff_16", to: 1)
        let format = try #require(law.variables.first { !$0.categories.isEmpty })
        let data = try Observations(table, columns: [.N: .column("non_embedding_params"), .D: .column("tokens"),
                                                     format: .category("w_bits")], target: .column("loss"))
        #expect(data.count == FittingReference.questPoints)
        let starts: Starts = .grid(["alpha": [0.2, 0.3, 0.5], "A": [1e2, 1e3, 1e4]])
        let fit = try law.fit(to: data, starts: starts)
        #expect(fit.isConverged)
        let effs = ["2", "3", "4", "8", "16"].map { fit.parameters["eff_\($0)"]! }
        for eff in effs { #expect(eff.isFinite && eff > 0 && eff <= 1.1, "eff = \(eff)") }
        for (lower, higher) in zip(effs, effs.dropFirst()) { #expect(lower < higher, "\(effs)") }
        let reference = FittingReference.cases["quest.eff"]!
        #expect(abs(fit.objective / reference["objective"]! - 1) < 1e-6)
        for name in ["eff_2", "eff_3", "eff_4", "eff_8", "E", "alpha", "beta"] {
            #expect(abs(fit.parameters[Parameter(name)]! / reference[name]! - 1) < 1e-3, "\(name): \(fit.parameters[Parameter(name)]!) vs \(reference[name]!)")
        }
    }
}
