import Testing
@testable import ScalingLaws

/// The residual summary's statistics against their definitions: the median by selection equals
/// the median of the sorted values, for odd and even counts, many ties, sorted and reversed input.
@Suite struct ResidualSummaryTests {
    static func sortedMedian(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
    }

    @Test func medianBySelectionEqualsTheSortedMedian() {
        var generator = Xoshiro256StarStar(seed: 77)
        var cases = 0
        for count in 1...160 {
            let ties = (0..<count).map { _ in Double(generator.next() % 5) }
            let spread = (0..<count).map { _ in generator.nextGaussian() }
            for values in [ties, spread, spread.sorted(), spread.sorted().reversed(), [Double](repeating: 2.5, count: count)] {
                #expect(ResidualSummary.median(values) == Self.sortedMedian(values), "count \(count): \(values)")
                cases += 1
            }
        }
        #expect(cases == 800)
        #expect(ResidualSummary.median([]) == 0)
    }

    @Test func summaryOfKnownResiduals() {
        let summary = ResidualSummary([0.5, -2, 1, -0.25])
        #expect(summary.count == 4)
        #expect(summary.mean == -0.1875)
        #expect(summary.medianAbsolute == 0.75)
        #expect(summary.maximumAbsolute == 2)
        #expect(summary.maximumAbsoluteRow == 1)
        #expect(abs(summary.rootMeanSquare - (5.3125 / 4).squareRoot()) < 1e-15)
    }
}
