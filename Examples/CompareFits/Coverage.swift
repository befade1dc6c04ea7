import ExampleSupport
import Foundation
import ScalingLaws

/// How often 90% intervals cover the true parameters over many synthetic data sets.
struct CoverageReport {
    let sets: Int
    let fitted: Int
    let covered: [String: Int]

    var json: [String: Any] {
        ["sets": sets, "fitted": fitted, "level": 0.9,
         "coverage": covered.mapValues { Double($0) / Double(fitted) }]
    }

    func printTable() {
        print("90% Student-t intervals on \(fitted) of \(sets) synthetic Chinchilla data sets (60 points, 2% noise):")
        for (name, count) in covered.sorted(by: { $0.key < $1.key }) {
            print("  \(pad(name, 8)) covered the truth in \(String(format: "%.1f", 100 * Double(count) / Double(fitted)))% of the fits")
        }
    }
}

/// Fits Hoffmann's printed law back to `sets` seeded synthetic data sets (60 log-uniform points,
/// multiplicative log-normal noise of 2%, least squares on log residuals) and counts how often each
/// parameter's 90% interval contains the true value: a well-calibrated interval covers it about 90%
/// of the time.
func intervalCoverage(sets: Int, progress: ExampleSupport.Progress) throws -> CoverageReport {
    let truth = Hoffmann2022.printed
    var covered: [String: Int] = [:]
    var fitted = 0
    var state: UInt64 = 0x5EED
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    func gaussian() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    let start = try truth.setting("E", to: 2).setting("A", to: 300).setting("B", to: 1000)
    for set in 0..<sets {
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        for _ in 0..<60 {
            let size = Foundation.pow(10, 7 + 4 * uniform()), tokens = Foundation.pow(10, 9 + 4 * uniform())
            n.append(size); d.append(tokens)
            loss.append(try truth(N: size, D: tokens) * Foundation.exp(0.02 * gaussian()))
        }
        progress.update(set + 1, of: sets)
        guard let fit = try? start.fit(to: try Observations([.N: n, .D: d], targets: loss)), fit.isConverged else { continue }
        fitted += 1
        for estimate in fit.estimates where !estimate.isFixed {
            let interval = try estimate.interval(level: 0.9)
            let hit = interval?.contains(truth.parameterValues[estimate.parameter]!) ?? false
            covered[estimate.parameter.name, default: 0] += hit ? 1 : 0
        }
    }
    return CoverageReport(sets: sets, fitted: fitted, covered: covered)
}
