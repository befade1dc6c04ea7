/// The bootstrap distribution of a number derived from a fitted law (a prediction, a compute-optimal
/// N, a critical data size …): its intervals, and how many resamples could not give it and why.
public struct DerivedInterval: Sendable, Equatable {
    /// The quantity on the fitted law itself (nil when it throws or is not finite there).
    public let estimate: Double?
    /// The percentile interval at ``level`` over the resamples that gave a finite value.
    public let percentile: ClosedRange<Double>
    /// `mean ± t·sd` with the Student-t quantile for `kept − 1` degrees of freedom: wider than the
    /// normal interval for few resamples, and symmetric.
    public let studentT: ClosedRange<Double>
    /// The confidence level.
    public let level: Double
    /// The resamples that gave a finite value.
    public let kept: Int
    /// The resamples left out, by reason (the thrown error's description, "not finite", or
    /// "refit failed" for resamples whose refit had already failed).
    public let leftOut: [String: Int]

    /// All resamples left out.
    public var leftOutCount: Int { leftOut.values.reduce(0, +) }
}

extension Bootstrap {
    /// The bootstrap interval of a quantity derived from the law, with the resamples where it
    /// throws or is not finite counted (by reason) instead of silently dropped.
    ///
    /// ```swift
    /// let optimalN = try bootstrap.derivedInterval { law in try law.closedFormOptimum(compute: 1e24).N }
    /// print(optimalN.percentile, optimalN.leftOutCount)
    /// ```
    /// - Throws: ``FitError/invalidOption(_:)`` for a level outside (0, 1) or fewer than two
    ///   resamples with a finite value.
    public func derivedInterval(
        level: Double? = nil, of quantity: (ScalingLaw<Form>) throws -> Double
    ) throws(FitError) -> DerivedInterval {
        let level = level ?? self.level
        guard level > 0, level < 1 else { throw .invalidOption("the confidence level must be in (0, 1), got \(level)") }
        var values: [Double] = []
        var leftOut: [String: Int] = [:]
        if failures > 0 { leftOut["refit failed", default: 0] += failures }
        for sample in samples {
            var copy = law
            do {
                for (parameter, value) in zip(parameters, sample) { copy = try copy.setting(parameter, to: value) }
                let value = try quantity(copy)
                if value.isFinite { values.append(value) } else { leftOut["not finite", default: 0] += 1 }
            } catch {
                leftOut["\(error)", default: 0] += 1
            }
        }
        guard values.count >= 2 else {
            throw .invalidOption("only \(values.count) of \(requested) resamples give a finite value of the quantity (left out: \(leftOut))")
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(values.count - 1))
        let estimate = (try? quantity(law)).flatMap { $0.isFinite ? $0 : nil }
        return DerivedInterval(estimate: estimate, percentile: Bootstrap.percentileInterval(values, level: level),
                               studentT: (mean - t * deviation)...(mean + t * deviation), level: level,
                               kept: values.count, leftOut: leftOut)
    }
}
