import Foundation
import ScalingLaws
import ScalingLawsData

/// One data set's law comparison, for the tables and the JSON.
struct DatasetComparison {
    let dataset: String
    let question: String
    let comparison: LawComparison

    var json: [[String: Any]] {
        comparison.results.map { result in
            [
                "dataset": dataset, "law": result.name, "trainError": result.trainError,
                "heldOutError": result.heldOutError.map { $0 as Any } ?? NSNull(),
                "maxRelativeError": result.maxRelativeError.map { $0 as Any } ?? NSNull(),
                "parameters": result.parameters, "aic": result.aic, "bic": result.bic,
                "validation": comparison.validation.description,
                "warnings": result.warnings.map(\.description), "failedFolds": result.failedFolds,
            ]
        }
    }

    func printTable() {
        print("\(dataset): \(question)")
        print("  validation: \(comparison.validation), \(comparison.folds.map(\.count).reduce(0, +)) held-out points")
        print("  " + pad("law", 44) + pad("k", 4, right: true) + pad("train", 10, right: true) + pad("held out", 10, right: true)
              + pad("max rel", 9, right: true) + pad("AIC", 9, right: true))
        for result in comparison.results {
            print("  " + pad(result.name, 44) + pad("\(result.parameters)", 4, right: true)
                  + pad(fmt(result.trainError), 10, right: true) + pad(result.heldOutError.map(fmt) ?? "failed", 10, right: true)
                  + pad(result.maxRelativeError.map(fmt) ?? "–", 9, right: true) + pad(String(format: "%.1f", result.aic), 9, right: true))
            for warning in result.warnings { print("      warning: \(warning)") }
            for failure in result.failedFolds { print("      \(failure)") }
        }
        print("")
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, width - text.count))
    return right ? gap + text : text + gap
}

func fmt(_ value: Double) -> String { String(format: "%.4g", value) }

/// QuEST's QAT runs at equal weight and activation bits: a per-bit-width effective-parameter form,
/// Kumar's effective-N form, and Chinchilla plus an Ouyang-style term, fitted on the smaller models
/// and judged on the largest.
func questComparison() throws -> DatasetComparison {
    let table = try Dataset.questQAT.table().filter { row throws(CSVError) in
        let weightBits = try row.text("w_bits"), activationBits = try row.text("a_bits"), quantizer = try row.text("w_quant")
        return weightBits == activationBits && ["TrustQuantizer", "NoQuantizer"].contains(quantizer)
    }
    let labels = ["2", "3", "4", "8", "16"]
    let format = Variable.compressionFormat(labels)
    let data = try Observations(table, columns: [
        .N: .column("non_embedding_params"), .D: .column("tokens"), format: .category("w_bits"),
        .bits: .column("w_bits"), .weightBits: .column("w_bits"), .activationBits: .column("a_bits"), .kvBits: .constant(16),
    ], target: .column("loss"))

    let effective = try ScalingLaw(PerCategoryEffectiveParametersForm(labels: labels),
                                   values: Dictionary(uniqueKeysWithValues: labels.map { (Parameter("eff_\($0)"), 1.0) }))
    let perBitWidth = try Hoffmann2022.printed.substituting(.N, with: effective).fixing("eff_16", to: 1)
    // Kumar's N_eff with only the weight factor free: the activations equal the weights here, and
    // the KV cache stays in 16 bits, so their factors are held at 1 (γ → 0.01, n = 0).
    var kumar: ScalingLaw<KumarTrainingForm> = try Kumar2024.trainingLoss.setting("nW", to: 0).setting("gammaW", to: 1)
    for (name, value) in [("gammaA", 0.01), ("nA", 0.0), ("gammaKV", 0.01), ("nKV", 0.0)] { kumar = try kumar.fixing(Parameter(name), to: value) }
    let ouyangTerm = Ouyang2024.unified.renaming(["alpha": "alphaQ", "beta": "betaQ"])
    let additive = try Hoffmann2022.printed + ouyangTerm
    let grid: Starts = .grid(["alpha": [0.2, 0.3, 0.5], "A": [1e2, 1e3, 1e4]])
    let comparison = try LawComparison(data: data, candidates: [
        .init("Chinchilla with N·eff(bits) (QuEST)", law: perBitWidth, starts: grid),
        .init("Chinchilla with Kumar's N_eff(P)", law: kumar, starts: .grid(["alpha": [0.2, 0.3, 0.5], "A": [1e2, 1e3, 1e4]])),
        .init("Chinchilla + k·D^β/(N^α·P^γ) (Ouyang)", law: additive, starts: grid),
    ], validation: .holdOutLargest(.N, fraction: 0.2))
    return DatasetComparison(dataset: "quest_qat_runs.csv", question: "which low-precision form extrapolates to the largest model?",
                             comparison: comparison)
}

