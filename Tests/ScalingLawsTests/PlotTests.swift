import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ScalingLaws
@testable import ScalingLawsPlot

/// The SVG writer: documents parse as XML, carry their series and axis ranges, label log axes with
/// powers of ten and linear axes with 1-2-5 steps, escape text, and refuse bad input with typed
/// errors; the committed figures parse and hold what they claim.
@Suite struct PlotTests {
    /// What a parsed SVG holds: the plot area's attributes, each series' attributes, all text.
    final class Summary: NSObject, XMLParserDelegate {
        var plotArea: [String: String] = [:]
        var series: [[String: String]] = []
        var markers: [[String: String]] = []
        /// The root element's attributes.
        var root: [String: String] = [:]
        var texts: [String] = []
        /// The attributes of each text element, parallel to `texts`.
        var textAttributes: [[String: String]] = []
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch attributes["class"] {
            case "plot-area": plotArea = attributes
            case "series": series.append(attributes)
            case "marker": markers.append(attributes)
            default: break
            }
            if name == "svg" { root = attributes }
            inText = name == "text"
            if inText { texts.append(""); textAttributes.append(attributes) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }

        func range(_ axis: String) -> ClosedRange<Double>? {
            guard let low = plotArea["data-\(axis)-min"].flatMap(Double.init),
                  let high = plotArea["data-\(axis)-max"].flatMap(Double.init) else { return nil }
            return low...high
        }
    }

    static func parse(_ svg: String) throws -> Summary {
        let parser = XMLParser(data: Data(svg.utf8))
        let summary = Summary()
        parser.delegate = summary
        #expect(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return summary
    }

