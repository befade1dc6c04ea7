import Foundation

/// One legend line: a swatch and its label.
struct LegendEntry {
    enum Swatch {
        case line(LineStyle, MarkerShape?)
        case marker(MarkerShape)
        case band
    }
    var label: String
    var color: String
    var swatch: Swatch
}

/// The legend and where it goes: a column beside the plot area when it is narrow and short enough,
/// otherwise rows of columns under the x-axis title. Either way it never covers the plot.
struct Legend {
    /// Beside the plot, `width` wide; or under it, in `columns` columns of `columnWidth` over `rows` rows.
    enum Placement: Equatable {
        case right(width: Double)
        case below(columns: Int, rows: Int, columnWidth: Double)
    }

    let entries: [LegendEntry]
    let placement: Placement
    /// Labels longer than this many characters end in "…" (only a one-column legend below needs it).
    private let maxCharacters: Int

    /// Throws ``PlotError/invalidSize(width:height:)`` unless the document can hold a plot.
    static func checkSize(width: Double, height: Double) throws(PlotError) {
        guard width.isFinite, height.isFinite, width >= 240, height >= 200 else { throw .invalidSize(width: width, height: height) }
    }

    /// About 7 px a character at 12 px, plus the 34 px swatch and a margin.
    private static func width(characters: Int) -> Double { 44 + 7 * Double(characters) }

    /// Lays `entries` out for a chart of `width` × `height`, whose plot area starts at `top`.
    init(_ entries: [LegendEntry], width: Double, height: Double, top: Double) {
        self.entries = entries
        let longest = entries.map(\.label.count).max() ?? 0
        let natural = Self.width(characters: longest)
        let available = width - 32
        maxCharacters = max(4, Int((available - 44) / 7))
        if entries.isEmpty {
            placement = .right(width: 0)
        } else if natural <= 0.36 * width, top + 8 + 18 * Double(entries.count) <= height - 58 {
            placement = .right(width: natural)
        } else {
            let columnWidth = min(natural, available)
            let columns = max(1, min(entries.count, Int(available / columnWidth)))
            placement = .below(columns: columns, rows: (entries.count + columns - 1) / columns, columnWidth: columnWidth)
        }
    }

    /// The plot area's right edge, leaving room for a legend beside it.
    func plotRight(chartWidth: Double) -> Double {
        if case .right(let width) = placement { return chartWidth - 24 - width }
        return chartWidth - 24
    }

    /// The document's height: `height`, or taller when a long legend under the plot would leave
    /// the plot area (from `top`) less than 160 px.
    func documentHeight(_ height: Double, top: Double) -> Double {
        max(height, top + 160 + (height - plotBottom(chartHeight: height)))
    }

    /// The plot area's bottom edge, leaving room for the x axis and a legend under it.
    func plotBottom(chartHeight: Double) -> Double {
        if case .below(_, let rows, _) = placement { return chartHeight - 58 - 18 * Double(rows) - 8 }
        return chartHeight - 58
    }

    /// Draws the legend beside or under `frame`.
    func draw(beside frame: Frame, on canvas: inout SVGCanvas) {
        canvas.append("<g class=\"legend\">")
        for (index, entry) in entries.enumerated() {
            let x: Double, y: Double
            switch placement {
            case .right:
                (x, y) = (frame.right + 16, frame.top + 8 + 18 * Double(index))
            case .below(let columns, _, let columnWidth):
                (x, y) = (16 + columnWidth * Double(index % columns), frame.bottom + 66 + 18 * Double(index / columns))
            }
            Self.draw(entry, x: x, y: y, maxCharacters: maxCharacters, on: &canvas)
        }
        canvas.append("</g>")
    }

    private static func draw(_ entry: LegendEntry, x: Double, y: Double, maxCharacters: Int, on canvas: inout SVGCanvas) {
        let n = SVGCanvas.number
        switch entry.swatch {
        case .line(let style, let marker):
            canvas.append("<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 26))\" y2=\"\(n(y))\" stroke=\"\(entry.color)\" stroke-width=\"2\"\(SVGCanvas.dashArray(style))/>")
            if let marker { canvas.append(SVGCanvas.marker(marker, x: x + 13, y: y, color: entry.color, size: 3.5)) }
        case .marker(let shape):
            canvas.append(SVGCanvas.marker(shape, x: x + 13, y: y, color: entry.color))
        case .band:
            canvas.append("<rect x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"26\" height=\"12\" fill=\"\(entry.color)\" fill-opacity=\"0.25\"/>")
        }
        let label = entry.label.count > maxCharacters ? String(entry.label.prefix(maxCharacters - 1)) + "…" : entry.label
        canvas.text(label, x: x + 34, y: y + 4, size: 12)
    }
}
