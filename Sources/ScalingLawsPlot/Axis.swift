/// One axis of a chart: its label, its scale and, optionally, a fixed range.
public struct Axis: Sendable, Equatable {
    /// How values map to positions along the axis.
    public enum Scale: String, Sendable, Equatable {
        /// Equal distances for equal differences; ticks at 1-2-5 steps.
        case linear
        /// Equal distances for equal ratios; ticks at powers of ten (and 2, 5 between them when
        /// the range spans few decades), labelled 10ᵏ.
        case log10
    }

    /// The axis title, with its unit.
    public var label: String
    /// Linear or logarithmic.
    public var scale: Scale
    /// The range to show; nil widens the data's range to whole ticks.
    public var range: ClosedRange<Double>?

    /// An axis titled `label`.
    public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}
