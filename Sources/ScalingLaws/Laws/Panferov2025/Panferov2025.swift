/// Presets of Panferov et al. 2025, "QuEST: Stable Training of LLMs with 1-Bit Weights and
/// Activations": a Chinchilla-form law whose parameter count is scaled by one effective-parameter
/// factor per training format, `L(N, D, P) = A/(N·eff(P))^α + B/D^β + E`. [S]
public enum Panferov2025 {
    /// The published effective-parameter factors, by training format (BF16 = 1): weights and
    /// activations with the Hadamard quantizer ("Hadamard"), without it, weight-only, FP4 and 2:4
    /// sparsity. [S]
    public static let efficiencies: KeyValuePairs<String, Double> = [
        "BF16": 1,
        "W1A1 Hadamard": 0.021, "W2A2 Hadamard": 0.152, "W3A3 Hadamard": 0.433, "W4A4 Hadamard": 0.692,
        "W8A8 Hadamard": 1.016,
        "W1A1": 0.016, "W2A2": 0.078, "W3A3": 0.322, "W4A4": 0.603, "W8A8": 0.938,
        "W1A16": 0.138, "W2A16": 0.414, "W3A16": 0.653, "W4A16": 0.840,
        "FP4": 0.630, "2:4 sparse": 0.381,
    ]

    /// The format variable of ``quest``.
    public static var format: Variable { .compressionFormat(efficiencies.map(\.key)) }

    /// QuEST's fit: A = 8.134, α = 0.0627, B = 86.41, β = 0.2413, E = 0.0014, with
    /// ``efficiencies``. N counts non-embedding parameters. [S]
    public static let quest: ScalingLaw<CompressedChinchillaForm> = {
        let labels = efficiencies.map(\.key)
        let factors = Dictionary(uniqueKeysWithValues: efficiencies.map { (Parameter("eff_\($0.key)"), $0.value) })
        let effective = try! ScalingLaw(PerCategoryEffectiveParametersForm(labels: labels), values: factors)
        let base = try! ScalingLaw(ChinchillaForm(), values: [
            ChinchillaForm.E: 0.0014, ChinchillaForm.A: 8.134, ChinchillaForm.alpha: 0.0627,
            ChinchillaForm.B: 86.41, ChinchillaForm.beta: 0.2413,
        ])
        var law = try! base.substituting(.N, with: effective)
        law.name = "Panferov2025.quest"
        law.provenance = Provenance(
            citation: "Panferov, Chen, Tabesh, Castro, Nikdan, Alistarh 2025, QuEST: Stable Training of LLMs with 1-Bit Weights and Activations (arXiv:2502.05003)",
            confidence: .secondary,
            notes: "The fit is nearly degenerate: α ≈ 0.06 and E ≈ 0 trade off against A, so the constants extrapolate poorly beyond the runs (30M–822M non-embedding parameters, D/N ≈ 25–100); compare formats through eff, not absolute losses far outside. Constants as reported for the paper's C4 runs; BF16 = 1 by definition.")
        law.fittedRange = FittedRange([.N: 3.048256e7...8.22151168e8, .D: 7.49993984e8...7.99997952e10])
        return law
    }()
}

extension Panferov2025 {
    /// The paper's presets, for the ``PresetCatalog``: 200M parameters on 20B tokens in W4A4 with
    /// the Hadamard quantizer.
    static var presets: [Preset] {
        let format = Double(efficiencies.map(\.key).firstIndex(of: "W4A4 Hadamard") ?? 0)
        return [Preset(quest, paper: "Panferov2025", typicalPoint: [.N: 2e8, .D: 2e10, self.format: format])]
    }
}
