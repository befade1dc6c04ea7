// CompareLaws: what each paper's law predicts as the loss increase from quantizing or
// compressing a 7B, 70B and 405B model trained on 1T, 15T and 100T tokens.
//
//     swift run -c release CompareLaws           # aligned tables
//     swift run -c release CompareLaws --json    # the same rows as a JSON array

import ExampleSupport
import Foundation
import ScalingLaws

var parameterCounts: [Double] = [7e9, 70e9, 405e9]
var tokenCounts: [Double] = [1e12, 15e12, 100e12]
var bitWidths: [Double] = [2, 3, 4, 8]
var formats: [String]? = nil
var printsJSON = false
var parser = OptionParser(
    usage: "CompareLaws [--N LIST] [--D LIST] [--bits LIST] [--format LIST] [--json]",
    summary: """
        Prints each paper's predicted loss increase (nats) from quantization or compression for the
        parameter counts N and training tokens D given (by default N ∈ {7e9, 70e9, 405e9},
        D ∈ {1e12, 15e12, 100e12}): Ouyang 2024 (QiD) and Kumar 2024 (δ_PTQ) at each bit width,
        Chen 2025 W4A4 at G = 128, Sun 2025 (Capybara) E2M1 and E4M3 at B = 128, Frantar 2025's
        formats on the Chinchilla base, and QuEST (W4A4 Hadamard, FP4) and Quartet (MXFP4) training
        against their own BF16 losses. Lists are comma-separated: --N 8e9,70e9.
        """)
parser.option("--N", value: "LIST", help: "parameter counts (raw), e.g. 7e9,70e9") { text throws(OptionParser.Failure) in
    parameterCounts = try OptionParser.positives(text, "--N")
}
parser.option("--D", value: "LIST", help: "training tokens (raw), e.g. 15e12") { text throws(OptionParser.Failure) in
    tokenCounts = try OptionParser.positives(text, "--D")
}
parser.option("--bits", value: "LIST", help: "post-training bit widths of the Ouyang and Kumar rows") { text throws(OptionParser.Failure) in
    bitWidths = try OptionParser.positives(text, "--bits")
}
parser.option("--format", value: "LIST", help: "only these formats, e.g. 4-bit,E2M1,MXFP4 (default: all)") { text throws(OptionParser.Failure) in
    let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
        throw OptionParser.Failure("--format needs a comma-separated list of format names, got '\(text)'")
    }
    formats = names
}
parser.flag("--json", help: "a JSON array: law, N, D, format, value, setting, confidence, extrapolation, extrapolations") {
    printsJSON = true
}
parser.parse()

let comparison = DegradationComparison(bitWidths: bitWidths)

let rows: [DegradationComparison.Row]
do {
    let all = try comparison.rows(N: parameterCounts, D: tokenCounts)
    if let formats {
        let known = all.map(\.format).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if let unknown = formats.first(where: { !known.contains($0) }) {
            OptionParser.fail("--format: no row has the format '\(unknown)'; the formats are \(known.joined(separator: ", "))")
        }
        rows = all.filter { formats.contains($0.format) }
    } else {
        rows = all
    }
} catch {
    FileHandle.standardError.write(Data("CompareLaws: \(error)\n".utf8))
    exit(1)
}

// MARK: - JSON

struct JSONRow: Encodable {
    let law: String
    let N: Double
    let D: Double
    let format: String
    let value: Double
    let setting: String
    let confidence: String
    let extrapolation: Bool
    let extrapolatedVariables: [String]
    /// Each extrapolated variable with its value, the fitted range and how far outside (value / bound).
    let extrapolations: [JSONExtrapolation]
}

struct JSONExtrapolation: Encodable {
    let variable: String
    let value: Double
    let fittedLower: Double
    let fittedUpper: Double
    let factor: Double
}

