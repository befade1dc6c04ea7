// Fits one of the library's law families to any CSV file, with the mapping from columns to the
// law's variables given on the command line, and prints the parameters ± standard errors.
//
//   FitLaw --law chinchilla --csv Sources/ScalingLawsData/Resources/epoch_chinchilla.csv \
//          --column N="Model Size" --column D='`Training FLOP` / (6 * `Model Size`)' --target loss \
//          --drop-largest 5 --loss huber:1e-3 --grid hoffmann --natural alpha --natural beta --optimizer lbfgs
//
//   FitLaw --law frantar --csv Sources/ScalingLawsData/Resources/quest_qat_runs.csv --column N=non_embedding_params \
//          --column D=tokens --category w_bits --target loss --where w_bits=a_bits \
//          --where w_quant=TrustQuantizer,NoQuantizer --fix eff_16=1
//
// A SOURCE is a column name, or else an arithmetic expression over columns (names with spaces in
// backticks). Run with --help for every option.

import ExampleSupport
import Foundation
import ScalingLaws

func fail(_ message: String) -> Never { OptionParser.fail(message + " (run FitLaw --help for usage)") }

struct Settings {
    var family: String?
    var csv: String?
    var columns: [(String, String)] = []
    var target: String?
    var weights: String?
    var category: String?
    var filters: [(String, [String])] = []
    var dropLargest = 0
    var loss = LossFunction.leastSquares
    var residuals = ResidualSpace.logarithmic
    var optimizer = Optimizer.automatic
    var starts: [String: Double] = [:]
    var grid: [String: [Double]] = [:]
    var hoffmannGrid = false
    var fixed: [(String, Double?)] = []
    var options = FitOptions()
    var bootstrap = 0
    var seed: UInt64 = 0
    var json = false
    var quiet = false
}

typealias Failure = OptionParser.Failure

func split(_ text: String, _ flag: String) throws(Failure) -> (String, String) {
    guard let equals = text.firstIndex(of: "=") else { throw Failure("\(flag) expects NAME=VALUE, got '\(text)'") }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
}

func lossFunction(_ text: String) throws(Failure) -> LossFunction {
    let parts = text.split(separator: ":").map(String.init)
    let argument = parts.count == 2 ? parts[1] : nil
    switch (parts.first ?? "", argument) {
    case ("leastSquares", nil), ("ls", nil): return .leastSquares
    case ("huber", let delta?): return .huber(delta: try OptionParser.positive(delta, "--loss"))
    case ("softL1", let scale?): return .softL1(scale: try OptionParser.positive(scale, "--loss"))
    case ("huberLikelihood", let delta?): return .huberLikelihood(delta: try OptionParser.positive(delta, "--loss"))
    case ("asymmetric", let weights?):
        let pair = weights.split(separator: ",").map(String.init)
        guard pair.count == 2 else { throw Failure("--loss asymmetric:UNDER,OVER needs two weights, got '\(weights)'") }
        return .asymmetric(underPrediction: try OptionParser.positive(pair[0], "--loss"),
                           overPrediction: try OptionParser.positive(pair[1], "--loss"))
    default:
        throw Failure("--loss: unknown loss '\(text)' (leastSquares, huber:DELTA, softL1:SCALE, huberLikelihood:DELTA, asymmetric:UNDER,OVER)")
    }
}

