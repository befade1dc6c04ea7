/// How far repeating data stays nearly as good as fresh data, from
/// ``ScalingLaw/epochsWorthRepeating(N:uniqueTokens:lossTolerance:maximumEpochs:)``.
public struct RepetitionBudget: Sendable, Equatable {
    /// Passes over the unique tokens (1 = every token seen once).
    public var epochs: Double
    /// The training tokens `epochs·U`.
    public var tokens: Double
    /// The predicted loss after those epochs.
    public var loss: Double
    /// The loss the same number of fresh (unrepeated) tokens would give.
    public var freshLoss: Double
}

extension ScalingLaw where Form == DataConstrainedForm {
    /// The most epochs over `uniqueTokens` that cost at most `lossTolerance` of loss compared with
    /// training on as many fresh tokens: Muennighoff et al.'s "repeating is almost as good as new"
    /// made a number.
    ///
    /// The cost of repetition, `L(N, e·U, U) − L(N, e·U, e·U)`, is 0 at one epoch and grows with the
    /// epochs e (repeated tokens are worth `R_D*·(1 − e^(−R_D/R_D*))` fresh passes, and parameters
    /// beyond what U tokens can use lose value); the root in `[1, maximumEpochs]` is found by
    /// Brent's method in log e.
    ///
    /// - Throws: ``SolverError/invalidInput(_:)`` for inputs outside the law's domain or a
    ///   tolerance that is not positive; ``SolverError/noRoot(variable:target:range:lowest:highest:)``
    ///   when even `maximumEpochs` cost less than the tolerance.
    public func epochsWorthRepeating(
        N: Double, uniqueTokens: Double, lossTolerance: Double, maximumEpochs: Double = 1e4
    ) throws(SolverError) -> RepetitionBudget {
        guard lossTolerance > 0, lossTolerance.isFinite else {
            throw .invalidInput(.invalidValue(variable: "lossTolerance", value: lossTolerance, requirement: "> 0 and finite"))
        }
        guard maximumEpochs > 1, maximumEpochs.isFinite else {
            throw .invalidRequest("maximumEpochs must be finite and above 1, got \(maximumEpochs)")
        }
        func losses(_ epochs: Double) throws(ScalingLawError) -> (repeated: Double, fresh: Double) {
            let tokens = epochs * uniqueTokens
            return (try self(N: N, D: tokens, U: uniqueTokens), try self(N: N, D: tokens, U: tokens))
        }
        let highest: Double
        do {
            let atMaximum = try losses(maximumEpochs)
            highest = atMaximum.repeated - atMaximum.fresh
        } catch { throw .invalidInput(error) }
        guard highest > lossTolerance else {
            throw .noRoot(variable: "epochs", target: lossTolerance, range: 1...maximumEpochs, lowest: 0, highest: highest)
        }
        let logEpochs = ScalarSearch.brentRoot(in: 0, Double.log(maximumEpochs), tolerance: 1e-14) { logEpochs in
            guard let pair = try? losses(Double.exp(logEpochs)) else { return .nan }
            return pair.repeated - pair.fresh - lossTolerance
        }
        guard let logEpochs else {
            throw .noRoot(variable: "epochs", target: lossTolerance, range: 1...maximumEpochs, lowest: 0, highest: highest)
        }
        let epochs = Double.exp(logEpochs)
        do {
            let pair = try losses(epochs)
            return RepetitionBudget(epochs: epochs, tokens: epochs * uniqueTokens, loss: pair.repeated, freshLoss: pair.fresh)
        } catch { throw .invalidInput(error) }
    }
}
