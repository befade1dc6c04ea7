// Reproduces the Chinchilla replication (Besiroglu et al. 2024) on the 240 points digitised from
// Chinchilla's Figure 4:
//
//   1. Hoffmann et al.'s exact procedure: Huber (δ = 10⁻³) summed over the log residuals of
//      L = E + A/N^α + B/D^β, L-BFGS from each of the 4,500 grid starts, keep the best.
//   2. Besiroglu et al.'s Huber likelihood with a fitted scale σ, from the grid's optimum, and its
//      bootstrap standard errors (4,000 resamples by default, as published; seeded).
//
// The likelihood is nearly piecewise linear (its Huber threshold δ·σ is about 5·10⁻⁹ in ln L):
// sequential linear programming, made for such objectives, fits it and its resamples (L-BFGS, the
// published method, stops on kinks and needs tight tolerances and many iterations: --likelihood-optimizer
// lbfgs runs it for comparison). Both run with tolerances objective 10⁻¹⁵, gradient 10⁻¹².
//
// Usage: ReplicateChinchilla [--data PATH] [--json] [--resamples N] [--seed S] [--concurrency K]
//                            [--likelihood-optimizer slp|lbfgs]
//                            [--cancel-after S]   (exit status 3 when the bootstrap was cancelled)
// Default data: the Epoch AI points shipped with the package (ScalingLawsData); --data reads a CSV
// with the same columns ("Model Size", "Training FLOP", "loss").

import ExampleSupport
import Foundation
import ScalingLaws
import ScalingLawsData

struct Arguments {
    /// A user's CSV, or nil for the shipped data set.
    var data: String?
    var json = false
    var quiet = false
    var resamples = 4000
    var seed: UInt64 = 2024
    var concurrency: Int?
    /// Seconds after which the bootstrap's task is cancelled, or nil.
    var cancelAfter: Double?
    /// The optimizer of the likelihood fit and its bootstrap refits.
    var likelihoodOptimizer: Optimizer = .sequentialLinearProgramming
}

func fail(_ message: String) -> Never { OptionParser.fail(message) }

@MainActor
func parseArguments() -> Arguments {
    var arguments = Arguments()
    var parser = OptionParser(
        usage: "ReplicateChinchilla [--data PATH] [--json] [--quiet] [--resamples N] [--seed S] [--concurrency K] [--likelihood-optimizer slp|lbfgs] [--cancel-after S]",
        summary: """
            Hoffmann et al.'s 4,500-start Huber fit and Besiroglu et al.'s Huber-likelihood fit with its
            bootstrap standard errors, on the 240 Epoch AI points shipped with the package (or --data).
            """)
    parser.option("--data", value: "PATH", help: "a CSV with columns Model Size, Training FLOP, loss") { arguments.data = $0 }
    parser.flag("--json", help: "print the results as JSON") { arguments.json = true }
    parser.flag("--quiet", help: "no progress lines on standard error") { arguments.quiet = true }
    parser.option("--resamples", value: "N", help: "bootstrap resamples (default 4000)") { text throws(OptionParser.Failure) in
        arguments.resamples = try OptionParser.integer(text, "--resamples", in: 2...1_000_000)
    }
    parser.option("--seed", value: "S", help: "bootstrap seed (default 2024)") { text throws(OptionParser.Failure) in
        guard let seed = UInt64(text) else { throw OptionParser.Failure("--seed needs a non-negative integer, got '\(text)'") }
        arguments.seed = seed
    }
    parser.option("--likelihood-optimizer", value: "NAME", help: "slp (sequential linear programming, default) or lbfgs") { text throws(OptionParser.Failure) in
        switch text {
        case "slp": arguments.likelihoodOptimizer = .sequentialLinearProgramming
        case "lbfgs": arguments.likelihoodOptimizer = .lbfgs()
        default: throw OptionParser.Failure("--likelihood-optimizer is slp or lbfgs, got '\(text)'")
        }
    }
    parser.option("--concurrency", value: "K", help: "threads (default: one per core)") { text throws(OptionParser.Failure) in
        arguments.concurrency = try OptionParser.integer(text, "--concurrency", in: 1...4096)
    }
    parser.option("--cancel-after", value: "S", help: "cancel the bootstrap after S seconds (it stops and says so)") { text throws(OptionParser.Failure) in
        guard let seconds = Double(text), seconds >= 0, seconds.isFinite else {
            throw OptionParser.Failure("--cancel-after needs a number of seconds ≥ 0, got '\(text)'")
        }
        arguments.cancelAfter = seconds
    }
    parser.parse()
    return arguments
}

