import Dispatch
import Foundation
import Synchronization

/// Runs independent jobs on several threads and returns their results in job order.
///
/// Job `i` goes to worker `i mod workers`, and each worker owns its scratch state (created once by
/// `makeState`), so no job's arithmetic depends on scheduling: the results are the same on one
/// core or many. The closures are called only before `map` returns.
///
/// Cancellation: when the task that called `map` is cancelled, the workers stop taking jobs and
/// `map` throws `CancellationError`. Only the calling thread can see its task: it runs worker 0's
/// jobs and checks between them, then polls the task every 20 ms while the other workers finish,
/// telling them through a shared flag.
@usableFromInline
enum ParallelWork {
    /// The number of cores a parallel job uses by default.
    @usableFromInline
    static var processorCount: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    @usableFromInline
    static func map<State, Result>(
        count: Int, concurrency: Int?, makeState: @escaping () -> State, _ job: @escaping (Int, State) -> Result
    ) throws(CancellationError) -> [Result] {
        guard count > 0 else { return [] }
        if Task.isCancelled { throw CancellationError() }
        let workers = Swift.max(1, Swift.min(count, concurrency ?? ProcessInfo.processInfo.activeProcessorCount))
        let jobs = Jobs(count: count, makeState: makeState, job: job)
        // Workers 1… run on threads of their own, not on dispatch's global queues: Swift
        // concurrency schedules its tasks on those queues, and workers filling them would starve
        // the task that is to cancel this work. They cannot see the calling task; worker 0, on the
        // calling thread, checks it between jobs, then polls it while it waits for the others.
        let group = DispatchGroup()
        for worker in 1..<workers {
            group.enter()
            Thread {
                jobs.run(worker: worker, workers: workers)
                group.leave()
            }.start()
        }
        jobs.run(worker: 0, workers: workers)
        while group.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            if Task.isCancelled { jobs.cancel() }
        }
        guard let results = jobs.collect() else { throw CancellationError() }
        return results
    }
}

extension ParallelWork {
    /// Runs `body(i)` for every i in `0..<count` on up to `concurrency` threads (job i on worker
    /// i mod workers) and returns when all are done. It never stops early: it splits one
    /// evaluation, which half done would be garbage, and takes milliseconds. Serial when called from
    /// a worker of another parallel job, whose threads already occupy the cores.
    @usableFromInline
    static func forEach(count: Int, concurrency: Int, _ body: @escaping (Int) -> Void) {
        let workers = Swift.max(1, Swift.min(count, concurrency))
        if workers == 1 || isWorker {
            for index in 0..<count { body(index) }
            return
        }
        let shared = UncheckedJob(body)
        let group = DispatchGroup()
        for worker in 1..<workers {
            group.enter()
            Thread {
                asWorker { for index in stride(from: worker, to: count, by: workers) { shared.body(index) } }
                group.leave()
            }.start()
        }
        asWorker { for index in stride(from: 0, to: count, by: workers) { body(index) } }
        group.wait()
    }

    private static let workerKey = "ScalingLaws.ParallelWork.worker"

    /// Whether this thread is running a job of a parallel ``map(count:concurrency:makeState:_:)`` or
    /// ``forEach(count:concurrency:_:)``.
    static var isWorker: Bool { Thread.current.threadDictionary[workerKey] != nil }

    /// Runs `work` with this thread marked as a worker (restoring the mark it had).
    static func asWorker(_ work: () -> Void) {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[workerKey]
        dictionary[workerKey] = true
        work()
        dictionary[workerKey] = previous
    }
}

/// A closure handed to worker threads that run only while the call that owns it waits for them.
private final class UncheckedJob: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}

/// The shared state of one ``ParallelWork/map(count:concurrency:makeState:_:)``.
///
/// `@unchecked Sendable` because the compiler cannot see the access pattern that makes it safe:
/// `map` returns only after every worker is done (the group's wait), each worker writes only its own
/// result slots, and the closures only read data shared across threads.
private final class Jobs<State, Result>: @unchecked Sendable {
    let count: Int
    let makeState: () -> State
    let job: (Int, State) -> Result
    let results: UnsafeMutableBufferPointer<Result?>
    let cancelled = Atomic<Bool>(false)

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
        if workers > 1 {
            ParallelWork.asWorker { runJobs(worker: worker, workers: workers) }
        } else {
            runJobs(worker: worker, workers: workers)
        }
    }

    private func runJobs(worker: Int, workers: Int) {
        let state = makeState()
        var index = worker
        while index < count {
            if Task.isCancelled { cancelled.store(true, ordering: .relaxed) }
            if cancelled.load(ordering: .relaxed) { return }
            results[index] = job(index, state)
            index += workers
        }
    }

    /// Tells the workers to stop taking jobs.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Every job's result, or nil when cancellation left some undone.
    func collect() -> [Result]? {
        if cancelled.load(ordering: .relaxed) { return nil }
        return results.map { $0! }
    }
}
