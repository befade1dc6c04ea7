/// A point of a series, in data coordinates.
public struct PlotPoint: Sendable, Equatable {
    /// The horizontal coordinate.
    public var x: Double
    /// The vertical coordinate.
    public var y: Double

    /// The point (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// How a line is stroked.
public enum LineStyle: String, Sendable, Equatable {
    /// A continuous line: measurements, fitted laws.
    case solid
    /// Dashes: predictions, extrapolations, reference lines.
    case dashed
    /// Dots: a third style when colour alone must not carry the distinction.
    case dotted
}

/// The shape of a point marker.
public enum MarkerShape: String, Sendable, Equatable {
    case circle, square, triangle, diamond
}

/// A line through points, in order, with an optional marker at each point.
public struct LineSeries: Sendable, Equatable {
    /// The legend entry.
    public var label: String
    /// The points, joined in order.
    public var points: [PlotPoint]
    /// Solid, dashed or dotted.
    public var style: LineStyle
    /// A marker at every point, or none.
    public var marker: MarkerShape?
    /// A CSS colour; nil takes the next colour of the chart's palette.
    public var color: String?
    /// The stroke width in pixels.
    public var width: Double

    /// A line through `points`.
    public init(_ label: String, points: [PlotPoint], style: LineStyle = .solid, marker: MarkerShape? = nil, color: String? = nil,
                width: Double = 2) {
        self.label = label
        self.points = points
        self.style = style
        self.marker = marker
        self.color = color
        self.width = width
    }

    /// A line through `(x[i], y[i])`.
    public init(_ label: String, x: [Double], y: [Double], style: LineStyle = .solid, marker: MarkerShape? = nil,
                color: String? = nil) throws(PlotError) {
        guard x.count == y.count else {
            throw .mismatchedLengths(series: label, detail: "\(x.count) x values but \(y.count) y values")
        }
        self.init(label, points: zip(x, y).map { PlotPoint($0, $1) }, style: style, marker: marker, color: color)
    }
}

/// Unconnected point markers: measurements.
public struct ScatterSeries: Sendable, Equatable {
    /// The legend entry.
    public var label: String
    /// The points.
    public var points: [PlotPoint]
    /// The marker drawn at each point.
    public var marker: MarkerShape
    /// A CSS colour; nil takes the next colour of the chart's palette.
    public var color: String?

    /// Markers at `points`.
    public init(_ label: String, points: [PlotPoint], marker: MarkerShape = .circle, color: String? = nil) {
        self.label = label
        self.points = points
        self.marker = marker
        self.color = color
    }
}

/// A shaded band between a lower and an upper curve over the same x values: an interval, such as
/// a bootstrap confidence band.
public struct BandSeries: Sendable, Equatable {
    /// The legend entry.
    public var label: String
    /// The x values, increasing.
    public var x: [Double]
    /// The lower edge at each x.
    public var lower: [Double]
    /// The upper edge at each x.
    public var upper: [Double]
    /// A CSS colour (drawn translucent); nil takes the next colour of the chart's palette.
    public var color: String?

    /// The band between `lower` and `upper` over `x`.
    public init(_ label: String, x: [Double], lower: [Double], upper: [Double], color: String? = nil) throws(PlotError) {
        guard x.count == lower.count, x.count == upper.count else {
            throw .mismatchedLengths(series: label, detail: "\(x.count) x values, \(lower.count) lower and \(upper.count) upper")
        }
        self.label = label
        self.x = x
        self.lower = lower
        self.upper = upper
        self.color = color
    }
}

/// A labelled vertical line at one x value: a critical data size, a compute budget.
public struct VerticalMarker: Sendable, Equatable {
    /// Where the line stands.
    public var x: Double
    /// The text written beside the line's top.
    public var label: String
    /// A CSS colour; nil draws it dark grey.
    public var color: String?

    /// A dashed vertical line at `x` labelled `label`.
    public init(x: Double, label: String, color: String? = nil) {
        self.x = x
        self.label = label
        self.color = color
    }
}
