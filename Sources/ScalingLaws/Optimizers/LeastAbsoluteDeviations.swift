/// Weighted least absolute deviations of a linear model: minimises `f(d) = Σᵢ wᵢ·|aᵢ + Jᵢ·d|`
/// over d ∈ ℝᵏ, exactly, by descending along the edges of the piecewise-linear f (the simplex
/// method specialised to L1 regression, as in Barrodale and Roberts 1973).
///
/// The active set holds points whose residual `aᵢ + Jᵢ·d` is kept at zero. While it has fewer than
/// k points, the step follows the steepest descent direction that keeps them at zero; at a vertex
/// (k active points) the multipliers λ of `J_Sᵀ·λ = −g` certify optimality when every
/// `|λⱼ| ≤ wⱼ`, and otherwise the point with the largest `|λⱼ|/wⱼ` leaves the set. Each step goes as
/// far as the weighted median of the breakpoints along its direction, where one more residual
/// reaches zero and joins the set. Points with zero weight play no part.
struct LeastAbsoluteDeviations {
    /// How a solve ended.
    enum Outcome: Equatable {
        /// A vertex whose multipliers certify the minimum (or a flat direction-free point).
        case optimal
        /// f decreases without bound along some direction: J is rank-deficient on the weighted points.
        case unbounded
        /// The active set's rows became numerically dependent, or the pivot limit was reached.
        case stalled
    }

    let n: Int
    let k: Int
    /// The residuals `aᵢ + Jᵢ·d` at the solution.
    private(set) var residuals: [Double]
    /// The step d.
    private(set) var step: [Double]
    /// The points held at zero residual, in the order they entered.
    private(set) var active: [Int] = []
    /// Edge steps taken by the last solve.
    private(set) var pivots = 0
    private var rates: [Double]
    private var breakpoints: [Breakpoint] = []
    private var gradient: [Double]
    private var direction: [Double]

    private struct Breakpoint {
        var t: Double
        var gain: Double
        var index: Int
    }

    init(points n: Int, dimension k: Int) {
        self.n = n
        self.k = k
        residuals = [Double](repeating: 0, count: n)
        rates = [Double](repeating: 0, count: n)
        step = [Double](repeating: 0, count: k)
        gradient = [Double](repeating: 0, count: k)
        direction = [Double](repeating: 0, count: k)
        breakpoints.reserveCapacity(n)
    }

    /// `f` at the current step.
    func objective(weights: UnsafePointer<Double>) -> Double {
        var total = 0.0
        for i in 0..<n where weights[i] > 0 { total += weights[i] * Swift.abs(residuals[i]) }
        return total
    }

    /// Solves from d = 0 for the residuals `a` and the row-major n × k matrix `jacobian`.
    mutating func solve(
        _ a: UnsafePointer<Double>, jacobian: UnsafePointer<Double>, weights: UnsafePointer<Double>
    ) -> Outcome {
        for i in 0..<n { residuals[i] = a[i] }
        for j in 0..<k { step[j] = 0 }
        active.removeAll(keepingCapacity: true)
        pivots = 0
        let pivotLimit = 10 * (n + k)
        while pivots < pivotLimit {
            pivots += 1
            computeFreeGradient(jacobian, weights)
            let rows = active.count
            let gram = rows == 0 ? nil : gramFactor(jacobian)
            if rows > 0 && gram == nil { return .stalled }
            // μ with (B·Bᵀ)·μ = B·g: g's component in the active rows' span is Bᵀμ.
            var mu = (0..<rows).map { row in dot(jacobian + active[row] * k, gradient) }
            gram?.solve(&mu)
            var projectedNorm = 0.0, gradientNorm = 0.0
            for j in 0..<k {
                var component = gradient[j]
                for row in 0..<rows { component -= jacobian[active[row] * k + j] * mu[row] }
                direction[j] = -component
                projectedNorm += component * component
                gradientNorm += gradient[j] * gradient[j]
            }
            var released: Int?
            if rows == k || projectedNorm <= 1e-28 * gradientNorm || gradientNorm == 0 {
                // g lies in the active rows' span: the multipliers are λ = −μ.
                var worst = 1.0 + 1e-12, leaving = -1
                for row in 0..<rows {
                    let ratio = Swift.abs(mu[row]) / weights[active[row]]
                    if ratio > worst { (worst, leaving) = (ratio, row) }
                }
                if leaving < 0 { return .optimal }
                // Move so that the leaving residual takes the sign of λ = −μ, the others stay zero:
                // p = Bᵀ(BBᵀ)⁻¹·(sign·e).
                var unit = [Double](repeating: 0, count: rows)
                unit[leaving] = mu[leaving] > 0 ? -1 : 1
                gram?.solve(&unit)
                for j in 0..<k {
                    var value = 0.0
                    for row in 0..<rows { value += jacobian[active[row] * k + j] * unit[row] }
                    direction[j] = value
                }
                released = active.remove(at: leaving)
            }
            switch lineSearch(jacobian, weights, released: released) {
            case .moved: continue
            case .unbounded: return .unbounded
            case .flat: return released == nil ? .optimal : .stalled
            }
        }
        return .stalled
    }

