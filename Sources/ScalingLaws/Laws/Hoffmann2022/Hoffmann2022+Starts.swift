extension Starts {
    /// Hoffmann et al.'s 4,500-point grid for the Chinchilla form (parameter names `E`, `A`,
    /// `alpha`, `B`, `beta`): α, β ∈ {0, 0.5, …, 2}, ln E ∈ {−1, −0.5, …, 1}, ln A, ln B ∈ {0, 5, …, 25}.
    /// α = 0 starts need α and β in ``SearchSpace/natural`` coordinates, as Hoffmann fitted them.
    public static var hoffmann2022: Starts {
        let exponents = [0, 0.5, 1, 1.5, 2]
        let logCoefficients = [0.0, 5, 10, 15, 20, 25]
        return .grid([
            "alpha": exponents, "beta": exponents,
            "E": [-1, -0.5, 0, 0.5, 1].map { Double.exp($0) },
            "A": logCoefficients.map { Double.exp($0) },
            "B": logCoefficients.map { Double.exp($0) },
        ])
    }
}
