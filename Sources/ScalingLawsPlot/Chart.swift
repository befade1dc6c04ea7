import Foundation

/// A chart of lines, markers, shaded bands and vertical markers on linear or logarithmic axes,
/// written as a standalone SVG document.
///
/// ```swift
/// var chart = Chart(title: "Loss vs tokens", x: Axis("D (tokens)", scale: .log10), y: Axis("loss"))
/// chart.add(try LineSeries("N = 1e9", x: [1e9, 1e10, 1e11], y: [3.1, 2.7, 2.5]))
/// chart.add(VerticalMarker(x: 2e10, label: "D_crit"))
/// let svg = try chart.svg()
/// ```
///
/// Series take the colours of a colour-blind-safe palette (Okabe and Ito) in the order they are
/// added, unless they name their own. The legend sits to the right of the plot area, outside it, or,
/// when its labels are too long or too many for that, in rows under the x axis (a label too long
/// even for the whole width ends in "…").
public struct Chart: Sendable {
    /// The title above the plot.
    public var title: String
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// The document's width in pixels (at least 240).
    public var width: Double = 760
    /// The document's height in pixels (at least 200); a legend too long to sit beside the plot
    /// goes under it and makes the document taller if the plot would otherwise drop below 160 px.
    public var height: Double = 480

    /// The bands, drawn first (under everything else).
    public private(set) var bands: [BandSeries] = []
    /// The lines, drawn over the bands.
    public private(set) var lines: [LineSeries] = []
    /// The marker series, drawn over the lines.
    public private(set) var scatters: [ScatterSeries] = []
    /// The vertical markers, drawn last.
    public private(set) var markers: [VerticalMarker] = []
    /// Insertion order of every series, for colours and the legend.
    private var order: [(kind: Kind, index: Int)] = []

    private enum Kind { case band, line, scatter }

    /// An empty chart.
    public init(title: String, x: Axis, y: Axis) {
        self.title = title
        self.x = x
        self.y = y
    }

    /// Adds a line.
    public mutating func add(_ series: LineSeries) {
        order.append((.line, lines.count))
        lines.append(series)
    }

    /// Adds markers.
    public mutating func add(_ series: ScatterSeries) {
        order.append((.scatter, scatters.count))
        scatters.append(series)
    }

    /// Adds a shaded band.
    public mutating func add(_ series: BandSeries) {
        order.append((.band, bands.count))
        bands.append(series)
    }

    /// Adds a vertical marker.
    public mutating func add(_ marker: VerticalMarker) { markers.append(marker) }

    /// The chart as an SVG document.
    /// - Throws: ``PlotError`` for a chart without series, a non-finite value, a non-positive value
    ///   on a logarithmic axis, an invalid axis range, or a document smaller than 240 × 200 px.
    public func svg() throws(PlotError) -> String {
        guard !order.isEmpty else { throw .noSeries }
        try Legend.checkSize(width: width, height: height)
        let (xs, ys) = try validatedCoordinates()
        let xLayout = try AxisLayout.make(x, name: "x", dataLower: xs.min()!, dataUpper: xs.max()!)
        let yLayout = try AxisLayout.make(y, name: "y", dataLower: ys.min()!, dataUpper: ys.max()!)
        let colors = seriesColors()
        let legend = Legend(legendEntries(colors), width: width, height: height, top: 40)
        let documentHeight = legend.documentHeight(height, top: 40)
        let frame = Frame(left: Frame.left(for: yLayout), top: 40, right: legend.plotRight(chartWidth: width), bottom: legend.plotBottom(chartHeight: documentHeight),
                          x: xLayout, y: yLayout)
        var canvas = SVGCanvas(width: width, height: documentHeight)
        frame.drawAxes(on: &canvas, title: title, xLabel: x.label, yLabel: y.label)
        drawSeries(frame, colors, on: &canvas)
        frame.close(&canvas)
        drawMarkers(frame, on: &canvas)
        legend.draw(beside: frame, on: &canvas)
        return canvas.document(title: title)
    }

