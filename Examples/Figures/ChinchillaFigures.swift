import Foundation
import ScalingLaws
import ScalingLawsData
import ScalingLawsPlot

/// Epoch's Chinchilla points, the Chinchilla form fitted to them, and a seeded bootstrap of the fit.
struct ChinchillaFit {
    let data: Observations
    let result: FitResult<ChinchillaForm>
    let bootstrap: Bootstrap<ChinchillaForm>
}

/// Fits the Chinchilla form to Epoch's 240 points (Huber δ = 1e-3 on log residuals, from
/// Besiroglu et al.'s constants) and bootstraps it with 400 seeded resamples.
func chinchillaFit() -> ChinchillaFit {
    do {
        let data = try Dataset.epochChinchilla.observations()
        let result = try Besiroglu2024.refit.fit(to: data, loss: .huber(delta: 1e-3), residuals: .logarithmic,
                                                  starts: .current, optimizer: .lbfgs())
        let bootstrap = try result.bootstrap(resamples: 400, seed: 2024, level: 0.9)
        return ChinchillaFit(data: data, result: result, bootstrap: bootstrap)
    } catch {
        fail("fitting Epoch's Chinchilla points: \(error)")
    }
}

/// The model-size buckets of the Chinchilla figures, by parameter count.
let sizeBuckets: [(label: String, range: Range<Double>)] = [
    ("N < 100M", 0..<1e8), ("100M–300M", 1e8..<3e8), ("300M–1B", 3e8..<1e9), ("1B–3B", 1e9..<3e9), ("N ≥ 3B", 3e9..<1e13),
]

/// Loss vs compute: the points by model-size bucket, and the fitted law at each bucket's median size.
func chinchillaComputeFigure(_ fit: ChinchillaFit) throws -> String {
    let n = fit.data.column(.N)!, d = fit.data.column(.D)!, loss = fit.data.targets
    var chart = Chart(title: "Chinchilla runs (Epoch's digitisation) and the fitted law",
                      x: Axis("training compute C = 6ND (FLOP)", scale: .log10), y: Axis("loss (nats)", scale: .log10))
    let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
    for (index, bucket) in sizeBuckets.enumerated() {
        let rows = n.indices.filter { bucket.range.contains(n[$0]) }
        guard !rows.isEmpty else { continue }
        chart.add(ScatterSeries(bucket.label, points: rows.map { PlotPoint(6 * n[$0] * d[$0], loss[$0]) }, color: colors[index]))
        let median = rows.map { n[$0] }.sorted()[rows.count / 2]
        let computes = rows.map { 6 * n[$0] * d[$0] }
        let span = grid(computes.min()!, computes.max()!, 25)
        chart.add(try LineSeries("fit at N = \(short(median))", x: span,
                                 y: span.map { try fit.result.law(N: median, D: $0 / (6 * median)) },
                                 style: .dashed, color: colors[index]))
    }
    return try chart.svg()
}

/// Predicted vs measured loss for every point, with the line y = x.
func predictedMeasuredFigure(_ fit: ChinchillaFit) throws -> String {
    let n = fit.data.column(.N)!, d = fit.data.column(.D)!, loss = fit.data.targets
    var chart = Chart(title: "Fitted Chinchilla law: predicted vs measured loss",
                      x: Axis("predicted loss (nats)"), y: Axis("measured loss (nats)"))
    let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
    var low = Double.infinity, high = -Double.infinity
    for (index, bucket) in sizeBuckets.enumerated() {
        let rows = n.indices.filter { bucket.range.contains(n[$0]) }
        guard !rows.isEmpty else { continue }
        let points = try rows.map { PlotPoint(try fit.result.law(N: n[$0], D: d[$0]), loss[$0]) }
        for point in points { low = min(low, point.x, point.y); high = max(high, point.x, point.y) }
        chart.add(ScatterSeries(bucket.label, points: points, color: colors[index]))
    }
    chart.add(LineSeries("y = x", points: [PlotPoint(low, low), PlotPoint(high, high)], style: .dashed, color: "#444444"))
    return try chart.svg()
}