let arguments = parseArguments()
// The data: N = Model Size, D = Training FLOP / (6 N), L = loss; drop the 5 highest losses → 240.
let data: Observations
let source: String
do {
    if let path = arguments.data {
        guard FileManager.default.fileExists(atPath: path) else { fail("data file '\(path)' not found") }
        data = try Observations(
            contentsOfCSV: path,
            columns: [.N: .column("Model Size"), .D: try .expression("`Training FLOP` / (6 * `Model Size`)")],
            target: .column("loss")
        ).droppingLargestTargets(5)
        source = path
    } else {
        data = try Dataset.epochChinchilla.observations()
        source = "the shipped \(Dataset.epochChinchilla.fileName)"
    }
} catch let error as CSVError {
    fail(error.description)
} catch {
    fail("\(error)")
}

// 1. Hoffmann's grid procedure. α and β move in natural coordinates (the grid starts at α = 0),
//    A, B, E in log space — exactly Hoffmann's (a, b, e, α, β) parametrisation.
let gridOptions = FitOptions(
    searchSpaces: ["alpha": .natural, "beta": .natural], concurrency: arguments.concurrency)
let grid: FitResult<ChinchillaForm>
let likelihood: FitResult<ChinchillaForm>
let bootstrap: Bootstrap<ChinchillaForm>
do {
    let progress = Progress("ReplicateChinchilla", quiet: arguments.quiet)
    progress.note("fitting from Hoffmann et al.'s 4,500 grid starts")
    grid = try Hoffmann2022.printed.fit(
        to: data, loss: .huber(delta: 1e-3), residuals: .logarithmic, starts: .hoffmann2022,
        optimizer: .lbfgs(), options: gridOptions)
    // 2. The Huber likelihood with a fitted scale, from the grid's optimum.
    var likelihoodOptions = FitOptions(concurrency: arguments.concurrency)
    likelihoodOptions.maxIterations = 10_000
    likelihoodOptions.objectiveTolerance = 1e-15
    likelihoodOptions.gradientTolerance = 1e-12
    likelihood = try grid.law.fit(
        to: data, loss: .huberLikelihood(delta: 1e-3), residuals: .logarithmic, starts: .current,
        optimizer: arguments.likelihoodOptimizer, options: likelihoodOptions)
    progress.note(String(format: "grid fit in %.2f s; likelihood fit in %.2f s; bootstrap of %d resamples", grid.seconds,
                         likelihood.seconds, arguments.resamples))
    // The bootstrap runs in its own task, so that it can be cancelled (--cancel-after).
    let fitted = likelihood
    let (resamples, seed, concurrency) = (arguments.resamples, arguments.seed, arguments.concurrency)
    let began = Date()
    let refits = Task.detached {
        try fitted.bootstrap(resamples: resamples, seed: seed, concurrency: concurrency) { done, total in
            progress.update(done, of: total)
        }
    }
    if let delay = arguments.cancelAfter {
        try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        refits.cancel()
    }
    do {
        bootstrap = try await refits.value
    } catch FitError.cancelled {
        print(String(format: "ReplicateChinchilla: the bootstrap was cancelled and stopped %.2f s after it started",
                     Date().timeIntervalSince(began)))
        exit(3)
    }
} catch let error as FitError {
    fail(error.description)
} catch {
    fail("\(error)")
}

let names = ["A", "B", "E", "alpha", "beta"]
let publishedGrid: [String: Double] = ["A": 477.84, "B": 2143.86, "E": 1.8172, "alpha": 0.3473, "beta": 0.3672,
                                       "objective": 1.01827e-3]
