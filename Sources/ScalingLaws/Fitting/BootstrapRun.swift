import Dispatch
import Foundation

/// The law-independent part of a bootstrap: draw the resamples' weights, refit each, collect the
/// free parameters' natural values.
struct BootstrapRun: Sendable {
    /// One row per successful resample: the free parameters' values.
    let samples: [[Double]]
    let failures: Int
    let unconverged: Int
    let requested: Int
    let seconds: Double

    /// Refits `problem` with `optimizer` and `tolerances` from the optimum `start` (search
    /// coordinates) to `resamples` resamples drawn from `seed`.
    init(problem: FitProblem, optimizer: Optimizer, tolerances: Tolerances, start: [Double], resamples: Int, seed: UInt64,
         concurrency: Int?, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(CancellationError) {
        let began = DispatchTime.now().uptimeNanoseconds
        let n = problem.count
        let k = problem.free.count
        var seedMixer = SplitMix64(state: seed)
        let base = seedMixer.next()
        let counter = CompletionCounter()
        let results: [LocalResult] = try ParallelWork.map(
            count: resamples, concurrency: concurrency, makeState: { FitProblem.Workspace(problem) }
        ) { index, workspace in
            // Resample `index` has its own stream, derived from the mixed seed (not seed + index,
            // which would make seeds s and s + 1 share all but one resample).
            var mixer = SplitMix64(state: base &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
            var generator = Xoshiro256StarStar(seed: mixer.next())
            var weights = [Double](repeating: 0, count: n)
            for _ in 0..<n {
                let draw = Int(UInt64(n).multipliedFullWidth(by: generator.next()).high)
                weights[draw] += 1
            }
            for i in 0..<n { weights[i] *= problem.weights[i] }
            let result = weights.withUnsafeBufferPointer { weightPointer in
                FitPlan.optimize(problem, optimizer: optimizer, tolerances: tolerances, from: start,
                                 weights: weightPointer.baseAddress!, workspace, initializeScale: false)
            }
            if let progress { progress(counter.increment(), resamples) }
            return result
        }
        var samples: [[Double]] = []
        var failures = 0, unconverged = 0
        for result in results {
            guard result.objective.isFinite else { failures += 1; continue }
            let natural = problem.naturalValues(result.u)
            guard zip(problem.free, natural).allSatisfy({ problem.parameters[$0.0].admits($0.1) }) else {
                failures += 1
                continue
            }
            if !result.reason.isConverged { unconverged += 1 }
            samples.append(Array(natural.prefix(k)))
        }
        self.samples = samples
        self.failures = failures
        self.unconverged = unconverged
        self.requested = resamples
        self.seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    }
}

/// A thread-safe count of finished jobs, for progress reports.
final class CompletionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0

    /// Counts one more finished job and returns the total so far.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        return done
    }
}
