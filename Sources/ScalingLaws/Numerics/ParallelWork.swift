import Dispatch
import Foundation

/// Runs independent jobs on several threads and returns their results in job order.
///
/// Job `i` goes to worker `i mod workers`, and each worker owns its scratch state (created once by
/// `makeState`), so no job's arithmetic depends on scheduling: the results are the same on one
/// core or many. The closures are called only before `map` returns.
enum ParallelWork {
    static func map<State, Result>(
        count: Int, concurrency: Int?, makeState: @escaping () -> State, _ job: @escaping (Int, State) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let workers = Swift.max(1, Swift.min(count, concurrency ?? ProcessInfo.processInfo.activeProcessorCount))
        let jobs = Jobs(count: count, makeState: makeState, job: job)
        if workers == 1 {
            jobs.run(worker: 0, workers: 1)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in jobs.run(worker: worker, workers: workers) }
        }
        return jobs.collect()
    }
}

/// The shared state of one ``ParallelWork/map(count:concurrency:makeState:_:)``.
///
/// `@unchecked Sendable` because the compiler cannot see the access pattern that makes it safe:
/// `concurrentPerform` returns only after every worker is done, each worker writes only its own
/// result slots, and the closures only read data shared across threads.
private final class Jobs<State, Result>: @unchecked Sendable {
    let count: Int
    let makeState: () -> State
    let job: (Int, State) -> Result
    let results: UnsafeMutableBufferPointer<Result?>

    init(count: Int, makeState: @escaping () -> State, job: @escaping (Int, State) -> Result) {
        self.count = count
        self.makeState = makeState
        self.job = job
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    func run(worker: Int, workers: Int) {
        let state = makeState()
        var index = worker
        while index < count {
            results[index] = job(index, state)
            index += workers
        }
    }

    func collect() -> [Result] { results.map { $0! } }
}
