import Foundation
import ScalingLaws
import ScalingLawsPlot

/// Ouyang et al.'s first figure: QiD of GPTQ quantization grows with training tokens, faster for
/// smaller models and fewer bits.
func ouyangFigure() throws -> String {
    var chart = Chart(title: "Quantization-induced degradation grows with training tokens (Ouyang 2024)",
                      x: Axis("training tokens D", scale: .log10), y: Axis("QiD (nats)", scale: .log10))
    let tokens = grid(1e9, 1e14, 41)
    let colors = ["#0072B2", "#D55E00", "#009E73"]
    for (bitsIndex, bits) in [2.0, 3, 4].enumerated() {
        for (index, n) in [7e9, 70e9, 405e9].enumerated() {
            let values = try tokens.map { try Ouyang2024.unified(N: n, D: $0, bits: bits) }
            chart.add(try LineSeries("\(short(n)), \(Int(bits))-bit", x: tokens, y: values,
                                     style: [LineStyle.solid, .dashed, .dotted][bitsIndex], color: colors[index]))
        }
    }
    return try chart.svg()
}

/// Kumar et al.: after post-training quantization, more training data eventually hurts; the
/// critical data size marks the minimum of each bit width's curve.
func kumarFigure() throws -> String {
    let n = 1e8
    var chart = Chart(title: "Loss after post-training quantization, N = 100M (Kumar 2024)",
                      x: Axis("training tokens D", scale: .log10), y: Axis("loss after quantization (nats)"))
    let tokens = grid(1e9, 1e13, 61)
    chart.add(try LineSeries("BF16 (no quantization)", x: tokens, y: tokens.map { try Kumar2024.base([.N: n, .D: $0]) },
                             style: .dashed, color: "#444444"))
    for (bits, color) in [(3.0, "#0072B2"), (4, "#D55E00"), (5, "#009E73")] {
        chart.add(try LineSeries("\(Int(bits))-bit", x: tokens,
                                 y: tokens.map { try Kumar2024.postTrainingLoss([.N: n, .D: $0, .bits: bits]) }, color: color))
        let critical = try Kumar2024.postTrainingLoss.criticalTokens(N: n, bits: bits)
        chart.add(VerticalMarker(x: critical, label: "D_crit \(short(critical))", color: color))
    }
    return try chart.svg()
}

/// Sun et al.'s Capybara law: each floating-point training format has a critical data size
/// beyond which more tokens raise the loss.
func capybaraFigure() throws -> String {
    let n = 1e9, block = 128.0
    var chart = Chart(title: "Floating-point training loss, N = 1B, block 128 (Sun 2025)",
                      x: Axis("training tokens D", scale: .log10), y: Axis("loss (nats)", scale: .log10))
    let tokens = grid(1e9, 1e17, 81)
    for (name, e, m, color) in [("E8M7 (BF16)", 8.0, 7.0, "#0072B2"), ("E4M3 (FP8)", 4, 3, "#D55E00"), ("E2M1 (FP4)", 2, 1, "#009E73")] {
        let values = try tokens.map {
            try Sun2025.capybara(N: n, D: $0, exponentBits: e, mantissaBits: m, blockSize: block)
        }
        chart.add(try LineSeries(name, x: tokens, y: values, color: color))
        let critical = try Sun2025.capybara.criticalTokens(N: n, exponentBits: e, mantissaBits: m, blockSize: block)
        chart.add(VerticalMarker(x: critical, label: "D_crit \(short(critical))", color: color))
    }
    return try chart.svg()
}

/// Every paper's predicted loss increase at 15T tokens, as the model grows: one line per paper.
func degradationFigure() throws -> String {
    let d = 15e12
    var chart = Chart(title: "Predicted loss increase at D = 15T tokens, by paper",
                      x: Axis("parameters N", scale: .log10), y: Axis("loss increase (nats)", scale: .log10))
    let sizes = grid(1e9, 1e12, 31)
    let rowsBySize = try sizes.map { try DegradationComparison(bitWidths: [4]).rows(N: $0, D: d) }
    let wanted: [(law: String, format: String, label: String)] = [
        ("Ouyang2024.unified", "4-bit", "Ouyang 2024, GPTQ 4-bit"),
        ("Kumar2024.ptq", "4-bit", "Kumar 2024, PTQ 4-bit"),
        ("Chen2025.w4a4", "W4A4 g128", "Chen 2025, W4A4 QAT [S]"),
        ("Sun2025.quantizationTerm", "E2M1", "Sun 2025, FP4 training"),
        ("Frantar2025.onChinchilla", "W4A4", "Frantar 2025, W4A4 [S]"),
        ("Panferov2025.quest", "W4A4 Hadamard", "QuEST, W4A4 [S]"),
        ("Castro2025.quartet", "MXFP4", "Quartet, MXFP4 [S]"),
    ]
    for (law, format, label) in wanted {
        let values = rowsBySize.map { rows in rows.first { $0.law == law && $0.format == format }!.value }
        chart.add(try LineSeries(label, x: sizes, y: values))
    }
    return try chart.svg()
}

/// Sun et al.'s floating-point formats traded against tokens: for a model of N parameters and a
/// BF16 budget of D tokens, a P-bit format costs P/16 as much per token (compute ∝ P·N·D), so it
/// can train on 16D/P tokens for the same compute. Each cell shows the format (at the optimal
/// exponent/mantissa split for its width, `optimalIntegerFormat`) with the lowest Capybara loss.
func optimalPrecisionFigure() throws -> String {
    let xEdges = grid(1e8, 1e12, 33), yEdges = grid(10, 1e4, 25)
    let law = Sun2025.capybara, block = 128.0
    let formats = try [4, 6, 8, 16].map { bits in
        let split = try law.optimalIntegerFormat(bits: bits)
        return (bits: Double(bits), e: Double(split.exponentBits), m: Double(split.mantissaBits),
                name: "E\(split.exponentBits)M\(split.mantissaBits) (\(bits)-bit)")
    }
    let cells = try regionCells(xEdges: xEdges, yEdges: yEdges) { n, ratio in
        let losses = try formats.map {
            try law(N: n, D: ratio * n * 16 / $0.bits, exponentBits: $0.e, mantissaBits: $0.m, blockSize: block)
        }
        return losses.indices.min { losses[$0] < losses[$1] }!
    }
    let map = RegionMap(title: "Lowest-loss training format at the compute of D BF16 tokens (Sun 2025)",
                        x: Axis("parameters N", scale: .log10), y: Axis("BF16 tokens per parameter D/N", scale: .log10),
                        xEdges: xEdges, yEdges: yEdges, categories: formats.map(\.name), cells: cells)
    return try map.svg()
}
