/// One-dimensional root finding and minimization on a bracket, for the solvers.
///
/// Both work on plain `Double` closures. Callers move positive variables to log space first, so
/// a bracket such as [10⁶, 10¹⁸] tokens is searched evenly in orders of magnitude.
enum ScalarSearch {
    /// A root of `f` in `[lower, upper]`, where `f(lower)` and `f(upper)` differ in sign, by
    /// Newton's method with the exact derivative, safeguarded by bisection: a Newton step that
    /// leaves the current bracket, or does not at least halve |f|, is replaced by a bisection step,
    /// so the iteration converges like bisection at worst and quadratically near the root.
    ///
    /// - Returns: `nil` if the bracket does not bracket a sign change or `f` is not finite on it.
    static func newtonRoot(
        in lower: Double, _ upper: Double, tolerance: Double = 1e-13, maxIterations: Int = 200,
        _ f: (Double) -> (value: Double, derivative: Double)
    ) -> Double? {
        var (a, b) = (lower, upper)
        let fa = f(a).value, fb = f(b).value
        guard fa.isFinite, fb.isFinite else { return nil }
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        let negativeAtLower = fa < 0
        var x = 0.5 * (a + b)
        var previousMagnitude = Double.infinity
        for _ in 0..<maxIterations {
            let (value, slope) = f(x)
            guard value.isFinite else { return nil }
            if value == 0 { return x }
            if (value < 0) == negativeAtLower { a = x } else { b = x }
            if abs(b - a) <= tolerance * Swift.max(1, abs(x)) { return 0.5 * (a + b) }
            var next = x - value / slope
            let newtonUsable = slope.isFinite && slope != 0 && next > a && next < b
                && abs(value) <= 0.5 * previousMagnitude
            if !newtonUsable { next = 0.5 * (a + b) }
            previousMagnitude = abs(value)
            if abs(next - x) <= tolerance * Swift.max(1, abs(x)) { return next }
            x = next
        }
        return x
    }

    /// A root of `f` in `[lower, upper]` by Brent's method (bisection, secant and inverse quadratic
    /// interpolation), for functions without a derivative.
    static func brentRoot(
        in lower: Double, _ upper: Double, tolerance: Double = 1e-13, maxIterations: Int = 200,
        _ f: (Double) -> Double
    ) -> Double? {
        var a = lower, b = upper
        var fa = f(a), fb = f(b)
        guard fa.isFinite, fb.isFinite else { return nil }
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maxIterations {
            if (fb < 0) == (fc < 0) { c = a; fc = fa; d = b - a; e = d }
            if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let step = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance * Swift.max(1, abs(b))
            let half = 0.5 * (c - b)
            if abs(half) <= step || fb == 0 { return b }
            if abs(e) >= step && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * half * s
                    q = 1 - s
                } else {
                    let r = fb / fc, t = fa / fc
                    p = s * (2 * half * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < Swift.min(3 * half * q - abs(step * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = half
                    e = d
                }
            } else {
                d = half
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > step ? d : (half > 0 ? step : -step)
            fb = f(b)
            guard fb.isFinite else { return nil }
        }
        return b
    }

    /// The minimum of `f` on `[lower, upper]`: `samples` evenly spaced evaluations locate the best
    /// cell, then Brent's parabolic/golden-section search refines it. Non-finite values count as
    /// +∞ (outside the function's domain).
    ///
    /// - Returns: the minimizer, its value, and whether it lies at an end of the interval (no
    ///   interior minimum found there); `nil` when `f` is nowhere finite on the samples.
    static func minimum(
        in lower: Double, _ upper: Double, samples: Int = 64, tolerance: Double = 1e-12,
        _ f: (Double) -> Double
    ) -> (x: Double, value: Double, atBoundary: Bool)? {
        let count = Swift.max(samples, 3)
        let step = (upper - lower) / Double(count - 1)
        var bestIndex = -1
        var bestValue = Double.infinity
        for index in 0..<count {
            let value = f(lower + Double(index) * step)
            if value.isFinite && value < bestValue { bestValue = value; bestIndex = index }
        }
        guard bestIndex >= 0 else { return nil }
        if bestIndex == 0 || bestIndex == count - 1 {
            return (lower + Double(bestIndex) * step, bestValue, true)
        }
        let refined = brentMinimum(in: lower + Double(bestIndex - 1) * step, lower + Double(bestIndex + 1) * step,
                                   tolerance: tolerance) { x in
            let value = f(x)
            return value.isFinite ? value : .infinity
        }
        return refined.value <= bestValue ? (refined.x, refined.value, false)
            : (lower + Double(bestIndex) * step, bestValue, false)
    }

    /// Brent's minimization on `[lower, upper]` (golden sections with parabolic steps), for a
    /// function unimodal on the interval.
    static func brentMinimum(
        in lower: Double, _ upper: Double, tolerance: Double = 1e-12, maxIterations: Int = 200,
        _ f: (Double) -> Double
    ) -> (x: Double, value: Double) {
        let golden = 0.381966011250105151795
        var a = lower, b = upper
        var x = a + golden * (b - a), w = x, v = x
        var fx = f(x), fw = fx, fv = fx
        var d = 0.0, e = 0.0
        for _ in 0..<maxIterations {
            let middle = 0.5 * (a + b)
            let tol1 = tolerance * abs(x) + 1e-15
            let tol2 = 2 * tol1
            if abs(x - middle) <= tol2 - 0.5 * (b - a) { break }
            var useGolden = true
            if abs(e) > tol1 {
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p } else { q = -q }
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = middle > x ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = x >= middle ? a - x : b - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1)
            let fu = f(u)
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w; fv = fw
                w = x; fw = fx
                x = u; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        return (x, fx)
    }
}