    @Test func lineChartCarriesSeriesRangesAndPowerOfTenLabels() throws {
        var chart = Chart(title: "Loss <vs> tokens & more", x: Axis("D", scale: .log10), y: Axis("loss"))
        chart.add(try LineSeries("N = 1e9 \"small\"", x: [1e9, 1e11, 1e13], y: [3.1, 2.6, 2.31]))
        chart.add(ScatterSeries("runs", points: [PlotPoint(2e9, 3.0), PlotPoint(5e12, 2.4)], marker: .square))
        chart.add(try BandSeries("90% band", x: [1e9, 1e13], lower: [3.0, 2.2], upper: [3.2, 2.4]))
        chart.add(VerticalMarker(x: 4e10, label: "D_crit"))
        let summary = try Self.parse(try chart.svg())
        #expect(summary.series.count == 3)
        #expect(summary.series.map { $0["data-label"] } == ["90% band", "N = 1e9 \"small\"", "runs"])
        #expect(summary.series.map { $0["data-kind"] } == ["band", "line", "scatter"])
        #expect(summary.markers.map { $0["data-label"] } == ["D_crit"])
        // Four decades, widened to whole decades: labelled 10⁹ … 10¹³.
        #expect(summary.range("x") == 1e9...1e13)
        for label in ["10⁹", "10¹⁰", "10¹¹", "10¹²", "10¹³"] { #expect(summary.texts.contains(label), "\(label)") }
        // The linear axis widens 2.2…3.2 to 1-2-5 steps of 0.2.
        #expect(summary.range("y") == 2.2...3.2)
        for label in ["2.2", "2.4", "2.6", "2.8", "3.0", "3.2"] { #expect(summary.texts.contains(label), "\(label)") }
        #expect(summary.texts.contains("Loss <vs> tokens & more"))
        let svg = try chart.svg()
        #expect(svg.contains(">Loss &lt;vs&gt; tokens &amp; more</text>"))
        #expect(svg.contains("data-label=\"N = 1e9 &quot;small&quot;\""))
    }

    /// Labels of markers close together go to different rows; one far away shares the first row.
    @Test func markerLabelsDoNotOverlap() throws {
        var chart = Chart(title: "t", x: Axis("x", scale: .log10), y: Axis("y"))
        chart.add(LineSeries("l", points: [PlotPoint(1, 1), PlotPoint(1e8, 2)]))
        for (x, label) in [(10.0, "first critical size"), (12, "second critical size"), (1e5, "far")] {
            chart.add(VerticalMarker(x: x, label: label))
        }
        let summary = try Self.parse(try chart.svg())
        func y(_ label: String) -> Double? {
            summary.texts.firstIndex(of: label).flatMap { summary.textAttributes[$0]["y"] }.flatMap(Double.init)
        }
        #expect(y("first critical size") != nil && y("first critical size") != y("second critical size"))
        #expect(y("far") == y("first critical size"))
    }

    /// A legend too wide or too tall for the side goes under the x-axis title, and a label too long
    /// even for the whole width is cut with "…"; short legends stay beside the plot.
    @Test func legendMovesBelowWhenItCannotFitBeside() throws {
        func chart(_ labels: [String]) -> Chart {
            var chart = Chart(title: "t", x: Axis("x title"), y: Axis("y"))
            for (index, label) in labels.enumerated() {
                chart.add(LineSeries(label, points: [PlotPoint(0, Double(index)), PlotPoint(1, Double(index) + 1)]))
            }
            return chart
        }
        func position(_ summary: Summary, _ text: String) -> (x: Double, y: Double)? {
            guard let index = summary.texts.firstIndex(of: text),
                  let x = summary.textAttributes[index]["x"].flatMap(Double.init),
                  let y = summary.textAttributes[index]["y"].flatMap(Double.init) else { return nil }
            return (x, y)
        }
        let long = String(repeating: "a very long series label ", count: 8)
        let wide = try Self.parse(try chart(["short", long]).svg())
        let axisTitle = try #require(position(wide, "x title"))
        let short = try #require(position(wide, "short"))
        #expect(short.y > axisTitle.y)
        let cut = try #require(wide.texts.first { $0.hasSuffix("…") })
        #expect(long.hasPrefix(String(cut.dropLast())))
        let cutAt = try #require(position(wide, cut))
        #expect(cutAt.x + 7 * Double(cut.count) <= 760)

        let tall = try Self.parse(try chart((1...30).map { "series \($0)" }).svg())
        let last = try #require(position(tall, "series 30"))
        let first = try #require(position(tall, "series 1")), tallTitle = try #require(position(tall, "x title"))
        #expect(first.y > tallTitle.y)
        #expect(last.y <= 480)

        // So many entries that the plot would vanish: the document grows instead.
        let crowded = try Self.parse(try chart((1...200).map { "a series with a rather long label \($0)" }).svg())
        #expect(crowded.root["height"].flatMap(Double.init).map { $0 > 480 } == true)
        #expect(crowded.root["width"] == "760.00")

        let side = try Self.parse(try chart(["a", "b"]).svg())
        let besideEntry = try #require(position(side, "a")), sideTitle = try #require(position(side, "x title"))
        #expect(besideEntry.y < sideTitle.y)
    }

    /// Eight decades: every power of ten labelled, the multiples 2…9 as short unlabelled ticks
    /// without grid lines.
    @Test func manyDecadesKeepMinorTicksWithoutGridLines() throws {
        let layout = try AxisLayout.make(Axis("D", scale: .log10), name: "x", dataLower: 1e9, dataUpper: 1e17)
        #expect(layout.ticks.compactMap(\.label) == (9...17).map { AxisLayout.powerOfTen($0) })
        let minor = layout.ticks.filter { $0.label == nil }
        #expect(minor.count == 8 * 8 && minor.allSatisfy { !$0.gridLine })
        #expect(AxisLayout.powerOfTen(-3) == "10⁻³" && AxisLayout.powerOfTen(13) == "10¹³")
    }

    @Test func shortLogRangesLabelOneTwoFiveInPlainNumbers() throws {
        var chart = Chart(title: "t", x: Axis("x", scale: .log10), y: Axis("y", scale: .log10))
        chart.add(LineSeries("l", points: [PlotPoint(1, 2.1), PlotPoint(100, 4.6)]))
        let summary = try Self.parse(try chart.svg())
        #expect(summary.range("x") == 1...100)
        for label in ["1", "2", "5", "10", "20", "50", "100"] { #expect(summary.texts.contains(label), "\(label)") }
        // Less than a decade on y: every integer multiple is labelled, 2 … 5.
        #expect(summary.range("y") == 2...5)
        for label in ["2", "3", "4", "5"] { #expect(summary.texts.contains(label), "\(label)") }
    }

    /// Linear ticks far from 1 share one power of ten instead of rows of digits or zeros.
    @Test func linearLabelsOfLargeAndSmallValuesUseAPowerOfTen() throws {
        #expect(AxisLayout.linearLabels([0, 1e9, 2e9, 3e9], step: 1e9) == ["0", "1×10⁹", "2×10⁹", "3×10⁹"])
        #expect(AxisLayout.linearLabels([-2.5e6, 0, 2.5e6], step: 2.5e6) == ["−2.5×10⁶", "0", "2.5×10⁶"])
        #expect(AxisLayout.linearLabels([2e-5, 4e-5, 1e-4], step: 2e-5) == ["0.2×10⁻⁴", "0.4×10⁻⁴", "1.0×10⁻⁴"])
        #expect(AxisLayout.linearLabels([0, 250, 500], step: 250) == ["0", "250", "500"])
        #expect(AxisLayout.linearLabels([0.001, 0.002], step: 0.001) == ["0.001", "0.002"])
    }

    /// Values Double cannot step through in ticks (1e15 and 1e15 + 0.125) widen by a tenth rather
    /// than loop; a single value does too.
    @Test func nearlyEqualValuesWidenTheAxis() throws {
        var chart = Chart(title: "t", x: Axis("x"), y: Axis("y"))
        chart.add(LineSeries("l", points: [PlotPoint(1e15, 2), PlotPoint(1e15 + 0.125, 2)]))
        let summary = try Self.parse(try chart.svg())
        let x = try #require(summary.range("x")), y = try #require(summary.range("y"))
        #expect(x.lowerBound <= 0.9e15 && x.upperBound >= 1.1e15)
        #expect(y.lowerBound <= 1.8 && y.upperBound >= 2.2)
    }

    @Test func regionMapCountsCellsPerCategory() throws {
        let map = RegionMap(title: "map", x: Axis("N", scale: .log10), y: Axis("D/N", scale: .log10),
                            xEdges: [1e8, 1e9, 1e10], yEdges: [10, 100, 1000], categories: ["4-bit", "8-bit"],
                            cells: [[0, 0], [0, 1]])
        let summary = try Self.parse(try map.svg())
        #expect(summary.series.map { $0["data-cells"] } == ["3", "1"])
        #expect(summary.range("x") == 1e8...1e10 && summary.range("y") == 10...1000)
    }

    @Test func badInputIsATypedError() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: PlotError.noSeries) { try probe.call { try Chart(title: "empty", x: Axis("x"), y: Axis("y")).svg() } }
        var chart = Chart(title: "t", x: Axis("x", scale: .log10), y: Axis("y"))
        chart.add(LineSeries("bad", points: [PlotPoint(1, 1), PlotPoint(0, 2)]))
        #expect(throws: PlotError.nonPositiveOnLogAxis(series: "bad", index: 1, value: 0, axis: "x")) { try probe.call { try chart.svg() } }
        var nan = Chart(title: "t", x: Axis("x"), y: Axis("y"))
        nan.add(LineSeries("nan", points: [PlotPoint(1, .infinity)]))
        #expect(throws: PlotError.nonFiniteValue(series: "nan", index: 0, value: .infinity)) { try probe.call { try nan.svg() } }
        #expect(throws: PlotError.self) { try probe.call { try LineSeries("ragged", x: [1, 2], y: [1]) } }
        #expect(throws: PlotError.self) { try probe.call { try BandSeries("ragged", x: [1, 2], lower: [1, 2], upper: [1]) } }
        var reversed = Chart(title: "t", x: Axis("x", range: 5...5), y: Axis("y"))
        reversed.add(LineSeries("l", points: [PlotPoint(1, 1)]))
        #expect(throws: PlotError.invalidRange(axis: "x", lower: 5, upper: 5)) { try probe.call { try reversed.svg() } }
        var small = Chart(title: "t", x: Axis("x"), y: Axis("y"))
        small.add(LineSeries("l", points: [PlotPoint(1, 1)]))
        small.width = 100
        #expect(throws: PlotError.invalidSize(width: 100, height: 480)) { try probe.call { try small.svg() } }
        small.width = 760
        small.height = .nan
        #expect(throws: PlotError.self) { try probe.call { try small.svg() } }
        // Spans Double cannot draw: beyond the largest Double, or widened past it, or below the smallest.
        for (values, scale) in [([-1e308, 1e308], Axis.Scale.linear), ([1e308, 1.7e308], .log10), ([.leastNonzeroMagnitude, 1], .log10)] {
            var extreme = Chart(title: "t", x: Axis("x"), y: Axis("y", scale: scale))
            extreme.add(LineSeries("l", points: values.map { PlotPoint(1, $0) }))
            #expect(throws: PlotError.invalidRange(axis: "y", lower: values[0], upper: values[1])) { try probe.call { try extreme.svg() } }
        }
        var narrow = Chart(title: "t", x: Axis("x", range: 1e15...(1e15 + 0.125)), y: Axis("y"))
        narrow.add(LineSeries("l", points: [PlotPoint(1e15, 1)]))
        #expect(throws: PlotError.invalidRange(axis: "x", lower: 1e15, upper: 1e15 + 0.125)) { try probe.call { try narrow.svg() } }
        let map = RegionMap(title: "m", x: Axis("x"), y: Axis("y"), xEdges: [0, 1], yEdges: [0, 1], categories: ["a"], cells: [[3]])
        #expect(throws: PlotError.invalidCategory(row: 0, column: 0, index: 3, categories: 1)) { try probe.call { try map.svg() } }
    }

    /// The folder of committed figures, found from this file's path.
    static let figures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Documentation/figures")

    static func committed(_ name: String) throws -> Summary {
        try parse(try String(contentsOf: figures.appendingPathComponent(name), encoding: .utf8))
    }

    /// Three committed figures against their numbers recomputed here: the critical data sizes
    /// marked on Kumar's and Sun's loss curves, and the cells each format wins on the optimal
    /// precision map. A change to a law that is not redrawn fails here.
    @Test func committedFiguresMatchTheLibrary() throws {
        let kumar = try Self.committed("kumar-ptq-vs-tokens.svg")
        let kumarCritical = try [3.0, 4, 5].map { try Kumar2024.postTrainingLoss.criticalTokens(N: 1e8, bits: $0) }
        let kumarMarked = kumar.markers.compactMap { $0["data-x"].flatMap(Double.init) }
        #expect(kumarMarked.count == 3 && zip(kumarMarked, kumarCritical).allSatisfy { abs($0 / $1 - 1) < 1e-12 },
                "\(kumarMarked) vs \(kumarCritical)")
        #expect(kumar.series.map { $0["data-label"] } == ["BF16 (no quantization)", "3-bit", "4-bit", "5-bit"])

        let capybara = try Self.committed("capybara-vs-tokens.svg")
        let sunCritical = try [(8.0, 7.0), (4, 3), (2, 1)].map {
            try Sun2025.capybara.criticalTokens(N: 1e9, exponentBits: $0.0, mantissaBits: $0.1, blockSize: 128)
        }
        let sunMarked = capybara.markers.compactMap { $0["data-x"].flatMap(Double.init) }
        #expect(sunMarked.count == 3 && zip(sunMarked, sunCritical).allSatisfy { abs($0 / $1 - 1) < 1e-12 },
                "\(sunMarked) vs \(sunCritical)")

        // The map's rule: at the compute of D BF16 tokens a P-bit format trains on 16·D/P tokens.
        let xEdges = try logSpaced(from: 1e8, to: 1e12, count: 33), yEdges = try logSpaced(from: 10, to: 1e4, count: 25)
        let formats: [(bits: Double, e: Double, m: Double)] = try [4, 6, 8, 16].map {
            let split = try Sun2025.capybara.optimalIntegerFormat(bits: $0)
            return (Double($0), Double(split.exponentBits), Double(split.mantissaBits))
        }
        var counts = [Int](repeating: 0, count: formats.count)
        for row in 0..<(yEdges.count - 1) {
            let ratio = (yEdges[row] * yEdges[row + 1]).squareRoot()
            for column in 0..<(xEdges.count - 1) {
                let n = (xEdges[column] * xEdges[column + 1]).squareRoot()
                let losses = try formats.map {
                    try Sun2025.capybara(N: n, D: ratio * n * 16 / $0.bits, exponentBits: $0.e, mantissaBits: $0.m, blockSize: 128)
                }
                counts[losses.indices.min { losses[$0] < losses[$1] }!] += 1
            }
        }
        // Independently (Tests/Reference/optimal_format_map_reference.py, mpmath; the closest cell's
        // runner-up is 6e-7 away in relative loss, so rounding cannot flip a cell): 57, 166, 279, 266.
        #expect(counts == [57, 166, 279, 266])
        let map = try Self.committed("optimal-precision-map.svg")
        #expect(map.series.map { $0["data-cells"].flatMap(Int.init) } == counts.map { $0 })
        #expect(map.range("y") == 10...1e4)
    }

