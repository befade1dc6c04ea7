import Testing
import ScalingLaws

/// Closed-form solvers and the Pareto frontier at extreme but legal inputs return finite numbers
/// or a typed error — never ∞, NaN or 0.
@Suite struct ExtremeInputTests {
    @Test func closedFormsStayFiniteAtHugeAndTinyN() throws {
        let probe = HostileProbe(.extremeNumeric)
        let values = [
            try probe.call { try Sun2025.capybara.criticalTokens(N: 1e308, exponentBits: 4, mantissaBits: 3, blockSize: 128) },
            try probe.call { try Kumar2024.postTrainingLoss.criticalTokens(N: 1e308, bits: 4) },
            try probe.call { try Ouyang2024.unified.tokens(reaching: 0.2, N: 1e308, bits: 4) },
            try probe.call { try Ouyang2024.unified.tokens(reaching: 0.2, N: 1e-300, bits: 4) },
            try probe.call { try Hoffmann2022.printed.closedFormOptimum(compute: 1e308).N },
        ]
        for value in values { #expect(value.isFinite && value > 0, "\(value)") }
    }

    @Test func paretoFrontierAtTheLargestNIsFinite() throws {
        let probe = HostileProbe(.extremeNumeric)
        let frontier = try probe.call {
            try Ouyang2024.quantizedLoss.paretoFrontier(parameterCounts: [1e308], bitWidths: [4], budget: .tokens(1e12))
        }
        #expect(frontier.frontier.allSatisfy { $0.memoryBytes.isFinite && $0.loss.isFinite })
        #expect(throws: SolverError.self) {
            try probe.call {
                try Ouyang2024.quantizedLoss.paretoFrontier(parameterCounts: [1.7e308], bitWidths: [16], budget: .tokens(1e12))
            }
        }
    }
}
