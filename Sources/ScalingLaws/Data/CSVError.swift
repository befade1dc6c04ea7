/// What went wrong while reading a CSV file or mapping its columns onto a law's variables.
///
/// Every case names the file, and where it applies the 1-based line of the file and the column
/// (by its header name), so the message points at the cell to fix.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, unreadable, not UTF-8).
    case unreadableFile(file: String, reason: String)
    /// The file has no header line (it is empty or blank).
    case emptyFile(file: String)
    /// The file has a header but no data rows (or a row filter rejected them all).
    case noDataRows(file: String)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote(file: String, line: Int)
    /// A row has a different number of fields than the header.
    case raggedRow(file: String, line: Int, expected: Int, found: Int)
    /// Two header fields have the same name, so a mapping by name would be ambiguous.
    case duplicateColumn(file: String, column: String)
    /// A mapping names a column the header does not have.
    case missingColumn(file: String, column: String, available: [String])
    /// A cell that should hold a number does not parse as one (empty cells included).
    case nonNumericCell(file: String, line: Int, column: String, text: String)
    /// A number that is not acceptable: NaN or ±∞, or outside the variable's domain (N ≤ 0 …).
    case invalidValue(file: String, line: Int, column: String, value: Double, requirement: String)
    /// A cell of a categorical column whose label the variable does not list.
    case unknownCategory(file: String, line: Int, column: String, label: String, known: [String])
    /// A column expression that does not parse, or a mapping that cannot apply (a category
    /// column for a non-categorical variable).
    case invalidMapping(String)

    public var description: String {
        switch self {
        case .unreadableFile(let file, let reason):
            return "\(file): cannot read the file (\(reason))"
        case .emptyFile(let file):
            return "\(file): the file is empty (a header line is required)"
        case .noDataRows(let file):
            return "\(file): no data rows after the header"
        case .unterminatedQuote(let file, let line):
            return "\(file):\(line): a quoted field is never closed"
        case .raggedRow(let file, let line, let expected, let found):
            return "\(file):\(line): the row has \(found) fields, the header has \(expected)"
        case .duplicateColumn(let file, let column):
            return "\(file): the header names column '\(column)' more than once"
        case .missingColumn(let file, let column, let available):
            return "\(file): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case .nonNumericCell(let file, let line, let column, let text):
            let shown = text.isEmpty ? "an empty cell" : "'\(text)'"
            return "\(file):\(line): column '\(column)' holds \(shown), not a number"
        case .invalidValue(let file, let line, let column, let value, let requirement):
            return "\(file):\(line): column '\(column)' holds \(value); it must be \(requirement)"
        case .unknownCategory(let file, let line, let column, let label, let known):
            return "\(file):\(line): column '\(column)' holds '\(label)', not one of the categories \(known.joined(separator: ", "))"
        case .invalidMapping(let detail):
            return "invalid column mapping: \(detail)"
        }
    }
}
