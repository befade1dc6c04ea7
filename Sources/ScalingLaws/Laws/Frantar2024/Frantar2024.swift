/// The sparsity law of Frantar et al. (2024):
/// `L(S, N, D) = (a_S·(1 − S)^b_S + c_S)·(N/N₀)^(−b_N) + a_D·(D/D₀)^(−b_D) + c`,
/// S the fraction of weights that are zero, N the non-zero parameters, D the training data in the
/// unit of ``dataVariable``.
///
/// N₀ and D₀ are the units the constants were fitted in (the paper fits N in millions and D in
/// 10⁵ steps or 10⁹ images); the law takes raw counts and divides. Parameters: `aS`, `bS`, `cS`,
/// `bN`, `aD`, `bD`, `c`.
public struct SparsityForm: LawForm {
    /// The variable D is measured in: ``Variable/trainingSteps`` for language models, training
    /// examples for vision.
    public let dataVariable: Variable
    /// N₀: the parameter count that N is divided by before the power is taken.
    public let parameterUnit: Double
    /// D₀: the amount of data that D is divided by before the power is taken.
    public let dataUnit: Double

    /// The form with N measured in units of `parameterUnit` and `dataVariable` in units of `dataUnit`.
    public init(dataVariable: Variable = .D, parameterUnit: Double = 1, dataUnit: Double = 1) {
        self.dataVariable = dataVariable
        self.parameterUnit = parameterUnit
        self.dataUnit = dataUnit
    }

    public var variables: [Variable] { [.sparsity, .N, dataVariable] }
    public var parameters: [Parameter] { [Self.aS, Self.bS, Self.cS, Self.bN, Self.aD, Self.bD, Self.c] }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    /// a_S, the part of the N coefficient that sparsity removes.
    public static let aS = Parameter("aS", symbol: Symbol("a_S", latex: "a_{S}"))
    /// b_S, the exponent of the density 1 − S.
    public static let bS = Parameter("bS", symbol: Symbol("b_S", latex: "b_{S}"))
    /// c_S, the part of the N coefficient that stays at any sparsity.
    public static let cS = Parameter("cS", symbol: Symbol("c_S", latex: "c_{S}"))
    /// b_N, the exponent of the non-zero parameters.
    public static let bN = Parameter("bN", symbol: Symbol("b_N", latex: "b_{N}"))
    /// a_D, the coefficient of the data term.
    public static let aD = Parameter("aD", symbol: Symbol("a_D", latex: "a_{D}"))
    /// b_D, the exponent of the data.
    public static let bD = Parameter("bD", symbol: Symbol("b_D", latex: "b_{D}"))
    /// c, the irreducible loss.
    public static let c = Parameter("c", symbol: Symbol("c"))

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        let (sparsity, n, d) = (x[0], x[1], x[2])
        let density = T(1) - sparsity
        let coefficient = p[0] * T.pow(density, p[1]) + p[2]
        return coefficient * T.pow(n / T(parameterUnit), -p[3]) + p[4] * T.pow(d / T(dataUnit), -p[5]) + p[6]
    }
}

/// Presets of Frantar, Riquelme, Houlsby, Alistarh, Evci 2024, "Scaling Laws for Sparsely-Connected
/// Foundation Models" (ICLR 2024).
public enum Frantar2024 {
    static let citation = "Frantar, Riquelme, Houlsby, Alistarh, Evci 2024, Scaling Laws for Sparsely-Connected Foundation Models (ICLR 2024), Eq. 1"

    /// T5 on C4: a_S 0.5678, b_S 0.7216, c_S 1.5227, b_N 0.2451, a_D 0.6336, b_D 0.2027, c 0.6507,
    /// N in millions of non-zero parameters, D in 10⁵ training steps. [P]
    public static let t5 = try! ScalingLaw(
        SparsityForm(dataVariable: .trainingSteps, parameterUnit: 1e6, dataUnit: 1e5), name: "Frantar2024.t5",
        values: [SparsityForm.aS: 0.56778512, SparsityForm.bS: 0.72161276, SparsityForm.cS: 1.52265016,
                 SparsityForm.bN: 0.24513173, SparsityForm.aD: 0.63361517, SparsityForm.bD: 0.20270772, SparsityForm.c: 0.65074219],
        provenance: Provenance(
            citation: citation, confidence: .paper,
            notes: "The authors' own refit in their released notebook (Huber δ = 1e-3 on log loss, 25 random starts) on their 48 T5 runs, shipped as frantar2024_t5_sparsity.csv; D counts training steps, not tokens. Their held-out 2.4B-parameter run at 75% sparsity (604M non-zero, 5·10⁵ steps) measured 1.4828."),
        fittedRange: FittedRange([.sparsity: 0...0.875, .N: 1.327104e6...8.4934656e7, .trainingSteps: 2.5e5...1e6]))

    /// ViT on JFT-4B: a_S 1.3049, b_S 0.8210, c_S 2.0751, b_N 0.3922, a_D 0.2782, b_D 0.8898, c 4.5167,
    /// N in millions of non-zero parameters, D in 10⁹ training images. [P]
    public static let vit = try! ScalingLaw(
        SparsityForm(dataVariable: .trainingExamples, parameterUnit: 1e6, dataUnit: 1e9), name: "Frantar2024.vit",
        values: [SparsityForm.aS: 1.30485411, SparsityForm.bS: 0.82101251, SparsityForm.cS: 2.07506343,
                 SparsityForm.bN: 0.39222675, SparsityForm.aD: 0.27818217, SparsityForm.bD: 0.88979104, SparsityForm.c: 4.51669257],
        provenance: Provenance(
            citation: citation, confidence: .paper,
            notes: "The authors' own refit in their released notebook (Huber δ = 0.01 on loss, not log loss) on their ViT/JFT-4B runs; D counts training images."),
        fittedRange: FittedRange([.sparsity: 0...0.9375, .N: 6.63552e5...4.2467328e7, .trainingExamples: 2.25e8...1.8e9]))
}

extension ScalingLaw where Form == SparsityForm {
    /// The loss at sparsity `S` with `N` non-zero parameters and `D` data (in the preset's data
    /// variable: steps for ``Frantar2024/t5``, images for ``Frantar2024/vit``).
    public func callAsFunction(S: Double, N: Double, D: Double) throws(ScalingLawError) -> Double {
        try self([.sparsity: S, .N: N, form.dataVariable: D])
    }
}

extension Frantar2024 {
    /// The paper's presets, for the ``PresetCatalog``: T5 with 20M non-zero parameters at 50%
    /// sparsity for 5·10⁵ steps; ViT with 10M non-zero parameters at 75% sparsity on 10⁹ images.
    static var presets: [Preset] {
        [
            Preset(t5, paper: "Frantar2024", typicalPoint: [.sparsity: 0.5, .N: 2e7, .trainingSteps: 5e5]),
            Preset(vit, paper: "Frantar2024", typicalPoint: [.sparsity: 0.75, .N: 1e7, .trainingExamples: 1e9]),
        ]
    }
}
