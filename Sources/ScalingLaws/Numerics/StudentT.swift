#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The Student-t distribution's CDF and quantile, for confidence intervals of fitted parameters.
enum StudentT {
    /// P(T ≤ t) for ν degrees of freedom, through the regularized incomplete beta function:
    /// `P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2)`.
    static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        // Beyond 10⁵ degrees of freedom the continued fraction converges slowly, and the normal
        // distribution with its first 1/ν correction is exact to 1e-12.
        if nu > 1e5 {
            let z = t * (1 - 1 / (4 * nu)) / (1 + t * t / (2 * nu)).squareRoot()
            return 0.5 * erfc(-z / 2.0.squareRoot())
        }
        let tail = 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, by Newton's method on the CDF from the normal quantile, safeguarded
    /// by bisection (the CDF is monotone); accurate to about 1e-12.
    static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if nu > 1e5 {
            // Cornish–Fisher: t = z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²) + O(ν⁻³).
            let z = normalQuantile(p), z2 = z * z
            return z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        }
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: nu) < p { low = high; high *= 2 }
        var t = Swift.min(Swift.max(normalQuantile(p), low), high)
        for _ in 0..<100 {
            let error = cdf(t, degreesOfFreedom: nu) - p
            if error > 0 { high = t } else { low = t }
            let density = Double.exp(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Double.log(nu * .pi)
                                    - (nu + 1) / 2 * log1p(t * t / nu))
            var next = t - error / density
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if Swift.abs(next - t) <= 1e-14 * Swift.max(1, Swift.abs(t)) { return next }
            t = next
        }
        return t
    }

    /// The standard normal quantile (Acklam's rational approximation, then one Halley step on erfc).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 || p > 1 - 0.02425 {
            let q = (-2 * Double.log(Swift.min(p, 1 - p))).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
            if p > 0.5 { x = -x }
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Double.exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }

    /// `I_x(a, b)` by Lentz's continued fraction (Numerical Recipes' `betacf`), on the side where it
    /// converges fast.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = Double.exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * Double.log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if Swift.abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d; if Swift.abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d; if Swift.abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if Swift.abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
