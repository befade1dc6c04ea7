/// The residuals of a fit at its optimum, in its ``ResidualSpace`` (ln y − ln ŷ, or y − ŷ).
public struct ResidualSummary: Sendable, Hashable {
    /// The number of points.
    public let count: Int
    /// The mean residual (near 0 for an unbiased fit).
    public let mean: Double
    /// √(mean of r²).
    public let rootMeanSquare: Double
    /// The median of |r|.
    public let medianAbsolute: Double
    /// The largest |r|.
    public let maximumAbsolute: Double
    /// The 0-based row of the largest |r|.
    public let maximumAbsoluteRow: Int

    init(_ residuals: [Double]) {
        count = residuals.count
        mean = residuals.reduce(0, +) / Double(Swift.max(count, 1))
        rootMeanSquare = (residuals.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(count, 1))).squareRoot()
        let magnitudes = residuals.map { Swift.abs($0) }
        let sorted = magnitudes.sorted()
        if sorted.isEmpty {
            medianAbsolute = 0
        } else if sorted.count % 2 == 1 {
            medianAbsolute = sorted[sorted.count / 2]
        } else {
            medianAbsolute = 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
        }
        let worst = magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] } ?? 0
        maximumAbsolute = magnitudes.isEmpty ? 0 : magnitudes[worst]
        maximumAbsoluteRow = worst
    }
}
