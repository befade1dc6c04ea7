/// The quantization-aware-training error term of Chen et al. (2025):
/// `δ_p(N, D, G) = k · D^γ_D · (log₂ G)^γ_G / N^γ_N`, G = quantization group size (INT4, AbsMax).
///
/// Parameters: `k`, `gammaN` (γ_N), `gammaD` (γ_D), `gammaG` (γ_G).
public struct ChenQATForm: LawForm {
    /// The form; its presets are members of ``Chen2025``.
    public init() {}

    public var variables: [Variable] { [.N, .D, .groupSize] }
    public var parameters: [Parameter] { [Self.k, Self.gammaN, Self.gammaD, Self.gammaG] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, group) = (x[0], x[1], x[2])
        let (k, gammaN, gammaD, gammaG) = (p[0], p[1], p[2], p[3])
        return k * T.pow(d, gammaD) * T.pow(T.log2(group), gammaG) / T.pow(n, gammaN)
    }
}

/// Presets of Chen et al. 2025, "Scaling Law for Quantization-Aware Training". [S]
///
/// The constants come from secondary sources (summaries of the paper), not its full text: use with
/// care. The base law's A, B, E are unpublished in what we have (α = β = 0.3022), so only the error
/// terms are presets; ``fullForm`` lets a user fit the whole law. Recomputing the paper's stated
/// activation/weight error ratios from these constants gives 1.646 (paper 1.67), 1.226 (1.20) and
/// 1.647 (1.62): the rounded constants do not reproduce the 1.20 within 2%.
public enum Chen2025 {
    static let range = FittedRange([.N: 7.4e7...5.95e8, .D: 1e10...1e11, .groupSize: 32...256])

    static func preset(_ setting: String, k: Double, gammaN: Double, gammaD: Double, gammaG: Double) -> ScalingLaw<ChenQATForm> {
        try! ScalingLaw(
            ChenQATForm(), name: "Chen2025.\(setting)",
            values: ["k": k, "gammaN": gammaN, "gammaD": gammaD, "gammaG": gammaG],
            provenance: Provenance(
                citation: "Chen et al. 2025, Scaling Law for Quantization-Aware Training (\(setting))",
                confidence: .secondary, notes: "Constants from secondary sources; INT4 AbsMax QAT, 74M–595M parameters."),
            fittedRange: range)
    }

    /// Weights and activations in INT4. [S]
    public static let w4a4 = preset("w4a4", k: 0.1582, gammaN: 0.2186, gammaD: 0.0745, gammaG: 0.7779)
    /// Weights in INT4, activations in 16 bits: the weight part of the error. [S]
    public static let w4a16 = preset("w4a16", k: 0.2522, gammaN: 0.3589, gammaD: 0.1610, gammaG: 0.3533)
    /// Activations in INT4, weights in 16 bits: the activation part of the error. [S]
    public static let w16a4 = preset("w16a4", k: 0.1004, gammaN: 0.1816, gammaD: 0.0331, gammaG: 0.9812)
    /// W4A4 with the FC2 input kept in 8 bits. [S]
    public static let w4a4FC2Int8 = preset("w4a4FC2Int8", k: 0.3519, gammaN: 0.2637, gammaD: 0.0964, gammaG: 0.3407)
    /// W16A4 with the FC2 input kept in 8 bits. [S]
    public static let w16a4FC2Int8 = preset("w16a4FC2Int8", k: 0.1273, gammaN: 0.2347, gammaD: 0.0827, gammaG: 0.4491)

    /// The paper's decomposition δ_W4A4 ≈ δ_W4A16 + δ_W16A4, as one law whose weight and activation
    /// parameters are kept apart by renaming (`k_w`, `k_a`, …).
    public static let splitW4A4: ScalingLaw<Sum<Renaming<ChenQATForm>, Renaming<ChenQATForm>>> = {
        func suffixed(_ law: ScalingLaw<ChenQATForm>, _ suffix: String, superscript: String) -> ScalingLaw<Renaming<ChenQATForm>> {
            var renames: [Parameter: Parameter] = [:]
            for parameter in law.parameters {
                renames[parameter] = Parameter(
                    parameter.name + "_" + suffix,
                    symbol: Symbol(parameter.symbol.unicode + "⁽" + superscript + "⁾",
                                   latex: "{\(parameter.symbol.latex)}^{(\(suffix))}"))
            }
            return law.renaming(renames)
        }
        var law = try! suffixed(w4a16, "w", superscript: "ʷ") + suffixed(w16a4, "a", superscript: "ᵃ")
        law.name = "Chen2025.splitW4A4"
        law.provenance = w4a4.provenance
        law.fittedRange = range
        return law
    }()

    /// The full QAT law `A/N^α + B/D^α + E + δ_p(N, D, G)` with tied exponents, for fitting
    /// (A, B, E are unpublished in what we have).
    public static var fullForm: Sum<Renaming<ChinchillaForm>, ChenQATForm> {
        // The two forms have no parameter name in common, so the sum cannot fail.
        try! ChinchillaForm().renaming(["beta": ChinchillaForm.alpha]) + ChenQATForm()
    }

    /// The published tied base exponent α = β. [S]
    public static let baseExponent = 0.3022
}

extension ScalingLaw where Form == ChenQATForm {
    /// δ_p at `N` parameters, `D` tokens and group size `groupSize`.
    public func callAsFunction(N: Double, D: Double, groupSize: Double) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .groupSize: groupSize])
    }
}

extension ChenQATForm {
    /// k, the coefficient.
    public static let k: Parameter = Parameter("k")
    /// γ_N, the exponent of N.
    public static let gammaN: Parameter = .greek("gammaN", "γ_N", "\\gamma_{N}")
    /// γ_D, the exponent of D.
    public static let gammaD: Parameter = .greek("gammaD", "γ_D", "\\gamma_{D}")
    /// γ_G, the exponent of log₂G.
    public static let gammaG: Parameter = .greek("gammaG", "γ_G", "\\gamma_{G}")
}

extension Chen2025 {
    /// The paper's presets, for the ``PresetCatalog``: 595M parameters, 100B tokens, groups of 64.
    static var presets: [Preset] {
        let point: [Variable: Double] = [.N: 595e6, .D: 1e11, .groupSize: 64]
        return [w4a4, w4a16, w16a4, w4a4FC2Int8, w16a4FC2Int8].map { Preset($0, paper: "Chen2025", typicalPoint: point) }
            + [Preset(splitW4A4, paper: "Chen2025", typicalPoint: point)]
    }
}