/// The fitted loss vs N at 20 tokens per parameter, with the bootstrap's 90% band.
func bootstrapFigure(_ fit: ChinchillaFit) throws -> String {
    var chart = Chart(title: "Fitted loss at D = 20N, 90% bootstrap band (400 resamples)",
                      x: Axis("parameters N", scale: .log10), y: Axis("loss (nats)"))
    let sizes = grid(1e8, 1e12, 33)
    var lower: [Double] = [], upper: [Double] = []
    for n in sizes {
        guard let interval = try fit.bootstrap.interval(level: 0.9, of: { try $0(N: n, D: 20 * n) }) else {
            fail("no bootstrap interval at N = \(n)")
        }
        lower.append(interval.lowerBound)
        upper.append(interval.upperBound)
    }
    chart.add(try BandSeries("90% bootstrap interval", x: sizes, lower: lower, upper: upper, color: "#0072B2"))
    chart.add(try LineSeries("fit to Epoch's points", x: sizes, y: sizes.map { try fit.result.law(N: $0, D: 20 * $0) },
                             color: "#0072B2"))
    chart.add(try LineSeries("Hoffmann 2022 (printed)", x: sizes, y: sizes.map { try Hoffmann2022.printed(N: $0, D: 20 * $0) },
                             style: .dashed, color: "#D55E00"))
    chart.add(VerticalMarker(x: 1.6e10, label: "largest model fitted (16B)"))
    return try chart.svg()
}

/// IsoFLOP curves of Besiroglu et al.'s law: loss vs N at fixed compute, each minimum marked.
func isoFLOPFigure() throws -> String {
    let law = Besiroglu2024.refit
    var chart = Chart(title: "IsoFLOP curves of the Chinchilla law (Besiroglu 2024 constants)",
                      x: Axis("parameters N", scale: .log10), y: Axis("loss (nats)"))
    var minima: [PlotPoint] = []
    for compute in [1e19, 1e20, 1e21, 1e22, 1e23] {
        let optimum = try law.closedFormOptimum(compute: compute)
        let sizes = grid(optimum.N / 30, optimum.N * 30, 41)
        chart.add(try LineSeries("C = \(String(format: "%.0e", compute).replacingOccurrences(of: "+", with: "")) FLOP", x: sizes,
                                 y: sizes.map { try law(N: $0, D: compute / (6 * $0)) }))
        minima.append(PlotPoint(optimum.N, optimum.loss))
    }
    chart.add(ScatterSeries("compute-optimal N", points: minima, marker: .diamond, color: "#000000"))
    return try chart.svg()
}

/// The compute-optimal N and D against compute, for Hoffmann's and Besiroglu's constants.
func computeOptimalFigure() throws -> String {
    var chart = Chart(title: "Compute-optimal parameters and tokens",
                      x: Axis("training compute C (FLOP)", scale: .log10), y: Axis("N_opt, D_opt", scale: .log10))
    let computes = grid(1e18, 1e26, 33)
    for (name, law, style) in [("Hoffmann 2022", Hoffmann2022.printed, LineStyle.dashed), ("Besiroglu 2024", Besiroglu2024.refit, .solid)] {
        let optima = try computes.map { try law.closedFormOptimum(compute: $0) }
        chart.add(try LineSeries("N_opt, \(name)", x: computes, y: optima.map(\.N), style: style, color: "#0072B2"))
        chart.add(try LineSeries("D_opt, \(name)", x: computes, y: optima.map(\.D), style: style, color: "#D55E00"))
    }
    return try chart.svg()
}

/// Weight memory vs post-quantization loss for every (N, bits), one line per bit width, with the
/// Pareto frontier marked (Kumar's law, 10T training tokens).
func paretoFigure() throws -> String {
    let sizes = grid(1e8, 1e12, 41)
    let bitWidths: [Double] = [3, 4, 5, 6, 8]
    let frontier = try Kumar2024.postTrainingLoss.paretoFrontier(parameterCounts: sizes, bitWidths: bitWidths, budget: .tokens(1e13))
    var chart = Chart(title: "Weight memory vs loss after quantization, D = 10T tokens (Kumar 2024)",
                      x: Axis("weight memory N·bits/8 (GB)", scale: .log10), y: Axis("loss after quantization (nats)"))
    // The frontier first, wide and pale, so that the bit widths' lines show on top of it.
    chart.add(LineSeries("Pareto frontier", points: frontier.frontier.map { PlotPoint($0.memoryBytes / 1e9, $0.loss) },
                         color: "#BBBBBB", width: 7))
    for bits in bitWidths {
        let options = frontier.options.filter { $0.bits == bits }.sorted { $0.memoryBytes < $1.memoryBytes }
        chart.add(LineSeries("\(Int(bits))-bit", points: options.map { PlotPoint($0.memoryBytes / 1e9, $0.loss) },
                             style: bits.truncatingRemainder(dividingBy: 2) == 0 ? .solid : .dashed))
    }
    return try chart.svg()
}

