/// The quantization-induced degradation law of Ouyang et al. (2024):
/// `ΔqLoss(N, D, P) = k·D^β / (N^α·P^γ)`, N = non-embedding parameters, P = bit width (GPTQ).
///
/// Parameters: `k`, `alpha` (α), `beta` (β), `gamma` (γ).
public struct OuyangDegradationForm: LawForm {
    /// The form; its presets are members of ``Ouyang2024``.
    public init() {}

    public var variables: [Variable] { [.N, .D, .bits] }
    public var parameters: [Parameter] { [Self.k, Self.alpha, Self.beta, Self.gamma] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, bits) = (x[0], x[1], x[2])
        let (k, alpha, beta, gamma) = (p[0], p[1], p[2], p[3])
        return k * T.pow(d, beta) / (T.pow(n, alpha) * T.pow(bits, gamma))
    }
}

/// The 16-bit baseline loss Ouyang et al. fit on Pythia, in Kaplan et al.'s form:
/// `L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D`.
///
/// Parameters: `Nc`, `Dc`, `alphaN` (α_N), `alphaD` (α_D).
public struct KaplanForm: LawForm {
    /// The form; its presets are members of ``Ouyang2024``.
    public init() {}

    public var variables: [Variable] { [.N, .D] }
    public var parameters: [Parameter] { [Self.Nc, Self.Dc, Self.alphaN, Self.alphaD] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d) = (x[0], x[1])
        let (nc, dc, alphaN, alphaD) = (p[0], p[1], p[2], p[3])
        return T.pow(T.pow(nc / n, alphaN / alphaD) + dc / d, alphaD)
    }
}

/// A one-variable power law `c·v^κ` (κ may be negative): Ouyang et al.'s single-factor fits
/// ΔqLoss(D) = b·D^β, ΔqLoss(N) = a·N^(−α), ΔqLoss(P) = c·P^(−γ), whose coefficients are unpublished.
///
/// Parameters: `c` (positive) and `kappa` (κ, real).
public struct PowerLawForm: LawForm {
    /// The single variable.
    public let variable: Variable

    /// The power law in `variable`.
    public init(_ variable: Variable) { self.variable = variable }

    public var variables: [Variable] { [variable] }
    public var parameters: [Parameter] { [Self.c, Self.kappa] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        p[0] * T.pow(x[0], p[1])
    }
}

/// Presets of Ouyang et al. 2024, "Low-Bit Quantization Favors Undertrained LLMs" (ACL 2025).
///
/// The unified law reproduces the 2-bit column of the paper's Table 1 (tokens to reach a QiD) but
/// not the 3- and 4-bit columns (70B at 4 bits: 10.25T from the law vs 17.35T printed): the table
/// was built from separate per-bit-width fits whose coefficients are unpublished.
public enum Ouyang2024 {
    static let citation = "Ouyang et al. 2024, Low-Bit Quantization Favors Undertrained LLMs (ACL 2025)"
    static let range = FittedRange([.N: 1.6e8...1.2e10, .D: 1e9...2.06e11, .bits: 2...4])

    /// The unified fit `ΔqLoss = 0.017·D^0.5251/(N^0.2261·P^5.4967)`. [P]
    public static let unified = try! ScalingLaw(
        OuyangDegradationForm(), name: "Ouyang2024.unified",
        values: ["k": 0.017, "alpha": 0.2261, "beta": 0.5251, "gamma": 5.4967],
        provenance: Provenance(citation: citation + ", unified law", confidence: .paper,
                               notes: "N is the non-embedding parameter count; GPTQ on Pythia 160M–12B at 2, 3, 4 bits."),
        fittedRange: range)

    /// The 16-bit Pythia baseline `[(4.74e19/N)^(0.045/0.399) + 7.63e10/D]^0.399`. [P]
    public static let baseline16 = try! ScalingLaw(
        KaplanForm(), name: "Ouyang2024.baseline16",
        values: ["Nc": 4.74e19, "Dc": 7.63e10, "alphaN": 0.045, "alphaD": 0.399],
        provenance: Provenance(citation: citation + ", 16-bit baseline", confidence: .paper,
                               notes: "Kaplan-form fit of the unquantized Pythia losses."),
        fittedRange: FittedRange([.N: 1.6e8...1.2e10, .D: 1e9...2.06e11]))

    /// The predicted loss after quantization: 16-bit baseline + unified QiD. [P]
    public static let quantizedLoss: ScalingLaw<Sum<KaplanForm, OuyangDegradationForm>> = {
        var law = try! baseline16 + unified
        law.name = "Ouyang2024.quantizedLoss"
        law.provenance = unified.provenance
        law.fittedRange = range
        return law
    }()

    /// The exponents of the single-factor fits (β of D, α of N, γ of P); coefficients unpublished.
    public static let singleFactorExponents: (tokens: Double, parameters: Double, bits: Double) = (0.5316, 0.2276, 5.4812)
}

extension ScalingLaw where Form == OuyangDegradationForm {
    /// The quantization-induced degradation (QiD) at `N` non-embedding parameters, `D` tokens and `bits`.
    public func callAsFunction(N: Double, D: Double, bits: Double) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .bits: bits])
    }
}

extension OuyangDegradationForm {
    /// k, the coefficient.
    public static let k: Parameter = Parameter("k")
    /// α, the exponent of N.
    public static let alpha: Parameter = .greek("alpha", "α", "\\alpha")
    /// β, the exponent of D.
    public static let beta: Parameter = .greek("beta", "β", "\\beta")
    /// γ, the exponent of the bit width.
    public static let gamma: Parameter = .greek("gamma", "γ", "\\gamma")
}

extension KaplanForm {
    /// N_c, the parameter scale.
    public static let Nc: Parameter = Parameter("Nc", symbol: Symbol("N_c", latex: "N_{c}"))
    /// D_c, the data scale.
    public static let Dc: Parameter = Parameter("Dc", symbol: Symbol("D_c", latex: "D_{c}"))
    /// α_N, the exponent of N.
    public static let alphaN: Parameter = .greek("alphaN", "α_N", "\\alpha_{N}")
    /// α_D, the exponent of D.
    public static let alphaD: Parameter = .greek("alphaD", "α_D", "\\alpha_{D}")
}

extension PowerLawForm {
    /// c, the coefficient.
    public static let c: Parameter = Parameter("c")
    /// κ, the exponent.
    public static let kappa: Parameter = .greek("kappa", "κ", "\\kappa", domain: .real)
}

extension Ouyang2024 {
    /// The paper's presets, for the ``PresetCatalog``: 7B on 1T tokens at 3 bits; the 12B Pythia
    /// model on its 300B tokens.
    static var presets: [Preset] {
        [Preset(unified, paper: "Ouyang2024", typicalPoint: [.N: 7e9, .D: 1e12, .bits: 3]),
         Preset(baseline16, paper: "Ouyang2024", typicalPoint: [.N: 12e9, .D: 3e11]),
         Preset(quantizedLoss, paper: "Ouyang2024", typicalPoint: [.N: 12e9, .D: 3e11, .bits: 4])]
    }
}