@MainActor
func parse() -> Settings {
    var settings = Settings()
    var parser = OptionParser(
        usage: "FitLaw --law FAMILY --csv FILE --column VARIABLE=SOURCE ... --target SOURCE [options]",
        summary: """
        Fits one of the library's law families to a CSV file. A SOURCE is a column name, or an arithmetic
        expression over columns (names with spaces in backticks).

        families (variables; parameters):
          chinchilla    N, D; E, A, alpha, B, beta                 L = E + A/N^α + B/D^β (Hoffmann 2022)
          kaplan        N, D; Nc, Dc, alphaN, alphaD               L = ((Nc/N)^(αN/αD) + Dc/D)^αD (Ouyang's baseline)
          ouyang        N, D, bits; k, alpha, beta, gamma          ΔL = k·D^β/(N^α·P^γ) (Ouyang 2024)
          kumar-ptq     N, D, bits; CT, gammaD, gammaN, gammaPost  δ = C_T·D^γD/N^γN·exp(−P/γpost) (Kumar 2024)
          kumar         N, D, bits, weightBits, activationBits, kvBits; the unified law's 14 parameters (Kumar 2024)
          chen          N, D, groupSize; k, gammaN, gammaD, gammaG δ = k·D^γD·(log₂G)^γG/N^γN (Chen 2025)
          capybara      N, D, exponentBits, mantissaBits, blockSize; n, alpha, d, beta, epsilon, gamma, delta, nu (Sun 2025)
          frantar       N, D, format (--category COLUMN); E, A, alpha, B, beta, eff_<label>  L = E + A/(N·eff(C))^α + B/D^β
        """)
    parser.option("--law", value: "FAMILY", help: "the law family (above)") { settings.family = $0 }
    parser.option("--csv", value: "FILE", help: "the data") { settings.csv = $0 }
    parser.option("--column", value: "VARIABLE=SOURCE", help: "N, D, bits, weightBits, activationBits, kvBits, groupSize, exponentBits, mantissaBits, blockSize") {
        text throws(Failure) in settings.columns.append(try split(text, "--column"))
    }
    parser.option("--target", value: "SOURCE", help: "the measured value (a loss, a degradation)") { settings.target = $0 }
    parser.option("--weights", value: "SOURCE", help: "per-point weights") { settings.weights = $0 }
    parser.option("--category", value: "COLUMN", help: "(frantar) one eff per label of COLUMN") { settings.category = $0 }
    parser.option("--where", value: "COLUMN=V1,V2", help: "keep rows whose COLUMN is one of the values (or equals column V1)") {
        text throws(Failure) in
        let (column, values) = try split(text, "--where")
        settings.filters.append((column, values.split(separator: ",").map(String.init)))
    }
    parser.option("--drop-largest", value: "K", help: "drop the K points of largest target (Besiroglu et al. drop 5)") {
        text throws(Failure) in settings.dropLargest = try OptionParser.integer(text, "--drop-largest", in: 0...1_000_000)
    }
    parser.option("--loss", value: "L", help: "leastSquares (default), huber:DELTA, softL1:SCALE, huberLikelihood:DELTA, asymmetric:UNDER,OVER") {
        text throws(Failure) in settings.loss = try lossFunction(text)
    }
    parser.option("--residuals", value: "R", help: "log (default) or linear") { text throws(Failure) in
        switch text {
        case "log", "logarithmic": settings.residuals = .logarithmic
        case "linear": settings.residuals = .linear
        default: throw Failure("--residuals: '\(text)' is neither log nor linear")
        }
    }
    parser.option("--optimizer", value: "O", help: "auto (default), lm, lbfgs, slp (Huber losses)") { text throws(Failure) in
        switch text {
        case "auto", "automatic": settings.optimizer = .automatic
        case "lm", "levenberg-marquardt": settings.optimizer = .levenbergMarquardt
        case "lbfgs", "l-bfgs": settings.optimizer = .lbfgs()
        case "slp", "sequential-linear-programming": settings.optimizer = .sequentialLinearProgramming
        default: throw Failure("--optimizer: unknown optimizer '\(text)' (auto, lm, lbfgs, slp)")
        }
    }
    parser.option("--start", value: "NAME=VALUE", help: "start value of a parameter (default: the published preset)") {
        text throws(Failure) in
        let (name, value) = try split(text, "--start")
        settings.starts[name] = try OptionParser.number(value, "--start")
    }
    parser.option("--grid", value: "NAME=V1,V2|hoffmann", help: "a grid of start values; 'hoffmann': the 4,500-point Chinchilla grid (α, β fitted in natural coordinates, as Hoffmann did)") {
        text throws(Failure) in
        if text == "hoffmann" { settings.hoffmannGrid = true; return }
        let (name, values) = try split(text, "--grid")
        var grid: [Double] = []
        for value in values.split(separator: ",") { grid.append(try OptionParser.number(String(value), "--grid")) }
        settings.grid[name] = grid
    }
    parser.option("--fix", value: "NAME[=VALUE]", help: "hold a parameter fixed (at VALUE)") { text throws(Failure) in
        if text.contains("=") {
            let (name, value) = try split(text, "--fix")
            settings.fixed.append((name, try OptionParser.number(value, "--fix")))
        } else {
            settings.fixed.append((text, nil))
        }
    }
    parser.option("--bound", value: "NAME=LO:HI", help: "bound a parameter") { text throws(Failure) in
        let (name, range) = try split(text, "--bound")
        var ends: [Double] = []
        for end in range.split(separator: ":") { ends.append(try OptionParser.number(String(end), "--bound")) }
        guard ends.count == 2, ends[0] < ends[1] else { throw Failure("--bound expects NAME=LO:HI with LO < HI, got '\(range)'") }
        settings.options.bounds[Parameter(name)] = ends[0]...ends[1]
    }
    parser.option("--natural", value: "NAME", help: "fit a parameter in natural rather than log coordinates") {
        settings.options.searchSpaces[Parameter($0)] = .natural
    }
    parser.option("--max-iterations", value: "K", help: "iteration limit per start (default 1000)") { text throws(Failure) in
        settings.options.maxIterations = try OptionParser.integer(text, "--max-iterations", in: 1...10_000_000)
    }
    parser.option("--bootstrap", value: "N", help: "also N bootstrap resamples (2 to 100000)") { text throws(Failure) in
        settings.bootstrap = try OptionParser.integer(text, "--bootstrap", in: 2...100_000)
    }
    parser.option("--seed", value: "S", help: "bootstrap seed (default 0)") { text throws(Failure) in
        guard let seed = UInt64(text) else { throw Failure("--seed needs a non-negative integer, got '\(text)'") }
        settings.seed = seed
    }
    parser.flag("--json", help: "print JSON instead of a table") { settings.json = true }
    parser.flag("--quiet", help: "no progress lines on standard error") { settings.quiet = true }
    if CommandLine.arguments.count == 1 {
        print(parser.helpText)
        exit(2)
    }
    parser.parse()
    return settings
}

