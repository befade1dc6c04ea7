/// Where a preset's constants come from and how far to trust them.
public struct Provenance: Sendable, Hashable {
    /// How the constants were obtained (the tags `[P]`, `[C]`, `[S]` of `Documentation/References.md`).
    public enum Confidence: String, Sendable, Hashable {
        /// Read in the paper's full text or the authors' own code.
        case paper = "[P]"
        /// Recomputed from the stated formula and constants.
        case recomputed = "[C]"
        /// From secondary sources (summaries of the paper) only: use with care.
        case secondary = "[S]"
    }

    /// The paper, and where in it the constants are.
    public var citation: String
    /// How the constants were obtained.
    public var confidence: Confidence
    /// Caveats: what the parameter counts mean, what is unpublished, known discrepancies.
    public var notes: String

    /// A provenance record.
    public init(citation: String, confidence: Confidence, notes: String = "") {
        self.citation = citation
        self.confidence = confidence
        self.notes = notes
    }
}

/// The region of inputs a preset was fitted on; queries outside it are extrapolations.
public struct FittedRange: Sendable, Hashable {
    /// The observed range of each variable that the fit saw.
    public var bounds: [Variable: ClosedRange<Double>]

    /// A fitted range from each variable's observed interval.
    public init(_ bounds: [Variable: ClosedRange<Double>]) { self.bounds = bounds }

    /// The variables of `point` that fall outside their fitted range.
    public func extrapolations(at point: [Variable: Double]) -> [Extrapolation] {
        bounds.keys.sorted { $0.id < $1.id }.compactMap { variable in
            guard let value = point[variable], let range = bounds[variable], !range.contains(value) else { return nil }
            return Extrapolation(variable: variable, value: value, fittedRange: range)
        }
    }
}

/// A variable of a query that lies outside the range the law was fitted on.
public struct Extrapolation: Sendable, Hashable, CustomStringConvertible {
    /// The variable outside its range.
    public var variable: Variable
    /// The queried value.
    public var value: Double
    /// The range the preset was fitted on.
    public var fittedRange: ClosedRange<Double>

    /// How far outside the range, as a ratio (> 1): value / upper bound, or lower bound / value.
    public var factor: Double {
        value > fittedRange.upperBound ? value / fittedRange.upperBound : fittedRange.lowerBound / value
    }

    public var description: String {
        let side = value > fittedRange.upperBound ? "above" : "below"
        let fitted = "[\(Formula.format(fittedRange.lowerBound, .unicode)), \(Formula.format(fittedRange.upperBound, .unicode))]"
        return "\(variable.id) = \(Formula.format(value, .unicode)) is \(side) the fitted range \(fitted)"
    }
}

/// A law's value together with the extrapolation warnings of its query.
public struct Prediction: Sendable, Hashable {
    /// The law's value.
    public var value: Double
    /// Empty when every variable is inside the preset's fitted range (or the law has none).
    public var extrapolations: [Extrapolation]
    /// Whether any variable lies outside its fitted range.
    public var isExtrapolation: Bool { !extrapolations.isEmpty }
}
