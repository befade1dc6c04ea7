import Foundation
import Testing
import ScalingLaws
import ScalingLawsData

/// The shipped data sets: every file is present and parses, each typed view keeps the documented
/// rows, and its targets sum to what `Tests/Reference/dataset_reference.py` computes from the CSV
/// files independently.
@Suite struct DatasetTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let dataset: Dataset
        let rows: Int
        let points: Int
        let targetSum: Double
        var testDescription: String { dataset.fileName }
    }

    static let expected: [Expected] = [
        (Dataset.epochChinchilla, rows: 245, points: 240, targetSum: 634.3548482686442),
        (.questQAT, rows: 104, points: 25, targetSum: 75.42413306236267),
        (.quartet2FP4, rows: 574, points: 574, targetSum: 1772.7867352962494),
        (.gptqLlama1, rows: 24, points: 12, targetSum: 63.57),
        (.datablations, rows: 182, points: 182, targetSum: 660.5030710000001),
        (.porianIsoFLOP, rows: 1745, points: 940, targetSum: 4113.009313588534),
        (.isoFLOPsCombined, rows: 947, points: 947, targetSum: 2603.11194301687),
        (.misfittingFinal, rows: 261, points: 261, targetSum: 1064.868973386623),
        (.frantarT5Sparsity, rows: 48, points: 48, targetSum: 106.24128878409402),
    ].map { Expected(dataset: $0.0, rows: $0.rows, points: $0.points, targetSum: $0.targetSum) }

    @Test func everyShippedDataSetIsChecked() {
        #expect(Self.expected.map(\.dataset) == Dataset.all)
    }

    @Test(arguments: expected)
    func typedViewKeepsTheDocumentedRows(_ expected: Expected) throws {
        let table = try expected.dataset.table()
        #expect(table.rows.count == expected.rows && expected.dataset.rowCount == expected.rows)
        for column in expected.dataset.columns.keys { #expect(table.columns.contains(column), "\(column)") }
        let data = try expected.dataset.observations()
        #expect(data.count == expected.points)
        // Summation order differs from Python's: a few ulps of the sum.
        #expect(abs(data.targets.reduce(0, +) - expected.targetSum) <= 1e-12 * expected.targetSum)
        #expect(!expected.dataset.citation.isEmpty && expected.dataset.source.hasPrefix("https://"))
    }

    @Test func epochDerivesTokensFromCompute() throws {
        let data = try Dataset.epochChinchilla.observations()
        let table = try Dataset.epochChinchilla.table()
        // The lowest-loss run is kept whatever is dropped.
        let losses = try table.rows.map { row throws(CSVError) in try row.number("loss") }
        let lowest = table.rows[losses.indices.min { losses[$0] < losses[$1] }!]
        let n = try lowest.number("Model Size"), compute = try lowest.number("Training FLOP")
        let row = try #require(data.targets.firstIndex(of: losses.min()!))
        #expect(data.column(.N)![row] == n)
        #expect(abs(data.column(.D)![row] / (compute / (6 * n)) - 1) <= 1e-15)
        #expect(data.targets.max()! < 4.0)
    }

    @Test func questViewHasOneCategoryPerBitWidth() throws {
        let data = try Dataset.questQAT.observations()
        let format = try #require(data.variables.first { $0 == Dataset.questFormat })
        #expect(format.categories == ["2", "3", "4", "8", "16"])
        // A further filter on top of the view's own: the 16-bit baselines only.
        let baselines = try Dataset.questQAT.observations { row throws(CSVError) in try row.text("w_bits") == "16" }
        #expect(baselines.count > 0 && baselines.count < data.count)
    }

    @Test func aFilterThatKeepsNothingIsATypedError() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: DatasetError.csv(.noDataRows(file: "datablations_fitset.csv"))) {
            try probe.call { try Dataset.datablations.observations { _ in false } }
        }
    }
}