let settings = parse()
guard let family = settings.family else { fail("--law is required") }
guard let csvPath = settings.csv else { fail("--csv is required") }
guard let targetText = settings.target else { fail("--target is required") }

let variablesById: [String: Variable] = Dictionary(uniqueKeysWithValues: [
    Variable.N, .D, .bits, .weightBits, .activationBits, .kvBits, .groupSize, .exponentBits, .mantissaBits, .blockSize,
].map { ($0.id, $0) })

/// Fits `law` with the settings and prints the result.
func run<Form: LawForm>(_ law: ScalingLaw<Form>, table: CSVTable) throws {
    var law = law
    for (name, value) in settings.fixed { law = try law.fixing(law.parameter(named: name), to: value) }
    for (name, value) in settings.starts { law = try law.setting(law.parameter(named: name), to: value) }
    // A header name as written, else an expression if it has operators, else a (missing) column.
    func source(_ text: String) throws(CSVError) -> ColumnSource {
        if table.columns.contains(text) || !text.contains(where: { "+-*/^()`[]".contains($0) }) { return .column(text) }
        return try .expression(text)
    }
    var columns: [Variable: ColumnSource] = [:]
    for (id, text) in settings.columns {
        guard let variable = variablesById[id] else {
            fail("--column: unknown variable '\(id)' (known: \(variablesById.keys.sorted().joined(separator: ", ")))")
        }
        columns[variable] = try source(text)
    }
    if let category = settings.category, let variable = law.variables.first(where: { !$0.categories.isEmpty }) {
        columns[variable] = .category(category)
    }
    for variable in law.variables where columns[variable] == nil {
        fail("the \(family) law needs variable '\(variable.id)': add --column \(variable.id)=SOURCE")
    }
    var data = try Observations(table, columns: columns, target: try source(targetText),
                                weights: try settings.weights.map { text throws(CSVError) in try source(text) })
    if settings.dropLargest > 0 { data = try data.droppingLargestTargets(settings.dropLargest) }
    let starts: Starts = settings.hoffmannGrid ? .hoffmann2022 : settings.grid.isEmpty ? .current : .grid(Dictionary(uniqueKeysWithValues: settings.grid.map { (Parameter($0.key), $0.value) }))
    let fit = try law.fit(to: data, loss: settings.loss, residuals: settings.residuals, starts: starts,
                          optimizer: settings.optimizer, options: settings.options)
    let progress = Progress("FitLaw bootstrap", quiet: settings.quiet)
    let bootstrap = settings.bootstrap > 0
        ? try fit.bootstrap(resamples: settings.bootstrap, seed: settings.seed) { progress.update($0, of: $1) } : nil

    if settings.json {
        var parameters: [String: Any] = [:]
        for parameter in fit.law.parameters {
            var entry: [String: Any] = ["value": fit.parameters[parameter]!,
                                        "fixed": fit.law.fixedParameters.contains(parameter)]
            if let error = fit.standardErrors[parameter] { entry["standardError"] = error }
            if let error = bootstrap?.standardErrors[parameter] { entry["bootstrapStandardError"] = error }
            if let interval = bootstrap?.intervals[parameter] {
                entry["interval"] = [interval.lowerBound, interval.upperBound]
            }
            parameters[parameter.name] = entry
        }
        var object: [String: Any] = [
            "law": family, "points": data.count, "parameters": parameters, "objective": fit.objective,
            "rSquared": fit.rSquared, "iterations": fit.iterations, "converged": fit.isConverged,
            "reason": fit.reason.description, "warnings": fit.warnings.map(\.description), "seconds": fit.seconds,
            "formula": fit.law.formula(showingValues: true),
        ]
        if let scale = fit.scale { object["scale"] = scale }
        if let bootstrap { object["bootstrapWarnings"] = bootstrap.warnings.map(\.description) }
        guard JSONSerialization.isValidJSONObject(object) else { fail("the results hold a non-finite number") }
        let json = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: json, as: UTF8.self))
        return
    }
    print("\(family) fitted to \(data.count) points of \(csvPath)")
    print(fit.law.formula())
    print(String(format: "objective %.6g, R² %.5f, %d iterations, %@, %.3f s", fit.objective, fit.rSquared,
                 fit.iterations, fit.reason.description, fit.seconds))
    print("parameter           value      ± std. error" + (bootstrap == nil ? "" : "   ± bootstrap   95% interval"))
    for parameter in fit.law.parameters {
        let name = parameter.name
        let value = fit.parameters[parameter]!
        var line = name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%14.6g", value)
        if fit.law.fixedParameters.contains(parameter) {
            line += "   (fixed)"
        } else {
            line += fit.standardErrors[parameter].map { String(format: " ± %11.4g", $0) } ?? " ±           ?"
            if let bootstrap, let error = bootstrap.standardErrors[parameter], let interval = bootstrap.intervals[parameter] {
                line += String(format: " ± %11.4g   [%.5g, %.5g]", error, interval.lowerBound, interval.upperBound)
            }
        }
        print(line)
    }
    if let scale = fit.scale { print(String(format: "scale σ       %14.6g", scale)) }
    for warning in fit.warnings { print("warning: \(warning)") }
    for warning in bootstrap?.warnings ?? [] { print("bootstrap warning: \(warning)") }
}

