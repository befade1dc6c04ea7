import Testing
import ScalingLaws

/// `DegradationComparison` against the independent mpmath computation of
/// `Tests/Reference/reference.py` ("comparison.*" cases), on the grid `Examples/CompareLaws` prints.
@Suite struct ComparisonTests {
    static let parameterCounts: [Double] = [7e9, 70e9, 405e9]
    static let tokenCounts: [Double] = [1e12, 15e12, 100e12]

    struct ExpectedRow {
        let law: String
        let format: String
        let referenceKey: String
        let confidence: Provenance.Confidence
    }

    /// The rows of one (N, D), in order, as the issue specifies them.
    static let expectedRows: [ExpectedRow] = [
        ExpectedRow(law: "Ouyang2024.unified", format: "2-bit", referenceKey: "comparison.ouyang.bits2", confidence: .paper),
        ExpectedRow(law: "Ouyang2024.unified", format: "3-bit", referenceKey: "comparison.ouyang.bits3", confidence: .paper),
        ExpectedRow(law: "Ouyang2024.unified", format: "4-bit", referenceKey: "comparison.ouyang.bits4", confidence: .paper),
        ExpectedRow(law: "Ouyang2024.unified", format: "8-bit", referenceKey: "comparison.ouyang.bits8", confidence: .paper),
        ExpectedRow(law: "Kumar2024.ptq", format: "2-bit", referenceKey: "comparison.kumar.bits2", confidence: .paper),
        ExpectedRow(law: "Kumar2024.ptq", format: "3-bit", referenceKey: "comparison.kumar.bits3", confidence: .paper),
        ExpectedRow(law: "Kumar2024.ptq", format: "4-bit", referenceKey: "comparison.kumar.bits4", confidence: .paper),
        ExpectedRow(law: "Kumar2024.ptq", format: "8-bit", referenceKey: "comparison.kumar.bits8", confidence: .paper),
        ExpectedRow(law: "Chen2025.w4a4", format: "W4A4 g128", referenceKey: "comparison.chen.w4a4g128", confidence: .secondary),
        ExpectedRow(law: "Sun2025.quantizationTerm", format: "E2M1", referenceKey: "comparison.sun.e2m1", confidence: .paper),
        ExpectedRow(law: "Sun2025.quantizationTerm", format: "E4M3", referenceKey: "comparison.sun.e4m3", confidence: .paper),
        ExpectedRow(law: "Frantar2025.onChinchilla", format: "INT4-weights", referenceKey: "comparison.frantar.int4WeightOnly", confidence: .secondary),
        ExpectedRow(law: "Frantar2025.onChinchilla", format: "W4A4", referenceKey: "comparison.frantar.w4a4", confidence: .secondary),
        ExpectedRow(law: "Frantar2025.onChinchilla", format: "W1A1", referenceKey: "comparison.frantar.w1a1", confidence: .secondary),
        ExpectedRow(law: "Frantar2025.onChinchilla", format: "50%-sparse", referenceKey: "comparison.frantar.sparsity50", confidence: .secondary),
        ExpectedRow(law: "Panferov2025.quest", format: "W4A4 Hadamard", referenceKey: "comparison.quest.w4a4Hadamard", confidence: .secondary),
        ExpectedRow(law: "Panferov2025.quest", format: "FP4", referenceKey: "comparison.quest.fp4", confidence: .secondary),
        ExpectedRow(law: "Castro2025.quartet", format: "MXFP4", referenceKey: "comparison.quartet.mxfp4", confidence: .secondary),
    ]

    static func relativeError(_ value: Double, _ reference: Double) -> Double {
        abs(value - reference) / abs(reference)
    }

