/// The floating-point quantization term of Sun et al.'s "Capybara" law (2025):
/// `(D^β/N^α) · log₂B / (γ·(E + 0.5)^δ·(M + 0.5)^ν)`, E/M = exponent/mantissa bits, B = block size
/// of the scaling factors. γ divides and log₂B enters linearly (a widely read blog misprints it).
///
/// Parameters: `alpha` (α), `beta` (β) — shared with the base law when summed — `gamma` (γ),
/// `delta` (δ), `nu` (ν).
public struct CapybaraTermForm: LawForm {
    /// The term; its presets are members of ``Sun2025``.
    public init() {}

    public var variables: [Variable] { [.N, .D, .exponentBits, .mantissaBits, .blockSize] }
    public var parameters: [Parameter] { [Self.alpha, Self.beta, Self.gamma, Self.delta, Self.nu] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d, exponent, mantissa, block) = (x[0], x[1], x[2], x[3], x[4])
        let (alpha, beta, gamma, delta, nu) = (p[0], p[1], p[2], p[3], p[4])
        let half = T(0.5)
        return T.pow(d, beta) / T.pow(n, alpha) * T.log2(block)
            / (gamma * T.pow(exponent + half, delta) * T.pow(mantissa + half, nu))
    }
}

/// The full Capybara law `n/N^α + d/D^β + ε + (D^β/N^α)·log₂B/(γ·(E+0.5)^δ·(M+0.5)^ν)`.
public typealias CapybaraForm = Sum<Renaming<ChinchillaForm>, CapybaraTermForm>

/// Presets of Sun et al. 2025, "Scaling Laws for Floating-Point Quantization Training" (ICML 2025), Table 2.
public enum Sun2025 {
    static let citation = "Sun et al. 2025, Scaling Laws for Floating-Point Quantization Training (ICML 2025), Table 2"
    static let range = FittedRange([.N: 4.1e7...6.79e8, .D: 1e10...1e11, .exponentBits: 1...8,
                                    .mantissaBits: 0...7, .blockSize: 32...8192])

    /// n, the coefficient of the parameter term of the whole law (Chinchilla's A).
    public static let n = Parameter("n")
    /// d, the coefficient of the data term of the whole law (Chinchilla's B).
    public static let d = Parameter("d")
    /// ε, the irreducible loss of the whole law (Chinchilla's E).
    public static let epsilon: Parameter = .greek("epsilon", "ε", "\\varepsilon")

    /// The log₂B that stands for channel-wise scaling.
    public static let channelWiseLog2BlockSize = 13.1567

    /// The whole law: n = 69.2343, α = 0.2368, d = 68973.0621, β = 0.5162, ε = 1.9061,
    /// γ = 11334.5197, δ = 3.1926, ν = 2.9543. [P]
    public static let capybara: ScalingLaw<CapybaraForm> = {
        let base = try! ScalingLaw(ChinchillaForm(), values: ["E": 1.9061, "A": 69.2343, "alpha": 0.2368,
                                                             "B": 68973.0621, "beta": 0.5162])
            .renaming([ChinchillaForm.A: n, ChinchillaForm.B: d, ChinchillaForm.E: epsilon])
        var law = try! base.adding(quantizationTerm, sharing: [CapybaraTermForm.alpha, CapybaraTermForm.beta])
        law.name = "Sun2025.capybara"
        law.provenance = quantizationTerm.provenance
        law.fittedRange = range
        return law
    }()

    /// The quantization term alone (the loss increase over an unquantized model). [P]
    public static let quantizationTerm = try! ScalingLaw(
        CapybaraTermForm(), name: "Sun2025.quantizationTerm",
        values: ["alpha": 0.2368, "beta": 0.5162, "gamma": 11334.5197, "delta": 3.1926, "nu": 2.9543],
        provenance: Provenance(citation: citation, confidence: .paper,
                               notes: "N is the non-embedding parameter count; channel-wise scaling ≈ log₂B = 13.1567."),
        fittedRange: range)
}

extension ScalingLaw where Form == CapybaraForm {
    /// The loss of training in the floating-point format E`exponentBits`M`mantissaBits` with
    /// scaling blocks of `blockSize` elements.
    public func callAsFunction(
        N: Double, D: Double, exponentBits: Double, mantissaBits: Double, blockSize: Double
    ) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .exponentBits: exponentBits, .mantissaBits: mantissaBits, .blockSize: blockSize])
    }
}

extension ScalingLaw where Form == CapybaraTermForm {
    /// The quantization term for format E`exponentBits`M`mantissaBits` and blocks of `blockSize`.
    public func callAsFunction(
        N: Double, D: Double, exponentBits: Double, mantissaBits: Double, blockSize: Double
    ) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D, .exponentBits: exponentBits, .mantissaBits: mantissaBits, .blockSize: blockSize])
    }
}

extension CapybaraTermForm {
    /// α, the exponent of N (shared with the base law in the whole law).
    public static let alpha: Parameter = .greek("alpha", "α", "\\alpha")
    /// β, the exponent of D (shared with the base law in the whole law).
    public static let beta: Parameter = .greek("beta", "β", "\\beta")
    /// γ, the scale that divides the term.
    public static let gamma: Parameter = .greek("gamma", "γ", "\\gamma")
    /// δ, the exponent of E + 0.5.
    public static let delta: Parameter = .greek("delta", "δ", "\\delta")
    /// ν, the exponent of M + 0.5.
    public static let nu: Parameter = .greek("nu", "ν", "\\nu")
}

extension Sun2025 {
    /// The paper's presets, for the ``PresetCatalog``: 1B parameters on 100B tokens in E4M3 with
    /// blocks of 128.
    static var presets: [Preset] {
        let point: [Variable: Double] = [.N: 1e9, .D: 1e11, .exponentBits: 4, .mantissaBits: 3, .blockSize: 128]
        return [Preset(capybara, paper: "Sun2025", typicalPoint: point),
                Preset(quantizationTerm, paper: "Sun2025", typicalPoint: point)]
    }
}
