import Foundation

/// A CSV file read into memory: a header of column names and rows of text fields.
///
/// Follows RFC 4180: fields separated by commas, optionally quoted with `"`, a quote inside a
/// quoted field written `""`, line breaks allowed inside quotes; `\n` or `\r\n` line ends. The
/// first record is the header and is required. Errors name the file, the line and the column.
public struct CSVTable: Sendable {
    /// Where the table came from (a path, or a name given to in-memory text), for error messages.
    public let source: String
    /// The column names of the header.
    public let header: [String]
    /// The data rows.
    public let rows: [CSVRow]

    /// Reads and parses the CSV file at `path`.
    public init(contentsOf path: String) throws(FitError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        try self.init(text: text, source: path)
    }

    /// Parses CSV `text`; `source` names it in error messages.
    public init(text: String, source: String = "<text>") throws(FitError) {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(path: source, line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = records.first, records.count > 1 else { throw .emptyFile(path: source) }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [CSVRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw .raggedRow(path: source, line: record.line, expected: header.count, found: record.fields.count)
            }
            rows.append(CSVRow(source: source, line: record.line, header: header, fields: record.fields))
        }
        self.source = source
        self.header = header
        self.rows = rows
    }

    /// The rows for which `isIncluded` is true.
    public func filter(_ isIncluded: (CSVRow) throws(FitError) -> Bool) throws(FitError) -> CSVTable {
        var kept: [CSVRow] = []
        for row in rows where try isIncluded(row) { kept.append(row) }
        return CSVTable(source: source, header: header, rows: kept)
    }

    private init(source: String, header: [String], rows: [CSVRow]) {
        self.source = source
        self.header = header
        self.rows = rows
    }

    /// Throws unless the header has `column`.
    public func requireColumn(_ column: String) throws(FitError) {
        guard header.contains(column) else { throw .missingColumn(path: source, column: column, available: header) }
    }
}

/// One data row of a ``CSVTable``.
public struct CSVRow: Sendable {
    /// The table's source, for error messages.
    public let source: String
    /// The 1-based line of the file where the row starts.
    public let line: Int
    let header: [String]
    /// The row's fields, in header order.
    public let fields: [String]

    init(source: String, line: Int, header: [String], fields: [String]) {
        self.source = source
        self.line = line
        self.header = header
        self.fields = fields
    }

    /// The text of `column`.
    public func text(_ column: String) throws(FitError) -> String {
        guard let index = header.firstIndex(of: column) else {
            throw .missingColumn(path: source, column: column, available: header)
        }
        return fields[index]
    }

    /// The number in `column` (surrounding spaces allowed).
    public func number(_ column: String) throws(FitError) -> Double {
        let text = try self.text(column)
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw .nonNumericCell(path: source, line: line, column: column, text: text)
        }
        return value
    }
}

/// Where a variable's values come from in a CSV file.
public enum ColumnSource: Sendable {
    /// A numeric column.
    case column(String)
    /// A text column whose values are the variable's category labels (for a categorical variable).
    case categories(String)
    /// A value computed from the row, e.g. D = FLOP/(6N): `.derived { try $0.number("Training FLOP") / (6 * $0.number("Model Size")) }`.
    case derived(@Sendable (CSVRow) throws(FitError) -> Double)
}

extension Observations {
    /// Observations read from a CSV table: each variable from its ``ColumnSource``, the measured
    /// value from the numeric column `target`, weights from the numeric column `weights` if given.
    ///
    /// - Throws: ``FitError/missingColumn(path:column:available:)``,
    ///   ``FitError/nonNumericCell(path:line:column:text:)``, or
    ///   ``FitError/invalidObservations(_:)`` (with the file and line) for values outside a domain.
    public init(
        csv table: CSVTable, columns: [Variable: ColumnSource], target: String, weights: String? = nil
    ) throws(FitError) {
        for (_, source) in columns {
            switch source {
            case .column(let name), .categories(let name): try table.requireColumn(name)
            case .derived: break
            }
        }
        try table.requireColumn(target)
        if let weights { try table.requireColumn(weights) }
        var values: [Variable: [Double]] = [:]
        for (variable, source) in columns {
            var column: [Double] = []
            column.reserveCapacity(table.rows.count)
            for row in table.rows {
                let value: Double
                switch source {
                case .column(let name): value = try row.number(name)
                case .derived(let compute): value = try compute(row)
                case .categories(let name):
                    let label = try row.text(name).trimmingCharacters(in: .whitespaces)
                    guard let index = variable.categories.firstIndex(of: label) else {
                        throw .invalidObservations("\(table.source):\(row.line): '\(label)' in column '\(name)' is not a category of '\(variable.id)' (\(variable.categories.joined(separator: ", ")))")
                    }
                    value = Double(index)
                }
                do { try variable.check(value) } catch {
                    throw .invalidObservations("\(table.source):\(row.line): \(error.description)")
                }
                column.append(value)
            }
            values[variable] = column
        }
        var measured: [Double] = []
        var weightColumn: [Double]? = weights == nil ? nil : []
        for row in table.rows {
            measured.append(try row.number(target))
            if let weights { weightColumn?.append(try row.number(weights)) }
        }
        try self.init(values, values: measured, weights: weightColumn)
    }
}
