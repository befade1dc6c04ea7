/// Chinchilla's Approach 2: for each compute budget, the loss against ln N is fitted with a
/// parabola whose minimum is that budget's optimal N; then `N_opt(C) = k·C^a` is fitted across
/// budgets (and `D_opt = C/(6·N_opt) ∝ C^(1−a)`), with bootstrap intervals on the exponents.
///
/// A budget whose parabola has no interior minimum (it opens downward, or its vertex lies outside
/// the sampled N) is not silently used: it is listed in ``rejected`` with the reason.
///
/// ```swift
/// let analysis = try IsoFLOPAnalysis(compute: flops, parameters: n, losses: loss)
/// print(analysis.parameterExponent, analysis.parameterExponentInterval ?? 0...0, analysis.rejected)
/// ```
public struct IsoFLOPAnalysis: Sendable {
    /// One budget's parabola and its minimum.
    public struct Budget: Sendable, Equatable {
        /// The compute budget C (FLOP).
        public let compute: Double
        /// The points at this budget.
        public let points: Int
        /// The N at the parabola's minimum.
        public let optimalParameters: Double
        /// The loss at the parabola's minimum.
        public let optimalLoss: Double
        /// The parabola's coefficient of (ln N)² (positive: it opens upward).
        public let curvature: Double
    }

    /// A budget left out of the power-law fit, with the reason.
    public struct Rejection: Sendable, Equatable {
        /// The compute budget C.
        public let compute: Double
        /// The points at this budget.
        public let points: Int
        /// Why it has no usable minimum.
        public let reason: String
    }

    /// The budgets with an interior minimum, by increasing compute.
    public let budgets: [Budget]
    /// The budgets without one.
    public let rejected: [Rejection]
    /// a in `N_opt = k·C^a` (least squares on ln N_opt vs ln C).
    public let parameterExponent: Double
    /// k in `N_opt = k·C^a`.
    public let parameterCoefficient: Double
    /// 1 − a: the exponent of `D_opt = C/(6·N_opt)`.
    public var tokenExponent: Double { 1 - parameterExponent }
    /// The bootstrap percentile interval of a at ``level`` (points resampled within each budget);
    /// nil without resamples.
    public let parameterExponentInterval: ClosedRange<Double>?
    /// The same for 1 − a.
    public var tokenExponentInterval: ClosedRange<Double>? {
        parameterExponentInterval.map { (1 - $0.upperBound)...(1 - $0.lowerBound) }
    }
    /// The confidence level of the intervals.
    public let level: Double
    /// Resamples kept (those with at least two budgets that have a minimum).
    public let resamplesKept: Int

    /// The analysis of points `(compute[i], parameters[i], losses[i])`, grouped by equal compute.
    /// - Throws: ``FitError`` for ragged, empty or non-positive input, a level outside (0, 1), or
    ///   fewer than two budgets with an interior minimum (the error lists each rejection).
    public init(compute: [Double], parameters: [Double], losses: [Double], resamples: Int = 1000, seed: UInt64 = 0,
                level: Double = 0.9) throws(FitError) {
        guard compute.count == parameters.count, compute.count == losses.count else {
            throw .raggedColumns("compute has \(compute.count) values, parameters \(parameters.count), losses \(losses.count)")
        }
        guard !compute.isEmpty else { throw .emptyData }
        for row in compute.indices {
            guard compute[row] > 0, compute[row].isFinite else {
                throw .invalidValue(variable: "compute", row: row, value: compute[row], requirement: "> 0 and finite")
            }
            guard parameters[row] > 0, parameters[row].isFinite else {
                throw .invalidValue(variable: "N", row: row, value: parameters[row], requirement: "> 0 and finite")
            }
            guard losses[row].isFinite else { throw .invalidTarget(row: row, value: losses[row], requirement: "finite") }
        }
        guard level > 0, level < 1 else { throw .invalidOption("the confidence level must be in (0, 1), got \(level)") }
        guard resamples == 0 || (2...100_000).contains(resamples) else {
            throw .invalidOption("resamples must be 0 or 2 to 100,000, got \(resamples)")
        }
        let groups = Dictionary(grouping: compute.indices, by: { compute[$0] }).sorted { $0.key < $1.key }
        let logN = parameters.map { Double.log($0) }
        var budgets: [Budget] = [], rejected: [Rejection] = []
        for (budget, rows) in groups {
            switch IsoFLOPAnalysis.minimum(rows.map { logN[$0] }, rows.map { losses[$0] }) {
            case .success(let fit):
                budgets.append(Budget(compute: budget, points: rows.count, optimalParameters: Double.exp(fit.x),
                                      optimalLoss: fit.loss, curvature: fit.curvature))
            case .failure(let reason):
                rejected.append(Rejection(compute: budget, points: rows.count, reason: reason.text))
            }
        }
        guard budgets.count >= 2 else {
            let detail = rejected.map { "C = \($0.compute): \($0.reason)" }.joined(separator: "; ")
            throw .invalidOption("an isoFLOP analysis needs at least two budgets with an interior minimum; found \(budgets.count) (\(detail))")
        }
        let line = IsoFLOPAnalysis.line(budgets.map { Double.log($0.compute) }, budgets.map { Double.log($0.optimalParameters) })
        self.budgets = budgets
        self.rejected = rejected
        parameterExponent = line.slope
        parameterCoefficient = Double.exp(line.intercept)
        self.level = level
        let replicates = resamples > 0
            ? IsoFLOPAnalysis.bootstrapExponents(groups.map(\.1), logN: logN, losses: losses, compute: compute,
                                                 resamples: resamples, seed: seed)
            : []
        resamplesKept = replicates.count
        parameterExponentInterval = replicates.count >= 2 ? Bootstrap<ChinchillaForm>.percentileInterval(replicates, level: level) : nil
    }

