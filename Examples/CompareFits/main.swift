// CompareFits: which law form to believe for your runs, judged on runs it was not fitted on, and
// how sure the numbers people use are — on the data sets shipped with the package.
//
//     swift run -c release CompareFits               # tables
//     swift run -c release CompareFits --json        # comparisons, intervals, isoFLOP exponents
//     swift run -c release CompareFits --coverage 200 --json   # interval coverage on synthetic data

import ExampleSupport
import Foundation
import ScalingLaws
import ScalingLawsData

struct Settings {
    var json = false
    var quiet = false
    var coverage = 0
    var resamples = 400
}

var settings = Settings()
var parser = OptionParser(
    usage: "CompareFits [--json] [--quiet] [--resamples N] [--coverage SETS]",
    summary: """
        Fits competing law forms to the shipped data and ranks them by error on held-out runs:
        QuEST's QAT runs (largest model held out), Quartet II's FP4 runs (the FP4 loss increase,
        largest model held out), Epoch's Chinchilla points (largest models held out); bootstrap
        intervals of tokens per parameter; isoFLOP (Approach 2) exponents of Porian et al.'s and the
        combined isoFLOP sets. --coverage SETS instead checks that 90% intervals cover the truth on
        SETS synthetic data sets.
        """)
parser.flag("--json", help: "print JSON") { settings.json = true }
parser.flag("--quiet", help: "no progress lines on standard error") { settings.quiet = true }
parser.option("--resamples", value: "N", help: "bootstrap resamples of the intervals (default 400)") { text throws(OptionParser.Failure) in
    settings.resamples = try OptionParser.integer(text, "--resamples", in: 2...100_000)
}
parser.option("--coverage", value: "SETS", help: "check 90% interval coverage on SETS synthetic data sets (≥ 10)") { text throws(OptionParser.Failure) in
    settings.coverage = try OptionParser.integer(text, "--coverage", in: 10...100_000)
}
parser.parse()

let progress = Progress("CompareFits", quiet: settings.quiet)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CompareFits: \(message)\n".utf8))
    exit(1)
}

func printJSON(_ object: Any) {
    do {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    } catch {
        fail("could not encode JSON: \(error)")
    }
}

if settings.coverage > 0 {
    do {
        let report = try intervalCoverage(sets: settings.coverage, progress: progress)
        if settings.json { printJSON(report.json) } else { report.printTable() }
    } catch {
        fail("\(error)")
    }
    exit(0)
}

do {
    progress.note("QuEST QAT runs")
    let quest = try questComparison()
    progress.note("Quartet II FP4 runs")
    let quartet = try quartetComparison()
    progress.note("Epoch's Chinchilla points")
    let chinchilla = try chinchillaComparison()
    progress.note("tokens per parameter, \(settings.resamples) bootstrap resamples")
    let intervals = try chinchillaIntervals(resamples: settings.resamples, progress: progress)
    progress.note("isoFLOP analyses")
    let isoflops = try isoFLOPAnalyses(resamples: settings.resamples)
    let comparisons = [quest, quartet, chinchilla]
    if settings.json {
        printJSON([
            "comparisons": comparisons.flatMap { $0.json },
            "intervals": intervals.map(\.json),
            "isoflop": isoflops.map(\.json),
        ])
    } else {
        for comparison in comparisons { comparison.printTable() }
        printIntervals(intervals)
        printIsoFLOP(isoflops)
    }
} catch {
    fail("\(error)")
}