    /// Writes ``svg()`` to `url`.
    public func write(to url: URL) throws {
        try Data(try svg().utf8).write(to: url)
    }

    /// Every coordinate the axes must show, after checking each is finite (and positive on a log axis).
    private func validatedCoordinates() throws(PlotError) -> (xs: [Double], ys: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        func check(_ value: Double, _ axis: Axis, _ name: String, series: String, index: Int) throws(PlotError) {
            guard value.isFinite else { throw .nonFiniteValue(series: series, index: index, value: value) }
            if axis.scale == .log10, !(value > 0) {
                throw .nonPositiveOnLogAxis(series: series, index: index, value: value, axis: name)
            }
        }
        for series in lines {
            for (index, point) in series.points.enumerated() {
                try check(point.x, x, "x", series: series.label, index: index)
                try check(point.y, y, "y", series: series.label, index: index)
                xs.append(point.x); ys.append(point.y)
            }
        }
        for series in scatters {
            for (index, point) in series.points.enumerated() {
                try check(point.x, x, "x", series: series.label, index: index)
                try check(point.y, y, "y", series: series.label, index: index)
                xs.append(point.x); ys.append(point.y)
            }
        }
        for band in bands {
            for index in band.x.indices {
                try check(band.x[index], x, "x", series: band.label, index: index)
                try check(band.lower[index], y, "y", series: band.label, index: index)
                try check(band.upper[index], y, "y", series: band.label, index: index)
                xs.append(band.x[index]); ys += [band.lower[index], band.upper[index]]
            }
        }
        for (index, marker) in markers.enumerated() {
            try check(marker.x, x, "x", series: marker.label, index: index)
            xs.append(marker.x)
        }
        if let range = x.range { xs += [range.lowerBound, range.upperBound] }
        if let range = y.range { ys += [range.lowerBound, range.upperBound] }
        guard !xs.isEmpty, !ys.isEmpty else { throw .noSeries }
        return (xs, ys)
    }

    /// Each series' colour: its own, or the next palette colour (series with their own colours do
    /// not use up palette entries).
    private func seriesColors() -> [String] {
        var next = 0
        return order.map { entry in
            let own: String?
            switch entry.kind {
            case .band: own = bands[entry.index].color
            case .line: own = lines[entry.index].color
            case .scatter: own = scatters[entry.index].color
            }
            if let own { return own }
            defer { next += 1 }
            return palette[next % palette.count]
        }
    }

    private func legendEntries(_ colors: [String]) -> [LegendEntry] {
        order.enumerated().map { position, entry in
            switch entry.kind {
            case .band: return LegendEntry(label: bands[entry.index].label, color: colors[position], swatch: .band)
            case .line:
                let line = lines[entry.index]
                return LegendEntry(label: line.label, color: colors[position], swatch: .line(line.style, line.marker))
            case .scatter:
                let scatter = scatters[entry.index]
                return LegendEntry(label: scatter.label, color: colors[position], swatch: .marker(scatter.marker))
            }
        }
    }