    /// Why a budget has no usable minimum.
    struct Reason: Error { let text: String }

    /// The least-squares parabola `ℓ = p₀ + p₁x + p₂x²` and its minimum, if interior.
    static func minimum(_ x: [Double], _ loss: [Double]) -> Result<(x: Double, loss: Double, curvature: Double), Reason> {
        guard Set(x).count >= 3 else { return .failure(Reason(text: "fewer than 3 distinct model sizes")) }
        // Centre and scale x for a well-conditioned 3 × 3 normal system.
        let mean = x.reduce(0, +) / Double(x.count)
        let spread = Swift.max(x.map { Swift.abs($0 - mean) }.max()!, 1e-300)
        var normal = [Double](repeating: 0, count: 9), right = [Double](repeating: 0, count: 3)
        for (xi, yi) in zip(x, loss) {
            let t = (xi - mean) / spread
            let basis = [1, t, t * t]
            for a in 0..<3 {
                right[a] += basis[a] * yi
                for b in 0..<3 { normal[a * 3 + b] += basis[a] * basis[b] }
            }
        }
        guard let factor = Cholesky(normal, n: 3) else { return .failure(Reason(text: "the model sizes do not determine a parabola")) }
        var p = right
        factor.solve(&p)
        guard p[2] > 0 else { return .failure(Reason(text: "the loss has no minimum in ln N (the parabola opens downward)")) }
        let vertex = -p[1] / (2 * p[2])
        let low = (x.min()! - mean) / spread, high = (x.max()! - mean) / spread
        guard vertex > low, vertex < high else {
            let n = Double.exp(mean + vertex * spread)
            return .failure(Reason(text: "the minimum (N = \(n)) lies outside the sampled N [\(Double.exp(x.min()!)), \(Double.exp(x.max()!))]: the budget does not bracket its optimum"))
        }
        return .success((mean + vertex * spread, p[0] + p[1] * vertex + p[2] * vertex * vertex, p[2] / (spread * spread)))
    }

    /// Ordinary least squares `y = intercept + slope·x`.
    static func line(_ x: [Double], _ y: [Double]) -> (slope: Double, intercept: Double) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        let slope = sxy / sxx
        return (slope, my - slope * mx)
    }

    /// The exponent a on resamples drawn with replacement within each budget (seeded).
    static func bootstrapExponents(
        _ groups: [[Int]], logN: [Double], losses: [Double], compute: [Double], resamples: Int, seed: UInt64
    ) -> [Double] {
        var mixer = SplitMix64(state: seed)
        var generator = Xoshiro256StarStar(seed: mixer.next())
        var exponents: [Double] = []
        for _ in 0..<resamples {
            var x: [Double] = [], y: [Double] = []
            for rows in groups {
                let drawn = (0..<rows.count).map { _ in rows[Int(UInt64(rows.count).multipliedFullWidth(by: generator.next()).high)] }
                if case .success(let fit) = minimum(drawn.map { logN[$0] }, drawn.map { losses[$0] }) {
                    x.append(Double.log(compute[rows[0]]))
                    y.append(fit.x)
                }
            }
            if x.count >= 2 { exponents.append(line(x, y).slope) }
        }
        return exponents
    }
}
