/// Bootstrap estimates of a fit's uncertainty: the spread of the parameters over refits on data
/// resampled with replacement.
public struct BootstrapResult: Sendable {
    /// The number of resamples requested.
    public var resamples: Int
    /// The seed: the same seed, data and options give the same result, on any number of cores.
    public var seed: UInt64
    /// The confidence level of ``intervals``.
    public var confidence: Double
    /// Each free parameter's fitted value on every resample whose refit gave a finite objective.
    public var samples: [String: [Double]]
    /// The standard deviation of each parameter over the resamples.
    public var standardErrors: [String: Double]
    /// Percentile intervals at ``confidence``.
    public var intervals: [String: ClosedRange<Double>]
    /// Resamples whose refit did not converge (they are still included when finite).
    public var unconverged: Int
    /// Resamples whose refit failed outright (excluded).
    public var failed: Int
}

extension ScalingLaw {
    /// Refits the law on `resamples` bootstrap resamples of `data` (drawn with replacement, seeded),
    /// each from this law's parameter values (typically a fit's optimum: `fit.law.bootstrap(…)`),
    /// in parallel.
    ///
    /// - Throws: ``FitError`` as ``fit(to:options:)`` does, and for fewer than 2 resamples or a
    ///   confidence outside (0, 1).
    @inlinable
    public func bootstrap(
        _ data: Observations, options: FitOptions = FitOptions(), resamples: Int = 1000, seed: UInt64 = 0,
        confidence: Double = 0.95
    ) throws(FitError) -> BootstrapResult {
        let free = parameters.indices.filter { !fixedParameters.contains(parameters[$0].name) }
        let problem = try residualProblem(data, logarithmic: options.residuals == .logarithmic, freeSlots: free)
        return try runBootstrap(problem, data, options, resamples, seed, confidence)
    }

    @usableFromInline
    func runBootstrap(
        _ problem: ResidualProblem, _ data: Observations, _ options: FitOptions, _ resamples: Int, _ seed: UInt64,
        _ confidence: Double
    ) throws(FitError) -> BootstrapResult {
        guard resamples >= 2 else { throw .invalidSetup("at least 2 bootstrap resamples are needed, got \(resamples)") }
        guard confidence > 0, confidence < 1 else { throw .invalidSetup("the confidence must lie in (0, 1), got \(confidence)") }
        let engine = try makeEngine(problem, data, options)
        let start = engine.internalPoint(values, scale: initialScale(engine))
        let n = data.count
        let outcomes = parallelMap(resamples, parallel: options.isParallel) { index in
            var generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
            var counts = [Double](repeating: 0, count: n)
            for _ in 0..<n { counts[Int.random(in: 0..<n, using: &generator)] += 1 }
            return engine.minimize(from: start, counts: counts)
        }
        let names = problem.freeSlots.map { parameters[$0].name }
        var samples: [String: [Double]] = Dictionary(uniqueKeysWithValues: names.map { ($0, []) })
        var unconverged = 0, failed = 0
        for outcome in outcomes {
            guard outcome.value.isFinite else { failed += 1; continue }
            if !outcome.reason.isConverged { unconverged += 1 }
            let (values, _) = engine.natural(outcome.theta)
            for (index, slot) in problem.freeSlots.enumerated() { samples[names[index]]!.append(values[slot]) }
        }
        var errors: [String: Double] = [:]
        var intervals: [String: ClosedRange<Double>] = [:]
        for name in names {
            let values = samples[name]!
            guard values.count >= 2 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            errors[name] = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            let sorted = values.sorted()
            intervals[name] = quantile(sorted, (1 - confidence) / 2)...quantile(sorted, (1 + confidence) / 2)
        }
        return BootstrapResult(resamples: resamples, seed: seed, confidence: confidence, samples: samples,
                               standardErrors: errors, intervals: intervals, unconverged: unconverged, failed: failed)
    }
}

/// The `p`-quantile of sorted values, linearly interpolated.
func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014), so that bootstrap
/// resamples are reproducible from a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
