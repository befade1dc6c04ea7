import Foundation
import Testing
@testable import ScalingLaws

/// CSV reading, column mappings and the validation of data sets: every bad input has its typed error.
@Suite struct FittingDataTests {
    // MARK: CSV parsing

    @Test func parsesQuotedFieldsCRLFAndBOM() throws {
        let text = "\u{FEFF}name,\"size, in params\",note\r\n\"a \"\"quoted\"\" model\",1e9,\"two\nlines\"\r\n\r\nb,2.5e9,plain\r\n"
        let table = try CSVTable(parsing: text, file: "inline.csv")
        #expect(table.columns == ["name", "size, in params", "note"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0].fields == ["a \"quoted\" model", "1e9", "two\nlines"])
        #expect(try table.rows[0].number("size, in params") == 1e9)
        #expect(table.rows[0].line == 2)
        // The quoted line break moves the next row down; the blank line is skipped.
        #expect(table.rows[1].line == 5)
        #expect(table.rows[1]["note"] == "plain")
        #expect(try table.distinctValues(of: "name") == ["a \"quoted\" model", "b"])
    }

    @Test func emptyFileIsAnError() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.emptyFile(file: "e.csv")) { try probe.call { try CSVTable(parsing: "", file: "e.csv") } }
        #expect(throws: CSVError.emptyFile(file: "e.csv")) { try probe.call { try CSVTable(parsing: "\n\n", file: "e.csv") } }
    }

    @Test func headerWithoutRowsIsAnError() throws {
        let probe = HostileProbe(.badCSV)
        let table = try CSVTable(parsing: "N,D,loss\n", file: "h.csv")
        #expect(throws: CSVError.noDataRows(file: "h.csv")) {
            try probe.call { try Observations(table, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss")) }
        }
    }

    @Test func raggedRowNamesItsLine() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.raggedRow(file: "r.csv", line: 3, expected: 3, found: 2)) {
            try probe.call { try CSVTable(parsing: "N,D,loss\n1,2,3\n4,5\n", file: "r.csv") }
        }
    }

    @Test func unterminatedQuoteNamesItsLine() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.unterminatedQuote(file: "q.csv", line: 2)) {
            try probe.call { try CSVTable(parsing: "a,b\n\"open,1\n", file: "q.csv") }
        }
    }

    @Test func duplicateColumnIsAnError() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.duplicateColumn(file: "d.csv", column: "N")) {
            try probe.call { try CSVTable(parsing: "N,N\n1,2\n", file: "d.csv") }
        }
    }

    @Test func unreadableFileIsAnError() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.unreadableFile(file: "/nonexistent/x.csv", reason: "no such file")) {
            try probe.call { try CSVTable(contentsOfFile: "/nonexistent/x.csv") }
        }
    }

    // MARK: Column mappings

    let sample = """
        model,params,flop,loss,kind
        a,1e8,6e17,3.5,int4
        b,4e8,9.6e18,3.0,fp8
        c,1.6e9,1.536e20,2.6,int4

        """

    @Test func mapsColumnsExpressionsClosuresAndCategories() throws {
        let table = try CSVTable(parsing: sample, file: "s.csv")
        let format = Variable.compressionFormat(["fp8", "int4"])
        let data = try Observations(table, columns: [
            .N: .column("params"),
            .D: try .expression("flop / (6 * params)"),
            .bits: .derived("4 bits") { _ in 4 },
            format: .category("kind"),
        ], target: .column("loss"), weights: .constant(2))
        #expect(data.count == 3)
        #expect(data.column(.N) == [1e8, 4e8, 1.6e9])
        let tokens = try #require(data.column(.D))
        for (value, expected) in zip(tokens, [1e9, 4e9, 1.6e10]) { #expect(abs(value / expected - 1) < 1e-15) }
        #expect(data.column(.bits) == [4, 4, 4])
        #expect(data.column(format) == [1, 0, 1])
        #expect(data.weights == [2, 2, 2])
        #expect(data.targets == [3.5, 3.0, 2.6])
    }

    @Test func expressionGrammar() throws {
        let table = try CSVTable(parsing: "x,y z\n2,3\n", file: "g.csv")
        let row = table.rows[0]
        func value(_ text: String) throws -> Double { try ColumnExpression(text).value(in: row) }
        #expect(try value("-x^2") == -4)
        #expect(try value("2^3^2") == 512)          // right-associative
        #expect(try value("x + `y z` * 2") == 8)
        #expect(try value("[y z] / (x - 1)") == 3)
        #expect(try value("2^-1") == 0.5)
        #expect(abs(try value("ln(exp(x)) + log2(8) + sqrt(x*8) + log10(100)") - 11) < 1e-12)
        #expect(try value("1.5e1 - x") == 13)
        #expect(try ColumnExpression("`Training FLOP` / (6 * `Model Size`)").columns == ["Training FLOP", "Model Size"])
    }

    @Test func badExpressionsAreErrors() throws {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.self) { try probe.call { try ColumnExpression("x +") } }
        #expect(throws: CSVError.self) { try probe.call { try ColumnExpression("(x") } }
        #expect(throws: CSVError.self) { try probe.call { try ColumnExpression("`unclosed") } }
        #expect(throws: CSVError.self) { try probe.call { try ColumnExpression("x $ y") } }
        let table = try CSVTable(parsing: "x\n0\n", file: "z.csv")
        #expect(throws: CSVError.invalidValue(file: "z.csv", line: 2, column: "1 / x", value: .infinity,
                                             requirement: "a finite number (check for division by zero or ln of a non-positive value)")) {
            try probe.call { try ColumnExpression("1 / x").value(in: table.rows[0]) }
        }
    }

    @Test func missingColumnNamesFileAndColumn() throws {
        let probe = HostileProbe(.badCSV)
        let table = try CSVTable(parsing: sample, file: "s.csv")
        #expect(throws: CSVError.missingColumn(file: "s.csv", column: "tokens",
                                              available: ["model", "params", "flop", "loss", "kind"])) {
            try probe.call {
                try Observations(table, columns: [.N: .column("params"), .D: .column("tokens")], target: .column("loss"))
            }
        }
        #expect(throws: CSVError.missingColumn(file: "s.csv", column: "FLOP",
                                              available: ["model", "params", "flop", "loss", "kind"])) {
            try probe.call {
                try Observations(table, columns: [.N: .column("params"), .D: try .expression("FLOP / params")],
                                 target: .column("loss"))
            }
        }
    }

    @Test func nonNumericCellNamesLineAndColumn() throws {
        let probe = HostileProbe(.badCSV)
        let table = try CSVTable(parsing: "N,D,loss\n1e8,1e9,3.1\n2e8,lots,2.9\n", file: "n.csv")
        #expect(throws: CSVError.nonNumericCell(file: "n.csv", line: 3, column: "D", text: "lots")) {
            try probe.call { try Observations(table, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss")) }
        }
        let blank = try CSVTable(parsing: "N,D,loss\n1e8,1e9,\n", file: "b.csv")
        #expect(throws: CSVError.nonNumericCell(file: "b.csv", line: 2, column: "loss", text: "")) {
            try probe.call { try Observations(blank, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss")) }
        }
    }

    @Test func nanAndOutOfDomainCellsNameLineAndColumn() throws {
        let probe = HostileProbe(.badCSV)
        // "nan" is not a decimal number: the cell is named as non-numeric.
        let table = try CSVTable(parsing: "N,D,loss\n1e8,1e9,nan\n", file: "x.csv")
        #expect(throws: CSVError.nonNumericCell(file: "x.csv", line: 2, column: "loss", text: "nan")) {
            try probe.call { try Observations(table, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss")) }
        }
        // A number too large for a Double is out of range, not infinite.
        let huge = try CSVTable(parsing: "N,D,loss\n1e8,1e9,1e999\n", file: "y.csv")
        #expect(throws: CSVError.invalidValue(file: "y.csv", line: 2, column: "loss", value: .infinity, requirement: "a finite number")) {
            try probe.call { try Observations(huge, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss")) }
        }
        let negative = try CSVTable(parsing: "N,D,loss\n1e8,1e9,3\n-5,1e9,3\n", file: "neg.csv")
        #expect(throws: CSVError.invalidValue(file: "neg.csv", line: 3, column: "N", value: -5, requirement: "> 0")) {
            try probe.call {
                try Observations(negative, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss"))
            }
        }
        let weights = try CSVTable(parsing: "N,D,loss,w\n1e8,1e9,3,-1\n", file: "w.csv")
        #expect(throws: CSVError.invalidValue(file: "w.csv", line: 2, column: "w", value: -1, requirement: "≥ 0")) {
            try probe.call {
                try Observations(weights, columns: [.N: .column("N"), .D: .column("D")], target: .column("loss"),
                                 weights: .column("w"))
            }
        }
    }

    @Test func unknownCategoryAndMisusedCategoryMapping() throws {
        let probe = HostileProbe(.badCSV)
        let table = try CSVTable(parsing: sample, file: "s.csv")
        let format = Variable.compressionFormat(["fp8"])
        #expect(throws: CSVError.unknownCategory(file: "s.csv", line: 2, column: "kind", label: "int4", known: ["fp8"])) {
            try probe.call { try Observations(table, columns: [format: .category("kind")], target: .column("loss")) }
        }
        #expect(throws: CSVError.self) {
            try probe.call { try Observations(table, columns: [.N: .category("kind")], target: .column("loss")) }
        }
    }

    @Test func readsAFileWithARowFilter() throws {
        let probe = HostileProbe(.badCSV)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fitting-\(UUID().uuidString).csv").path
        try sample.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try Observations(contentsOfCSV: path, columns: [.N: .column("params")], target: .column("loss"),
                                    where: { row throws(CSVError) in try row.text("kind") == "int4" })
        #expect(data.column(.N) == [1e8, 1.6e9])
        #expect(throws: CSVError.noDataRows(file: path)) {
            try probe.call {
                try Observations(contentsOfCSV: path, columns: [.N: .column("params")], target: .column("loss"),
                                 where: { _ throws(CSVError) in false })
            }
        }
    }

    // MARK: Observations

    @Test func observationsValidation() throws {
        let probe = HostileProbe(.apiCall)
        #expect(throws: FitError.emptyData) { try probe.call { try Observations([.N: []], targets: []) } }
        #expect(throws: FitError.raggedColumns("column 'N' has 2 values, the targets 3")) {
            try probe.call { try Observations([.N: [1, 2]], targets: [1, 2, 3]) }
        }
        #expect(throws: FitError.invalidValue(variable: "N", row: 1, value: 0, requirement: "> 0")) {
            try probe.call { try Observations([.N: [1, 0]], targets: [1, 2]) }
        }
        // NaN never equals itself, so the NaN cases match the error's shape instead.
        do {
            _ = try probe.call { () throws(FitError) in try Observations([.N: [.nan]], targets: [1]) }
            Issue.record("NaN was accepted")
        } catch {
            guard case .invalidValue("N", 0, let value, "a finite number") = error, value.isNaN else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(throws: FitError.invalidTarget(row: 1, value: .infinity, requirement: "a finite number")) {
            try probe.call { try Observations([.N: [1, 2]], targets: [1, .infinity]) }
        }
        #expect(throws: FitError.invalidWeight(row: 0, value: -1)) {
            try probe.call { try Observations([.N: [1, 2]], targets: [1, 2], weights: [-1, 1]) }
        }
        #expect(throws: FitError.invalidWeight(row: -1, value: 0)) {
            try probe.call { try Observations([.N: [1, 2]], targets: [1, 2], weights: [0, 0]) }
        }
        #expect(throws: FitError.raggedColumns("weights have 1 values, the targets 2")) {
            try probe.call { try Observations([.N: [1, 2]], targets: [1, 2], weights: [1]) }
        }
    }

    @Test func droppingLargestTargetsAndSubsets() throws {
        let probe = HostileProbe(.apiCall)
        let data = try Observations([.N: [1, 2, 3, 4, 5]], targets: [5, 9, 1, 9, 3])
        let kept = try data.droppingLargestTargets(2)
        #expect(kept.targets == [5, 1, 3])
        #expect(kept.column(.N) == [1, 3, 5])
        #expect(try data.subset([4, 4]).column(.N) == [5, 5])
        #expect(throws: FitError.self) { try probe.call { try data.droppingLargestTargets(5) } }
        #expect(throws: FitError.self) { try probe.call { try data.subset([7]) } }
        #expect(data.point(1) == [.N: 2])
    }
}
