/// One data row of a ``CSVTable``: its fields, read by column name.
public struct CSVRow: Sendable {
    /// The 1-based line of the file where the row starts.
    public let line: Int
    /// The fields, in header order.
    public let fields: [String]
    let header: CSVHeader

    /// The file the row comes from.
    public var file: String { header.file }

    /// The text of `column`, or nil when the header has no such column.
    public subscript(column: String) -> String? {
        header.index[column].map { fields[$0] }
    }

    /// The text of `column`; throws ``CSVError/missingColumn(file:column:available:)``.
    public func text(_ column: String) throws(CSVError) -> String {
        fields[try header.position(of: column)]
    }

    /// The finite number in `column` (surrounding spaces allowed), written in decimal: digits, an
    /// optional sign, point and exponent (`1.5e9`). Throws when the column is missing, the cell is
    /// not such a number (hexadecimal `0x10`, `1_000`, `inf` are refused), or it is out of range —
    /// each error naming file, line and column.
    public func number(_ column: String) throws(CSVError) -> Double {
        let raw = try text(column)
        guard let value = CSVRow.plainDecimal(raw) ?? CSVRow.decimalValue(raw.trimmingSpaces()) else {
            throw .nonNumericCell(file: file, line: line, column: column, text: raw)
        }
        guard value.isFinite else {
            throw .invalidValue(file: file, line: line, column: column, value: value, requirement: "a finite number")
        }
        return value
    }
}

extension CSVRow {
    /// The number in `raw` when it is plain ASCII decimal text, with spaces or tabs around it, that
    /// ``DecimalParser`` decides (the same double `Double(_:)` gives); nil otherwise, including
    /// for every cell that is not a number (``decimalValue(_:)`` then decides).
    static func plainDecimal(_ raw: String) -> Double? {
        var raw = raw
        return raw.withUTF8 { bytes in
            guard var start = bytes.baseAddress else { return nil }
            var end = start + bytes.count
            while start < end, start.pointee == UInt8(ascii: " ") || start.pointee == UInt8(ascii: "\t") { start += 1 }
            while end > start, end[-1] == UInt8(ascii: " ") || end[-1] == UInt8(ascii: "\t") { end -= 1 }
            return DecimalParser.parse(start, count: end - start)
        }
    }

    /// The number written in `trimmed` (a cell without its surrounding spaces) under the rules of
    /// ``number(_:)``, or nil when it is not such a number; ±∞ when it is out of range.
    static func decimalValue(_ trimmed: String) -> Double? {
        // Byte by byte: every allowed character is ASCII, and no byte of a longer UTF-8 sequence is.
        let decimal = !trimmed.isEmpty && trimmed.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }
        return decimal ? Double(trimmed) : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
