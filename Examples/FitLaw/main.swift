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

import Foundation
import ScalingLaws

let usage = """
usage: FitLaw --law FAMILY --csv FILE --column VARIABLE=SOURCE ... --target SOURCE [options]

families (variables; parameters):
  chinchilla    N, D; E, A, alpha, B, beta                 L = E + A/N^α + B/D^β (Hoffmann 2022)
  kaplan        N, D; Nc, Dc, alphaN, alphaD               L = ((Nc/N)^(αN/αD) + Dc/D)^αD (Ouyang's baseline)
  ouyang        N, D, bits; k, alpha, beta, gamma          ΔL = k·D^β/(N^α·P^γ) (Ouyang 2024)
  kumar-ptq     N, D, bits; CT, gammaD, gammaN, gammaPost  δ = C_T·D^γD/N^γN·exp(−P/γpost) (Kumar 2024)
  kumar         N, D, bits, weightBits, activationBits, kvBits; the unified law's 14 parameters (Kumar 2024)
  chen          N, D, groupSize; k, gammaN, gammaD, gammaG δ = k·D^γD·(log₂G)^γG/N^γN (Chen 2025)
  capybara      N, D, exponentBits, mantissaBits, blockSize; n, alpha, d, beta, epsilon, gamma, delta, nu (Sun 2025)
  frantar       N, D, format (--category COLUMN); E, A, alpha, B, beta, eff_<label>  L = E + A/(N·eff(C))^α + B/D^β

options:
  --column VARIABLE=SOURCE  variable ids: N, D, bits, weightBits, activationBits, kvBits, groupSize,
                            exponentBits, mantissaBits, blockSize
  --target SOURCE           the measured value (a loss, a degradation)
  --weights SOURCE          per-point weights
  --category COLUMN         (frantar) the column whose labels are the formats, one eff per label
  --where COLUMN=V1,V2      keep rows whose COLUMN is one of the values; COLUMN=OTHER keeps rows
                            where two columns are equal (when OTHER is a column name)
  --drop-largest K          drop the K points of largest target (Besiroglu et al. drop 5)
  --loss L                  leastSquares (default), huber:DELTA, softL1:SCALE, huberLikelihood:DELTA
  --residuals R             log (default) or linear
  --optimizer O             auto (default), lm, lbfgs
  --start NAME=VALUE        start value of a parameter (default: the family's published preset)
  --grid NAME=V1,V2,...     grid of start values (repeat for several parameters); --grid hoffmann
                            for Hoffmann's 4,500-point Chinchilla grid
  --fix NAME[=VALUE]        hold a parameter fixed (at VALUE)
  --bound NAME=LO:HI        bound a parameter
  --natural NAME            fit a parameter in natural rather than log coordinates
  --max-iterations K        iteration limit per start (default 1000)
  --bootstrap N             also N bootstrap resamples (standard errors and 95% intervals)
  --seed S                  bootstrap seed (default 0)
  --json                    print JSON instead of a table
"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n(run FitLaw --help for usage)\n".utf8))
    exit(2)
}

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
}

func split(_ text: String, _ flag: String) -> (String, String) {
    guard let equals = text.firstIndex(of: "=") else { fail("\(flag) expects NAME=VALUE, got '\(text)'") }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
}

func number(_ text: String, _ flag: String) -> Double {
    guard let value = Double(text), value.isFinite else { fail("\(flag): '\(text)' is not a finite number") }
    return value
}

func parse() -> Settings {
    var settings = Settings()
    var list = CommandLine.arguments.dropFirst()
    if list.isEmpty { print(usage); exit(2) }
    func value(_ flag: String) -> String {
        guard let next = list.popFirst() else { fail("\(flag) needs a value") }
        return next
    }
    while let flag = list.popFirst() {
        switch flag {
        case "--help", "-h": print(usage); exit(0)
        case "--law": settings.family = value(flag)
        case "--csv": settings.csv = value(flag)
        case "--column": settings.columns.append(split(value(flag), flag))
        case "--target": settings.target = value(flag)
        case "--weights": settings.weights = value(flag)
        case "--category": settings.category = value(flag)
        case "--where":
            let (column, values) = split(value(flag), flag)
            settings.filters.append((column, values.split(separator: ",").map(String.init)))
        case "--drop-largest":
            guard let count = Int(value(flag)), count >= 0 else { fail("--drop-largest needs an integer ≥ 0") }
            settings.dropLargest = count
        case "--loss":
            let text = value(flag)
            let parts = text.split(separator: ":").map(String.init)
            let argument = parts.count == 2 ? parts[1] : nil
            switch (parts[0], argument) {
            case ("leastSquares", nil), ("ls", nil): settings.loss = .leastSquares
            case ("huber", let delta?): settings.loss = .huber(delta: number(delta, flag))
            case ("softL1", let scale?): settings.loss = .softL1(scale: number(scale, flag))
            case ("huberLikelihood", let delta?): settings.loss = .huberLikelihood(delta: number(delta, flag))
            default: fail("--loss: unknown loss '\(text)' (leastSquares, huber:DELTA, softL1:SCALE, huberLikelihood:DELTA)")
            }
        case "--residuals":
            switch value(flag) {
            case "log", "logarithmic": settings.residuals = .logarithmic
            case "linear": settings.residuals = .linear
            case let other: fail("--residuals: '\(other)' is neither log nor linear")
            }
        case "--optimizer":
            switch value(flag) {
            case "auto", "automatic": settings.optimizer = .automatic
            case "lm", "levenberg-marquardt": settings.optimizer = .levenbergMarquardt
            case "lbfgs", "l-bfgs": settings.optimizer = .lbfgs()
            case let other: fail("--optimizer: unknown optimizer '\(other)' (auto, lm, lbfgs)")
            }
        case "--start":
            let (name, text) = split(value(flag), flag)
            settings.starts[name] = number(text, flag)
        case "--grid":
            let text = value(flag)
            if text == "hoffmann" { settings.hoffmannGrid = true; continue }
            let (name, values) = split(text, flag)
            settings.grid[name] = values.split(separator: ",").map { number(String($0), flag) }
        case "--fix":
            let text = value(flag)
            if text.contains("=") {
                let (name, valueText) = split(text, flag)
                settings.fixed.append((name, number(valueText, flag)))
            } else {
                settings.fixed.append((text, nil))
            }
        case "--bound":
            let (name, range) = split(value(flag), flag)
            let ends = range.split(separator: ":").map { number(String($0), flag) }
            guard ends.count == 2, ends[0] < ends[1] else { fail("--bound expects NAME=LO:HI with LO < HI, got '\(range)'") }
            settings.options.bounds[Parameter(name)] = ends[0]...ends[1]
        case "--natural": settings.options.searchSpaces[Parameter(value(flag))] = .natural
        case "--max-iterations":
            guard let count = Int(value(flag)), count > 0 else { fail("--max-iterations needs an integer > 0") }
            settings.options.maxIterations = count
        case "--bootstrap":
            guard let count = Int(value(flag)), count >= 2 else { fail("--bootstrap needs an integer ≥ 2") }
            settings.bootstrap = count
        case "--seed":
            guard let seed = UInt64(value(flag)) else { fail("--seed needs a non-negative integer") }
            settings.seed = seed
        case "--json": settings.json = true
        default: fail("unknown argument '\(flag)'")
        }
    }
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
    let bootstrap = settings.bootstrap > 0 ? try fit.bootstrap(resamples: settings.bootstrap, seed: settings.seed) : nil

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
        let json = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
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
