/// The effective data of Muennighoff et al. (2023): repeated tokens are worth less than fresh ones,
/// `D′ = U_D·(1 + R_D*·(1 − e^(−R_D/R_D*)))` with `U_D = min(U, D)` the unique tokens seen and
/// `R_D = max(D/U_D − 1, 0)` the repetitions beyond the first epoch.
///
/// After many epochs D′ saturates at `U_D·(1 + R_D*)`: `R_D*` is how many repetitions' worth of
/// value the data can hold. The saturating factor is computed with `expm1`, exact for tiny `R_D`,
/// and multiplies `U_D` last, so that no intermediate exceeds D′ (Float16 holds it).
///
/// Parameters: `RDstar` (R_D*).
public struct RepeatedDataForm: LawForm {
    /// The form.
    public init() {}

    public var variables: [Variable] { [.D, .uniqueTokens] }
    public var parameters: [Parameter] { [Self.RDstar] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    /// R_D*, the repetitions of the unique data at which its value has decayed by 1/e.
    public static let RDstar = Parameter("RDstar", symbol: Symbol("R_D*", latex: "R_{D}^{*}"))

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (d, unique, decay) = (x[0], x[1], p[0])
        let seen = T.named(Symbol("U_D", latex: "U_{D}"), T.min(unique, d))
        let repetitions = T.named(Symbol("R_D", latex: "R_{D}"), T.max(d / seen - T(1), T(0)))
        return T.named(Symbol("D′", latex: "D'"), seen * (T(1) + decay * -T.expm1(-repetitions / decay)))
    }
}

/// The effective parameters of Muennighoff et al. (2023): parameters beyond what the unique data
/// can use are worth less, `N′ = U_N·(1 + R_N*·(1 − e^(−R_N/R_N*)))` with `U_N = min(N, N_opt(U_D))`
/// and `R_N = max(N/U_N − 1, 0)`.
///
/// `N_opt(U_D) = G·(U_D·G)^(β/α)`, `G = (α·A/(β·B))^(1/(α+β))`, is the Chinchilla-optimal size for
/// `U_D = min(U, D)` tokens under the law's own A, α, B, β (shared with the Chinchilla terms).
///
/// Parameters: `A`, `alpha`, `B`, `beta` (the Chinchilla ones) and `RNstar` (R_N*).
public struct ExcessParametersForm: LawForm {
    /// The form.
    public init() {}

    public var variables: [Variable] { [.N, .D, .uniqueTokens] }
    public var parameters: [Parameter] {
        [ChinchillaForm.A, ChinchillaForm.alpha, ChinchillaForm.B, ChinchillaForm.beta, Self.RNstar]
    }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    /// R_N*, the excess-parameter ratio at which extra parameters' value has decayed by 1/e.
    public static let RNstar = Parameter("RNstar", symbol: Symbol("R_N*", latex: "R_{N}^{*}"))

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, unique) = (x[0], x[1], x[2])
        let (a, alpha, b, beta, decay) = (p[0], p[1], p[2], p[3], p[4])
        let g = T.named(Symbol("G"), T.pow(alpha * a / (beta * b), T(1) / (alpha + beta)))
        let seen = T.named(Symbol("U_D", latex: "U_{D}"), T.min(unique, d))
        let optimal = g * T.pow(seen * g, beta / alpha)
        let usable = T.named(Symbol("U_N", latex: "U_{N}"), T.min(n, optimal))
        let excess = T.named(Symbol("R_N", latex: "R_{N}"), T.max(n / usable - T(1), T(0)))
        return T.named(Symbol("N′", latex: "N'"), usable * (T(1) + decay * -T.expm1(-excess / decay)))
    }
}

/// The data-constrained law: Chinchilla with D → D′ (``RepeatedDataForm``) and N → N′
/// (``ExcessParametersForm``), composed in the DSL.
public typealias DataConstrainedForm = Substitution<Substitution<ChinchillaForm, RepeatedDataForm>, ExcessParametersForm>

/// Presets of Muennighoff et al. 2023, "Scaling Data-Constrained Language Models" (NeurIPS 2023).
public enum Muennighoff2023 {
    static let citation = "Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf, Raffel 2023, Scaling Data-Constrained Language Models (NeurIPS 2023), Eq. 5 and App. A"

    /// The data-constrained law `L(N, D, U) = E + A/N′^α + B/D′^β` with the paper's fit:
    /// A = e^6.255414, B = e^7.3049974, E = e^0.6254804, α = β = 0.3526596, R_D* = 15.387756,
    /// R_N* = 5.309743 (N, D, U raw counts). [P]
    public static let dataConstrained: ScalingLaw<DataConstrainedForm> = {
        let form = try! ChinchillaForm()
            .substituting(.D, with: RepeatedDataForm())
            .substituting(.N, with: ExcessParametersForm(),
                          sharing: [ChinchillaForm.A, ChinchillaForm.alpha, ChinchillaForm.B, ChinchillaForm.beta])
        let exponent = 0.3526596
        return try! ScalingLaw(
            form, name: "Muennighoff2023.dataConstrained",
            values: [ChinchillaForm.E: Double.exp(0.6254804), ChinchillaForm.A: Double.exp(6.255414),
                     ChinchillaForm.alpha: exponent, ChinchillaForm.B: Double.exp(7.3049974), ChinchillaForm.beta: exponent,
                     RepeatedDataForm.RDstar: 15.387756, ExcessParametersForm.RNstar: 5.309743],
            provenance: Provenance(
                citation: citation, confidence: .paper,
                notes: "Unrounded constants of the authors' repository (the paper prints R_D* ≈ 15.4, R_N* ≈ 5.3). Fitted on 182 final validation losses with α = β tied. U_D = min(U, D), so a run shorter than one epoch is fresh data."),
            fittedRange: FittedRange([.N: 7.098752e6...8.67e9, .D: 1e8...9e11, .uniqueTokens: 1e8...1.78e11]))
    }()
}

extension ScalingLaw where Form == DataConstrainedForm {
    /// The loss of `N` parameters trained on `D` tokens drawn from `U` unique tokens.
    public func callAsFunction(N: Double, D: Double, U: Double) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .uniqueTokens: U])
    }
}

extension Muennighoff2023 {
    /// The paper's presets, for the ``PresetCatalog``: 2.8B parameters on 55B tokens of 9B unique.
    static var presets: [Preset] {
        [Preset(dataConstrained, paper: "Muennighoff2023", typicalPoint: [.N: 2.81e9, .D: 5.5e10, .uniqueTokens: 9e9])]
    }
}
