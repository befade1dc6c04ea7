/// How far a checkpoint's training has gone, read from its measured quantization-induced
/// degradation (Ouyang et al. 2024): the more tokens a model has seen, the more low-bit
/// quantization hurts it.
public struct TrainingLevel: Sendable, Hashable {
    /// The parameter count N (non-embedding) of the checkpoint.
    public var N: Double
    /// The post-training quantization bit width the degradation was measured at.
    public var bits: Double
    /// The measured QiD = loss after quantization − 16-bit loss, in nats.
    public var degradation: Double
    /// The training tokens at which the law predicts this QiD: the checkpoint's training level.
    public var equivalentTokens: Double
    /// The fraction of the 16-bit likelihood kept after quantization, e^(−QiD).
    public var likelihoodKept: Double
    /// For each threshold QiD: the tokens the law says it takes to reach it, and how many more
    /// that is than ``equivalentTokens`` (negative when the threshold is already passed).
    public var thresholds: [Threshold]

    /// A QiD threshold and the training it takes to reach it.
    public struct Threshold: Sendable, Hashable {
        public var degradation: Double
        public var tokens: Double
        public var remainingTokens: Double
        /// e^(−QiD) at the threshold: 0.2 nats keeps ≈ 82% of the likelihood, 0.5 ≈ 61%.
        public var likelihoodKept: Double
    }
}

extension ScalingLaw where Form == OuyangDegradationForm {
    /// The training tokens D at which the law predicts quantization-induced degradation
    /// `degradation` for `N` non-embedding parameters at `bits`: the unified law inverted,
    /// `D = (QiD·N^α·P^γ / k)^(1/β)`.
    ///
    /// This reproduces the 2-bit column of Ouyang et al.'s Table 1 (tokens to reach QiD = 0.2) to
    /// within 2% for 70B and 405B and within the table's two-digit rounding for 1B and 7B. It does
    /// **not** reproduce the 3- and 4-bit columns (70B at 4 bits: 10.25T here, 17.35T printed):
    /// the table was built from separate per-bit-width fits whose coefficients are unpublished.
    public func tokens(reaching degradation: Double, N: Double, bits: Double) throws(SolverError) -> Double {
        guard degradation.isFinite, degradation > 0 else {
            throw .invalidInput(.invalidValue(variable: "degradation", value: degradation, requirement: "> 0 and finite"))
        }
        do {
            _ = try self(N: N, D: 1, bits: bits)
            let k = try value(of: OuyangDegradationForm.k), alpha = try value(of: OuyangDegradationForm.alpha)
            let beta = try value(of: OuyangDegradationForm.beta), gamma = try value(of: OuyangDegradationForm.gamma)
            return Double.pow(degradation * Double.pow(N, alpha) * Double.pow(bits, gamma) / k, 1 / beta)
        } catch {
            throw .invalidInput(error)
        }
    }

    /// The training level of a checkpoint of `N` non-embedding parameters whose quantization to
    /// `bits` was measured to cost `degradation` nats, with the tokens left until each threshold
    /// QiD (0.2 and 0.5 by default: e^(−0.2) ≈ 82% and e^(−0.5) ≈ 61% of the likelihood kept).
    public func trainingLevel(
        N: Double, bits: Double, degradation: Double, thresholds: [Double] = [0.2, 0.5]
    ) throws(SolverError) -> TrainingLevel {
        let equivalent = try tokens(reaching: degradation, N: N, bits: bits)
        var levels: [TrainingLevel.Threshold] = []
        for threshold in thresholds {
            let needed = try tokens(reaching: threshold, N: N, bits: bits)
            levels.append(.init(degradation: threshold, tokens: needed, remainingTokens: needed - equivalent,
                                likelihoodKept: Double.exp(-threshold)))
        }
        return TrainingLevel(N: N, bits: bits, degradation: degradation, equivalentTokens: equivalent,
                             likelihoodKept: Double.exp(-degradation), thresholds: levels)
    }
}
