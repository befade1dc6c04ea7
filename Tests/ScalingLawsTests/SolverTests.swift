import Foundation
import Testing
@testable import ScalingLaws

/// The solvers against the 50-digit reference, the papers' figures, brute-force search on fine
/// grids, and every impossible request.
@Suite struct SolverReferenceTests {
    static let solverCases = referenceCases.filter {
        ["criticalTokens", "tokens", "optimalParameters", "optimalTokens"].contains($0.quantity)
    }

    static func input(_ reference: ReferenceCase, _ name: String) throws -> Double {
        try #require(reference.inputs[name], "reference case lacks \(name)")
    }

    @Test(arguments: solverCases)
    func closedFormsMatchTheReference(_ reference: ReferenceCase) throws {
        let value: Double
        switch (reference.preset, reference.quantity) {
        case ("kumar.ptq", "criticalTokens"):
            value = try Kumar2024.postTrainingLoss.criticalTokens(N: Self.input(reference, "N"), bits: Self.input(reference, "bits"))
        case ("sun.capybara", "criticalTokens"):
            value = try Sun2025.capybara.criticalTokens(
                N: Self.input(reference, "N"), exponentBits: Self.input(reference, "exponentBits"),
                mantissaBits: Self.input(reference, "mantissaBits"), blockSize: Self.input(reference, "blockSize"))
        case ("ouyang.unified", "tokens"):
            value = try Ouyang2024.unified.tokens(
                reaching: Self.input(reference, "degradation"), N: Self.input(reference, "N"), bits: Self.input(reference, "bits"))
        case (let preset, let quantity):
            let law = preset == "chinchilla.epoch" ? Besiroglu2024.refit : Hoffmann2022.printed
            let optimum = try law.closedFormOptimum(compute: Self.input(reference, "compute"))
            value = quantity == "optimalParameters" ? optimum.N : optimum.D
        }
        #expect(relativeDifference(value, reference.value) <= 1e-9, "\(reference.preset) \(reference.quantity) \(reference.inputs)")
    }

    /// The generic solvers (no closed form) reach the closed forms' answers.
    @Test(arguments: solverCases)
    func genericSolversAgreeWithClosedForms(_ reference: ReferenceCase) throws {
        let generic: Double
        switch (reference.preset, reference.quantity) {
        case ("kumar.ptq", "criticalTokens"):
            generic = try Kumar2024.postTrainingLoss.criticalTokens(at: [.N: Self.input(reference, "N"), .bits: Self.input(reference, "bits")])
        case ("sun.capybara", "criticalTokens"):
            generic = try Sun2025.capybara.criticalTokens(at: [
                .N: Self.input(reference, "N"), .exponentBits: Self.input(reference, "exponentBits"),
                .mantissaBits: Self.input(reference, "mantissaBits"), .blockSize: Self.input(reference, "blockSize")])
        case ("ouyang.unified", "tokens"):
            generic = try Ouyang2024.unified.solve(
                for: .D, reaching: Self.input(reference, "degradation"),
                at: [.N: Self.input(reference, "N"), .bits: Self.input(reference, "bits")], in: 1...1e25)
        case (let preset, let quantity):
            let law = preset == "chinchilla.epoch" ? Besiroglu2024.refit : Hoffmann2022.printed
            let optimum = try law.computeOptimal(compute: Self.input(reference, "compute"), parameters: 1e3...1e18)
            generic = quantity == "optimalParameters" ? optimum.N : optimum.D
        }
        #expect(relativeDifference(generic, reference.value) <= 1e-6, "\(reference.preset) \(reference.quantity) \(reference.inputs)")
    }
}

@Suite struct SolverPaperTests {
    /// Sun et al.: a 1B model with B = 128 has D_crit = 1730T (E8M7), 27T (E4M3), 0.4T (E2M1),
    /// to the precision printed.
    @Test(arguments: [(8.0, 7.0, 1730.0, 0.5), (4, 3, 27, 0.5), (2, 1, 0.4, 0.05)])
    func sunCriticalTokens(_ exponent: Double, _ mantissa: Double, _ trillions: Double, _ halfUnit: Double) throws {
        let tokens = try Sun2025.capybara.criticalTokens(N: 1e9, exponentBits: exponent, mantissaBits: mantissa, blockSize: 128)
        #expect(abs(tokens / 1e12 - trillions) <= halfUnit)
    }

