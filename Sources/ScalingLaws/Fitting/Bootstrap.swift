/// Bootstrap estimates of a fit's uncertainty: the spread of the parameters over refits to
/// resampled data (Efron's nonparametric bootstrap, percentile intervals).
public struct Bootstrap<Form: LawForm>: Sendable {
    /// The free parameters, in the order of each row of ``samples``.
    public let parameters: [Parameter]
    /// One row per successful resample: the free parameters' fitted values.
    public let samples: [[Double]]
    /// The number of resamples asked for.
    public let requested: Int
    /// Resamples whose refit failed (no finite objective, or a parameter outside its domain): left out.
    public let failures: Int
    /// Resamples kept although their refit stopped without converging (typically stalled on a kink).
    public let unconverged: Int
    /// The seed the resamples were drawn with.
    public let seed: UInt64
    /// The confidence level of ``intervals``.
    public let level: Double
    /// The standard deviation of each parameter over the resamples (n − 1 denominator): the
    /// bootstrap standard error.
    public let standardErrors: [Parameter: Double]
    /// The mean of each parameter over the resamples.
    public let means: [Parameter: Double]
    /// The percentile interval of each parameter at ``level`` (linear interpolation between order
    /// statistics, numpy's default).
    public let intervals: [Parameter: ClosedRange<Double>]
    /// Wall-clock seconds of all refits.
    public let seconds: Double
    /// What to know before trusting the intervals: refits that failed (left out) or stopped without
    /// converging (kept), and intervals that reach a parameter's bound.
    public let warnings: [BootstrapWarning]
    let law: ScalingLaw<Form>

    init(law: ScalingLaw<Form>, run: BootstrapRun, seed: UInt64, level: Double, bounds: [Parameter: ClosedRange<Double>] = [:]) {
        let free = law.parameters.filter { !law.fixedParameters.contains($0) }
        parameters = free
        samples = run.samples
        requested = run.requested
        failures = run.failures
        unconverged = run.unconverged
        self.seed = seed
        self.level = level
        seconds = run.seconds
        self.law = law
        var standardErrors: [Parameter: Double] = [:], means: [Parameter: Double] = [:]
        var intervals: [Parameter: ClosedRange<Double>] = [:]
        for (slot, name) in free.enumerated() {
            let values = run.samples.map { $0[slot] }
            guard values.count >= 2 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            means[name] = mean
            standardErrors[name] = variance.squareRoot()
            intervals[name] = Bootstrap.percentileInterval(values, level: level)
        }
        self.standardErrors = standardErrors
        self.means = means
        self.intervals = intervals
        var warnings: [BootstrapWarning] = []
        if run.failures > 0 { warnings.append(.failedRefits(count: run.failures, of: run.requested)) }
        if run.unconverged > 0 { warnings.append(.unconvergedRefits(count: run.unconverged, of: run.requested)) }
        for parameter in free {
            guard let bound = bounds[parameter], let interval = intervals[parameter] else { continue }
            let tolerance = 1e-6 * (bound.upperBound - bound.lowerBound)
            if interval.lowerBound - bound.lowerBound <= tolerance {
                warnings.append(.intervalAtBound(parameter: parameter.name, interval: interval, bound: bound.lowerBound))
            } else if bound.upperBound - interval.upperBound <= tolerance {
                warnings.append(.intervalAtBound(parameter: parameter.name, interval: interval, bound: bound.upperBound))
            }
        }
        self.warnings = warnings
    }

    /// The most resamples a bootstrap runs (each refits the law: a million is hours of work).
    public static var maximumResamples: Int { 1_000_000 }

    /// The percentile interval at `level` (default: ``level``) of a quantity derived from the law,
    /// e.g. the compute-optimal N at 10²⁴ FLOP, computed on every resample's law. Resamples where
    /// `quantity` throws or is not finite are left out; nil when fewer than two remain.
    /// - Throws: ``FitError/invalidOption(_:)`` for a level outside (0, 1).
    public func interval(
        level: Double? = nil, of quantity: (ScalingLaw<Form>) throws -> Double
    ) throws(FitError) -> ClosedRange<Double>? {
        let level = level ?? self.level
        guard level > 0, level < 1 else { throw .invalidOption("the confidence level must be in (0, 1), got \(level)") }
        var values: [Double] = []
        for sample in samples {
            var copy = law
            var ok = true
            for (parameter, value) in zip(parameters, sample) {
                do { copy = try copy.setting(parameter, to: value) } catch { ok = false; break }
            }
            guard ok, let value = try? quantity(copy), value.isFinite else { continue }
            values.append(value)
        }
        guard values.count >= 2 else { return nil }
        return Bootstrap.percentileInterval(values, level: level)
    }

    static func percentileInterval(_ values: [Double], level: Double) -> ClosedRange<Double> {
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
        }
        let tail = (1 - level) / 2
        return quantile(tail)...quantile(1 - tail)
    }
}

/// Something about a bootstrap a careful reader should know before trusting its intervals.
public enum BootstrapWarning: Sendable, Hashable, CustomStringConvertible {
    /// Refits that produced no usable optimum; they are left out of every statistic.
    case failedRefits(count: Int, of: Int)
    /// Refits that stopped without converging (typically stalled on a kink of a robust loss); they
    /// are kept, so the spread may be slightly wider than the converged optima's.
    case unconvergedRefits(count: Int, of: Int)
    /// A parameter's interval reaches one of its bounds: the bound, not the data, sets that end.
    case intervalAtBound(parameter: String, interval: ClosedRange<Double>, bound: Double)

    public var description: String {
        switch self {
        case .failedRefits(let count, let total):
            return "\(count) of \(total) refits failed and are left out"
        case .unconvergedRefits(let count, let total):
            return "\(count) of \(total) refits stopped without converging and are kept"
        case .intervalAtBound(let parameter, let interval, let bound):
            return "the interval [\(interval.lowerBound), \(interval.upperBound)] of \(parameter) reaches its bound \(bound): the bound, not the data, sets that end"
        }
    }
}
