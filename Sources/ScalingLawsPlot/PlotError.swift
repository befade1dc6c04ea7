/// Why a chart could not be drawn: each case names the series (or axis) and the value at fault.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The chart has nothing to draw.
    case noSeries
    /// A series holds NaN or ±∞ at `index`.
    case nonFiniteValue(series: String, index: Int, value: Double)
    /// A value on a logarithmic axis is zero or negative.
    case nonPositiveOnLogAxis(series: String, index: Int, value: Double, axis: String)
    /// An axis range is empty, reversed, not finite, or not positive on a logarithmic axis.
    case invalidRange(axis: String, lower: Double, upper: Double)
    /// Columns of one series (x and y, lower and upper, or a region map's cells) differ in length.
    case mismatchedLengths(series: String, detail: String)
    /// A region map cell names no category.
    case invalidCategory(row: Int, column: Int, index: Int, categories: Int)
    /// The document is too small for axes, labels and legend (at least 240 × 200 px, finite).
    case invalidSize(width: Double, height: Double)

    public var description: String {
        switch self {
        case .noSeries:
            return "the chart has no series to draw"
        case .nonFiniteValue(let series, let index, let value):
            return "series '\(series)' has the non-finite value \(value) at index \(index)"
        case .nonPositiveOnLogAxis(let series, let index, let value, let axis):
            return "series '\(series)' has \(value) at index \(index), which the logarithmic \(axis) axis cannot show (values must be > 0)"
        case .invalidRange(let axis, let lower, let upper):
            return "the \(axis) axis range [\(lower), \(upper)] is empty, reversed, not finite or not positive on a log scale"
        case .mismatchedLengths(let series, let detail):
            return "series '\(series)': \(detail)"
        case .invalidCategory(let row, let column, let index, let categories):
            return "region map cell (row \(row), column \(column)) names category \(index), but there are \(categories)"
        case .invalidSize(let width, let height):
            return "the document size \(width) × \(height) px is too small or not finite (at least 240 × 200 px)"
        }
    }
}
