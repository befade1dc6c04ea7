import Testing
import ScalingLaws
import ScalingLawsData

/// The data-constrained law (Muennighoff et al. 2023) and the sparsity law (Frantar et al. 2024),
/// with their solvers, against the independent values of `Tests/Reference/constrained_sparse_reference.py`
/// (mpmath at 30 digits for the laws; scipy for the optima and roots).
@Suite struct ConstrainedSparseLawTests {
    static let dataConstrainedCases: [(N: Double, D: Double, U: Double, loss: Double)] = [
        (2.81e9, 5.5e10, 9e9, 2.3982512464061427166),
        (2.81e9, 5.5e10, 4e9, 2.4720390975820353885),
        (8.67e9, 1.78e11, 1.78e11, 2.1923626185249019379),
        (1e8, 1e10, 1e8, 3.8901153175936295428),
        (7e10, 1.4e12, 2e11, 2.0412477372494049079),
        (1e9, 5e9, 1e10, 2.8071654167528288069),
    ]

    static let sparsityCases: [(law: String, S: Double, N: Double, D: Double, loss: Double)] = [
        ("t5", 0, 2e7, 5e5, 2.1110044985216330889),
        ("t5", 0.5, 2e7, 5e5, 2.0037799510046451322),
        ("t5", 0.875, 5e6, 2.5e5, 2.2885624896975726836),
        ("t5", 0.75, 6.03979776e8, 5e5, 1.4683005584724844126),
        ("vit", 0, 1e7, 1e9, 6.1647447404074369561),
        ("vit", 0.75, 1e7, 1e9, 5.8053394442149778196),
        ("vit", 0.9375, 2e6, 4e8, 6.8285168337549124912),
    ]

    @Test func dataConstrainedMatchesTheIndependentValues() throws {
        for (n, d, u, loss) in Self.dataConstrainedCases {
            let computed = try Muennighoff2023.dataConstrained(N: n, D: d, U: u)
            #expect(relativeDifference(computed, loss) <= 1e-13, "N = \(n), D = \(d), U = \(u)")
        }
    }

    /// One epoch of fresh data is plain Chinchilla with the paper's constants; repetition and excess
    /// parameters only ever add loss.
    @Test func freshDataIsChinchillaAndRepetitionCostsLoss() throws {
        let law = Muennighoff2023.dataConstrained
        let chinchilla = try ScalingLaw(ChinchillaForm(), values: [
            "E": try law.value(of: ChinchillaForm.E), "A": try law.value(of: ChinchillaForm.A),
            "alpha": try law.value(of: ChinchillaForm.alpha), "B": try law.value(of: ChinchillaForm.B),
            "beta": try law.value(of: ChinchillaForm.beta),
        ])
        // 20 tokens per parameter with all of them unique: U_N = N (N is below N_opt(U)), R_D = 0.
        let fresh = try law(N: 1e9, D: 2e10, U: 2e10)
        #expect(relativeDifference(fresh, try chinchilla(N: 1e9, D: 2e10)) <= 1e-14)
        var previous = fresh
        for unique in [1e10, 5e9, 2e9, 1e9] {
            let repeated = try law(N: 1e9, D: 2e10, U: unique)
            #expect(repeated > previous, "U = \(unique)")
            previous = repeated
        }
    }

    /// The saturating factor stays exact at tiny repetition counts, where 1 − exp(−x) would round.
    @Test func effectiveDataIsAccurateJustPastOneEpoch() throws {
        let repeated = try ScalingLaw(RepeatedDataForm(), values: ["RDstar": 15.387756])
        let unique = 1e10, extra = 1e-9                     // R_D = 1e-9
        let effective = try repeated([.D: unique * (1 + extra), .uniqueTokens: unique])
        // D′ = U + U·R*·(1 − e^(−R/R*)) ≈ U·(1 + R − R²/(2R*)): relative to U·R the error is ~1e-16.
        let expected = unique * extra * (1 - extra / (2 * 15.387756))
        #expect(abs((effective - unique) - expected) / expected <= 1e-6)
    }

    @Test func sparsityPresetsMatchTheIndependentValues() throws {
        for (name, s, n, d, loss) in Self.sparsityCases {
            let law = name == "t5" ? Frantar2024.t5 : Frantar2024.vit
            #expect(relativeDifference(try law(S: s, N: n, D: d), loss) <= 1e-13, "\(name) S = \(s)")
        }
    }

    /// The authors' held-out check: a 2.4B-parameter T5 at 75% sparsity (604M non-zero) for 500k
    /// steps measured 1.4828; the law extrapolated from 85M non-zero parameters says 1.4683.
    @Test func t5PredictsTheAuthorsHeldOutRunWithinOnePercent() throws {
        let predicted = try Frantar2024.t5(S: 0.75, N: 48 * 12 * 1024 * 1024, D: 5e5)
        #expect(abs(predicted / 1.4827780204906797 - 1) <= 0.011)
    }

