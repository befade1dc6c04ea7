import ExampleSupport
import Foundation
import ScalingLaws
import ScalingLawsData

/// A derived number with its bootstrap interval.
struct NamedInterval {
    let dataset: String
    let quantity: String
    let interval: DerivedInterval

    var json: [String: Any] {
        [
            "dataset": dataset, "quantity": quantity, "estimate": interval.estimate.map { $0 as Any } ?? NSNull(),
            "lower": interval.percentile.lowerBound, "upper": interval.percentile.upperBound,
            "studentTLower": interval.studentT.lowerBound, "studentTUpper": interval.studentT.upperBound,
            "level": interval.level, "kept": interval.kept, "leftOut": interval.leftOut,
        ]
    }
}

/// Tokens per parameter and the compute-optimal N at 10²² and 10²⁴ FLOP from the Chinchilla fit to
/// Epoch's points, with 90% bootstrap intervals.
func chinchillaIntervals(resamples: Int, progress: ExampleSupport.Progress) throws -> [NamedInterval] {
    let data = try Dataset.epochChinchilla.observations()
    let fit = try Besiroglu2024.refit.fit(to: data, loss: .huber(delta: 1e-3))
    let bootstrap = try fit.bootstrap(resamples: resamples, seed: 2024, level: 0.9) { progress.update($0, of: $1) }
    var intervals: [NamedInterval] = []
    for compute in [1e22, 1e24] {
        let label = String(format: "%.0e", compute).replacingOccurrences(of: "+", with: "")
        intervals.append(NamedInterval(dataset: "epoch_chinchilla.csv", quantity: "tokens per parameter D_opt/N_opt at C = \(label)",
                                       interval: try bootstrap.derivedInterval { law in
                                           let optimum = try law.closedFormOptimum(compute: compute)
                                           return optimum.D / optimum.N
                                       }))
        intervals.append(NamedInterval(dataset: "epoch_chinchilla.csv", quantity: "N_opt at C = \(label)",
                                       interval: try bootstrap.derivedInterval { try $0.closedFormOptimum(compute: compute).N }))
    }
    intervals.append(NamedInterval(dataset: "epoch_chinchilla.csv", quantity: "loss of 70B on 1.4T tokens",
                                   interval: try bootstrap.derivedInterval { try $0(N: 70e9, D: 1.4e12) }))
    return intervals
}

func printIntervals(_ intervals: [NamedInterval]) {
    print("Bootstrap intervals (90%) of derived numbers")
    for item in intervals {
        let interval = item.interval
        let left = interval.leftOutCount > 0 ? ", \(interval.leftOutCount) resamples left out: \(interval.leftOut)" : ""
        print("  \(pad(item.quantity, 46)) \(fmt(interval.estimate ?? .nan))  [\(fmt(interval.percentile.lowerBound)), \(fmt(interval.percentile.upperBound))]"
              + "  (Student-t [\(fmt(interval.studentT.lowerBound)), \(fmt(interval.studentT.upperBound))]; \(interval.kept) kept\(left))")
    }
    print("")
}

/// One isoFLOP data set's Approach 2.
struct NamedIsoFLOP {
    let dataset: String
    let analysis: IsoFLOPAnalysis

    var json: [String: Any] {
        [
            "dataset": dataset, "parameterExponent": analysis.parameterExponent, "tokenExponent": analysis.tokenExponent,
            "parameterExponentInterval": analysis.parameterExponentInterval.map { [$0.lowerBound, $0.upperBound] as Any } ?? NSNull(),
            "budgets": analysis.budgets.count, "rejected": analysis.rejected.map { ["compute": $0.compute, "reason": $0.reason] },
        ]
    }
}

/// Approach 2 on Porian et al.'s RefinedWeb runs (two set-ups) and on each source of the combined set.
func isoFLOPAnalyses(resamples: Int) throws -> [NamedIsoFLOP] {
    var results: [NamedIsoFLOP] = []
    let porian = try Dataset.porianIsoFLOP.table()
    for (hparams, warmup, decay) in [("base", "long", "kaplan"), ("tuned", "short", "const")] {
        let rows = try porian.filter { row throws(CSVError) in
            let kind = try row.text("loss_kind"), dataset = try row.text("dataset"), h = try row.text("hparams")
            let w = try row.text("warmup"), d = try row.text("decay")
            return kind == "val" && dataset == "rw" && h == hparams && w == warmup && d == decay
        }.rows
        let analysis = try IsoFLOPAnalysis(compute: try rows.map { row throws(CSVError) in try row.number("flops") },
                                           parameters: try rows.map { row throws(CSVError) in try row.number("N") },
                                           losses: try rows.map { row throws(CSVError) in try row.number("loss") },
                                           resamples: resamples, seed: 7)
        results.append(NamedIsoFLOP(dataset: "porian_isoflop_points.csv rw/\(hparams)/\(warmup)/\(decay)", analysis: analysis))
    }
    let combined = try Dataset.isoFLOPsCombined.table()
    for source in try combined.distinctValues(of: "source").sorted() {
        let rows = try combined.filter { row throws(CSVError) in try row.text("source") == source }.rows
        do {
            let analysis = try IsoFLOPAnalysis(compute: try rows.map { row throws(CSVError) in try row.number("budget") },
                                               parameters: try rows.map { row throws(CSVError) in try row.number("params") },
                                               losses: try rows.map { row throws(CSVError) in try row.number("loss") },
                                               resamples: resamples, seed: 7)
            results.append(NamedIsoFLOP(dataset: "isoflops_combined.csv \(source)", analysis: analysis))
        } catch {
            FileHandle.standardError.write(Data("CompareFits: isoFLOP \(source): \(error)\n".utf8))
        }
    }
    return results
}

func printIsoFLOP(_ analyses: [NamedIsoFLOP]) {
    print("IsoFLOP analysis (Chinchilla's Approach 2): N_opt ∝ C^a, D_opt ∝ C^(1−a), 90% bootstrap intervals")
    for item in analyses {
        let a = item.analysis
        let interval = a.parameterExponentInterval.map { "[\(fmt($0.lowerBound)), \(fmt($0.upperBound))]" } ?? "–"
        print("  \(pad(item.dataset, 52)) a = \(fmt(a.parameterExponent)) \(interval), \(a.budgets.count) budgets"
              + (a.rejected.isEmpty ? "" : ", \(a.rejected.count) rejected"))
        for rejection in a.rejected { print("      C = \(fmt(rejection.compute)) rejected: \(rejection.reason)") }
    }
    print("")
}
