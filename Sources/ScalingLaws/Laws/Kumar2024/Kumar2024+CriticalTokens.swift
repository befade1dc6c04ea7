extension ScalingLaw where Form == KumarPostTrainingForm {
    /// Kumar et al.'s critical data size in closed form (App. E, Eq. 13), from ∂L/∂D = 0 for a
    /// BF16-trained model quantized to `bits` after training:
    /// `D_crit = (β·B·N^γ_N·e^(P_post/γ_post) / (γ_D·C_T))^(1/(γ_D + β))`, with this law's constants.
    ///
    /// Beyond D_crit more pretraining data raises the post-quantization loss. (The paper's Eq. 12
    /// omits the factor β; Eq. 13 has it.) Paper check: N = 30e6, P_post = 4 → 8.86e10 tokens.
    public func criticalTokens(N: Double, bits: Double) throws(SolverError) -> Double {
        do {
            _ = try self([.N: N, .D: 1e9, .bits: bits])
            let beta = try value(of: ChinchillaForm.alpha), b = try value(of: ChinchillaForm.B)
            let gammaN = try value(of: KumarPTQForm.gammaN)
            let gammaPost = try value(of: KumarPTQForm.gammaPost), gammaD = try value(of: KumarPTQForm.gammaD)
            let ct = try value(of: KumarPTQForm.CT)
            let ratio = beta * b * Double.pow(N, gammaN) * Double.exp(bits / gammaPost) / (gammaD * ct)
            return Double.pow(ratio, 1 / (gammaD + beta))
        } catch {
            throw .invalidInput(error)
        }
    }
}