do {
    var table = try CSVTable(contentsOfFile: csvPath)
    for (column, values) in settings.filters {
        let position = try table.index(of: column)
        if values.count == 1, table.columns.contains(values[0]) {
            let other = try table.index(of: values[0])
            table = try table.filter { row throws(CSVError) in row.fields[position] == row.fields[other] }
        } else {
            table = try table.filter { row throws(CSVError) in values.contains(row.fields[position]) }
        }
    }
    switch family {
    case "chinchilla": try run(Hoffmann2022.printed, table: table)
    case "kaplan": try run(Ouyang2024.baseline16, table: table)
    case "ouyang": try run(Ouyang2024.unified, table: table)
    case "kumar-ptq": try run(Kumar2024.ptq, table: table)
    case "kumar": try run(Kumar2024.unified, table: table)
    case "chen": try run(Chen2025.w4a4, table: table)
    case "capybara": try run(Sun2025.capybara, table: table)
    case "frantar":
        guard let category = settings.category else { fail("the frantar law needs --category COLUMN (one eff per label)") }
        var labels = try table.distinctValues(of: category)
        if labels.allSatisfy({ Double($0) != nil }) { labels.sort { Double($0)! < Double($1)! } }
        let effective = try ScalingLaw(PerCategoryEffectiveParametersForm(labels: labels),
                                       values: Dictionary(uniqueKeysWithValues: labels.map { (Parameter("eff_\($0)"), 1.0) }))
        try run(Hoffmann2022.printed.substituting(.N, with: effective), table: table)
    default:
        fail("unknown law family '\(family)' (chinchilla, kaplan, ouyang, kumar-ptq, kumar, chen, capybara, frantar)")
    }
} catch let error as CSVError {
    fail(error.description)
} catch let error as FitError {
    fail(error.description)
} catch let error as ScalingLawError {
    fail(error.description)
} catch {
    fail("\(error)")
}