    @Test func everyRowEqualsTheReferenceComputation() throws {
        var used = 0
        for n in Self.parameterCounts {
            for d in Self.tokenCounts {
                let rows = try DegradationComparison().rows(N: n, D: d)
                try #require(rows.count == Self.expectedRows.count)
                for (row, expected) in zip(rows, Self.expectedRows) {
                    #expect(row.law == expected.law)
                    #expect(row.format == expected.format)
                    #expect(row.N == n && row.D == d)
                    #expect(row.confidence == expected.confidence)
                    let reference = try #require(referenceCases.first {
                        $0.preset == expected.referenceKey && $0.quantity == "degradation" && $0.inputs == ["N": n, "D": d]
                    }, "no reference case \(expected.referenceKey) at N=\(n), D=\(d)")
                    used += 1
                    let error = Self.relativeError(row.value, reference.value)
                    #expect(error <= 1e-9, "\(row.law) \(row.format) N=\(n) D=\(d): \(row.value) vs \(reference.value)")
                }
            }
        }
        // Every comparison case of the reference file is checked: none is stale or unused.
        #expect(used == referenceCases.filter { $0.preset.hasPrefix("comparison.") }.count)
    }

    @Test func gridRowsAreThePointRowsWithNVaryingSlowest() throws {
        let comparison = DegradationComparison()
        let grid = try comparison.rows(N: Self.parameterCounts, D: Self.tokenCounts)
        var expected: [DegradationComparison.Row] = []
        for n in Self.parameterCounts {
            for d in Self.tokenCounts { expected += try comparison.rows(N: n, D: d) }
        }
        #expect(grid == expected)
        #expect(grid.count == 9 * 18)
    }

    @Test func extrapolationsNameTheVariablesOutsideEachFittedRange() throws {
        // N = 5e8, D = 5e10 lies inside Ouyang's (N ≤ 1.2e10, D ≤ 2.06e11, P 2–4), Chen's
        // (N ≤ 5.95e8, D ≤ 1e11), Sun's (N ≤ 6.79e8, D ≤ 1e11) and Chinchilla's ranges, but
        // QuEST's (N ≤ 8.22e8, D ≤ 8e10) ranges, but above Kumar's (N ≤ 2.2e8, D ≤ 2.6e10, P 3–8)
        // and Quartet's N ≤ 2.03e8.
        let rows = try DegradationComparison().rows(N: 5e8, D: 5e10)
        let outside = rows.map { row in row.extrapolations.map(\.variable.id) }
        #expect(outside == [
            [], [], [], ["bits"],
            ["D", "N", "bits"], ["D", "N"], ["D", "N"], ["D", "N"],
            [],
            [], [],
            [], [], [], [],
            [], [], ["N"],
        ])
        let kumar = rows[5]
        let nWarning = try #require(kumar.extrapolations.first { $0.variable == .N })
        #expect(abs(nWarning.factor - 5e8 / 2.2e8) < 1e-12)
        #expect(rows.map(\.isExtrapolation) == outside.map { !$0.isEmpty })
    }

    @Test func todaysModelsExtrapolateEveryPaperButChinchillasRange() throws {
        // 7e9 parameters on 1e12 tokens: beyond every quantization paper's fit; Chinchilla's
        // range (N ≤ 1.6e10, D ≤ 5e11) holds N but not D.
        let rows = try DegradationComparison().rows(N: 7e9, D: 1e12)
        #expect(rows.allSatisfy { $0.isExtrapolation })
        for row in rows where row.law == "Frantar2025.onChinchilla" {
            #expect(row.extrapolations.map(\.variable.id) == ["D"])
        }
    }

    @Test func customSettingsNameTheirFormats() throws {
        let comparison = DegradationComparison(
            bitWidths: [6], groupSize: 32, floatingPointFormats: [.e8m7], blockSize: 64, compressionFormats: ["W4A4"],
            trainingFormats: ["W2A2 Hadamard"])
        let rows = try comparison.rows(N: 1e9, D: 2e10)
        #expect(rows.map(\.format) == ["6-bit", "6-bit", "W4A4 g32", "E8M7", "W4A4", "W2A2 Hadamard", "MXFP4"])
        let quest = { (label: String) throws -> Double in
            try Panferov2025.quest([.N: 1e9, .D: 2e10, Panferov2025.format: try Panferov2025.format.index(ofCategory: label)])
        }
        let quartet = { (label: String) throws -> Double in
            try Castro2025.quartet([.N: 1e9, .D: 2e10, Castro2025.format: try Castro2025.format.index(ofCategory: label)])
        }
        let direct = [
            try Ouyang2024.unified(N: 1e9, D: 2e10, bits: 6),
            try Kumar2024.ptq(N: 1e9, D: 2e10, bits: 6),
            try Chen2025.w4a4(N: 1e9, D: 2e10, groupSize: 32),
            try Sun2025.quantizationTerm(N: 1e9, D: 2e10, exponentBits: 8, mantissaBits: 7, blockSize: 64),
            try Frantar2025.onChinchilla(N: 1e9, D: 2e10, format: "W4A4") - Hoffmann2022.printed(N: 1e9, D: 2e10),
            try quest("W2A2 Hadamard") - quest("BF16"),
            try quartet("MXFP4") - quartet("BF16"),
        ]
        #expect(rows.map(\.value) == direct)
        #expect(DegradationComparison.FloatingPointFormat(exponentBits: 5, mantissaBits: 2).name == "E5M2")
        #expect(try DegradationComparison(bitWidths: [2.5]).rows(N: 1e9, D: 2e10)[0].format == "2.5-bit")
    }

    @Test func badInputThrowsAnErrorNamingTheVariable() {
        let probe = HostileProbe(.apiCall)
        let comparison = DegradationComparison()
        #expect(throws: ScalingLawError.invalidValue(variable: "N", value: 0, requirement: "> 0")) {
            try probe.call { try comparison.rows(N: 0, D: 1e12) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "D", value: -1, requirement: "> 0")) {
            try probe.call { try comparison.rows(N: 7e9, D: -1) }
        }
        do {
            _ = try comparison.rows(N: .nan, D: 1e12)
            Issue.record("NaN N was accepted")
        } catch {
            guard case .invalidValue(let variable, let value, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(variable == "N" && value.isNaN)
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "bits", value: 0, requirement: "> 0")) {
            try probe.call { try DegradationComparison(bitWidths: [0]).rows(N: 7e9, D: 1e12) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "groupSize", value: 1, requirement: "≥ 2")) {
            try probe.call { try DegradationComparison(groupSize: 1).rows(N: 7e9, D: 1e12) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "blockSize", value: 1, requirement: "≥ 2")) {
            try probe.call { try DegradationComparison(blockSize: 1).rows(N: 7e9, D: 1e12) }
        }
        #expect(throws: ScalingLawError.invalidValue(variable: "mantissaBits", value: -1, requirement: "≥ 0")) {
            try probe.call {
                try DegradationComparison(floatingPointFormats: [.init(exponentBits: 4, mantissaBits: -1)]).rows(N: 7e9, D: 1e12)
            }
        }
        #expect(throws: ScalingLawError.self) {
            try probe.call { try DegradationComparison(compressionFormats: ["W2A2"]).rows(N: 7e9, D: 1e12) }
        }
        do {
            _ = try DegradationComparison(compressionFormats: ["W2A2"]).rows(N: 7e9, D: 1e12)
        } catch {
            guard case .unknownCategory(_, let label, let known) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(label == "W2A2" && known.contains("W4A4"))
        }
    }
}
