import Foundation

/// A map of which category wins over a grid of (x, y) cells: e.g. the lowest safe bit width over
/// model size and tokens per parameter.
///
/// Cell `cells[row][column]` covers `xEdges[column]...xEdges[column + 1]` by
/// `yEdges[row]...yEdges[row + 1]` and is coloured by the category it names (an index into
/// `categories`).
public struct RegionMap: Sendable {
    /// The title above the map.
    public var title: String
    /// The horizontal axis (its range is the edges').
    public var x: Axis
    /// The vertical axis (its range is the edges').
    public var y: Axis
    /// The column boundaries, increasing.
    public var xEdges: [Double]
    /// The row boundaries, increasing.
    public var yEdges: [Double]
    /// The category names, in legend order.
    public var categories: [String]
    /// One row per y interval, one category index per x interval.
    public var cells: [[Int]]
    /// The document's width in pixels (at least 240).
    public var width: Double = 760
    /// The document's height in pixels (at least 200; taller if a long legend needs it).
    public var height: Double = 480

    /// A region map; see the type's description for the shapes.
    public init(title: String, x: Axis, y: Axis, xEdges: [Double], yEdges: [Double], categories: [String], cells: [[Int]]) {
        self.title = title
        self.x = x
        self.y = y
        self.xEdges = xEdges
        self.yEdges = yEdges
        self.categories = categories
        self.cells = cells
    }

    /// The map as an SVG document.
    /// - Throws: ``PlotError`` for edges and cells whose counts disagree, a cell naming no
    ///   category, non-finite edges or non-positive ones on a logarithmic axis, or a document
    ///   smaller than 240 × 200 px.
    public func svg() throws(PlotError) -> String {
        try validate()
        try Legend.checkSize(width: width, height: height)
        var xAxis = x, yAxis = y
        xAxis.range = xEdges.first!...xEdges.last!
        yAxis.range = yEdges.first!...yEdges.last!
        let xLayout = try AxisLayout.make(xAxis, name: "x", dataLower: xEdges.first!, dataUpper: xEdges.last!)
        let yLayout = try AxisLayout.make(yAxis, name: "y", dataLower: yEdges.first!, dataUpper: yEdges.last!)
        let colors = categories.indices.map { palette[$0 % palette.count] }
        let legend = Legend(categories.enumerated().map { LegendEntry(label: $1, color: colors[$0], swatch: .band) },
                            width: width, height: height, top: 40)
        let documentHeight = legend.documentHeight(height, top: 40)
        let frame = Frame(left: Frame.left(for: yLayout), top: 40, right: legend.plotRight(chartWidth: width), bottom: legend.plotBottom(chartHeight: documentHeight),
                          x: xLayout, y: yLayout)
        var canvas = SVGCanvas(width: width, height: documentHeight)
        let n = SVGCanvas.number
        // Cells first, so the grid and frame draw over them.
        canvas.append("<g class=\"cells\" data-rows=\"\(cells.count)\" data-columns=\"\(xEdges.count - 1)\">")
        for (row, line) in cells.enumerated() {
            for (column, category) in line.enumerated() {
                let left = frame.px(xEdges[column]), right = frame.px(xEdges[column + 1])
                let top = frame.py(yEdges[row + 1]), bottom = frame.py(yEdges[row])
                canvas.append("<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left + 0.3))\" height=\"\(n(bottom - top + 0.3))\" fill=\"\(colors[category])\" fill-opacity=\"0.55\" data-category=\"\(category)\"/>")
            }
        }
        canvas.append("</g>")
        frame.drawAxes(on: &canvas, title: title, xLabel: x.label, yLabel: y.label, minorGrid: false)
        for (index, category) in categories.enumerated() {
            canvas.append("<g class=\"series\" data-kind=\"region\" data-label=\"\(SVGCanvas.escape(category))\" data-cells=\"\(cells.joined().filter { $0 == index }.count)\"></g>")
        }
        frame.close(&canvas)
        legend.draw(beside: frame, on: &canvas)
        return canvas.document(title: title)
    }

    /// Writes ``svg()`` to `url`.
    public func write(to url: URL) throws {
        try Data(try svg().utf8).write(to: url)
    }

    private func validate() throws(PlotError) {
        guard !categories.isEmpty, xEdges.count >= 2, yEdges.count >= 2 else { throw .noSeries }
        guard cells.count == yEdges.count - 1 else {
            throw .mismatchedLengths(series: title, detail: "\(cells.count) rows of cells for \(yEdges.count) y edges")
        }
        for (row, line) in cells.enumerated() {
            guard line.count == xEdges.count - 1 else {
                throw .mismatchedLengths(series: title, detail: "row \(row) has \(line.count) cells for \(xEdges.count) x edges")
            }
            for (column, category) in line.enumerated() where !categories.indices.contains(category) {
                throw .invalidCategory(row: row, column: column, index: category, categories: categories.count)
            }
        }
        for (edges, axis, name) in [(xEdges, x, "x"), (yEdges, y, "y")] {
            for (index, edge) in edges.enumerated() {
                guard edge.isFinite else { throw .nonFiniteValue(series: "\(name) edges", index: index, value: edge) }
                if axis.scale == .log10, !(edge > 0) {
                    throw .nonPositiveOnLogAxis(series: "\(name) edges", index: index, value: edge, axis: name)
                }
                if index > 0, !(edge > edges[index - 1]) {
                    throw .invalidRange(axis: name, lower: edges[index - 1], upper: edge)
                }
            }
        }
    }
}
