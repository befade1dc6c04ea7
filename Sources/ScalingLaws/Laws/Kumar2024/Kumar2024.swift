/// The post-training quantization term of Kumar et al. (2024), for a model trained in BF16:
/// `δ_PTQ(N, D, P_post) = C_T·D^γ_D / N^γ_N · exp(−P_post/γ_post)`.
///
/// Parameters: `CT` (C_T), `gammaD` (γ_D), `gammaN` (γ_N), `gammaPost` (γ_post).
public struct KumarPTQForm: LawForm {
    /// The form; its presets are members of ``Kumar2024``.
    public init() {}

    public var variables: [Variable] { [.N, .D, .bits] }
    public var parameters: [Parameter] { [Self.CT, Self.gammaD, Self.gammaN, Self.gammaPost] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, bits) = (x[0], x[1], x[2])
        let (ct, gammaD, gammaN, gammaPost) = (p[0], p[1], p[2], p[3])
        return ct * T.pow(d, gammaD) / T.pow(n, gammaN) * T.exp(-(bits / gammaPost))
    }
}

/// Kumar et al.'s effective parameter count under low-precision training:
/// `N_eff = N · Π_x (1 − exp(−P_x/γ_x + n_x))`, x ∈ {weights, activations, KV cache}.
///
/// Each factor must be positive: with the published offsets, activations need P_a > 3.11 bits and
/// the KV cache P_kv > 2.32 bits (the paper's runs below those diverged); ``validate(_:parameters:)``
/// rejects lower precisions with an error naming the variable.
public struct KumarEffectiveParametersForm: LawForm {
    /// The form; its presets are members of ``Kumar2024``.
    public init() {}

    public var variables: [Variable] { [.N, .weightBits, .activationBits, .kvBits] }
    public var parameters: [Parameter] { [Self.gammaW, Self.nW, Self.gammaA, Self.nA, Self.gammaKV, Self.nKV] }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let one = T(1)
        let weights = one - T.exp(-(x[1] / p[0]) + p[1])
        let activations = one - T.exp(-(x[2] / p[2]) + p[3])
        let kvCache = one - T.exp(-(x[3] / p[4]) + p[5])
        return T.named(Symbol("N_eff", latex: "N_{\\mathrm{eff}}"), x[0] * weights * activations * kvCache)
    }

    public func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
        let checks: [(Variable, Int)] = [(.weightBits, 0), (.activationBits, 2), (.kvBits, 4)]
        for (offset, (variable, slot)) in checks.enumerated() {
            let bits = x[offset + 1], gamma = p[slot], shift = p[slot + 1]
            if !(1 - Double.exp(-bits / gamma + shift) > 0) {
                throw .invalidValue(
                    variable: variable.id, value: bits,
                    requirement: "> \(Formula.format(gamma * shift, .unicode)) bits, where Kumar et al.'s factor 1 − exp(−P/γ + n) turns non-positive (training diverges)")
            }
        }
    }
}

/// Kumar et al.'s unified law: `A·N_eff^−α + B·D^−α + E + δ_PTQ(N_eff, D, P_post)` with the N and D
/// exponents tied (α = β) and N replaced by N_eff(N, P_w, P_a, P_kv).
public typealias KumarUnifiedForm = Substitution<Sum<Renaming<ChinchillaForm>, KumarPTQForm>, KumarEffectiveParametersForm>

/// Kumar et al.'s loss after post-training quantization of a model trained in BF16:
/// `A·N^−α + B·D^−α + E + δ_PTQ(N, D, P_post)`.
public typealias KumarPostTrainingForm = Sum<Renaming<ChinchillaForm>, KumarPTQForm>

/// Kumar et al.'s pretraining loss at training precisions (P_w, P_a, P_kv), before any
/// post-training quantization: `A·N_eff^−α + B·D^−α + E`.
public typealias KumarTrainingForm = Substitution<Renaming<ChinchillaForm>, KumarEffectiveParametersForm>

/// Presets of Kumar et al. 2024, "Scaling Laws for Precision" (ICLR 2025), App. K Table 2.
public enum Kumar2024 {
    static let citation = "Kumar et al. 2024, Scaling Laws for Precision (ICLR 2025), App. K, Table 2"
    static let modelRange: ClosedRange<Double> = 3e7...2.2e8
    static let tokenRange: ClosedRange<Double> = 1.5e9...2.6e10

