import Dispatch
import Foundation

/// Runs independent jobs on several threads and returns their results in job order.
///
/// Job `i` goes to worker `i mod workers`, and each worker owns its scratch state (created once by
/// `makeState`), so no job's arithmetic depends on scheduling: the results are the same on one
/// core or many.
enum ParallelWork {
    static func map<State, Result>(
        count: Int, concurrency: Int?, makeState: () -> State, _ job: (Int, State) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let workers = Swift.max(1, Swift.min(count, concurrency ?? ProcessInfo.processInfo.activeProcessorCount))
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        if workers == 1 {
            let state = makeState()
            for index in 0..<count { results[index] = job(index, state) }
        } else {
            withoutActuallyEscaping(makeState) { makeState in
                withoutActuallyEscaping(job) { job in
                    // Safe to share: `concurrentPerform` returns only after every worker is done,
                    // each worker writes only its own indices, and the closures only read shared data.
                    let shared = Unchecked((makeState, job, results))
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let (makeState, job, results) = shared.value
                        let state = makeState()
                        var index = worker
                        while index < count {
                            results[index] = job(index, state)
                            index += workers
                        }
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

/// Carries values that the compiler cannot prove thread-safe into a `@Sendable` closure, where the
/// caller guarantees the access pattern is (see ``ParallelWork/map(count:concurrency:makeState:_:)``).
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