    @Test func kumarCriticalTokens() throws {
        let tokens = try Kumar2024.postTrainingLoss.criticalTokens(N: 30e6, bits: 4)
        #expect(abs(tokens - 8.86e10) <= 0.005e10)
    }

    /// Ouyang et al.'s Table 1, 2-bit column (tokens to reach QiD = 0.2): within 3% plus half a unit
    /// of the table's last printed digit (0.00005T), since the 1B and 7B entries carry only two
    /// significant digits. The 3- and 4-bit columns come from unpublished per-bit fits.
    @Test(arguments: [(1e9, 0.0011), (7e9, 0.0026), (70e9, 0.0071), (405e9, 0.0151)])
    func ouyangTableOneTwoBitColumn(_ n: Double, _ trillions: Double) throws {
        let tokens = try Ouyang2024.unified.tokens(reaching: 0.2, N: n, bits: 2) / 1e12
        #expect(abs(tokens - trillions) <= 0.03 * trillions + 0.00005)
    }

    @Test func ouyangFourBitColumnDiffersAsDocumented() throws {
        let tokens = try Ouyang2024.unified.tokens(reaching: 0.2, N: 70e9, bits: 4) / 1e12
        #expect(abs(tokens - 10.25) < 0.01)
        #expect(abs(tokens - 17.3499) > 5, "the unified law does not give the table's 4-bit column")
    }

    @Test func trainingLevel() throws {
        let level = try Ouyang2024.unified.trainingLevel(N: 70e9, bits: 4, degradation: 0.1, thresholds: [0.2, 0.5])
        let exact = try Ouyang2024.unified.tokens(reaching: 0.1, N: 70e9, bits: 4)
        #expect(level.equivalentTokens == exact)
        #expect(abs(try Ouyang2024.unified(N: 70e9, D: exact, bits: 4) - 0.1) < 1e-12)
        #expect(abs(level.likelihoodKept - exp(-0.1)) < 1e-15)
        #expect(level.thresholds.map(\.degradation) == [0.2, 0.5])
        for threshold in level.thresholds {
            #expect(threshold.remainingTokens > 0)
            #expect(abs(threshold.tokens - exact - threshold.remainingTokens) <= 1e-6 * threshold.tokens)
        }
    }

    @Test(arguments: [(4, 2, 1), (8, 4, 3), (16, 8, 7)])
    func sunOptimalFormats(_ bits: Int, _ exponent: Int, _ mantissa: Int) throws {
        let format = try Sun2025.capybara.optimalIntegerFormat(bits: bits)
        #expect(format.exponentBits == exponent && format.mantissaBits == mantissa)
    }

    /// Kumar et al.: the compute-optimal training precision is "around 7–8 bits", independent of compute.
    @Test func kumarComputeOptimalPrecision() throws {
        var precisions: [Double] = []
        for compute in [1e21, 1e23, 1e25] {
            let optimum = try Kumar2024.trainingLoss.computeOptimal(
                compute: compute, cost: .precisionAware(), precision: .tiedTraining, bits: 3.5...16)
            let precision = try #require(optimum.precision)
            #expect(precision >= 7 && precision <= 8)
            #expect(abs(optimum.D * optimum.N * precision * 6 / 16 / compute - 1) < 1e-12)
            precisions.append(precision)
        }
        #expect(precisions.max()! - precisions.min()! < 0.01)
    }

    /// Sun et al.: between 4 and 8 bits for C from 10²¹ upwards (B = 128, k = 6/16).
    @Test func sunComputeOptimalPrecision() throws {
        var previous = 0.0
        for compute in [1e21, 1e23, 1e25, 1e27] {
            let optimum = try Sun2025.capybara.computeOptimal(
                compute: compute, cost: .floatingPoint(), precision: Sun2025.capybara.optimalFormatChoice,
                bits: 2...16, at: [.blockSize: 128], parameters: 1e4...1e18)
            let precision = try #require(optimum.precision)
            #expect(precision >= 4 && precision <= 8)
            #expect(precision > previous, "the optimal precision grows with compute")
            previous = precision
        }
    }
}

@Suite struct SolverBruteForceTests {
    /// `count` points log-spaced over `range`.
    static func grid(_ range: ClosedRange<Double>, _ count: Int) throws -> [Double] {
        try logSpaced(from: range.lowerBound, to: range.upperBound, count: count)
    }