    /// δ_PTQ with C_T = 0.0598, γ_D = 0.5068, γ_N = 0.3439, γ_post = 0.5907. [P]
    public static let ptq = try! ScalingLaw(
        KumarPTQForm(), name: "Kumar2024.ptq",
        values: ["CT": 0.0598, "gammaD": 0.5068, "gammaN": 0.3439, "gammaPost": 0.5907],
        provenance: Provenance(citation: citation, confidence: .paper,
                               notes: "N is the non-embedding parameter count; model trained in BF16."),
        fittedRange: FittedRange([.N: modelRange, .D: tokenRange, .bits: 3...8]))

    /// N_eff with γ_w = 2.6745, n_w = 0.3037, γ_a = 2.2102, n_a = 1.4072, γ_kv = 0.9578, n_kv = 2.4185. [P]
    public static let effectiveParameters = try! ScalingLaw(
        KumarEffectiveParametersForm(), name: "Kumar2024.effectiveParameters",
        values: ["gammaW": 2.6745, "nW": 0.3037, "gammaA": 2.2102, "nA": 1.4072, "gammaKV": 0.9578, "nKV": 2.4185],
        provenance: Provenance(citation: citation, confidence: .paper,
                               notes: "Uses the fitted offsets n_x of App. K; without them the compute-optimal precision comes out ≈ 3.5 bits instead of 7–8."),
        fittedRange: FittedRange([.N: modelRange, .weightBits: 3...16, .activationBits: 4...16, .kvBits: 3...16]))

    /// The Chinchilla-form base with tied exponents: A = 4.299e3, B = 1.806e4, E = 2.7648, α = β = 0.4965. [P]
    public static let base: ScalingLaw<Renaming<ChinchillaForm>> = {
        let law = try! ScalingLaw(
            ChinchillaForm(), name: "Kumar2024.base",
            values: ["E": 2.7648, "A": 4.299e3, "alpha": 0.4965, "B": 1.806e4, "beta": 0.4965],
            provenance: Provenance(citation: citation, confidence: .paper,
                                   notes: "N is the non-embedding parameter count; the loss without quantization (BF16 training, no post-training quantization)."),
            fittedRange: FittedRange([.N: modelRange, .D: tokenRange]))
        return law.renaming([ChinchillaForm.beta: ChinchillaForm.alpha])
    }()

    /// The loss of a BF16-trained model quantized to `bits` after training: base + δ_PTQ. [P]
    ///
    /// Its minimum over D is the critical data size of App. E (``ScalingLaw/criticalTokens(N:bits:)``).
    public static let postTrainingLoss: ScalingLaw<KumarPostTrainingForm> = {
        var law = try! base + ptq
        law.name = "Kumar2024.postTrainingLoss"
        law.provenance = ptq.provenance
        law.fittedRange = FittedRange([.N: modelRange, .D: tokenRange, .bits: 3...8])
        return law
    }()

    /// The pretraining loss at training precisions (P_w, P_a, P_kv): base with N → N_eff. [P]
    ///
    /// The law behind the paper's compute-optimal training precision (≈ 7–8 bits).
    public static let trainingLoss: ScalingLaw<KumarTrainingForm> = {
        var law = try! base.substituting(.N, with: effectiveParameters)
        law.name = "Kumar2024.trainingLoss"
        law.provenance = effectiveParameters.provenance
        law.fittedRange = FittedRange([.N: modelRange, .D: tokenRange,
                                       .weightBits: 3...16, .activationBits: 4...16, .kvBits: 3...16])
        return law
    }()

    /// The unified law L(N, D, P_w, P_a, P_kv, P_post) (δ_PTQ evaluated at N_eff). [P]
    public static let unified: ScalingLaw<KumarUnifiedForm> = {
        var law = try! (base + ptq).substituting(.N, with: effectiveParameters)
        law.name = "Kumar2024.unified"
        law.provenance = Provenance(
            citation: citation, confidence: .paper,
            notes: "Uses the BF16 δ_PTQ form evaluated at N_eff; the paper's extra dependence of δ_PTQ on training precision is not in the constants we have.")
        law.fittedRange = FittedRange([.N: modelRange, .D: tokenRange, .bits: 3...8,
                                       .weightBits: 3...16, .activationBits: 4...16, .kvBits: 3...16])
        return law
    }()
}

