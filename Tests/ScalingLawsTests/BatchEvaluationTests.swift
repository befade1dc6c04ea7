import Testing
@testable import ScalingLaws

/// Batch evaluation (`evaluate(batch:)`, SIMD8<Double> lanes) and direct SIMD evaluation against
/// the scalar evaluation of every point.
///
/// Lanes of `Float` (and of any scalar but `Double`) apply the scalar elementary functions lane
/// by lane, with IEEE arithmetic that is the same per lane: bit-identical to scalar evaluation.
/// Lanes of `Double` use the library's vectorized exp/log/pow (`SIMD+ElementaryFunctions.swift`),
/// which are within 2 ulp of the C library (exp, log) and 4 + 2·|y·ln x| ulp (pow = exp(y·ln x),
/// the rounding of y·ln x magnified), so batch and scalar values are not bit-identical. Each
/// function's error is a relative error of one term of the law; a term's relative error moves the
/// law's value by at most its relative error (sums of positive terms, products, quotients), and
/// |y·ln x| is exactly the term's relative sensitivity to its exponent y, which the law's
/// condition number κ already counts. So `roundingBound` with u = 2·u_Double (one ulp per
/// operation and two per unit of κ, on both sides) bounds the difference: a few dozen ulps, where
/// the largest difference measured on these points is 16 ulp (Sun's term, Ouyang's degradation).
@Suite struct BatchEvaluationTests {
    /// Not multiples of 8: the last chunk of each batch is partial (8k + 3 and 8k − 3 points).
    static let batchSizes = [8 * 8 + 3, 8 * 8 - 3]