/// The lowest post-training bit width whose δ_PTQ stays within 0.05 nats, over model size and
/// tokens per parameter (Kumar's law).
func safeBitWidthFigure() throws -> String {
    let xEdges = grid(1e8, 1e12, 33), yEdges = grid(10, 1e4, 25)
    let choices: [Double] = [3, 4, 5, 6, 8]
    let categories = choices.map { "\(Int($0))-bit" } + ["more than 8 bits"]
    let cells = try regionCells(xEdges: xEdges, yEdges: yEdges) { n, ratio in
        try choices.firstIndex { try Kumar2024.ptq(N: n, D: ratio * n, bits: $0) <= 0.05 } ?? choices.count
    }
    let map = RegionMap(title: "Lowest post-training bit width with δ_PTQ ≤ 0.05 nats (Kumar 2024)",
                        x: Axis("parameters N", scale: .log10), y: Axis("tokens per parameter D/N", scale: .log10),
                        xEdges: xEdges, yEdges: yEdges, categories: categories, cells: cells)
    return try map.svg()
}

/// The held-out check of the Chinchilla form on Epoch's points: fitted on the smaller 85% of model
/// sizes, predicted vs measured for every point, the held-out ones marked.
func heldOutFigure(_ fit: ChinchillaFit) throws -> String {
    let n = fit.data.column(.N)!, d = fit.data.column(.D)!, loss = fit.data.targets
    let threshold = n.sorted()[Int(0.85 * Double(n.count))]
    let train = try fit.data.subset(n.indices.filter { n[$0] < threshold })
    let tied = try Besiroglu2024.refit.renaming(["beta": "alpha"]).fit(to: train, loss: .huber(delta: 1e-3)).law
    let full = try Besiroglu2024.refit.fit(to: train, loss: .huber(delta: 1e-3)).law
    var chart = Chart(title: "Fitted on N < \(short(threshold)), judged on the larger models (Epoch's points)",
                      x: Axis("measured loss (nats)"), y: Axis("predicted / measured"))
    let predictors: [(String, (Double, Double) throws -> Double, MarkerShape)] = [
        ("E + A/N^α + B/D^β", { try full(N: $0, D: $1) }, .circle),
        ("α = β", { try tied([.N: $0, .D: $1]) }, .triangle),
    ]
    for (name, predict, marker) in predictors {
        var fitted: [PlotPoint] = [], held: [PlotPoint] = []
        for row in n.indices {
            let point = PlotPoint(loss[row], try predict(n[row], d[row]) / loss[row])
            if n[row] < threshold { fitted.append(point) } else { held.append(point) }
        }
        chart.add(ScatterSeries("\(name), fitted points", points: fitted, marker: marker, color: "#BBBBBB"))
        chart.add(ScatterSeries("\(name), held out", points: held, marker: marker))
    }
    chart.add(LineSeries("exact", points: [PlotPoint(loss.min()!, 1), PlotPoint(loss.max()!, 1)], style: .dashed, color: "#444444"))
    return try chart.svg()
}

/// Held-out error against compute for three law forms (Epoch's points, the largest 30% of compute
/// held out): how each form's extrapolation error grows with the compute it extrapolates to.
func heldOutErrorFigure(_ fit: ChinchillaFit) throws -> String {
    let n = fit.data.column(.N)!, d = fit.data.column(.D)!, loss = fit.data.targets
    let comparison = try LawComparison(data: fit.data, candidates: [
        .init("E + A/N^α + B/D^β", law: Besiroglu2024.refit, loss: .huber(delta: 1e-3)),
        .init("α = β", law: Besiroglu2024.refit.renaming(["beta": "alpha"]), loss: .huber(delta: 1e-3)),
        .init("Kaplan", law: Ouyang2024.baseline16, loss: .huber(delta: 1e-3)),
    ], validation: .holdOutLargestCompute(fraction: 0.3))
    var chart = Chart(title: "Error on the held-out largest-compute runs, by law form (Epoch's points)",
                      x: Axis("training compute C = 6ND (FLOP)", scale: .log10), y: Axis("|predicted / measured − 1|", scale: .log10))
    for (result, marker) in zip(comparison.results, [MarkerShape.circle, .triangle, .square]) {
        let points = result.heldOutPredictions.keys.sorted().map { row in
            PlotPoint(6 * n[row] * d[row], max(abs(result.heldOutPredictions[row]! / loss[row] - 1), 1e-5))
        }
        chart.add(ScatterSeries("\(result.name): RMSE \(String(format: "%.4f", result.heldOutError ?? .nan))", points: points, marker: marker))
    }
    return try chart.svg()
}
