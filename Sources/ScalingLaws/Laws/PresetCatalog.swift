/// One published law in the ``PresetCatalog``: the law with its constants, the paper it comes
/// from, and a realistic query to try it on.
public struct Preset: Sendable, CustomStringConvertible {
    /// The law, its constants, provenance and fitted range.
    public let law: any ScalingLawProtocol
    /// The paper's short name, e.g. `"Hoffmann2022"`: the namespace the preset lives in.
    public let paper: String
    /// A point where every variable takes a value the paper's experiments or claims use (raw
    /// counts: N in parameters, D in tokens).
    public let typicalPoint: [Variable: Double]

    /// A catalog entry.
    public init(_ law: any ScalingLawProtocol, paper: String, typicalPoint: [Variable: Double]) {
        self.law = law
        self.paper = paper
        self.typicalPoint = typicalPoint
    }

    /// The law's name.
    public var name: String { law.name }
    /// The confidence tag of the constants (`[P]`, `[S]`, …), or nil for a law without provenance.
    public var confidence: Provenance.Confidence? { law.provenance?.confidence }
    public var description: String { name }
}

/// Every published law the library ships, with its paper and a typical query: the one list that
/// tests iterate to check every preset in every scalar type and that the examples list.
///
/// ```swift
/// for preset in PresetCatalog.all {
///     print(preset.name, preset.confidence?.rawValue ?? "", try preset.law(preset.typicalPoint))
/// }
/// ```
public enum PresetCatalog {
    /// Every preset, grouped by paper: the Chinchilla base, the five quantization papers in
    /// publication order, then the laws that followed them (QuEST, Quartet) and the neighbouring
    /// laws of data repetition and sparsity.
    public static let all: [Preset] =
        Hoffmann2022.presets + Besiroglu2024.presets + Ouyang2024.presets + Kumar2024.presets
        + Chen2025.presets + Sun2025.presets + Frantar2025.presets + Panferov2025.presets + Castro2025.presets
        + Muennighoff2023.presets + Frantar2024.presets

    /// The papers, in catalog order.
    public static var papers: [String] {
        var seen: [String] = []
        for preset in all where !seen.contains(preset.paper) { seen.append(preset.paper) }
        return seen
    }

    /// The preset named `name` (e.g. `"Sun2025.capybara"`): for names that arrive as text.
    public static func preset(named name: String) throws(ScalingLawError) -> Preset {
        guard let found = all.first(where: { $0.name == name }) else {
            throw .unknownPreset(name, known: all.map(\.name))
        }
        return found
    }
}