    static func randomPoints(_ law: any LawUnderTest, count: Int, seed: UInt64) -> [[Variable: Double]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in randomPoint(for: law, using: &generator) }
    }

    @Test(arguments: allPresets, batchSizes)
    func batchEqualsScalarAtEveryPoint(_ preset: PresetUnderTest, count: Int) throws {
        let law = preset.law
        let points = Self.randomPoints(law, count: count, seed: UInt64(count))
        var columns: [Variable: [Double]] = [:]
        for variable in law.variables { columns[variable] = points.map { $0[variable]! } }
        let batch = try law.evaluate(batch: columns)
        try #require(batch.count == count)
        for (row, point) in points.enumerated() {
            let scalar = try law(point)
            let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))
            #expect(relativeDifference(batch[row], scalar) <= bound,
                    "row \(row): batch \(batch[row]), scalar \(scalar)")
        }
    }

    /// A batch large enough to be split across threads (2¹⁵ + 5 points, the last chunk partial):
    /// every sampled row equals its scalar value within the same bound, whatever the split.
    @Test(arguments: ["Sun2025.capybara", "Kumar2024.trainingLoss"])
    func largeBatchesSplitAcrossThreadsEqualScalar(_ name: String) throws {
        let preset = try #require(allPresets.first(where: { $0.law.name == name }))
        let law = preset.law
        let count = (1 << 15) + 5
        var generator = SeededGenerator(seed: 15)
        let distinct = (0..<64).map { _ in randomPoint(for: law, using: &generator) }
        var columns: [Variable: [Double]] = [:]
        for variable in law.variables { columns[variable] = (0..<count).map { distinct[$0 % 64][variable]! } }
        let batch = try law.evaluate(batch: columns)
        try #require(batch.count == count)
        for row in Array(stride(from: 0, to: count, by: 509)) + Array((count - 9)..<count) {
            let point = distinct[row % 64]
            let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))
            #expect(relativeDifference(batch[row], try law(point)) <= bound, "row \(row)")
        }
    }

    /// A large batch evaluated in a cancelled task still returns every value (the split across
    /// cores stops, the calling thread finishes the work).
    @Test func largeBatchInACancelledTaskIsComplete() async throws {
        let law = Sun2025.capybara
        let count = (1 << 15) + 3
        let columns: [Variable: [Double]] = [.N: (0..<count).map { 1e8 + Double($0) }, .D: Array(repeating: 1e11, count: count),
                                             .exponentBits: Array(repeating: 4, count: count),
                                             .mantissaBits: Array(repeating: 3, count: count),
                                             .blockSize: Array(repeating: 128, count: count)]
        let task = Task { try law.evaluate(batch: columns) }
        task.cancel()
        let values = try await task.value
        let expected = try law.evaluate(batch: columns)
        #expect(values == expected)
    }

    /// Per-point conditions are checked in large batches too: one activation precision below
    /// Kumar et al.'s threshold, in the last row, fails the whole batch with the variable named.
    @Test func conditionsAreCheckedInLargeBatches() throws {
        let law = Kumar2024.trainingLoss
        let count = (1 << 15) + 5
        var columns: [Variable: [Double]] = [.N: Array(repeating: 1e9, count: count), .D: Array(repeating: 2e10, count: count),
                                              .weightBits: Array(repeating: 8, count: count),
                                              .activationBits: Array(repeating: 8, count: count),
                                              .kvBits: Array(repeating: 8, count: count)]
        #expect(try law.evaluate(batch: columns).count == count)
        columns[.activationBits]![count - 1] = 2
        do {
            _ = try law.evaluate(batch: columns)
            Issue.record("a batch with P_a = 2 bits in its last row was evaluated")
        } catch {
            #expect(error.description.contains("activationBits") || error.description.contains("P_a"), "\(error)")
        }
    }

    /// A form that implements `validate` without saying whether it has conditions is validated
    /// (the safe default); the library's forms without conditions say so.
    @Test func formsWithConditionsAreValidatedByDefault() throws {
        let probe = HostileProbe(.apiCall)
        struct PositiveDifference: LawForm {
            var variables: [Variable] { [.N, .D] }
            var parameters: [Parameter] { [Parameter("c")] }
            func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T { x[1] - x[0] + p[0] }
            func validate(_ x: LawArguments<Double>, parameters p: LawArguments<Double>) throws(ScalingLawError) {
                if x[1] <= x[0] { throw .invalidValue(variable: "D", value: x[1], requirement: "> N") }
            }
        }
        #expect(PositiveDifference().hasPointConditions)
        #expect(!ChinchillaForm().hasPointConditions)
        #expect(Kumar2024.trainingLoss.form.hasPointConditions)
        #expect(!Sun2025.capybara.form.hasPointConditions)
        let law = try ScalingLaw(PositiveDifference(), values: ["c": 1])
        #expect(try law.evaluate(batch: [.N: [1, 2], .D: [3, 4]]) == [3, 3])
        #expect(throws: ScalingLawError.self) { try probe.call { try law.evaluate(batch: [.N: [1, 5], .D: [3, 4]]) } }
    }

    /// Large batches check domains and finiteness inside the parallel evaluation: a bad input or a
    /// non-finite result anywhere — first chunk, the other worker's range, the partial last chunk —
    /// still throws the error the serial checks name (the first offending value, its variable, its
    /// row), and a clean batch returns the values of point-by-point evaluation (to a few ulp).
    @Test func largeBatchesNameTheFirstBadValueWherever() throws {
        let probe = HostileProbe(.apiCall)
        let law = Hoffmann2022.printed
        let count = 40_003
        let n = (0..<count).map { 1e8 * (1 + Double($0 % 97)) }, d = (0..<count).map { 1e10 * (1 + Double($0 % 89)) }
        let clean = try law.evaluate(batch: [.N: n, .D: d])
        for row in [0, 20_001, 39_999, 40_002] {
            let scalar = try law([.N: n[row], .D: d[row]])
            #expect(abs(clean[row] - scalar) <= 1e-14 * scalar, "row \(row)")  // vector exp/log: a few ulp
        }
        for (row, bad) in [(3, -1.0), (25_000, .nan), (40_002, 0), (40_000, .infinity)] {
            var broken = d
            broken[row] = bad
            broken[row + 1 < count ? row + 1 : 0] = -7  // a later (or earlier) second fault
            do {
                _ = try probe.call { try law.evaluate(batch: [.N: n, .D: broken]) }
                Issue.record("row \(row): no error")
            } catch {
                guard case ScalingLawError.invalidValue(let variable, let value, _)? = error as? ScalingLawError else {
                    Issue.record("row \(row): \(error)")
                    continue
                }
                #expect(variable == "D")
                // The first offending value in column order: the fault at `row`, or the -7 before it.
                let first = row + 1 < count ? bad : -7
                #expect(value.isNaN ? first.isNaN : value == first, "row \(row): \(value) vs \(first)")
            }
        }
        // An in-domain input whose result overflows: α = 3 at N = 10⁻²⁰⁰ makes N^α underflow to 0.
        let steep = try law.setting(ChinchillaForm.alpha, to: 3)
        var tiny = n
        tiny[33_333] = 1e-200
        #expect(throws: ScalingLawError.nonFiniteResult("\(steep.name) at point 33333 of the batch")) {
            try probe.call { try steep.evaluate(batch: [.N: tiny, .D: d]) }
        }
    }

    /// `SIMD4<Float>` lanes (the vectorized single-precision exp/log/pow) agree with the `Float`
    /// scalars within the same argument in single precision: each side within its rounding bound.
    @Test(arguments: allPresets)
    func simd4FloatLanesAgreeWithFloatScalars(_ preset: PresetUnderTest) throws {
        let law = preset.law
        let points = Self.randomPoints(law, count: 4, seed: 4).map { $0.mapValues { Double(Float($0)) } }
        let lanes: [SIMD4<Float>] = law.variables.map { variable in
            SIMD4<Float>(points.map { Float($0[variable]!) })
        }
        let vector = law.evaluate(lanes)
        for (lane, point) in points.enumerated() {
            let scalar = law.evaluate(law.ordered(point).map { Float($0) })
            guard scalar.isFinite else {
                // Beyond Float's range at this point: the lanes must not invent a finite value.
                #expect(!vector[lane].isFinite || scalar.isNaN, "lane \(lane): \(vector[lane]) vs \(scalar)")
                continue
            }
            let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Float.self))
            #expect(relativeDifference(Double(vector[lane]), Double(scalar)) <= bound, "lane \(lane): \(vector[lane]) vs \(scalar)")
        }
    }

    /// `SIMD16<Double>` lanes (vectorized elementary functions) agree with the Double scalars
    /// within the bound argued above.
    @Test(arguments: allPresets)
    func simd16DoubleLanesAgreeWithDoubleScalars(_ preset: PresetUnderTest) throws {
        let law = preset.law
        let points = Self.randomPoints(law, count: 16, seed: 16)
        let lanes: [SIMD16<Double>] = law.variables.map { variable in
            SIMD16<Double>(points.map { $0[variable]! })
        }
        let vector = law.evaluate(lanes)
        for (lane, point) in points.enumerated() {
            let scalar = try law(point)
            let bound = try roundingBound(law, at: point, unitRoundoff: 2 * unitRoundoff(Double.self))
            #expect(relativeDifference(vector[lane], scalar) <= bound, "lane \(lane): \(vector[lane]) vs \(scalar)")
        }
    }
}
