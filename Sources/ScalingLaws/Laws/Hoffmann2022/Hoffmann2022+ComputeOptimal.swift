extension ScalingLaw where Form == ChinchillaForm {
    /// Hoffmann et al.'s compute-optimal frontier in closed form, under C = 6·N·D:
    /// `N_opt = G·(C/6)^a`, `D_opt = G⁻¹·(C/6)^b`, `G = (αA/(βB))^(1/(α+β))`, `a = β/(α+β)`,
    /// `b = α/(α+β)`. ``computeOptimal(compute:cost:at:parameters:)`` finds the same numerically.
    public func closedFormOptimum(compute: Double) throws(SolverError) -> ComputeAllocation {
        guard compute.isFinite, compute > 0 else {
            throw .invalidInput(.invalidValue(variable: "compute", value: compute, requirement: "> 0 and finite"))
        }
        let parameter = parameterValues
        let (e, a, alpha) = (parameter[ChinchillaForm.E]!, parameter[ChinchillaForm.A]!, parameter[ChinchillaForm.alpha]!)
        let (b, beta) = (parameter[ChinchillaForm.B]!, parameter[ChinchillaForm.beta]!)
        let g = Double.pow(alpha * a / (beta * b), 1 / (alpha + beta))
        let n = g * Double.pow(compute / 6, beta / (alpha + beta))
        let d = Double.pow(compute / 6, alpha / (alpha + beta)) / g
        let loss = e + a / Double.pow(n, alpha) + b / Double.pow(d, beta)
        return ComputeAllocation(compute: compute, N: n, D: d, loss: loss, precision: nil, settings: [:])
    }
}
