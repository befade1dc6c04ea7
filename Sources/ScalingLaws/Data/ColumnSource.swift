/// Where the values of one variable (or of the measured target, or of the weights) come from in a
/// CSV row: a numeric column, a text column mapped onto a categorical variable's labels, an
/// arithmetic expression over columns, a closure, or a constant.
///
/// ```swift
/// let columns: [Variable: ColumnSource] = [
///     .N: .column("Model Size"),
///     .D: try .expression("`Training FLOP` / (6 * `Model Size`)"),   // Chinchilla's D = C/(6N)
/// ]
/// ```
public struct ColumnSource: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case column(String)
        case category(String)
        case expression(ColumnExpression)
        case derived(String, @Sendable (CSVRow) throws(CSVError) -> Double)
        case constant(Double)
    }

    let kind: Kind

    /// The finite numbers of column `name`.
    public static func column(_ name: String) -> ColumnSource { ColumnSource(kind: .column(name)) }

    /// The text of column `name`, read as a label of the variable's categories (see
    /// ``Variable/categories``) and stored as its index. Only for categorical variables.
    public static func category(_ name: String) -> ColumnSource { ColumnSource(kind: .category(name)) }

    /// An arithmetic expression over numeric columns (see ``ColumnExpression``).
    public static func expression(_ text: String) throws(CSVError) -> ColumnSource {
        ColumnSource(kind: .expression(try ColumnExpression(text)))
    }

    /// A value computed from the row by `compute`; `description` names it in error messages.
    public static func derived(
        _ description: String, _ compute: @escaping @Sendable (CSVRow) throws(CSVError) -> Double
    ) -> ColumnSource {
        ColumnSource(kind: .derived(description, compute))
    }

    /// The same value for every row (e.g. a bit width common to a whole file).
    public static func constant(_ value: Double) -> ColumnSource { ColumnSource(kind: .constant(value)) }

    /// How the source names itself in error messages: the column, the expression or the description.
    public var description: String {
        switch kind {
        case .column(let name), .category(let name): return name
        case .expression(let expression): return expression.text
        case .derived(let description, _): return description
        case .constant(let value): return "constant \(value)"
        }
    }

    /// Whether the source needs the whole row (a closure of the row), not just named columns.
    var readsWholeRows: Bool {
        if case .derived = kind { true } else { false }
    }

    /// The columns this source reads (checked against the header before any row is read).
    var columns: [String] {
        switch kind {
        case .column(let name), .category(let name): return [name]
        case .expression(let expression): return expression.columns
        case .derived, .constant: return []
        }
    }

    /// The value for `row`, checked against `variable`'s domain when a variable is given.
    func value(in row: CSVRow, for variable: Variable?) throws(CSVError) -> Double {
        let value: Double
        switch kind {
        case .column(let name):
            value = try row.number(name)
        case .category(let name):
            guard let variable, !variable.categories.isEmpty else {
                throw .invalidMapping("column '\(name)' is mapped as categories onto \(variable.map { "variable '\($0.id)'" } ?? "a non-variable"), which has no categories")
            }
            let label = try row.text(name).trimmingSpaces()
            guard let index = variable.categories.firstIndex(of: label) else {
                throw .unknownCategory(file: row.file, line: row.line, column: name, label: label, known: variable.categories)
            }
            value = Double(index)
        case .expression(let expression):
            value = try expression.value(in: row)
        case .derived(let description, let compute):
            value = try compute(row)
            guard value.isFinite else {
                throw .invalidValue(file: row.file, line: row.line, column: description, value: value, requirement: "a finite number")
            }
        case .constant(let constant):
            value = constant
        }
        if let variable {
            do throws(ScalingLawError) {
                try variable.check(value)
            } catch {
                if case .invalidValue(_, _, let requirement) = error {
                    throw .invalidValue(file: row.file, line: row.line, column: description, value: value, requirement: requirement)
                }
                throw .invalidMapping(error.description)
            }
        }
        return value
    }
}
