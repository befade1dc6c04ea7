import Foundation

/// A tick: a position on the axis and its label (nil for an unlabelled minor tick).
struct Tick: Equatable {
    var value: Double
    var label: String?
    /// Whether a grid line crosses the plot here (not for the 2…9 multiples of a many-decade axis).
    var gridLine = true
}

/// An axis resolved against its data: the range shown, its ticks, and the map from values to
/// fractions of the axis length.
struct AxisLayout {
    let scale: Axis.Scale
    let lower: Double
    let upper: Double
    let ticks: [Tick]

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`.
    func fraction(_ value: Double) -> Double {
        switch scale {
        case .linear: return (value - lower) / (upper - lower)
        case .log10: return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// The layout of `axis` for data spanning `dataLower...dataUpper` (finite; positive on a log axis).
    static func make(_ axis: Axis, name: String, dataLower: Double, dataUpper: Double) throws(PlotError) -> AxisLayout {
        if let range = axis.range {
            let valid = range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound
                && (axis.scale == .linear || range.lowerBound > 0)
            guard valid else { throw .invalidRange(axis: name, lower: range.lowerBound, upper: range.upperBound) }
        }
        // A span beyond the largest Double has no ticks to step through.
        let lower = axis.range?.lowerBound ?? dataLower, upper = axis.range?.upperBound ?? dataUpper
        guard axis.scale == .log10 || (upper - lower).isFinite else { throw .invalidRange(axis: name, lower: lower, upper: upper) }
        // An explicit linear range too narrow for Double to step through cannot be honoured.
        if axis.scale == .linear, let range = axis.range,
           range.upperBound - range.lowerBound <= max(abs(range.lowerBound), abs(range.upperBound)) * 1e-9 {
            throw .invalidRange(axis: name, lower: range.lowerBound, upper: range.upperBound)
        }
        let layout = axis.scale == .linear ? linear(axis, dataLower: dataLower, dataUpper: dataUpper)
            : logarithmic(axis, dataLower: dataLower, dataUpper: dataUpper)
        // Widening to whole ticks can overflow (data near ±1.8e308) or underflow (below 1e-308 on a
        // log axis); such an axis cannot be drawn without infinities.
        let drawable = layout.lower.isFinite && layout.upper.isFinite && layout.lower < layout.upper
            && (axis.scale == .linear || layout.lower > 0) && layout.ticks.allSatisfy { $0.value.isFinite }
        guard drawable else { throw .invalidRange(axis: name, lower: lower, upper: upper) }
        return layout
    }

    private static func linear(_ axis: Axis, dataLower: Double, dataUpper: Double) -> AxisLayout {
        var low = axis.range?.lowerBound ?? dataLower, high = axis.range?.upperBound ?? dataUpper
        // Data spanning less than Double can step through in a few ticks (equal values, or 1e15
        // and 1e15 + 0.1) widen by a tenth around the middle.
        let magnitude = max(abs(low), abs(high))
        if high - low <= magnitude * 1e-9 {
            let middle = low / 2 + high / 2, pad = magnitude == 0 ? 1 : magnitude * 0.1
            low = middle - pad
            high = middle + pad
        }
        let step = niceStep((high - low) / 6)
        if axis.range == nil {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        guard step.isFinite, step > 0, low.isFinite, high.isFinite else {
            return AxisLayout(scale: .linear, lower: low, upper: high, ticks: [])
        }
        var values: [Double] = []
        var index = (low / step).rounded(.up)
        // At most a few dozen ticks; the bound only guards against a step lost in rounding.
        while index * step <= high + step * 1e-9, values.count < 100 {
            values.append(index * step)
            index += 1
        }
        let labels = linearLabels(values, step: step)
        return AxisLayout(scale: .linear, lower: low, upper: high, ticks: zip(values, labels).map { Tick(value: $0, label: $1) })
    }

    /// Labels of 1-2-5 ticks `step` apart: plain decimals (`0.25`, `1200`) between 10⁻³ and 10⁶, else
    /// a multiple of one shared power of ten (`2×10⁹`, `0.5×10⁻⁴`) instead of a long row of digits.
    static func linearLabels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map(abs).max() ?? 0
        let stepExponent = Int(Foundation.log10(step).rounded(.down))
        let exponent = largest >= 1e6 || (largest > 0 && largest < 1e-3) ? Int(Foundation.log10(largest).rounded(.down)) : 0
        let scale = Foundation.pow(10, Double(exponent))
        // Enough decimals for the step's own digits (one more for a 2.5 step, say).
        let least = max(0, exponent - stepExponent)
        let decimals = (least...(least + 3)).first { decimals in
            values.allSatisfy { abs((Double(String(format: "%.\(decimals)f", $0 / scale)) ?? .nan) * scale - $0) <= step * 1e-6 }
        } ?? least + 3
        return values.map { value in
            var text = String(format: "%.\(decimals)f", value / scale)
            if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
            text = text.replacingOccurrences(of: "-", with: "−")
            if exponent == 0 { return text }
            return Double(text) == 0 ? "0" : text + "×" + powerOfTen(exponent)
        }
    }

    /// The smallest of 1, 2, 5 × 10ᵏ not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = Foundation.pow(10, Foundation.log10(raw).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) { return factor * magnitude }
        return 10 * magnitude
    }

    private static func logarithmic(_ axis: Axis, dataLower: Double, dataUpper: Double) -> AxisLayout {
        var low = axis.range?.lowerBound ?? dataLower, high = axis.range?.upperBound ?? dataUpper
        if low == high {
            low /= 10
            high *= 10
        }
        let span = Foundation.log10(high) - Foundation.log10(low)
        if axis.range == nil {
            if span >= 1 {
                low = Foundation.pow(10, Foundation.log10(low).rounded(.down))
                high = Foundation.pow(10, Foundation.log10(high).rounded(.up))
            } else {
                low = oneTwoFive(below: low)
                high = oneTwoFive(above: high)
            }
        }
        // Past the Double range there are no decades to count; `make` rejects the empty layout.
        guard low > 0, high.isFinite, low < high else { return AxisLayout(scale: .log10, lower: low, upper: high, ticks: []) }
        let firstDecade = Int(Foundation.log10(low).rounded(.down)), lastDecade = Int(Foundation.log10(high).rounded(.up))
        let decades = lastDecade - firstDecade
        // Label every decade up to ten of them, then every other (or every third …).
        let stride = max(1, Int((Double(decades) / 10).rounded(.up)))
        let shownDecades = Foundation.log10(high) - Foundation.log10(low)
        // Within a decade every multiple gets a label; within a few, 2 and 5 do; beyond, decades only.
        let labelledMultiples: Set<Int> = shownDecades <= 1 ? Set(1...9) : shownDecades < 2.5 ? [1, 2, 5] : [1]
        // Values between 0.001 and 10⁴ read best as plain numbers (2, 50, 0.01); others as 10ᵏ.
        let plain = low >= 1e-3 * (1 - 1e-12) && high <= 1e4 * (1 + 1e-12)
        var ticks: [Tick] = []
        for decade in firstDecade...lastDecade {
            let base = Foundation.pow(10, Double(decade))
            for multiple in 1...9 {
                let value = Double(multiple) * base
                guard value >= low * (1 - 1e-12), value <= high * (1 + 1e-12) else { continue }
                // Past six decades (up to twelve) the multiples are short ticks only, without grid lines.
                guard multiple == 1 || decades <= 12 else { continue }
                let labelled = labelledMultiples.contains(multiple) && (multiple != 1 || (decade - firstDecade) % stride == 0)
                let text = plain ? plainNumber(value) : (multiple == 1 ? powerOfTen(decade) : "\(multiple)×" + powerOfTen(decade))
                ticks.append(Tick(value: value, label: labelled ? text : nil, gridLine: multiple == 1 || decades <= 6))
            }
        }
        return AxisLayout(scale: .log10, lower: low, upper: high, ticks: ticks)
    }

    private static func oneTwoFive(below value: Double) -> Double {
        let base = Foundation.pow(10, Foundation.log10(value).rounded(.down))
        for multiple in [5.0, 2, 1] where multiple * base <= value * (1 + 1e-12) { return multiple * base }
        return base
    }

    private static func oneTwoFive(above value: Double) -> Double {
        let base = Foundation.pow(10, Foundation.log10(value).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * base >= value * (1 - 1e-12) { return multiple * base }
        return 10 * base
    }

    /// A value of the form m·10ᵏ (|k| ≤ 4) without exponent: `0.002`, `50`, `3000`.
    static func plainNumber(_ value: Double) -> String {
        let decimals = max(0, -Int(Foundation.log10(value).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    /// `10ᵏ` with the exponent in Unicode superscripts (`1` for k = 0, `10` for k = 1).
    static func powerOfTen(_ exponent: Int) -> String {
        if exponent == 0 { return "1" }
        if exponent == 1 { return "10" }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}
