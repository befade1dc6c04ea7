/// What went wrong when a law was built, evaluated or solved: each case names the culprit.
public enum ScalingLawError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input lacks a variable the law needs.
    case missingVariable(String)
    /// The input has a variable the law does not use (a likely typo or a mixed-up law).
    case unexpectedVariable(String)
    /// A variable's value is outside its domain (N ≤ 0, NaN, G < 2, a Kumar precision too low …).
    case invalidValue(variable: String, value: Double, requirement: String)
    /// A parameter value is missing when a law is built from a form and values.
    case missingParameter(String)
    /// A parameter name that the law does not have.
    case unknownParameter(String)
    /// A parameter value outside the parameter's domain.
    case invalidParameterValue(parameter: String, value: Double, requirement: String)
    /// A category label that the categorical variable does not list.
    case unknownCategory(variable: String, label: String, known: [String])
    /// Batch columns of different lengths, or an empty batch.
    case raggedColumns(String)
    /// The law evaluated to NaN or ±∞ at an input that passed validation.
    case nonFiniteResult(String)
    /// Exact gradients carry at most 64 partial derivatives; the law has more parameters.
    case tooManyParameters(Int)

    public var description: String {
        switch self {
        case .missingVariable(let id):
            return "missing variable '\(id)': the law needs a value for it"
        case .unexpectedVariable(let id):
            return "unexpected variable '\(id)': the law does not use it"
        case .invalidValue(let id, let value, let requirement):
            return "invalid value \(value) for variable '\(id)': it must be \(requirement)"
        case .missingParameter(let name):
            return "missing value for parameter '\(name)'"
        case .unknownParameter(let name):
            return "unknown parameter '\(name)'"
        case .invalidParameterValue(let name, let value, let requirement):
            return "invalid value \(value) for parameter '\(name)': it must be \(requirement)"
        case .unknownCategory(let id, let label, let known):
            return "unknown category '\(label)' for variable '\(id)' (known: \(known.joined(separator: ", ")))"
        case .raggedColumns(let detail):
            return "bad batch: \(detail)"
        case .nonFiniteResult(let detail):
            return "the law evaluated to a non-finite number: \(detail)"
        case .tooManyParameters(let count):
            return "the law has \(count) parameters: exact gradients support at most 64"
        }
    }
}