extension ScalingLaw where Form == KumarPTQForm {
    /// δ_PTQ at `N` non-embedding parameters, `D` tokens and `bits` post-training precision.
    public func callAsFunction(N: Double, D: Double, bits: Double) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .bits: bits])
    }
}

extension ScalingLaw where Form == KumarEffectiveParametersForm {
    /// N_eff for training precisions `weightBits`, `activationBits`, `kvBits`.
    public func callAsFunction(
        N: Double, weightBits: Double, activationBits: Double, kvBits: Double
    ) throws(ScalingLawError) -> Double {
        try self([.N: N, .weightBits: weightBits, .activationBits: activationBits, .kvBits: kvBits])
    }
}

extension ScalingLaw where Form == KumarUnifiedForm {
    /// The loss after training at (`weightBits`, `activationBits`, `kvBits`) and quantizing to `bits`.
    public func callAsFunction(
        N: Double, D: Double, weightBits: Double, activationBits: Double, kvBits: Double, bits: Double
    ) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .weightBits: weightBits, .activationBits: activationBits, .kvBits: kvBits, .bits: bits])
    }
}

extension KumarPTQForm {
    /// C_T, the coefficient.
    public static let CT: Parameter = Parameter("CT", symbol: Symbol("C_T", latex: "C_{T}"))
    /// γ_D, the exponent of D.
    public static let gammaD: Parameter = .greek("gammaD", "γ_D", "\\gamma_{D}")
    /// γ_N, the exponent of N.
    public static let gammaN: Parameter = .greek("gammaN", "γ_N", "\\gamma_{N}")
    /// γ_post, the scale of the post-training precision.
    public static let gammaPost: Parameter = .greek("gammaPost", "γ_post", "\\gamma_{\\mathrm{post}}")
}

extension KumarEffectiveParametersForm {
    /// γ_w, the precision scale of the weights.
    public static let gammaW: Parameter = .greek("gammaW", "γ_w", "\\gamma_{w}")
    /// n_w, the offset of the weights.
    public static let nW: Parameter = Parameter("nW", symbol: Symbol("n_w", latex: "n_{w}"), domain: .real)
    /// γ_a, the precision scale of the activations.
    public static let gammaA: Parameter = .greek("gammaA", "γ_a", "\\gamma_{a}")
    /// n_a, the offset of the activations.
    public static let nA: Parameter = Parameter("nA", symbol: Symbol("n_a", latex: "n_{a}"), domain: .real)
    /// γ_kv, the precision scale of the KV cache.
    public static let gammaKV: Parameter = .greek("gammaKV", "γ_kv", "\\gamma_{kv}")
    /// n_kv, the offset of the KV cache.
    public static let nKV: Parameter = Parameter("nKV", symbol: Symbol("n_kv", latex: "n_{kv}"), domain: .real)
}

extension Kumar2024 {
    /// The paper's presets, for the ``PresetCatalog``: a 100M model on 20B tokens, trained at
    /// (8, 6, 4) bits, quantized to 4 bits.
    static var presets: [Preset] {
        let precisions: [Variable: Double] = [.weightBits: 8, .activationBits: 6, .kvBits: 4]
        let run: [Variable: Double] = [.N: 1e8, .D: 2e10]
        return [
            Preset(ptq, paper: "Kumar2024", typicalPoint: run.merging([.bits: 4]) { $1 }),
            Preset(effectiveParameters, paper: "Kumar2024", typicalPoint: precisions.merging([.N: 1e8]) { $1 }),
            Preset(base, paper: "Kumar2024", typicalPoint: run),
            Preset(unified, paper: "Kumar2024", typicalPoint: run.merging(precisions) { $1 }.merging([.bits: 4]) { $1 }),
            Preset(postTrainingLoss, paper: "Kumar2024", typicalPoint: run.merging([.bits: 4]) { $1 }),
            Preset(trainingLoss, paper: "Kumar2024", typicalPoint: run.merging(precisions) { $1 }),
        ]
    }
}