    @Test func solveMatchesASignChangeOnAFineGrid() throws {
        let law = Hoffmann2022.printed
        let root = try law.solve(for: .D, reaching: 2.2, at: [.N: 7e9])
        #expect(abs(try law(N: 7e9, D: root) - 2.2) < 1e-12)
        let points = try Self.grid(1e9...1e14, 20_000)
        let crossing = try #require(zip(points, points.dropFirst()).first { left, right in
            (try law(N: 7e9, D: left) - 2.2) * (try law(N: 7e9, D: right) - 2.2) <= 0
        })
        #expect(root >= crossing.0 && root <= crossing.1)

        let bits = try Kumar2024.ptq.solve(for: .bits, reaching: 0.05, at: [.N: 30e6, .D: 26e9])
        let bitGrid = stride(from: 2.0, through: 8.0, by: 0.0003).map { $0 }
        let nearest = bitGrid.min { abs(try! Kumar2024.ptq(N: 30e6, D: 26e9, bits: $0) - 0.05) < abs(try! Kumar2024.ptq(N: 30e6, D: 26e9, bits: $1) - 0.05) }!
        #expect(abs(bits - nearest) <= 0.0003)
    }

    @Test func criticalTokensIsTheGridMinimum() throws {
        let point: [Variable: Double] = [.N: 1e9, .exponentBits: 4, .mantissaBits: 3, .blockSize: 128]
        let critical = try Sun2025.capybara.criticalTokens(at: point)
        let tokens = try Self.grid(1e12...1e15, 20_000)
        let losses = try tokens.map { d -> Double in var query = point; query[.D] = d; return try Sun2025.capybara(query) }
        let best = losses.indices.min { losses[$0] < losses[$1] }!
        #expect(critical >= tokens[best - 1] && critical <= tokens[best + 1])

        let kumar = try Kumar2024.postTrainingLoss.criticalTokens(at: [.N: 30e6, .bits: 4])
        let kumarTokens = try Self.grid(1e10...1e12, 20_000)
        let kumarLosses = try kumarTokens.map { try Kumar2024.postTrainingLoss([.N: 30e6, .D: $0, .bits: 4]) }
        let kumarBest = kumarLosses.indices.min { kumarLosses[$0] < kumarLosses[$1] }!
        #expect(kumar >= kumarTokens[kumarBest - 1] && kumar <= kumarTokens[kumarBest + 1])
    }

    @Test func computeOptimalIsTheGridMinimumAlongIsoCompute() throws {
        for (compute, law) in [(1e23, Hoffmann2022.printed), (1e21, Besiroglu2024.refit)] {
            let optimum = try law.computeOptimal(compute: compute)
            let sizes = try Self.grid(1e8...1e12, 20_000)
            let losses = try sizes.map { try law(N: $0, D: compute / (6 * $0)) }
            let best = losses.indices.min { losses[$0] < losses[$1] }!
            #expect(optimum.N >= sizes[best - 1] && optimum.N <= sizes[best + 1])
            #expect(optimum.loss <= losses[best] + 1e-12)
        }
    }

    @Test func optimalFormatIsTheGridMinimumAtFixedBits() throws {
        for bits in [4.0, 8.0, 16.0] {
            let (exponent, mantissa) = try Sun2025.capybara.optimalFormat(bits: bits)
            #expect(abs(exponent + mantissa + 1 - bits) < 1e-12)
            let exponents = stride(from: 0.0, through: bits - 1, by: 0.0005).map { $0 }
            let terms = try exponents.map { e in
                try Sun2025.quantizationTerm(N: 1e9, D: 1e11, exponentBits: e, mantissaBits: bits - 1 - e, blockSize: 128)
            }
            let best = terms.indices.min { terms[$0] < terms[$1] }!
            #expect(abs(exponent - exponents[best]) <= 0.0005)
        }
    }

    @Test func paretoFrontierHasNoDominatedOption() throws {
        let frontier = try Ouyang2024.quantizedLoss.paretoFrontier(
            parameterCounts: logSpaced(from: 1e9, to: 1e12, count: 25), bitWidths: [2, 3, 4, 8, 16],
            budget: .tokens(15e12))
        #expect(frontier.options.count == 125)
        for option in frontier.frontier {
            let dominated = frontier.options.contains { other in
                other.memoryBytes <= option.memoryBytes && other.loss <= option.loss
                    && (other.memoryBytes < option.memoryBytes || other.loss < option.loss)
            }
            #expect(!dominated, "\(option) is dominated")
        }
        for option in frontier.options where !frontier.frontier.contains(option) {
            let dominated = frontier.options.contains { other in
                other.memoryBytes <= option.memoryBytes && other.loss <= option.loss && other != option
            }
            #expect(dominated, "\(option) is left off the frontier but nothing dominates it")
        }
        let best = try frontier.best(memoryBudget: 35e9)
        let feasible = frontier.options.filter { $0.memoryBytes <= 35e9 }
        #expect(best.loss == feasible.map(\.loss).min())
    }

    @Test func nonMonotoneLawHasTwoRoots() throws {
        let probe = HostileProbe(.apiCall)
        let point: [Variable: Double] = [.N: 1e9, .exponentBits: 2, .mantissaBits: 1, .blockSize: 128]
        let critical = try Sun2025.capybara.criticalTokens(at: point)
        var query = point
        query[.D] = critical
        let floor = try Sun2025.capybara(query)
        let roots = try Sun2025.capybara.roots(for: .D, reaching: floor + 0.01, at: point, in: 1e9...1e16)
        #expect(roots.count == 2)
        #expect(roots[0] < critical && roots[1] > critical)
        #expect(throws: SolverError.multipleRoots(variable: "D", target: floor + 0.01, roots: roots)) {
            try probe.call { try Sun2025.capybara.solve(for: .D, reaching: floor + 0.01, at: point, in: 1e9...1e16) }
        }
    }
}

