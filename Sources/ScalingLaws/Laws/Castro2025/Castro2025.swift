/// The Quartet law of Castro et al. (2025): low-precision training as separate parameter and data
/// efficiencies in a Chinchilla-like law raised to a power,
/// `L(N, D, C) = (A/(N·eff_N(C))^α + B/(D·eff_D(C))^β)^γ + E`, C the training format.
///
/// Parameters: `A`, `alpha` (α), `B`, `beta` (β), `gamma` (γ), `E`, then `effN_<label>` and
/// `effD_<label>` for each format label.
public struct QuartetForm: LawForm {
    /// The training-format labels, in index order.
    public let labels: [String]

    /// The form with one parameter and one data efficiency per label.
    public init(labels: [String]) { self.labels = labels }

    public var variables: [Variable] { [.N, .D, .compressionFormat(labels)] }
    public var parameters: [Parameter] {
        [ChinchillaForm.A, ChinchillaForm.alpha, ChinchillaForm.B, ChinchillaForm.beta, QuartetForm.gamma, ChinchillaForm.E]
            + labels.map { Parameter("effN_\($0)", symbol: Symbol("effN_\($0)", latex: "\\mathrm{eff}^{N}_{\\mathrm{\($0.latexEscaped)}}")) }
            + labels.map { Parameter("effD_\($0)", symbol: Symbol("effD_\($0)", latex: "\\mathrm{eff}^{D}_{\\mathrm{\($0.latexEscaped)}}")) }
    }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    /// γ, the outer exponent.
    public static let gamma: Parameter = .greek("gamma", "γ", "\\gamma")

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, format) = (x[0], x[1], x[2])
        let (a, alpha, b, beta, gamma, e) = (p[0], p[1], p[2], p[3], p[4], p[5])
        let count = (p.count - 6) / 2
        var effN = T(0), effD = T(0)
        for index in 0..<count {
            let selected = T.indicator(format, equals: Double(index))
            effN = effN + selected * p[6 + index]
            effD = effD + selected * p[6 + count + index]
        }
        let parameterTerm = a / T.pow(T.named(Symbol("N_eff", latex: "N_{\\mathrm{eff}}"), n * effN), alpha)
        let dataTerm = b / T.pow(T.named(Symbol("D_eff", latex: "D_{\\mathrm{eff}}"), d * effD), beta)
        return T.pow(parameterTerm + dataTerm, gamma) + e
    }
}

/// Presets of Castro et al. 2025, "Quartet: Native FP4 Training Can Be Optimal for Large Language
/// Models". [S]
public enum Castro2025 {
    /// The training formats of ``quartet``: BF16 (both efficiencies 1) and MXFP4.
    public static let formats = ["BF16", "MXFP4"]

    /// The format variable of ``quartet``.
    public static var format: Variable { .compressionFormat(formats) }

    /// Quartet's fit: A = 1.274e5, α = 0.5785, B = 4.658e5, β = 0.5389, γ = 0.2764, E = 1.3408;
    /// MXFP4 eff_N = 0.645, eff_D = 0.893. [S]
    public static let quartet: ScalingLaw<QuartetForm> = {
        let values: [Parameter: Double] = [
            ChinchillaForm.A: 1.274e5, ChinchillaForm.alpha: 0.5785, ChinchillaForm.B: 4.658e5, ChinchillaForm.beta: 0.5389,
            QuartetForm.gamma: 0.2764, ChinchillaForm.E: 1.3408,
            "effN_BF16": 1, "effN_MXFP4": 0.645, "effD_BF16": 1, "effD_MXFP4": 0.893,
        ]
        return try! ScalingLaw(
            QuartetForm(labels: formats), name: "Castro2025.quartet", values: values,
            provenance: Provenance(
                citation: "Castro, Panferov, Tabesh, et al. 2025, Quartet: Native FP4 Training Can Be Optimal for Large Language Models (arXiv:2505.14669)",
                confidence: .secondary,
                notes: "Fitted in two stages: the BF16 base (A, α, B, β, γ, E) first, then the efficiencies with the base held. N counts non-embedding parameters."),
            fittedRange: FittedRange([.N: 3.048256e7...2.0318848e8, .D: 7.49993984e8...7.99997952e10]))
    }()
}

extension Castro2025 {
    /// The paper's presets, for the ``PresetCatalog``: 200M parameters on 20B tokens in MXFP4.
    static var presets: [Preset] {
        [Preset(quartet, paper: "Castro2025", typicalPoint: [.N: 2e8, .D: 2e10, format: 1])]
    }
}
