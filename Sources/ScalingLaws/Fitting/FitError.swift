/// Why a data set could not be read or a law could not be fitted: each case names the culprit.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A CSV file could not be read (missing, unreadable, not UTF-8).
    case unreadableFile(path: String, reason: String)
    /// A CSV file has no header or no data rows.
    case emptyFile(path: String)
    /// A data row has a different number of fields than the header (1-based line number).
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    /// A column named in the mapping is not in the header.
    case missingColumn(path: String, column: String, available: [String])
    /// A cell that must hold a number does not (1-based line number).
    case nonNumericCell(path: String, line: Int, column: String, text: String)
    /// A quoted field is not closed (1-based line number where it starts).
    case unterminatedQuote(path: String, line: Int)
    /// The observations are unusable: empty, ragged, non-finite, outside a variable's domain.
    case invalidObservations(String)
    /// The law or the options do not fit together (a bound on an unknown parameter, a start
    /// outside the parameter's domain, more than 64 free parameters …).
    case invalidSetup(String)
    /// The law cannot be evaluated on the observations (an input outside its domain).
    case law(ScalingLawError)
    /// No start produced a finite objective: the optimizer had nowhere to go.
    case noFiniteStart(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): return "\(path): cannot read the file: \(reason)"
        case .emptyFile(let path): return "\(path): the file has no header or no data rows"
        case .raggedRow(let path, let line, let expected, let found):
            return "\(path):\(line): the row has \(found) fields, the header has \(expected)"
        case .missingColumn(let path, let column, let available):
            return "\(path): no column '\(column)' (the header has \(available.joined(separator: ", ")))"
        case .nonNumericCell(let path, let line, let column, let text):
            return "\(path):\(line): column '\(column)' holds '\(text)', not a number"
        case .unterminatedQuote(let path, let line):
            return "\(path):\(line): a quoted field is never closed"
        case .invalidObservations(let detail): return "invalid observations: \(detail)"
        case .invalidSetup(let detail): return "invalid fit setup: \(detail)"
        case .law(let error): return error.description
        case .noFiniteStart(let detail): return "no start gives a finite objective: \(detail)"
        }
    }
}
