extension ScalingLaw where Form == CapybaraForm {
    /// Sun et al.'s critical data size in closed form, from ∂L/∂D = 0:
    /// `D_crit = [d·γ·N^α·(E + 0.5)^δ·(M + 0.5)^ν / log₂B]^(1/(2β))`, with this law's constants.
    ///
    /// Beyond D_crit, training on more data in the format E`exponentBits`M`mantissaBits` with
    /// blocks of `blockSize` raises the loss. Paper check (1B parameters, B = 128): 1730T tokens
    /// for E8M7, 27T for E4M3, 0.4T for E2M1.
    public func criticalTokens(
        N: Double, exponentBits: Double, mantissaBits: Double, blockSize: Double
    ) throws(SolverError) -> Double {
        do {
            _ = try self(N: N, D: 1e9, exponentBits: exponentBits, mantissaBits: mantissaBits, blockSize: blockSize)
            let d = try value(of: Sun2025.d), gamma = try value(of: CapybaraTermForm.gamma)
            let alpha = try value(of: CapybaraTermForm.alpha)
            let beta = try value(of: CapybaraTermForm.beta), delta = try value(of: CapybaraTermForm.delta)
            let nu = try value(of: CapybaraTermForm.nu)
            let ratio = d * gamma * Double.pow(N, alpha) * Double.pow(exponentBits + 0.5, delta)
                * Double.pow(mantissaBits + 0.5, nu) / Double.log2(blockSize)
            return Double.pow(ratio, 1 / (2 * beta))
        } catch {
            throw .invalidInput(error)
        }
    }
}