    /// The committed figures: every one parses, and each holds the series and ranges the Figures
    /// example draws (`swift run -c release Figures` rewrites them; CI checks they are current).
    @Test func committedFiguresHoldTheirSeries() throws {
        let folder = Self.figures
        let expected: [String: (series: Int, x: ClosedRange<Double>?)] = [
            "ouyang-qid-vs-tokens.svg": (9, 1e9...1e14), "kumar-ptq-vs-tokens.svg": (4, 1e9...1e13),
            "capybara-vs-tokens.svg": (3, 1e9...1e17), "degradation-vs-n.svg": (7, 1e9...1e12),
            "chinchilla-loss-vs-compute.svg": (10, nil), "chinchilla-predicted-vs-measured.svg": (6, nil),
            "isoflop.svg": (6, nil), "compute-optimal.svg": (4, 1e18...1e26), "pareto-memory.svg": (6, nil),
            "safe-bit-width-map.svg": (6, 1e8...1e12), "optimal-precision-map.svg": (4, 1e8...1e12), "bootstrap-band.svg": (3, 1e8...1e12),
            "held-out-chinchilla.svg": (5, nil), "held-out-error-vs-compute.svg": (3, nil),
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }
        #expect(Set(files) == Set(expected.keys))
        for (name, (series, x)) in expected {
            let summary = try Self.parse(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
            #expect(summary.series.count == series, "\(name)")
            if let x { #expect(summary.range("x") == x, "\(name)") }
            #expect(summary.range("y") != nil, "\(name)")
        }
        // The critical data sizes Sun et al. report for 1B parameters at block 128: 0.4T, 27T, 1730T.
        let capybara = try Self.parse(try String(contentsOf: folder.appendingPathComponent("capybara-vs-tokens.svg"), encoding: .utf8))
        let critical = capybara.markers.compactMap { $0["data-x"].flatMap(Double.init) }.sorted()
        #expect(critical.count == 3)
        if critical.count == 3 {
            #expect(abs(critical[0] / 3.93e11 - 1) < 0.01 && abs(critical[1] / 2.73e13 - 1) < 0.01 && abs(critical[2] / 1.73e15 - 1) < 0.01)
        }
    }
}
