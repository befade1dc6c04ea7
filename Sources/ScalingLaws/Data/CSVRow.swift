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
        guard let value = CSVRow.decimalValue(raw.trimmingSpaces()) else {
            throw .nonNumericCell(file: file, line: line, column: column, text: raw)
        }
        guard value.isFinite else {
            throw .invalidValue(file: file, line: line, column: column, value: value, requirement: "a finite number")
        }
        return value
    }
}

extension CSVRow {
    /// The number written in `trimmed` (a cell without its surrounding spaces) under the rules of
    /// ``number(_:)``, or nil when it is not such a number; ±∞ when it is out of range.
    static func decimalValue(_ trimmed: String) -> Double? {
        let decimal = !trimmed.isEmpty && trimmed.unicodeScalars.allSatisfy { "0123456789+-.eE".unicodeScalars.contains($0) }
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