    private func drawSeries(_ frame: Frame, _ colors: [String], on canvas: inout SVGCanvas) {
        let n = SVGCanvas.number
        // Bands under lines under markers, each group in insertion order.
        for kind in [Kind.band, .line, .scatter] {
            for (position, entry) in order.enumerated() where entry.kind == kind {
                let color = colors[position]
                switch kind {
                case .band:
                    let band = bands[entry.index]
                    let upper = band.x.indices.map { "\(n(frame.px(band.x[$0]))),\(n(frame.py(band.upper[$0])))" }
                    let lower = band.x.indices.reversed().map { "\(n(frame.px(band.x[$0]))),\(n(frame.py(band.lower[$0])))" }
                    canvas.append("<g class=\"series\" data-kind=\"band\" data-label=\"\(SVGCanvas.escape(band.label))\" data-points=\"\(band.x.count)\">")
                    canvas.append("<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.22\" stroke=\"none\"/>")
                case .line:
                    let line = lines[entry.index]
                    let path = line.points.enumerated().map { index, point in
                        "\(index == 0 ? "M" : "L")\(n(frame.px(point.x))),\(n(frame.py(point.y)))"
                    }.joined(separator: " ")
                    canvas.append("<g class=\"series\" data-kind=\"line\" data-label=\"\(SVGCanvas.escape(line.label))\" data-points=\"\(line.points.count)\">")
                    canvas.append("<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(line.width))\" stroke-linejoin=\"round\"\(SVGCanvas.dashArray(line.style))/>")
                    if let marker = line.marker {
                        for point in line.points {
                            canvas.append(SVGCanvas.marker(marker, x: frame.px(point.x), y: frame.py(point.y), color: color, size: 3.5))
                        }
                    }
                case .scatter:
                    let scatter = scatters[entry.index]
                    canvas.append("<g class=\"series\" data-kind=\"scatter\" data-label=\"\(SVGCanvas.escape(scatter.label))\" data-points=\"\(scatter.points.count)\">")
                    for point in scatter.points {
                        canvas.append(SVGCanvas.marker(scatter.marker, x: frame.px(point.x), y: frame.py(point.y), color: color))
                    }
                }
                canvas.append("</g>")
            }
        }
    }

    private func drawMarkers(_ frame: Frame, on canvas: inout SVGCanvas) {
        let n = SVGCanvas.number
        let lines = markers.map { frame.px($0.x) }
        var placed: [[ClosedRange<Double>]] = []
        for (index, marker) in markers.enumerated() {
            let position = lines[index]
            let color = marker.color ?? "#444444"
            canvas.append("<g class=\"marker\" data-label=\"\(SVGCanvas.escape(marker.label))\" data-x=\"\(marker.x)\">")
            canvas.append("<line x1=\"\(n(position))\" y1=\"\(n(frame.top))\" x2=\"\(n(position))\" y2=\"\(n(frame.bottom))\" stroke=\"\(color)\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>")
            let slot = Self.labelSlot(width: 6.6 * Double(marker.label.count), at: position, lines: lines, placed: placed,
                                      within: frame.left...frame.right)
            while placed.count <= slot.row { placed.append([]) }
            placed[slot.row].append(slot.span)
            canvas.text(marker.label, x: slot.rightward ? position + 4 : position - 4, y: frame.top + 14 + 14 * Double(slot.row),
                        size: 11, anchor: slot.rightward ? "start" : "end", color: color, halo: true)
            canvas.append("</g>")
        }
    }

    /// Where a marker's label goes: the highest row, right of its line if it fits the plot (else
    /// left), where it overlaps no label already placed and, if possible, crosses no other
    /// marker's line. A white halo keeps it legible over whatever it still crosses.
    private static func labelSlot(width: Double, at position: Double, lines: [Double], placed: [[ClosedRange<Double>]],
                                  within plot: ClosedRange<Double>) -> (row: Int, rightward: Bool, span: ClosedRange<Double>) {
        func span(_ rightward: Bool) -> ClosedRange<Double> {
            rightward ? (position + 1)...(position + 7 + width) : (position - 7 - width)...(position - 1)
        }
        let sides = [true, false].filter { plot.contains(span($0).lowerBound) && plot.contains(span($0).upperBound) }
        let choices = sides.isEmpty ? [position + 4 + width <= plot.upperBound] : sides
        for avoidLines in [true, false] {
            for row in 0...placed.count {
                for rightward in choices {
                    let candidate = span(rightward)
                    let free = row == placed.count || !placed[row].contains { $0.overlaps(candidate) }
                    let clear = !avoidLines || !lines.contains { $0 != position && candidate.contains($0) }
                    if free && clear && row < 4 + (avoidLines ? 0 : placed.count) { return (row, rightward, candidate) }
                }
            }
        }
        return (placed.count, choices[0], span(choices[0]))
    }
}