    /// g = Σ over the free weighted points of wᵢ·sign(rᵢ)·Jᵢ (zero residuals outside the set count 0).
    private mutating func computeFreeGradient(_ jacobian: UnsafePointer<Double>, _ weights: UnsafePointer<Double>) {
        for j in 0..<k { gradient[j] = 0 }
        for i in 0..<n {
            let w = weights[i], r = residuals[i]
            if w == 0 || r == 0 { continue }
            let coefficient = r > 0 ? w : -w
            let row = jacobian + i * k
            for j in 0..<k { gradient[j] += coefficient * row[j] }
        }
    }

    /// The Cholesky factor of the active rows' Gram matrix B·Bᵀ; nil when the rows are
    /// numerically dependent.
    private func gramFactor(_ jacobian: UnsafePointer<Double>) -> Cholesky? {
        let rows = active.count
        var gram = [Double](repeating: 0, count: rows * rows)
        for a in 0..<rows {
            for b in 0...a {
                let value = dot(jacobian + active[a] * k, jacobian + active[b] * k)
                gram[a * rows + b] = value
                gram[b * rows + a] = value
            }
        }
        return Cholesky(gram, n: rows)
    }

    private enum Move { case moved, unbounded, flat }

    /// Goes along ``direction`` to the minimum of the convex piecewise-linear f(d + t·p), t ≥ 0:
    /// the first breakpoint where the slope turns non-negative. The point whose residual reaches
    /// zero there joins the active set.
    private mutating func lineSearch(
        _ jacobian: UnsafePointer<Double>, _ weights: UnsafePointer<Double>, released: Int?
    ) -> Move {
        var slope = 0.0
        breakpoints.removeAll(keepingCapacity: true)
        var zeroCandidate = -1, zeroGain = 0.0
        for i in 0..<n {
            let w = weights[i]
            if w == 0 { rates[i] = 0; continue }
            let q = dot(jacobian + i * k, direction)
            rates[i] = q
            if q == 0 { continue }
            let r = residuals[i]
            if r == 0 {
                if i == released || !active.contains(i) {
                    slope += w * Swift.abs(q)
                    if i != released && w * Swift.abs(q) > zeroGain { (zeroCandidate, zeroGain) = (i, w * Swift.abs(q)) }
                }
                continue
            }
            slope += r > 0 ? w * q : -w * q
            if (r > 0) != (q > 0) { breakpoints.append(Breakpoint(t: -r / q, gain: 2 * w * Swift.abs(q), index: i)) }
        }
        if !(slope < 0) {
            // Not a descent direction because of residuals already at zero outside the set: the one
            // that blocks most enters the set (a degenerate pivot of length zero; a released point
            // stays out).
            guard zeroCandidate >= 0, active.count < k else { return .flat }
            active.append(zeroCandidate)
            return .moved
        }
        breakpoints.sort { $0.t < $1.t }
        var entering = -1, length = 0.0
        for point in breakpoints {
            slope += point.gain
            if slope >= 0 { (entering, length) = (point.index, point.t); break }
        }
        guard entering >= 0 else { return .unbounded }
        for j in 0..<k { step[j] += length * direction[j] }
        for i in 0..<n { residuals[i] += length * rates[i] }
        for index in active { residuals[index] = 0 }
        residuals[entering] = 0
        active.append(entering)
        return .moved
    }

    @inline(__always)
    private func dot(_ row: UnsafePointer<Double>, _ vector: [Double]) -> Double {
        var total = 0.0
        for j in 0..<k { total += row[j] * vector[j] }
        return total
    }

    @inline(__always)
    private func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
        var total = 0.0
        for j in 0..<k { total += a[j] * b[j] }
        return total
    }
}