if printsJSON {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let objects = rows.map { row in
        JSONRow(law: row.law, N: row.N, D: row.D, format: row.format, value: row.value,
                setting: row.setting, confidence: row.confidence.rawValue,
                extrapolation: row.isExtrapolation, extrapolatedVariables: row.extrapolations.map(\.variable.id),
                extrapolations: row.extrapolations.map {
                    JSONExtrapolation(variable: $0.variable.id, value: $0.value, fittedLower: $0.fittedRange.lowerBound,
                                      fittedUpper: $0.fittedRange.upperBound, factor: $0.factor)
                })
    }
    do {
        let data = try encoder.encode(objects)
        print(String(decoding: data, as: UTF8.self))
    } catch {
        FileHandle.standardError.write(Data("CompareLaws: could not encode JSON: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

// MARK: - Tables

/// A count in short scientific notation (7e9, 1.5e13); small whole numbers as they are (0, 128).
func count(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e4 { return String(Int(value)) }
    let exponent = Int(log10(value).rounded(.down))
    let mantissa = value / pow(10, Double(exponent))
    let digits = String(format: "%.2f", mantissa)
        .replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    return "\(digits)e\(exponent)"
}

func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, width - text.count))
    return right ? gap + text : text + gap
}

/// The law's paper (its preset's name up to the dot), tagged when its constants come from secondary
/// sources: the full preset names are listed under the tables, and the short label keeps the table
/// within 100 columns.
func lawLabel(_ row: DegradationComparison.Row) -> String {
    let paper = row.law.split(separator: ".").first.map(String.init) ?? row.law
    return row.confidence == .secondary ? "\(paper) [S]" : paper
}

/// A value with 4 significant digits, starred when the query extrapolates.
func cell(_ row: DegradationComparison.Row) -> String {
    String(format: "%.4g", row.value) + (row.isExtrapolation ? "*" : " ")
}

/// A count in billions or trillions: 70B, 15T.
func short(_ value: Double, unit: Double, suffix: String) -> String {
    let scaled = value / unit
    return (scaled == scaled.rounded() ? String(Int(scaled)) : String(format: "%.3g", scaled)) + suffix
}

/// The variables a row's cells extrapolate, each with how far (the largest factor over the cells),
/// e.g. "N ×32, D ×485".
func beyondFit(_ cells: [DegradationComparison.Row]) -> String {
    var factors: [String: Double] = [:]
    var order: [String] = []
    for cell in cells {
        for extrapolation in cell.extrapolations {
            let id = extrapolation.variable.id
            if factors[id] == nil { order.append(id) }
            factors[id] = max(factors[id] ?? 0, extrapolation.factor)
        }
    }
    return order.map { id in
        let factor = factors[id]!
        return "\(id) ×" + (factor >= 10 ? String(Int(factor.rounded())) : String(format: "%.2g", factor))
    }.joined(separator: ", ")
}

let lawWidth = rows.map { lawLabel($0).count }.max()! + 2
let formatWidth = max(rows.map(\.format.count).max()!, "format".count) + 1
let valueWidth = 11
let perPoint = rows.count / (parameterCounts.count * tokenCounts.count)

print("Predicted loss increase (nats) from quantization or compression, by paper.")
print("One column per training-token count D (T = 10¹² tokens); the same N goes to every law.")
for (nIndex, n) in parameterCounts.enumerated() {
    print("")
    print("N = \(count(n)) parameters (\(short(n, unit: 1e9, suffix: "B")))")
    var header = padded("  paper", lawWidth + 2) + padded("format", formatWidth)
    for d in tokenCounts { header += padded("D = \(short(d, unit: 1e12, suffix: "T")) ", valueWidth, right: true) }
    header += "   outside the fit (factor)"
    print(header)
    print("  " + String(repeating: "-", count: header.count - 2))
    for slot in 0..<perPoint {
        // Rows come N-major, then D, then law: the row for (n, d, slot).
        let cells = tokenCounts.indices.map { dIndex in
            rows[(nIndex * tokenCounts.count + dIndex) * perPoint + slot]
        }
        var line = "  " + padded(lawLabel(cells[0]), lawWidth) + padded(cells[0].format, formatWidth)
        for row in cells { line += padded(cell(row), valueWidth, right: true) }
        line += "   " + beyondFit(cells)
        print(line)
    }
}

print("")
print("Legend")
print("  *    the query lies outside the range the preset was fitted on (an extrapolation);")
print("       the last column names the variables outside it and how far (largest value / bound)")
print("  [S]  constants from secondary sources (summaries of the paper), not its full text")
print("")
print("What each paper's preset measures, and the range it was fitted on")
let presetWidth = rows.map(\.law.count).max()! + 2
var seen: Set<String> = []
for row in rows where seen.insert(row.law).inserted {
    print("  \(padded(row.law, presetWidth))\(row.setting)")
}
let ranges: [(String, FittedRange?)] = [
    (Ouyang2024.unified.name, Ouyang2024.unified.fittedRange),
    (Kumar2024.ptq.name, Kumar2024.ptq.fittedRange),
    (Chen2025.w4a4.name, Chen2025.w4a4.fittedRange),
    (Sun2025.quantizationTerm.name, Sun2025.quantizationTerm.fittedRange),
    (Frantar2025.onChinchilla.name, Frantar2025.onChinchilla.fittedRange),
    (Panferov2025.quest.name, Panferov2025.quest.fittedRange),
    (Castro2025.quartet.name, Castro2025.quartet.fittedRange),
]
print("")
for (name, range) in ranges {
    let bounds = (range?.bounds ?? [:]).sorted { $0.key.id < $1.key.id }.map { variable, bounds in
        "\(variable.id) \(count(bounds.lowerBound))–\(count(bounds.upperBound))"
    }
    // Long lists wrap under their start, keeping the output within 100 columns.
    var line = "  \(padded(name, presetWidth))fitted on "
    let indent = String(repeating: " ", count: line.count)
    for (index, bound) in bounds.enumerated() {
        let piece = bound + (index < bounds.count - 1 ? "," : "")
        if line.count + piece.count + 1 > 100, line != indent { print(line); line = indent }
        line += (line == indent || line.hasSuffix("on ") ? "" : " ") + piece
    }
    print(line)
}
print("")
print("""
    Notes
      Ouyang, Kumar and Sun count non-embedding parameters; Chinchilla (and so the Frantar rows)
      counts all of them. Ouyang's QiD is a GPTQ loss gap; Kumar's δ_PTQ is for a BF16-trained
      model; Chen's and Sun's terms are the extra loss of training in the format, not of
      quantizing after training. Frantar rows are L(N·eff, D) − L(N, D) on Hoffmann 2022's printed
      Chinchilla constants, since the paper's own base constants are not available (only its
      multipliers are): the increase does not depend on D, whose term cancels. QuEST and Quartet
      rows are each law's loss in the low-precision training format minus its own BF16 loss.
    """)

// Beyond quantization: the same question — what does a cheaper model cost in loss? — for the
// sparsity and data-constrained laws, each at its own scale (they cannot share the grid above).
print("")
print("Beyond quantization: loss increase (nats) of other ways to make a model cheaper")
do {
    print("  Sparsity (Frantar2024.t5, T5 models, 5·10⁵ training steps): keep (1 − S)·N of N weights")
    print("  " + padded("dense N", 10) + ["S = 50%", "S = 75%", "S = 87.5%"].map { padded($0, 11, right: true) }.joined())
    for n in [2e7, 8.5e7] {
        let dense = try Frantar2024.t5(S: 0, N: n, D: 5e5)
        let increases = try [0.5, 0.75, 0.875].map { sparsity in try Frantar2024.t5(S: sparsity, N: (1 - sparsity) * n, D: 5e5) - dense }
        print("  " + padded(count(n), 10) + increases.map { padded(String(format: "%.4f", $0), 11, right: true) }.joined())
    }
    print("  Repeated data (Muennighoff2023.dataConstrained, N = 7B, D = 1T): U = D / epochs unique tokens")
    print("  " + padded("epochs", 10) + ["4", "16", "64"].map { padded($0, 11, right: true) }.joined())
    let fresh = try Muennighoff2023.dataConstrained(N: 7e9, D: 1e12, U: 1e12)
    let repeated = try [4.0, 16, 64].map { epochs in try Muennighoff2023.dataConstrained(N: 7e9, D: 1e12, U: 1e12 / epochs) - fresh }
    print("  " + padded("increase", 10) + repeated.map { padded(String(format: "%.4f", $0), 11, right: true) }.joined())
    print("  (Sparsity is compared at the same dense size: the sparse model keeps fewer weights. Four epochs")
    print("  of repetition cost almost nothing, as Muennighoff et al. found; N = 7B lies at the edge of that")
    print("  law's fitted range and D = 1T beyond it.)")
} catch {
    OptionParser.fail("the comparison beyond quantization failed: \(error)")
}

