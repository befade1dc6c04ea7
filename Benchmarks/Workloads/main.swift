// The library's side of the benchmark workloads that `Benchmarks/run.py` compares with numpy and
// scipy. Each run prints one JSON object; a failure exits non-zero with the reason (never a NaN).
//
//   swift run -c release Workloads --workload grid
//   swift run -c release Workloads --workload bootstrap [--resamples K]
//   swift run -c release Workloads --workload fit --csv PATH
//   swift run -c release Workloads --workload batch --columns PATH [--values PATH]
//
// Workloads:
//   grid       Hoffmann et al.'s Huber fit from the 4,500 grid starts on the 240 Epoch AI points.
//   bootstrap  the Huber-likelihood fit with a fitted scale and its seeded bootstrap refits.
//   fit        read a CSV of N, D, loss and fit the Chinchilla form by Levenberg–Marquardt (least
//              squares on log residuals) from one fixed start; reading and fitting timed apart.
//   batch      Sun et al.'s Capybara law with `evaluate(batch:)` (validated) on the columns in a file.
//   batch-float  the same law on `SIMD16<Float>` lanes, one thread.
import Dispatch
import ExampleSupport
import Foundation
import ScalingLaws
import ScalingLawsData

struct Options {
    var workload = ""
    var csv: String?
    var resamples = 4000
    var output: String?
    var repeats = 5
    var concurrency: Int?
    var likelihoodOptimizer: Optimizer = .sequentialLinearProgramming
}

@MainActor
func parseOptions() -> Options {
    var options = Options()
    var parser = OptionParser(
        usage: "Workloads --workload grid|bootstrap|fit|batch [--csv PATH] [--columns PATH --values PATH] [--resamples K] [--likelihood-optimizer slp|lbfgs] [--concurrency K]",
        summary: "Runs one benchmark workload and prints its timings and results as JSON.")
    parser.option("--workload", value: "NAME", help: "grid, bootstrap, fit, batch or batch-float") { options.workload = $0 }
    parser.option("--csv", value: "PATH", help: "the CSV for the fit workload (columns N, D, loss)") { options.csv = $0 }
    parser.option("--columns", value: "PATH", help: "the batch workload's inputs: N, D, E, M, B as float64 columns") { options.csv = $0 }
    parser.option("--values", value: "PATH", help: "where the batch workload writes its values (float64)") { options.output = $0 }
    parser.option("--repeats", value: "K", help: "batch runs; the fastest counts (default 5)") { text throws(OptionParser.Failure) in
        options.repeats = try OptionParser.integer(text, "--repeats", in: 1...100)
    }
    parser.option("--resamples", value: "K", help: "bootstrap resamples (default 4000)") { text throws(OptionParser.Failure) in
        options.resamples = try OptionParser.integer(text, "--resamples", in: 2...100_000)
    }
    parser.option("--likelihood-optimizer", value: "NAME", help: "the bootstrap's refits: slp (default) or lbfgs") { text throws(OptionParser.Failure) in
        switch text {
        case "slp": options.likelihoodOptimizer = .sequentialLinearProgramming
        case "lbfgs": options.likelihoodOptimizer = .lbfgs()
        default: throw OptionParser.Failure("--likelihood-optimizer is slp or lbfgs, got '\(text)'")
        }
    }
    parser.option("--concurrency", value: "K", help: "threads (default: all cores)") { text throws(OptionParser.Failure) in
        options.concurrency = try OptionParser.integer(text, "--concurrency", in: 1...256)
    }
    parser.parse()
    return options
}

func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

func emit(_ object: [String: Any]) {
    guard JSONSerialization.isValidJSONObject(object),
          let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
        OptionParser.fail("the result is not valid JSON (a non-finite number?): \(object)")
    }
    print(String(decoding: data, as: UTF8.self))
}

func finite(_ values: [String: Double]) -> [String: Double] {
    for (key, value) in values where !value.isFinite { OptionParser.fail("\(key) is not finite: \(value)") }
    return values
}