let publishedLikelihood: [String: Double] = ["A": 482.01, "B": 2085.43, "E": 1.8172, "alpha": 0.3478, "beta": 0.3658]
let publishedErrors: [String: Double] = ["A": 124.5, "B": 1293, "E": 0.026, "alpha": 0.015, "beta": 0.021]

func summary(_ fit: FitResult<ChinchillaForm>) -> [String: Any] {
    var entry: [String: Any] = [:]
    for name in names { entry[name] = fit.parameters[Parameter(name)]! }
    entry["objective"] = fit.objective
    entry["seconds"] = fit.seconds
    entry["iterations"] = fit.iterations
    entry["reason"] = fit.reason.description
    entry["warnings"] = fit.warnings.map(\.description)
    return entry
}

let optimizerName = arguments.likelihoodOptimizer == .sequentialLinearProgramming ? "sequential linear programming" : "L-BFGS"
if arguments.json {
    var gridEntry = summary(grid)
    gridEntry["starts"] = 4500
    gridEntry["points"] = data.count
    var likelihoodEntry = summary(likelihood)
    likelihoodEntry["sigma"] = likelihood.scale.map { $0 as Any } ?? NSNull()
    likelihoodEntry["optimizer"] = optimizerName
    var errors: [String: Any] = ["resamples": bootstrap.requested, "kept": bootstrap.samples.count,
                                 "failures": bootstrap.failures, "unconverged": bootstrap.unconverged,
                                 "seed": bootstrap.seed, "seconds": bootstrap.seconds,
                                 "warnings": bootstrap.warnings.map(\.description)]
    // JSON has no NaN: a standard error the bootstrap could not estimate is null.
    for name in names { errors[name] = bootstrap.standardErrors[Parameter(name)].map { $0 as Any } ?? NSNull() }
    likelihoodEntry["bootstrap"] = errors
    let object: [String: Any] = ["grid": gridEntry, "likelihood": likelihoodEntry]
    guard JSONSerialization.isValidJSONObject(object),
          let json = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { fail("the results are not valid JSON (a non-finite number?)") }
    print(String(decoding: json, as: UTF8.self))
} else {
    func row(_ name: String, _ value: Double, _ published: Double?) -> String {
        let shown = String(format: "%14.6g", value)
        let reference = published.map { String(format: "%14.6g", $0) } ?? String(repeating: " ", count: 14)
        return "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0))\(shown)\(reference)"
    }
    print("Chinchilla replication on \(data.count) points of \(source)")
    print("\n1. Hoffmann's procedure: Huber δ = 1e-3 on log residuals, L-BFGS from 4,500 grid starts")
    print(String(format: "   %.2f s, best start %d, %@", grid.seconds, grid.bestStart, grid.reason.description))
    print("  parameter        fitted     published")
    for name in names { print(row(name, grid.parameters[Parameter(name)]!, publishedGrid[name])) }
    print(row("objective", grid.objective, publishedGrid["objective"]))
    for warning in grid.warnings { print("  warning: \(warning)") }

    print("\n2. Huber likelihood with fitted scale (δ = 1e-3), \(optimizerName) from the grid's optimum")
    print(String(format: "   %.2f s, σ = %.4g, %@", likelihood.seconds, likelihood.scale ?? .nan, likelihood.reason.description))
    print("  parameter        fitted     published   bootstrap SE  published SE")
    for name in names {
        let se = bootstrap.standardErrors[Parameter(name)] ?? .nan
        print(row(name, likelihood.parameters[Parameter(name)]!, publishedLikelihood[name])
              + String(format: "%14.4g%14.4g", se, publishedErrors[name]!))
    }
    print(row("objective", likelihood.objective, nil))
    print(String(format: "   bootstrap: %d resamples (seed %llu), %d kept, %d failed, %d unconverged, %.2f s",
                 bootstrap.requested, bootstrap.seed, bootstrap.samples.count, bootstrap.failures,
                 bootstrap.unconverged, bootstrap.seconds))
    for warning in likelihood.warnings { print("  warning: \(warning)") }
    for warning in bootstrap.warnings { print("  bootstrap warning: \(warning)") }
}
