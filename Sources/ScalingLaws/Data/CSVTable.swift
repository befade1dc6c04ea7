import Foundation

/// A CSV file read into memory: a header of column names and rows of text fields.
///
/// The format is RFC 4180 as spreadsheets and pandas write it: comma-separated fields, optional
/// double quotes around a field (which may then contain commas, line breaks and `""` for a quote),
/// LF or CRLF line ends. The first line is the header and is required; blank lines are skipped;
/// every row must have as many fields as the header. Errors name the file and the 1-based line.
///
/// ```swift
/// let table = try CSVTable(contentsOfFile: "../shared/data/epoch_chinchilla.csv")
/// let sizes = try table.rows.map { row throws(CSVError) in try row.number("Model Size") }
/// ```
public struct CSVTable: Sendable {
    /// The file name used in error messages.
    public let file: String
    /// The column names, in file order.
    public var columns: [String] { header.names }
    /// The data rows, in file order.
    public private(set) var rows: [CSVRow]
    let header: CSVHeader

    /// Reads and parses the file at `path`.
    public init(contentsOfFile path: String) throws(CSVError) {
        try self.init(bytes: try FileBytes.contents(ofFile: path), file: path)
    }

    /// Parses `text`; `file` names it in error messages.
    public init(parsing text: String, file: String = "<text>") throws(CSVError) {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    init(bytes: [UInt8], file: String) throws(CSVError) {
        let start = try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
            try CSVTable.checkedUTF8(buffer, file: file)
        }
        var records = try CSVTable.records(bytes, from: start, file: file)
        guard !records.isEmpty else { throw .emptyFile(file: file) }
        let head = records.removeFirst()
        var names = head.fields
        if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
        let header = try CSVHeader(file: file, names: names)
        var rows: [CSVRow] = []
        rows.reserveCapacity(records.count)
        for record in records {
            guard record.fields.count == names.count else {
                throw .raggedRow(file: file, line: record.line, expected: names.count, found: record.fields.count)
            }
            rows.append(CSVRow(line: record.line, fields: record.fields, header: header))
        }
        self.file = file
        self.header = header
        self.rows = rows
    }

    /// Where the text starts (after a UTF-8 byte-order mark, if any), after checking that the bytes
    /// are UTF-8 text: a UTF-16 file, NUL bytes or invalid UTF-8 would otherwise be misread (labels
    /// merged by lossy decoding, numbers cut at a NUL).
    static func checkedUTF8(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(CSVError) -> Int {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .unreadableFile(file: file, reason: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = UnsafeBufferPointer(rebasing: bytes[start...])
        guard !text.isEmpty else { throw .emptyFile(file: file) }
        if let nul = text.firstIndex(of: 0) {
            throw .unreadableFile(file: file, reason: "a NUL byte at offset \(start + nul): the file is binary or UTF-16, not UTF-8 text")
        }
        // ASCII is UTF-8; only other text needs the full validation (which copies it once).
        guard CSVTable.isASCII(text) || String(validating: text, as: UTF8.self) != nil else {
            throw .unreadableFile(file: file, reason: "the file is not valid UTF-8 text; save it as UTF-8")
        }
        return start
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var union: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            union |= UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            union |= UInt64(bytes[index])
            index += 1
        }
        return union & 0x8080_8080_8080_8080 == 0
    }

    /// The position of `column` in the header, or a ``CSVError/missingColumn(file:column:available:)``.
    public func index(of column: String) throws(CSVError) -> Int {
        try header.position(of: column)
    }

    /// The table keeping only the rows for which `isIncluded` is true (e.g. one quantizer's runs).
    public func filter(_ isIncluded: (CSVRow) throws(CSVError) -> Bool) throws(CSVError) -> CSVTable {
        var copy = self
        var kept: [CSVRow] = []
        for row in rows where try isIncluded(row) { kept.append(row) }
        copy.rows = kept
        return copy
    }

    /// The distinct texts of `column`, in order of first appearance: a categorical variable's labels.
    public func distinctValues(of column: String) throws(CSVError) -> [String] {
        let position = try index(of: column)
        var seen = Set<String>()
        var labels: [String] = []
        // Trimmed as category cells are when read, so that " a" and "a" are one label.
        for row in rows {
            let label = row.fields[position].trimmingSpaces()
            if seen.insert(label).inserted { labels.append(label) }
        }
        return labels
    }

    // MARK: Parsing

    struct Record { var line: Int; var fields: [String] }

    /// Splits the bytes from `start` on into records of fields, skipping blank lines.
    static func records(_ bytes: [UInt8], from start: Int, file: String) throws(CSVError) -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
            carriageReturn = UInt8(ascii: "\r")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var index = start
        let count = bytes.count

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            let blank = fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }

        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            } else if byte == newline || byte == carriageReturn {
                endRecord()
                if byte == carriageReturn && index + 1 < count && bytes[index + 1] == newline { index += 1 }
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(file: file, line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}

/// The shared header of a table's rows: names and their positions.
final class CSVHeader: Sendable {
    let file: String
    let names: [String]
    let index: [String: Int]

    /// The header of `names`; throws ``CSVError/duplicateColumn(file:column:)`` at the first name
    /// that repeats an earlier one.
    init(file: String, names: [String]) throws(CSVError) {
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            guard index[name] == nil else { throw .duplicateColumn(file: file, column: name) }
            index[name] = position
        }
        self.file = file
        self.names = names
        self.index = index
    }

    func position(of column: String) throws(CSVError) -> Int {
        guard let position = index[column] else {
            throw .missingColumn(file: file, column: column, available: names)
        }
        return position
    }
}