@Suite struct SolverErrorTests {
    @Test func targetBelowTheFloorHasNoRoot() {
        #expect {
            try Hoffmann2022.printed.solve(for: .D, reaching: 1.5, at: [.N: 7e9])
        } throws: { error in
            guard case SolverError.noRoot(let variable, let target, _, let lowest, _) = error else { return false }
            return variable == "D" && target == 1.5 && lowest > 1.69
        }
    }

    @Test func invalidTargetsAndRanges() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: SolverError.invalidInput(.invalidValue(variable: "target", value: .infinity, requirement: "a finite number"))) {
            try probe.call { try Hoffmann2022.printed.solve(for: .D, reaching: .infinity, at: [.N: 7e9]) }
        }
        #expect { try Hoffmann2022.printed.solve(for: .D, reaching: .nan, at: [.N: 7e9]) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "target", _, _)) = error { return true }
            return false
        }
        #expect { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [.N: 7e9], in: 5...5) } throws: { error in
            if case SolverError.invalidRequest = error { return true }
            return false
        }
        #expect { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [.N: 7e9], in: -1...10) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "D", _, _)) = error { return true }
            return false
        }
        // A range that does not bracket the target.
        #expect { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [.N: 7e9], in: 1e9...1e10) } throws: { error in
            if case SolverError.noRoot = error { return true }
            return false
        }
    }

    @Test func badVariables() {
        let probe = HostileProbe(.apiCall)
        #expect { try Hoffmann2022.printed.solve(for: .bits, reaching: 2.2, at: [.N: 7e9]) } throws: { error in
            if case SolverError.invalidRequest(let detail) = error { return detail.contains("bits") }
            return false
        }
        #expect { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [.N: 7e9, .D: 1e12]) } throws: { error in
            if case SolverError.invalidRequest(let detail) = error { return detail.contains("already") }
            return false
        }
        #expect { try Frantar2025.onChinchilla.solve(for: Frantar2025.format, reaching: 2.2, at: [.N: 7e9, .D: 1e12]) } throws: { error in
            if case SolverError.invalidRequest(let detail) = error { return detail.contains("categorical") }
            return false
        }
        #expect(throws: SolverError.invalidInput(.missingVariable("N"))) {
            try probe.call { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [:]) }
        }
    }

    @Test func invalidFixedInputs() {
        for n in [0.0, -1, .nan, .infinity] {
            #expect { try Hoffmann2022.printed.solve(for: .D, reaching: 2.2, at: [.N: n]) } throws: { error in
                if case SolverError.invalidInput(.invalidValue(variable: "N", _, _)) = error { return true }
                return false
            }
            #expect { try Kumar2024.postTrainingLoss.criticalTokens(N: n, bits: 4) } throws: { error in
                if case SolverError.invalidInput(.invalidValue(variable: "N", _, _)) = error { return true }
                return false
            }
        }
        #expect { try Ouyang2024.unified.tokens(reaching: 0, N: 7e9, bits: 4) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "degradation", _, _)) = error { return true }
            return false
        }
        #expect { try Sun2025.capybara.criticalTokens(N: 1e9, exponentBits: -1, mantissaBits: 3, blockSize: 128) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "exponentBits", _, _)) = error { return true }
            return false
        }
    }

    @Test func kumarPrecisionTooLowForItsFactor() {
        #expect {
            try Kumar2024.trainingLoss.solve(for: .D, reaching: 3.5, at: [.N: 1e8, .weightBits: 8, .activationBits: 3, .kvBits: 8])
        } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "activationBits", value: 3, _)) = error { return true }
            return false
        }
    }

    @Test func noInteriorMinimum() {
        // Chinchilla's loss falls for ever in D: there is no critical data size.
        #expect { try Hoffmann2022.printed.criticalTokens(at: [.N: 1e9]) } throws: { error in
            if case SolverError.noInteriorMinimum(variable: "D", _, let boundary) = error { return boundary == 1e20 }
            return false
        }
        // A parameter range too narrow to contain the compute-optimal N.
        #expect { try Hoffmann2022.printed.computeOptimal(compute: 1e23, parameters: 1e6...1e8) } throws: { error in
            if case SolverError.noInteriorMinimum(variable: "N", _, _) = error { return true }
            return false
        }
    }

    @Test func computeAndParetoRequests() throws {
        #expect { try Hoffmann2022.printed.computeOptimal(compute: 0) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "compute", _, _)) = error { return true }
            return false
        }
        #expect { try Hoffmann2022.printed.closedFormOptimum(compute: -1) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "compute", _, _)) = error { return true }
            return false
        }
        #expect { try Ouyang2024.unified.computeOptimal(compute: 1e23) } throws: { error in
            if case SolverError.invalidInput(.missingVariable("bits")) = error { return true }
            return false
        }
        #expect { try Hoffmann2022.printed.paretoFrontier(parameterCounts: [1e9], bitWidths: [4], budget: .tokens(1e12)) } throws: { error in
            if case SolverError.invalidRequest(let detail) = error { return detail.contains("bits") }
            return false
        }
        #expect { try Ouyang2024.quantizedLoss.paretoFrontier(parameterCounts: [], bitWidths: [4], budget: .tokens(1e12)) } throws: { error in
            if case SolverError.invalidRequest = error { return true }
            return false
        }
        #expect {
            try Ouyang2024.quantizedLoss.paretoFrontier(parameterCounts: [7e9], bitWidths: [4], budget: .tokens(1e12)).best(memoryBudget: 1e9)
        } throws: { error in
            if case SolverError.invalidRequest(let detail) = error { return detail.contains("fits") }
            return false
        }
        for (lower, upper, count) in [(0.0, 1e9, 5), (-1, 1e9, 5), (1e9, .infinity, 5), (1e10, 1e9, 5), (1e9, 1e10, 0)] {
            #expect { try logSpaced(from: lower, to: upper, count: count) } throws: { error in
                if case SolverError.invalidRequest = error { return true }
                return false
            }
        }
        let spaced = try logSpaced(from: 1e9, to: 1e12, count: 4)
        #expect(spaced.first == 1e9 && spaced.last == 1e12)
        #expect(zip(spaced, [1e9, 1e10, 1e11, 1e12]).allSatisfy { abs($0 / $1 - 1) < 1e-14 })
        #expect { try Ouyang2024.quantizedLoss.paretoFrontier(parameterCounts: [-7e9], bitWidths: [4], budget: .tokens(1e12)) } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "N", _, _)) = error { return true }
            return false
        }
    }
}

@Suite struct SolverBudgetTests {
    /// A precision-aware compute budget gives each bit width its own tokens: D = C/((6/16)·N·P).
    @Test func paretoComputeBudgetChargesEachBitWidth() throws {
        let frontier = try Kumar2024.postTrainingLoss.paretoFrontier(
            parameterCounts: [1e8, 1e9], bitWidths: [4, 8], budget: .compute(1e21, .precisionAware(.bits)))
        for option in frontier.options {
            #expect(abs(option.D * option.N * option.bits * 6 / 16 / 1e21 - 1) < 1e-12)
        }
    }

    /// A fixed Kumar precision at which training diverges is named, not reported as an empty search.
    @Test func computeOptimalNamesTheInvalidPrecision() {
        #expect {
            try Kumar2024.trainingLoss.computeOptimal(
                compute: 1e21, cost: .precisionAware(), at: [.weightBits: 8, .activationBits: 3, .kvBits: 8])
        } throws: { error in
            if case SolverError.invalidInput(.invalidValue(variable: "activationBits", _, _)) = error { return true }
            return false
        }
    }
}
