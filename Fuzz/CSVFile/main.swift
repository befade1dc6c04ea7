// libFuzzer target: arbitrary bytes written to a file and read through the public file route,
// `Observations(contentsOfCSV:columns:target:weights:)` (the byte-level column reader, and on any
// fault the pass that finds the error), under several mappings: numeric columns, a category column,
// weights, constants and column expressions. What must hold: the call returns observations whose
// every value is finite, with no more rows than the file has line ends, or it throws a `CSVError`;
// and either way exactly what reading the same file as a `CSVTable` and mapping that gives (the
// same doubles bit for bit, or the same error). A trap, a sanitizer report, a leak, a hang or a
// disagreement is a finding. Built and run by .ci/fuzz.sh.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScalingLaws

/// The file each input is written to: one per process (libFuzzer's workers are processes), in
/// `$TMPDIR` or `/tmp`, removed after each input.
private let path: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(directory)/scalinglaws-fuzz-csvfile-\(getpid()).csv"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    store(bytes)
    defer { unlink(path) }
    let lineEnds = countLineEnds(bytes)
    // The header's names when the file reads as a table, so that mappings reach real columns.
    let table = try? CSVTable(contentsOfFile: path)
    for (columns, target, weights) in mappings(table) {
        check(columns: columns, target: target, weights: weights, lineEnds: lineEnds)
    }
    return 0
}

private func store(_ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    require(descriptor >= 0, "cannot create \(path)")
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        require(count > 0 || errno == EINTR, "cannot write \(path)")
        if count > 0 { written += count }
    }
    close(descriptor)
}

/// Line ends: LF, CR, and CRLF counted once. Every data row starts after one.
private func countLineEnds(_ bytes: [UInt8]) -> Int {
    var count = 0
    for (index, byte) in bytes.enumerated() {
        if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) { count += 1 }
    }
    return count
}

private typealias Mapping = (columns: [Variable: ColumnSource], target: ColumnSource, weights: ColumnSource?)

/// Fixed names (which the dictionary and the seeds use) and, when the header reads, its own names.
private func mappings(_ table: CSVTable?) -> [Mapping] {
    let format = Variable.compressionFormat(["int4", "fp8", ""])
    var result: [Mapping] = [
        ([.N: .column("N"), .D: .column("D")], .column("loss"), nil),
        ([format: .category("format"), .N: .column("N")], .column("loss"), .column("D")),
        ([.D: try! .expression("N / (6 * [D]) + ln(loss)^2")], .column("loss"), .constant(2)),
    ]
    guard let names = table?.columns, let first = names.first, let last = names.last else { return result }
    let second = names[1 % names.count], third = names[2 % names.count]
    let labels = (try? table?.distinctValues(of: third)) ?? []
    result += [
        ([.N: .column(first), .D: .column(second)], .column(last), nil),
        ([.sparsity: .column(second), .bits: .column(third)], .column(first), .column(last)),
        ([Variable.compressionFormat(labels): .category(third), .N: .constant(1e9)], .column(last), nil),
        // A category column for a numeric variable is a mapping error.
        ([.N: .category(first)], .column(last), nil),
    ]
    if let ratio = try? ColumnSource.expression("`\(first)` / (6 * [\(second)]) - exp(`\(third)`)") {
        result.append(([.D: ratio, .N: .column(second)], .column(last), nil))
    }
    return result
}

private func check(columns: [Variable: ColumnSource], target: ColumnSource, weights: ColumnSource?, lineEnds: Int) {
    let read = Result { () throws(CSVError) in
        try Observations(contentsOfCSV: path, columns: columns, target: target, weights: weights)
    }
    let rowByRow = Result { () throws(CSVError) in
        try Observations(try CSVTable(contentsOfFile: path), columns: columns, target: target, weights: weights)
    }
    switch (read, rowByRow) {
    case (.success(let data), .success(let expected)):
        require(data.count <= lineEnds, "\(data.count) rows from a file of \(lineEnds) line ends")
        let values = data.variables.map { data.column($0)! } + [data.targets] + (data.weights.map { [$0] } ?? [])
        for column in values {
            require(column.count == data.count && column.allSatisfy(\.isFinite), "a value that is not finite")
        }
        require(data.variables == expected.variables, "the routes read different variables")
        for variable in data.variables {
            require(bits(data.column(variable)) == bits(expected.column(variable)), "the routes read different \(variable.id)")
        }
        require(bits(data.targets) == bits(expected.targets), "the routes read different targets")
        require(bits(data.weights) == bits(expected.weights), "the routes read different weights")
    case (.failure(let error), .failure(let expected)):
        // By description: a NaN in an error's value never equals itself.
        require(error.description == expected.description, "the file route throws \(error), the table route \(expected)")
    case (.success, .failure(let expected)):
        require(false, "the file route reads what the table route refuses: \(expected)")
    case (.failure(let error), .success):
        require(false, "the file route refuses what the table route reads: \(error)")
    }
}

private func bits(_ values: [Double]?) -> [UInt64]? { values?.map(\.bitPattern) }

/// Stops with `message` (kept in release builds, unlike a precondition's) when `condition` is false.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
