// libFuzzer target: arbitrary bytes as a CSV file, read into a table and mapped onto a law's
// variables every way the library offers. A typed `CSVError` is a normal outcome; a trap, a
// sanitizer report, a hang or a leak is a finding. Built and run by .ci/fuzz.sh.
@testable import ScalingLaws

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    readBytes(bytes)
    // The public text entry point decodes lossily first, so it sees different inputs.
    if let table = try? CSVTable(parsing: String(decoding: bytes, as: UTF8.self), file: "text.csv") {
        mapColumns(table)
    }
    return 0
}

private func readBytes(_ bytes: [UInt8]) {
    let table: CSVTable
    do {
        table = try CSVTable(bytes: bytes, file: "fuzz.csv")
    } catch {
        _ = error.description
        return
    }
    let columns = table.columns
    for row in table.rows {
        _ = row.file
        for column in columns {
            _ = row[column]
            _ = try? row.text(column)
            do { _ = try row.number(column) } catch { _ = error.description }
        }
        _ = row["no such column"]
    }
    for column in columns { _ = try? table.distinctValues(of: column) }
    if let first = columns.first {
        _ = try? table.filter { row throws(CSVError) in try row.number(first) > 0 }
    }
    mapColumns(table)
}

/// Maps the table's columns onto N, D, a categorical format, an expression and weights.
private func mapColumns(_ table: CSVTable) {
    let names = table.columns
    guard let first = names.first, let last = names.last else { return }
    let second = names[1 % names.count], third = names[2 % names.count]
    attempt { try Observations(table, columns: [.N: .column(first), .D: .column(second)], target: .column(last)) }
    attempt {
        try Observations(table, columns: [.N: .column(first)], target: .column(last), weights: .column(second))
    }
    let labels = (try? table.distinctValues(of: third)) ?? []
    for format in [Variable.compressionFormat(["int4", "fp8", ""]), Variable.compressionFormat(labels)] {
        attempt { try Observations(table, columns: [format: .category(third), .N: .column(first)], target: .column(last)) }
    }
    // A category column mapped onto a numeric variable is a mapping error, not a trap.
    attempt { try Observations(table, columns: [.N: .category(first)], target: .column(last)) }
    attempt { try Observations(table, columns: [.sparsity: .column(second), .bits: .column(third)], target: .column(first)) }
    attempt {
        let ratio = try ColumnSource.expression("`\(first)` / (6 * [\(second)]) + ln(`\(third)`)^2")
        return try Observations(table, columns: [.D: ratio], target: .column(last))
    }
    attempt {
        let derived = ColumnSource.derived("twice \(first)") { row throws(CSVError) in 2 * (try row.number(first)) }
        return try Observations(table, columns: [.N: derived, .D: .constant(1e9)], target: .column(last))
    }
}

private func attempt(_ build: () throws -> Observations) {
    do {
        let observations = try build()
        _ = observations.point(observations.count - 1)
        _ = try? observations.droppingLargestTargets(observations.count / 2)
    } catch let error as CSVError {
        _ = error.description
    } catch {
        fatalError("an error that is not a CSVError: \(error)")
    }
}
