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
        let worst = magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] } ?? 0
        maximumAbsolute = magnitudes.isEmpty ? 0 : magnitudes[worst]
        maximumAbsoluteRow = worst
        medianAbsolute = Self.median(magnitudes)
    }

    /// The median by selection (Hoare's quickselect with a median-of-three pivot), not a sort: the
    /// summary of a million-point fit would otherwise spend longer sorting than fitting.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        var scratch = values
        let count = scratch.count
        let upper = scratch.withUnsafeMutableBufferPointer { select($0, rank: count / 2) }
        guard count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of the upper one after the partition.
        let lower = scratch[0..<(count / 2)].max()!
        return 0.5 * (lower + upper)
    }

    /// The value of rank `rank` (0-based) in `values`, which it partitions: afterwards everything
    /// left of `rank` is ≤ it and everything right ≥ it. The values must not be NaN.
    static func select(_ values: UnsafeMutableBufferPointer<Double>, rank: Int) -> Double {
        var low = 0, high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Median of three at low, middle, high, then Hoare's partition around its value.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return values[rank] }
        }
        return values[rank]
    }
}
