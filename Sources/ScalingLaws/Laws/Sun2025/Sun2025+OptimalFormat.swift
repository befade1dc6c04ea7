extension ScalingLaw where Form == CapybaraForm {
    /// Sun et al.'s optimal exponent/mantissa split of a `bits`-bit floating-point format
    /// (continuous): `E = δ·P/(δ+ν) − 0.5`, `M = ν·P/(δ+ν) − 0.5`, which minimizes the quantization
    /// term at fixed P = E + M + 1.
    public func optimalFormat(bits: Double) throws(SolverError) -> (exponentBits: Double, mantissaBits: Double) {
        guard bits.isFinite, bits >= 1 else {
            throw .invalidInput(.invalidValue(variable: "bits", value: bits, requirement: "≥ 1 and finite"))
        }
        let delta: Double, nu: Double
        do { delta = try value(of: CapybaraTermForm.delta); nu = try value(of: CapybaraTermForm.nu) } catch { throw .invalidInput(error) }
        return (delta * bits / (delta + nu) - 0.5, nu * bits / (delta + nu) - 0.5)
    }

    /// The optimal split rounded to whole bits (E rounded to nearest, M = P − 1 − E): E2M1 at 4
    /// bits, E4M3 at 8, E8M7 at 16, as the paper reports.
    public func optimalIntegerFormat(bits: Int) throws(SolverError) -> (exponentBits: Int, mantissaBits: Int) {
        let continuous = try optimalFormat(bits: Double(bits))
        let exponent = Swift.min(Swift.max(Int(continuous.exponentBits.rounded()), 0), bits - 1)
        return (exponent, bits - 1 - exponent)
    }

    /// The precision choice of Sun et al.'s compute-optimal question: P bits at the optimal split.
    public var optimalFormatChoice: PrecisionChoice {
        .floatingPoint(delta: (try? value(of: CapybaraTermForm.delta)) ?? .nan, nu: (try? value(of: CapybaraTermForm.nu)) ?? .nan)
    }
}
