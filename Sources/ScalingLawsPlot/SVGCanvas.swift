import Foundation

/// The colour-blind-safe palette of Okabe and Ito (2008), darkest first, yellow last.
let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999", "#F0E442"]

/// SVG text built up element by element, with the chart's geometry.
struct SVGCanvas {
    let width: Double
    let height: Double
    var body: [String] = []

    /// Text escaped for XML character data and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with two decimals.
    static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    mutating func append(_ element: String) { body.append(element) }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                       weight: String = "normal", rotate: Double? = nil, color: String = "#222222", halo: Bool = false) {
        let n = SVGCanvas.number
        let transform = rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
        let outline = halo ? " stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" : ""
        append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(color)\"\(outline)\(transform)>\(SVGCanvas.escape(content))</text>")
    }

    /// A marker of `shape` centred on (x, y).
    static func marker(_ shape: MarkerShape, x: Double, y: Double, color: String, size: Double = 4) -> String {
        let n = SVGCanvas.number
        switch shape {
        case .circle:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(size))\" fill=\"\(color)\" fill-opacity=\"0.85\"/>"
        case .square:
            return "<rect x=\"\(n(x - size))\" y=\"\(n(y - size))\" width=\"\(n(2 * size))\" height=\"\(n(2 * size))\" fill=\"\(color)\" fill-opacity=\"0.85\"/>"
        case .triangle:
            return "<polygon points=\"\(n(x)),\(n(y - size * 1.2)) \(n(x - size * 1.1)),\(n(y + size * 0.8)) \(n(x + size * 1.1)),\(n(y + size * 0.8))\" fill=\"\(color)\" fill-opacity=\"0.85\"/>"
        case .diamond:
            return "<polygon points=\"\(n(x)),\(n(y - size * 1.3)) \(n(x + size)),\(n(y)) \(n(x)),\(n(y + size * 1.3)) \(n(x - size)),\(n(y))\" fill=\"\(color)\" fill-opacity=\"0.85\"/>"
        }
    }

    static func dashArray(_ style: LineStyle) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"7 4\""
        case .dotted: return " stroke-dasharray=\"2 3\""
        }
    }

    /// The whole document.
    func document(title: String) -> String {
        let n = SVGCanvas.number
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">",
            "<title>\(SVGCanvas.escape(title))</title>",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        ]
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The plot area of a chart: where the axes, grid and series go, and the legend beside it.
struct Frame {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    let x: AxisLayout
    let y: AxisLayout

    /// The plot area's left edge: room for the y axis title and the longest y tick label (about
    /// 7 px a character at 12 px), at least 84 px.
    static func left(for y: AxisLayout) -> Double {
        max(84, 42 + 7 * Double(y.ticks.compactMap { $0.label?.count }.max() ?? 0))
    }

    func px(_ value: Double) -> Double { left + x.fraction(value) * (right - left) }
    func py(_ value: Double) -> Double { bottom - y.fraction(value) * (bottom - top) }

    /// Grid, frame, ticks, tick labels, axis titles and the chart title; opens the plot-area group
    /// (closed by ``close(_:)``) that carries the ranges for readers and tests.
    func drawAxes(on canvas: inout SVGCanvas, title: String, xLabel: String, yLabel: String, minorGrid: Bool = true) {
        let n = SVGCanvas.number
        // A title wider than the plot area (about 8.5 px a character at 15 px) centres on the page
        // and, if it must, shrinks to fit.
        let titleWidth = 8.5 * Double(title.count)
        let centre = titleWidth <= right - left ? (left + right) / 2 : canvas.width / 2
        let size = Swift.min(15, 15 * (canvas.width - 16) / titleWidth)
        canvas.text(title, x: centre, y: 24, size: size, anchor: "middle", weight: "bold")
        for tick in x.ticks {
            let position = px(tick.value)
            let major = tick.label != nil
            if major || (minorGrid && tick.gridLine) {
                canvas.append("<line x1=\"\(n(position))\" y1=\"\(n(top))\" x2=\"\(n(position))\" y2=\"\(n(bottom))\" stroke=\"\(major ? "#dddddd" : "#f0f0f0")\" stroke-width=\"1\"/>")
            }
            canvas.append("<line x1=\"\(n(position))\" y1=\"\(n(bottom))\" x2=\"\(n(position))\" y2=\"\(n(bottom + (major ? 5 : 3)))\" stroke=\"#444444\"/>")
            if let label = tick.label {
                canvas.text(label, x: position, y: bottom + 19, size: 12, anchor: "middle")
            }
        }
        for tick in y.ticks {
            let position = py(tick.value)
            let major = tick.label != nil
            if major || (minorGrid && tick.gridLine) {
                canvas.append("<line x1=\"\(n(left))\" y1=\"\(n(position))\" x2=\"\(n(right))\" y2=\"\(n(position))\" stroke=\"\(major ? "#dddddd" : "#f0f0f0")\" stroke-width=\"1\"/>")
            }
            canvas.append("<line x1=\"\(n(left - (major ? 5 : 3)))\" y1=\"\(n(position))\" x2=\"\(n(left))\" y2=\"\(n(position))\" stroke=\"#444444\"/>")
            if let label = tick.label {
                canvas.text(label, x: left - 8, y: position + 4, size: 12, anchor: "end")
            }
        }
        canvas.append("<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\" fill=\"none\" stroke=\"#444444\"/>")
        canvas.text(xLabel, x: (left + right) / 2, y: bottom + 42, size: 13, anchor: "middle")
        canvas.text(yLabel, x: 18, y: (top + bottom) / 2, size: 13, anchor: "middle", rotate: -90)
        canvas.append("<clipPath id=\"plot-clip\"><rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\"/></clipPath>")
        canvas.append("<g class=\"plot-area\" clip-path=\"url(#plot-clip)\" data-x-scale=\"\(x.scale.rawValue)\" data-y-scale=\"\(y.scale.rawValue)\" data-x-min=\"\(x.lower)\" data-x-max=\"\(x.upper)\" data-y-min=\"\(y.lower)\" data-y-max=\"\(y.upper)\">")
    }

    func close(_ canvas: inout SVGCanvas) { canvas.append("</g>") }
}