func parameterValues<Form>(_ law: ScalingLaw<Form>) -> [String: Double] {
    finite(Dictionary(uniqueKeysWithValues: law.parameterValues.map { ($0.key.name, $0.value) }))
}

func grid(_ options: Options) throws -> [String: Any] {
    let data = try Dataset.epochChinchilla.observations()
    let fitOptions = FitOptions(searchSpaces: ["alpha": .natural, "beta": .natural], concurrency: options.concurrency)
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try Hoffmann2022.printed.fit(to: data, loss: .huber(delta: 1e-3), residuals: .logarithmic,
                                              starts: .hoffmann2022, optimizer: .lbfgs(), options: fitOptions)
    let elapsed = seconds(since: start)
    return ["workload": "grid", "ours_s": elapsed, "objective": result.objective,
            "parameters": parameterValues(result.law)]
}

func bootstrap(_ options: Options) throws -> [String: Any] {
    let data = try Dataset.epochChinchilla.observations()
    var fitOptions = FitOptions(concurrency: options.concurrency)
    fitOptions.maxIterations = 10_000
    fitOptions.objectiveTolerance = 1e-15
    fitOptions.gradientTolerance = 1e-12
    let published = try Hoffmann2022.printed.setting(ChinchillaForm.A, to: 482.01).setting(ChinchillaForm.B, to: 2085.43)
        .setting(ChinchillaForm.E, to: 1.8172).setting(ChinchillaForm.alpha, to: 0.3478).setting(ChinchillaForm.beta, to: 0.3658)
    let likelihood = try published.fit(to: data, loss: .huberLikelihood(delta: 1e-3), residuals: .logarithmic,
                                       starts: .current, optimizer: options.likelihoodOptimizer, options: fitOptions)
    let start = DispatchTime.now().uptimeNanoseconds
    let run = try likelihood.bootstrap(resamples: options.resamples, seed: 2024, concurrency: options.concurrency)
    let elapsed = seconds(since: start)
    let errors = finite(Dictionary(uniqueKeysWithValues: run.standardErrors.map { ($0.key.name, $0.value) }))
    return ["workload": "bootstrap", "ours_s": elapsed, "resamples": run.requested, "kept": run.samples.count,
            "unconverged": run.unconverged, "standard_errors": errors]
}

func fit(_ options: Options) throws -> [String: Any] {
    guard let path = options.csv else { OptionParser.fail("the fit workload needs --csv PATH") }
    let readStart = DispatchTime.now().uptimeNanoseconds
    let data = try Observations(contentsOfCSV: path, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss"))
    let readSeconds = seconds(since: readStart)
    let startLaw = try Hoffmann2022.printed.setting(ChinchillaForm.E, to: 1.8).setting(ChinchillaForm.A, to: 400)
        .setting(ChinchillaForm.alpha, to: 0.34).setting(ChinchillaForm.B, to: 2000).setting(ChinchillaForm.beta, to: 0.37)
    var fitOptions = FitOptions(concurrency: options.concurrency)
    fitOptions.searchSpaces = ["E": .natural, "A": .natural, "alpha": .natural, "B": .natural, "beta": .natural]
    let fitStart = DispatchTime.now().uptimeNanoseconds
    let result = try startLaw.fit(to: data, loss: .leastSquares, residuals: .logarithmic, starts: .current,
                                  optimizer: .levenbergMarquardt, options: fitOptions)
    let fitSeconds = seconds(since: fitStart)
    try result.requireConvergence()
    return ["workload": "fit", "ours_s": readSeconds + fitSeconds, "read_s": readSeconds, "fit_s": fitSeconds,
            "points": data.count, "iterations": result.iterations, "evaluations": result.evaluations,
            "objective": result.objective, "parameters": parameterValues(result.law)]
}

/// Reads `count` columns of float64 stored one after another (little-endian, as numpy's
/// `tofile` writes them) from `path`.
func readColumns(_ path: String, count: Int) -> [[Double]] {
    guard let data = FileManager.default.contents(atPath: path) else { OptionParser.fail("cannot read \(path)") }
    let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    guard values.count % count == 0, !values.isEmpty else {
        OptionParser.fail("\(path) holds \(values.count) doubles, not \(count) columns of equal length")
    }
    let rows = values.count / count
    return (0..<count).map { Array(values[($0 * rows)..<(($0 + 1) * rows)]) }
}

func batch(_ options: Options) throws -> [String: Any] {
    guard let path = options.csv else { OptionParser.fail("the batch workload needs --columns PATH") }
    let law = Sun2025.capybara
    let columns = Dictionary(uniqueKeysWithValues: zip(law.variables, readColumns(path, count: law.variables.count)))
    var best = Double.infinity
    var values: [Double] = []
    for _ in 0..<options.repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        values = try law.evaluate(batch: columns)
        best = Swift.min(best, seconds(since: start))
    }
    if let output = options.output {
        let data = values.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: output, contents: data) else { OptionParser.fail("cannot write \(output)") }
    }
    return ["workload": "batch", "ours_s": best, "points": values.count, "ns_per_point": best * 1e9 / Double(values.count)]
}

