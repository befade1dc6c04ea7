#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// How residuals add up to the objective a fit minimises: `Σᵢ wᵢ·ρ(rᵢ)`, summed (not averaged:
/// averaging shrinks the objective and its gradient by the number of points and makes optimizers
/// stop early — one of the Chinchilla replication's findings).
///
/// Every ρ behaves like `r²/2` for small residuals, so the losses are comparable in scale.
public enum LossFunction: Sendable, Hashable {
    /// `ρ(r) = r²/2`.
    case leastSquares
    /// `ρ(r) = r²/2` for `|r| ≤ δ`, `δ·(|r| − δ/2)` beyond: quadratic near zero, linear in the tails.
    /// Hoffmann et al. use δ = 10⁻³ on log residuals.
    case huber(delta: Double)
    /// `ρ(r) = c²·(√(1 + (r/c)²) − 1)`: a smooth robust loss, quadratic for `|r| ≪ c`, linear for
    /// `|r| ≫ c` (scipy's `soft_l1` with `f_scale = c`).
    case softL1(scale: Double)
    /// The negative log-likelihood of residuals drawn from a normalised Huber density with a fitted
    /// scale σ (Besiroglu et al. 2024):
    /// `Σᵢ wᵢ·[Huber_δ(rᵢ/σ) + ln σ + ln Z(δ)]`, `Z(δ) = √(2π)·(1 − 2Φ(−δ)) + 2·e^(−δ²/2)/δ`,
    /// with δ applied to the standardised residual `r/σ`. σ is fitted with the law's parameters
    /// (as `ln σ`) and reported as ``FitResult/scale``. Minimised by ``Optimizer/sequentialLinearProgramming`` (the default) or L-BFGS.
    case huberLikelihood(delta: Double)
    /// `ρ(r) = c·r²/2` with `c = underPrediction` where the law under-predicts (r > 0: the measured
    /// value is above the prediction) and `c = overPrediction` where it over-predicts: for a law
    /// that must not promise a loss lower than reality, weigh under-prediction more.
    case asymmetric(underPrediction: Double, overPrediction: Double)

    /// Whether Levenberg–Marquardt can minimise it (a sum of ρ(rᵢ), with ρ quadratic near zero).
    public var isLeastSquaresShaped: Bool {
        if case .huberLikelihood = self { return false }
        return true
    }

    func validate() throws(FitError) {
        switch self {
        case .leastSquares: break
        case .huber(let delta), .huberLikelihood(let delta):
            guard delta > 0, delta.isFinite else { throw .invalidOption("the Huber δ must be finite and > 0, got \(delta)") }
        case .softL1(let scale):
            guard scale > 0, scale.isFinite else { throw .invalidOption("the soft-L1 scale must be finite and > 0, got \(scale)") }
        case .asymmetric(let under, let over):
            guard under > 0, under.isFinite, over > 0, over.isFinite else {
                throw .invalidOption("the asymmetric loss's weights must be finite and > 0, got \(under) (under-prediction) and \(over) (over-prediction)")
            }
        }
    }

    /// The robust part `ρ` and its derivative `ψ = ρ′` at `r` (for the likelihood: at the
    /// standardised residual).
    @inline(__always)
    func rho(_ r: Double) -> (rho: Double, psi: Double) {
        switch self {
        case .leastSquares:
            return (0.5 * r * r, r)
        case .huber(let delta), .huberLikelihood(let delta):
            let magnitude = Swift.abs(r)
            if magnitude <= delta { return (0.5 * r * r, r) }
            return (delta * (magnitude - 0.5 * delta), r > 0 ? delta : -delta)
        case .softL1(let c):
            let scaled = r / c
            let root = (1 + scaled * scaled).squareRoot()
            return (c * c * (root - 1), r / root)
        case .asymmetric(let under, let over):
            let c = r > 0 ? under : over
            return (0.5 * c * r * r, c * r)
        }
    }

    /// The iteratively-reweighted-least-squares weight `ψ(r)/r` (1 at r = 0).
    @inline(__always)
    func irlsWeight(_ r: Double) -> Double {
        switch self {
        case .leastSquares: return 1
        case .huber(let delta), .huberLikelihood(let delta):
            let magnitude = Swift.abs(r)
            return magnitude <= delta ? 1 : delta / magnitude
        case .softL1(let c):
            let scaled = r / c
            return 1 / (1 + scaled * scaled).squareRoot()
        case .asymmetric(let under, let over):
            return r > 0 ? under : over
        }
    }

    /// `ln Z(δ)` of the normalised Huber density.
    static func logNormalizer(delta: Double) -> Double {
        // 1 − 2Φ(−δ) = erf(δ/√2).
        let gaussianPart = (2 * Double.pi).squareRoot() * erf(delta / 2.0.squareRoot())
        return Double.log(gaussianPart + 2 * Double.exp(-0.5 * delta * delta) / delta)
    }
}