    /// The shipped T5 runs reproduce the authors' objective at their constants (7.603605e-6, mean
    /// Huber δ = 1e-3 of log residuals, as their notebook prints).
    @Test func t5ObjectiveAtThePublishedConstantsMatchesTheAuthors() throws {
        let data = try Dataset.frantarT5Sparsity.observations()
        #expect(data.count == 48)
        var total = 0.0
        for row in 0..<data.count {
            let point: [Variable: Double] = [.sparsity: data.column(.sparsity)![row], .N: data.column(.N)![row],
                                             .trainingSteps: data.column(.trainingSteps)![row]]
            let residual = abs(Double.log(try Frantar2024.t5(point)) - Double.log(data.targets[row]))
            total += residual <= 1e-3 ? 0.5 * residual * residual : 1e-3 * (residual - 0.5e-3)
        }
        #expect(relativeDifference(total / Double(data.count), 7.603605287266284e-06) <= 1e-9)
    }

    @Test func optimalSparsityMatchesScipy() throws {
        let cases: [(law: ScalingLaw<SparsityForm>, N: Double, D: Double, sparsity: Double, loss: Double)] = [
            (Frantar2024.t5, 2e7, 5e5, 0.556689720533, 2.07200953905076),
            (Frantar2024.t5, 1e8, 5e6, 0.590011686302, 1.58315432637814),
            (Frantar2024.vit, 1e7, 4e9, 0.649889404769, 5.78727948116523),
        ]
        for (law, n, d, sparsity, loss) in cases {
            let choice = try law.optimalSparsity(N: n, denseData: d)
            #expect(abs(choice.sparsity - sparsity) <= 1e-6, "\(law.name) N = \(n)")
            #expect(relativeDifference(choice.loss, loss) <= 1e-12)
            #expect(choice.loss < choice.denseLoss)
            #expect(relativeDifference(choice.totalParameters, n / (1 - choice.sparsity)) <= 1e-15)
        }
    }

    @Test func epochsWorthRepeatingMatchesScipy() throws {
        let cases: [(N: Double, U: Double, tolerance: Double, epochs: Double)] = [
            (2.81e9, 9e9, 0.01, 1.28193573578), (8.67e9, 1e10, 0.005, 1.07411748023), (1e9, 2e10, 0.02, 15.5337679171),
        ]
        for (n, u, tolerance, epochs) in cases {
            let budget = try Muennighoff2023.dataConstrained.epochsWorthRepeating(N: n, uniqueTokens: u, lossTolerance: tolerance)
            #expect(relativeDifference(budget.epochs, epochs) <= 1e-9, "N = \(n), U = \(u)")
            #expect(abs(budget.loss - budget.freshLoss - tolerance) <= 1e-12)
        }
    }

    @Test func solverInputsAreCheckedWithTypedErrors() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: SolverError.self) { try probe.call { try Frantar2024.t5.optimalSparsity(N: -1, denseData: 5e5) } }
        #expect(throws: SolverError.self) { try probe.call { try Frantar2024.t5.optimalSparsity(N: 2e7, denseData: 5e5, maximumSparsity: 1) } }
        #expect(throws: ScalingLawError.self) { try probe.call { try Frantar2024.t5(S: 1, N: 2e7, D: 5e5) } }
        #expect(throws: ScalingLawError.self) { try probe.call { try Frantar2024.t5(S: .nan, N: 2e7, D: 5e5) } }
        let law = Muennighoff2023.dataConstrained
        #expect(throws: SolverError.self) { try probe.call { try law.epochsWorthRepeating(N: 1e9, uniqueTokens: 1e10, lossTolerance: 0) } }
        #expect(throws: SolverError.self) { try probe.call { try law.epochsWorthRepeating(N: 1e9, uniqueTokens: .nan, lossTolerance: 0.01) } }
        // A tolerance larger than any repetition can cost: no root, said so.
        #expect(throws: SolverError.self) { try probe.call { try law.epochsWorthRepeating(N: 1e9, uniqueTokens: 1e10, lossTolerance: 10) } }
        #expect(throws: ScalingLawError.self) { try probe.call { try law(N: 1e9, D: 1e10, U: 0) } }
    }

    /// CompareLaws' "beyond quantization" tables: sparsity's loss increase at the same dense size
    /// and repeated data's, against `Tests/Reference/constrained_sparse_reference.py` (mpmath).
    @Test func compareLawsBeyondQuantizationFigures() throws {
        let sparsity: [(Double, Double, Double)] = [
            (2e7, 0.5, 0.058679106557963790486), (2e7, 0.75, 0.16397035524657161389), (2e7, 0.875, 0.31445239444030712888),
            (8.5e7, 0.5, 0.041157162653792564729), (8.5e7, 0.75, 0.11500779369598971818), (8.5e7, 0.875, 0.22055496588159629606),
        ]
        for (n, s, expected) in sparsity {
            let increase = try Frantar2024.t5(S: s, N: (1 - s) * n, D: 5e5) - Frantar2024.t5(S: 0, N: n, D: 5e5)
            #expect(abs(increase - expected) < 1e-12, "N \(n), S \(s): \(increase) vs \(expected)")
        }
        let repetition: [(Double, Double)] = [(4, 0.0022128770417571565937), (16, 0.01736431597092004312), (64, 0.091962463625711331669)]
        let fresh = try Muennighoff2023.dataConstrained(N: 7e9, D: 1e12, U: 1e12)
        for (epochs, expected) in repetition {
            let increase = try Muennighoff2023.dataConstrained(N: 7e9, D: 1e12, U: 1e12 / epochs) - fresh
            #expect(abs(increase - expected) < 1e-12, "\(epochs) epochs: \(increase) vs \(expected)")
        }
    }
}