/// Sun et al.'s law on `Float` lanes, sixteen points at a time (the last block padded).
func floatBatch(_ options: Options) throws -> [String: Any] {
    guard let path = options.csv else { OptionParser.fail("the batch-float workload needs --columns PATH") }
    typealias Lanes = SIMD16<Float>
    let law = Sun2025.capybara
    let columns = readColumns(path, count: law.variables.count).map { $0.map(Float.init) }
    let count = columns[0].count
    let parameters = law.values.map { Lanes(repeating: Float($0)) }
    var best = Double.infinity
    var values = [Float](repeating: 0, count: count)
    for _ in 0..<options.repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        var lanes = [Lanes](repeating: Lanes(), count: columns.count)
        for block in stride(from: 0, to: count, by: Lanes.scalarCount) {
            let filled = Swift.min(Lanes.scalarCount, count - block)
            for slot in columns.indices {
                if filled == Lanes.scalarCount {
                    lanes[slot] = columns[slot].withUnsafeBufferPointer {
                        UnsafeRawPointer($0.baseAddress! + block).loadUnaligned(as: Lanes.self)
                    }
                } else {
                    var vector = Lanes(repeating: columns[slot][count - 1])
                    for lane in 0..<filled { vector[lane] = columns[slot][block + lane] }
                    lanes[slot] = vector
                }
            }
            let result = lanes.withUnsafeBufferPointer { x in
                parameters.withUnsafeBufferPointer { p in law.form.evaluate(LawArguments(x), LawArguments(p)) }
            }
            if filled == Lanes.scalarCount {
                values.withUnsafeMutableBufferPointer {
                    UnsafeMutableRawPointer($0.baseAddress! + block).storeBytes(of: result, as: Lanes.self)
                }
            } else {
                for lane in 0..<filled { values[block + lane] = result[lane] }
            }
        }
        best = Swift.min(best, seconds(since: start))
    }
    if let output = options.output {
        let data = values.map(Double.init).withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: output, contents: data) else { OptionParser.fail("cannot write \(output)") }
    }
    return ["workload": "batch-float", "ours_s": best, "points": count, "ns_per_point": best * 1e9 / Double(count)]
}

let options = parseOptions()
do {
    switch options.workload {
    case "grid": emit(try grid(options))
    case "bootstrap": emit(try bootstrap(options))
    case "fit": emit(try fit(options))
    case "batch": emit(try batch(options))
    case "batch-float": emit(try floatBatch(options))
    default: OptionParser.fail("unknown workload '\(options.workload)': use grid, bootstrap, fit, batch or batch-float")
    }
} catch {
    OptionParser.fail("workload \(options.workload) failed: \(error)")
}