/// Quartet II's FP4 runs (the NVFP4 recipe, without four-over-six scaling) against the BF16 baseline
/// at equal (N, D): the loss increase under each paper's D/N shape with its published exponents (only
/// the scale refitted), and with free exponents, fitted on the smaller models, judged on the largest.
func quartetComparison() throws -> DatasetComparison {
    let table = try Dataset.quartet2FP4.table()
    var baseline: [String: Double] = [:]
    for row in table.rows where try row.text("group") == "baseline" {
        baseline["\(try row.number("N"))/\(try row.number("D"))"] = try row.number("final_loss")
    }
    var n: [Double] = [], d: [Double] = [], increase: [Double] = []
    for row in table.rows where try row.text("group") == "nvidia" && row.text("sfour_over_six") == "False" {
        let key = "\(try row.number("N"))/\(try row.number("D"))"
        guard let reference = baseline[key] else { continue }
        n.append(try row.number("N")); d.append(try row.number("D")); increase.append(try row.number("final_loss") - reference)
    }
    let count = n.count
    let data = try Observations([.N: n, .D: d, .bits: Array(repeating: 4, count: count), .groupSize: Array(repeating: 16, count: count),
                                 .exponentBits: Array(repeating: 2, count: count), .mantissaBits: Array(repeating: 1, count: count),
                                 .blockSize: Array(repeating: 16, count: count)], targets: increase)
    let ouyang = try Ouyang2024.unified.fixing("alpha").fixing("beta").fixing("gamma")
    let chen = try Chen2025.w4a4.fixing("gammaN").fixing("gammaD").fixing("gammaG")
    let sun = try Sun2025.quantizationTerm.fixing("alpha").fixing("beta").fixing("delta").fixing("nu")
    let free = try Ouyang2024.unified.fixing("gamma")
    let comparison = try LawComparison(data: data, candidates: [
        .init("Ouyang's D^0.525/N^0.226, k fitted", law: ouyang),
        .init("Chen's D^γD/N^γN (W4A4), k fitted", law: chen),
        .init("Sun's D^0.516/N^0.237 (Capybara), γ fitted", law: sun),
        .init("k·D^β/N^α, all fitted", law: free),
    ], validation: .holdOutLargest(.N, fraction: 0.2))
    return DatasetComparison(dataset: "quartet2_fp4_runs.csv", question: "whose D/N shape predicts the FP4 loss increase of the largest model?",
                             comparison: comparison)
}

/// Epoch's Chinchilla points: Chinchilla's form, with α = β tied, and Kaplan's form, fitted on all but
/// the largest models (Huber δ = 10⁻³ on log residuals, as Hoffmann et al.).
func chinchillaComparison() throws -> DatasetComparison {
    let data = try Dataset.epochChinchilla.observations()
    let tied = Besiroglu2024.refit.renaming(["beta": "alpha"])
    let comparison = try LawComparison(data: data, candidates: [
        .init("Chinchilla E + A/N^α + B/D^β", law: Besiroglu2024.refit, loss: .huber(delta: 1e-3)),
        .init("Chinchilla with α = β", law: tied, loss: .huber(delta: 1e-3)),
        .init("Kaplan ((Nc/N)^(αN/αD) + Dc/D)^αD", law: Ouyang2024.baseline16, loss: .huber(delta: 1e-3)),
    ], validation: .holdOutLargest(.N, fraction: 0.15))
    return DatasetComparison(dataset: "epoch_chinchilla.csv", question: "which loss form extrapolates to the largest models?",
                             comparison: comparison)
}
