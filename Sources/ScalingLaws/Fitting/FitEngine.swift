/// The numeric side of a fit, shared by every law: the objective in the optimizer's space θ
/// (transformed free parameters, plus ln σ for the Huber likelihood), its exact gradient from the
/// residual Jacobian, and the optimizers that minimize it.
struct FitEngine: Sendable {
    let problem: ResidualProblem
    /// The full parameter vector of the law, fixed parameters at their values.
    let base: [Double]
    let transforms: [ParameterTransform]
    let weights: [Double]
    let objective: FitOptions.Objective
    let options: FitOptions

    var freeCount: Int { problem.freeSlots.count }
    /// The dimension of θ.
    var dimension: Int { freeCount + (isLikelihood ? 1 : 0) }
    var isLikelihood: Bool { if case .huberLikelihood = objective { return true } else { return false } }

    /// The law's full parameter vector at θ, and dp/dθ of each free parameter.
    func natural(_ theta: [Double]) -> (parameters: [Double], derivatives: [Double]) {
        var parameters = base
        var derivatives = [Double](repeating: 1, count: freeCount)
        for (index, slot) in problem.freeSlots.enumerated() {
            let (value, derivative) = transforms[index].natural(theta[index])
            parameters[slot] = value
            derivatives[index] = derivative
        }
        return (parameters, derivatives)
    }

    /// θ for the law's full parameter vector `parameters` (and σ for the likelihood).
    func internalPoint(_ parameters: [Double], scale: Double = 0.01) -> [Double] {
        var theta = problem.freeSlots.enumerated().map { transforms[$0].internalValue(parameters[$1]) }
        if isLikelihood { theta.append(Double.log(scale)) }
        return theta
    }

    /// Residuals and their Jacobian with respect to θ's free part (row-major n×k), or `nil`.
    func residuals(_ theta: [Double], jacobian wanted: Bool) -> (residuals: [Double], jacobian: [Double])? {
        let (parameters, derivatives) = natural(theta)
        let n = problem.pointCount, k = freeCount
        var residuals = [Double](repeating: 0, count: n)
        var jacobian = [Double](repeating: 0, count: wanted ? n * k : 0)
        let ok = parameters.withUnsafeBufferPointer { p in
            residuals.withUnsafeMutableBufferPointer { r in
                wanted ? jacobian.withUnsafeMutableBufferPointer { j in problem.evaluate(p, r, j) }
                    : problem.evaluate(p, r, nil)
            }
        }
        guard ok else { return nil }
        if wanted {
            for row in 0..<n { for index in 0..<k { jacobian[row * k + index] *= derivatives[index] } }
        }
        return (residuals, jacobian)
    }

    /// The objective at θ with observation multiplicities `counts` (bootstrap resamples; 1 each
    /// otherwise), and its gradient if asked. +∞ where the law is undefined.
    func evaluate(_ theta: [Double], counts: [Double]?, gradient: inout [Double]?) -> Double {
        guard let (r, j) = residuals(theta, jacobian: gradient != nil) else { return .infinity }
        let n = problem.pointCount, k = freeCount
        var total = 0.0
        var g = [Double](repeating: 0, count: gradient == nil ? 0 : dimension)
        switch objective {
        case .robust(let loss):
            for row in 0..<n {
                let w = weights[row] * (counts?[row] ?? 1)
                guard w != 0 else { continue }
                let (rho, psi) = Self.loss(loss, r[row])
                total += w * rho
                if gradient != nil { for index in 0..<k { g[index] += w * psi * j[row * k + index] } }
            }
        case .huberLikelihood(let delta):
            let logScale = theta[k]
            let sigma = Double.exp(logScale)
            let logNormalizer = Self.huberLogNormalizer(delta)
            var scaleGradient = 0.0
            for row in 0..<n {
                let w = weights[row] * (counts?[row] ?? 1)
                guard w != 0 else { continue }
                let z = r[row] / sigma
                let (rho, psi) = Self.loss(.huber(delta: delta), z)
                total += w * (rho + logScale + logNormalizer)
                if gradient != nil {
                    for index in 0..<k { g[index] += w * psi / sigma * j[row * k + index] }
                    scaleGradient += w * (1 - psi * z)
                }
            }
            if gradient != nil { g[k] = scaleGradient }
        }
        if gradient != nil { gradient = g }
        return total.isFinite ? total : .infinity
    }

    /// ρ(r) and ρ′(r).
    @inline(__always)
    static func loss(_ loss: FitOptions.Loss, _ r: Double) -> (Double, Double) {
        switch loss {
        case .leastSquares:
            return (0.5 * r * r, r)
        case .huber(let delta):
            let magnitude = abs(r)
            return magnitude <= delta ? (0.5 * r * r, r) : (delta * (magnitude - 0.5 * delta), r > 0 ? delta : -delta)
        case .softL1(let c):
            let root = (1 + (r / c) * (r / c)).squareRoot()
            return (c * c * (root - 1), r / root)
        }
    }

    /// ln Z for the Huber density e^(−ρ_δ(z))/Z: Z = √(2π)(2Φ(δ) − 1) + (2/δ)e^(−δ²/2).
    static func huberLogNormalizer(_ delta: Double) -> Double {
        let center = (2 * Double.pi).squareRoot() * erf(delta / 2.0.squareRoot())
        let tails = 2 / delta * Double.exp(-delta * delta / 2)
        return Double.log(center + tails)
    }

    /// Minimizes from θ₀ with the configured method.
    func minimize(from start: [Double], counts: [Double]? = nil) -> (theta: [Double], value: Double, iterations: Int, reason: ConvergenceReason) {
        switch options.method {
        case .lbfgs:
            return lbfgs(from: start, counts: counts)
        case .levenbergMarquardt where !isLikelihood, .automatic where !isLikelihood:
            return levenbergMarquardt(from: start, counts: counts)
        default:
            return lbfgs(from: start, counts: counts)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif
