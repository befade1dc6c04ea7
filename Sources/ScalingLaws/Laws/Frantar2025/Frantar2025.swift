/// An effective parameter count with one multiplier per category: `N·eff(C)`, eff(C) ∈ (0, 1].
///
/// Frantar et al.'s compression laws (and QuEST's per-bit-width fits) replace N by this in a base
/// law. One parameter `eff_<label>` per category; the categorical variable ``Variable/compressionFormat(_:)``
/// selects it.
public struct PerCategoryEffectiveParametersForm: LawForm {
    /// The category labels, in index order.
    public let labels: [String]

    /// One effective-parameter multiplier per label.
    public init(labels: [String]) { self.labels = labels }

    public var variables: [Variable] { [.N, .compressionFormat(labels)] }
    public var parameters: [Parameter] {
        labels.map { Parameter("eff_\($0)", symbol: Symbol("eff_\($0)", latex: "\\mathrm{eff}_{\\mathrm{\($0.latexEscaped)}}")) }
    }
    /// No conditions beyond the variables' domains.
    public var hasPointConditions: Bool { false }

    @inlinable
    public func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
        var multiplier = T(0)
        for index in 0..<p.count {
            multiplier = multiplier + T.indicator(x[1], equals: Double(index)) * p[index]
        }
        return T.named(Symbol("N_eff", latex: "N_{\\mathrm{eff}}"), x[0] * multiplier)
    }
}

/// A Chinchilla base law with N replaced by N·eff(C).
public typealias CompressedChinchillaForm = Substitution<ChinchillaForm, PerCategoryEffectiveParametersForm>

/// Frantar et al. 2025, "Compression Scaling Laws: Unifying Sparsity and Quantization". [S]
///
/// `L(N, D, C) = a/(N·eff(C))^b + c/D^d + e`. The effective-parameter multipliers come from
/// secondary sources, and the paper's own base constants a–e are not available to us: the preset
/// puts the multipliers on Hoffmann et al.'s printed Chinchilla constants, so its absolute losses
/// are Chinchilla's, and only the increase from compression is Frantar's.
public enum Frantar2025 {
    /// The published effective-parameter multipliers, by format. [S]
    public static let multipliers: KeyValuePairs<String, Double> = [
        "INT4-weights": 0.923, "W4A4": 0.747, "W1A1": 0.067, "50%-sparse": 0.871,
    ]

    /// Chinchilla (Hoffmann printed) with N → N·eff(C), one eff per format of ``multipliers``. [S]
    public static let onChinchilla: ScalingLaw<CompressedChinchillaForm> = {
        let labels = multipliers.map(\.key)
        let values = Dictionary(uniqueKeysWithValues: multipliers.map { (Parameter("eff_\($0.key)"), $0.value) })
        let effective = try! ScalingLaw(PerCategoryEffectiveParametersForm(labels: labels), values: values)
        var law = try! Hoffmann2022.printed.substituting(.N, with: effective)
        law.name = "Frantar2025.onChinchilla"
        law.provenance = Provenance(
            citation: "Frantar et al. 2025, Compression Scaling Laws: Unifying Sparsity and Quantization",
            confidence: .secondary,
            notes: "Multipliers from secondary sources; base constants are Hoffmann 2022's printed ones (the paper's a–e are unavailable).")
        law.fittedRange = Hoffmann2022.range
        return law
    }()

    /// The format variable of ``onChinchilla``.
    public static var format: Variable { .compressionFormat(multipliers.map(\.key)) }
}

extension ScalingLaw where Form == CompressedChinchillaForm {
    /// The loss at `N` parameters and `D` tokens when compressed in the format labelled `format`.
    public func callAsFunction(N: Double, D: Double, format: String) throws(ScalingLawError) -> Double {
        guard let variable = variables.first(where: { !$0.categories.isEmpty }) else {
            throw .missingVariable("format")
        }
        return try self([.N: N, .D: D, variable: try variable.index(ofCategory: format)])
    }
}

extension Frantar2025 {
    /// The paper's presets, for the ``PresetCatalog``: 7B parameters on 140B tokens in W4A4.
    static var presets: [Preset] {
        let w4a4 = Double(multipliers.map(\.key).firstIndex(of: "W4A4") ?? 0)
        return [Preset(onChinchilla, paper: "Frantar2025", typicalPoint: [.N: 7e9, .D: 1.4e11, format: w4a4])]
    }
}
