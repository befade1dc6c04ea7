/// The Chinchilla loss law of Hoffmann et al. (2022), Approach 3:
/// `L(N, D) = E + A/N^α + B/D^β`, N = total parameters, D = training tokens.
///
/// Parameters, in order: `E` (irreducible loss), `A`, `alpha` (α), `B`, `beta` (β), all positive.
public struct ChinchillaForm: LawForm {
    /// The form; its presets are ``Hoffmann2022`` and ``Besiroglu2024``.
    public init() {}

    public var variables: [Variable] { [.N, .D] }
    public var parameters: [Parameter] { [Self.E, Self.A, Self.alpha, Self.B, Self.beta] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (n, d) = (x[0], x[1])
        let (e, a, alpha, b, beta) = (p[0], p[1], p[2], p[3], p[4])
        return e + a / T.pow(n, alpha) + b / T.pow(d, beta)
    }
}

/// Presets of Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models".
public enum Hoffmann2022 {
    static let citation = "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, Approach 3 (Eq. 10, App. D.2)"
    static let range = FittedRange([.N: 4.4e7...1.6e10, .D: 5e9...5e11])

    /// The constants as printed: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28. [P]
    public static let printed = try! ScalingLaw(
        ChinchillaForm(), name: "Hoffmann2022.printed",
        values: ["E": 1.69, "A": 406.4, "alpha": 0.34, "B": 410.7, "beta": 0.28],
        provenance: Provenance(citation: citation, confidence: .paper,
                               notes: "N is the total parameter count. Rounded constants; see `unrounded`."),
        fittedRange: range)

    /// The unrounded fit behind the printed constants (ln A = 6.0073404, ln B = 6.0179186,
    /// ln E = 0.5267228, α = 0.33917084, β = 0.2849083): the one whose frontier exponent is a = 0.46. [P]
    public static let unrounded = try! ScalingLaw(
        ChinchillaForm(), name: "Hoffmann2022.unrounded",
        values: ["E": Double.exp(0.5267228), "A": Double.exp(6.0073404), "alpha": 0.33917084,
                 "B": Double.exp(6.0179186), "beta": 0.2849083],
        provenance: Provenance(citation: citation, confidence: .paper,
                               notes: "N is the total parameter count. Unrounded values from the authors' fit."),
        fittedRange: range)
}

/// Presets of Besiroglu et al. 2024 (Epoch AI), "Chinchilla Scaling: A replication attempt".
public enum Besiroglu2024 {
    /// The replication's refit on 240 points digitised from Chinchilla's Figure 4:
    /// E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658. [P]
    public static let refit = try! ScalingLaw(
        ChinchillaForm(), name: "Besiroglu2024.refit",
        values: ["E": 1.8172, "A": 482.01, "alpha": 0.3478, "B": 2085.43, "beta": 0.3658],
        provenance: Provenance(
            citation: "Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt, Table 1",
            confidence: .paper,
            notes: "Huber likelihood with a fitted scale (δ = 1e-3); bootstrap SEs E 0.026, A 124.5, B 1293, α 0.015, β 0.021. B is weakly identified."),
        fittedRange: Hoffmann2022.range)
}

extension ScalingLaw where Form == ChinchillaForm {
    /// The loss at `N` parameters and `D` tokens.
    public func callAsFunction(N: Double, D: Double) throws(ScalingLawError) -> Double {
        try self([.N: N, .D: D])
    }
}

extension ChinchillaForm {
    /// E, the irreducible loss.
    public static let E: Parameter = Parameter("E")
    /// A, the coefficient of the parameter term.
    public static let A: Parameter = Parameter("A")
    /// α, the exponent of N.
    public static let alpha: Parameter = .greek("alpha", "α", "\\alpha")
    /// B, the coefficient of the data term.
    public static let B: Parameter = Parameter("B")
    /// β, the exponent of D.
    public static let beta: Parameter = .greek("beta", "β", "\\beta")
}

extension Hoffmann2022 {
    /// The paper's presets, for the ``PresetCatalog``: a 7B model on 140B tokens.
    static var presets: [Preset] {
        [Preset(printed, paper: "Hoffmann2022", typicalPoint: [.N: 7e9, .D: 1.4e11]),
         Preset(unrounded, paper: "Hoffmann2022", typicalPoint: [.N: 7e9, .D: 1.4e11])]
    }
}

extension Besiroglu2024 {
    /// The paper's presets, for the ``PresetCatalog``.
    static var presets: [Preset] { [Preset(refit, paper: "Besiroglu2024", typicalPoint: [.N: 7e9, .D: 1.4e11])] }
}
