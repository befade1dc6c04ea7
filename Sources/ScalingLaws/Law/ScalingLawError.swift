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
    /// A value that a scalar type cannot hold (beyond its largest finite value, or flushed to 0):
    /// an input, a constant, or the sub-expression `term` of the formula, whose exact value is `value`.
    case outOfRange(term: String, value: Double, scalarType: String)
    /// Exact gradients carry at most 64 partial derivatives; the law has more parameters.
    case tooManyParameters(Int)
    /// A form lists a parameter name or a category label twice.
    case duplicateName(String)
    /// A preset name that the ``PresetCatalog`` does not list.
    case unknownPreset(String, known: [String])
    /// Two laws being combined both have a parameter of this name, and the combination did not say
    /// whether it is one shared parameter or two (`first` and `second` name the two terms).
    case conflictingParameter(String, first: String, second: String)
    /// A parameter listed as shared that one of the two combined terms lacks, or that the two
    /// declare with different domains.
    case invalidSharing(String, reason: String)

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
        case .outOfRange(let term, let value, let type):
            return "\(term) = \(Formula.format(value, .unicode)) is out of \(type)'s range (it overflows or flushes to 0): evaluate in a wider type"
        case .tooManyParameters(let count):
            return "the law has \(count) parameters: exact gradients support at most 64"
        case .duplicateName(let detail):
            return "duplicate name: \(detail)"
        case .unknownPreset(let name, let known):
            return "unknown preset '\(name)' (known: \(known.joined(separator: ", ")))"
        case .conflictingParameter(let name, let first, let second):
            return "both \(first) and \(second) have a parameter named '\(name)': share it (adding(_:sharing:)) "
                + "or rename one side (renaming(_:))"
        case .invalidSharing(let name, let reason):
            return "cannot share parameter '\(name)': \(reason)"
        }
    }

    /// The same error with the generic names of two combined terms replaced by `first` and `second`.
    func naming(_ first: String, _ second: String) -> ScalingLawError {
        guard case .conflictingParameter(let name, _, _) = self else { return self }
        return .conflictingParameter(name, first: first.isEmpty ? "the first law" : "'\(first)'",
                                     second: second.isEmpty ? "the second law" : "'\(second)'")
    }
}

/// The indices of `items` in `list`, appending the ones `list` lacks; an item already in `list`
/// must be in `shared` (else the two terms' same-named parameters would silently become one).
func mergeParameters(
    _ items: [Parameter], into list: inout [Parameter], sharing shared: Set<Parameter>,
    first: String, second: String
) throws(ScalingLawError) -> [Int] {
    for parameter in shared.sorted(by: { $0.name < $1.name }) {
        guard let mine = list.first(where: { $0 == parameter }), let theirs = items.first(where: { $0 == parameter }) else {
            throw .invalidSharing(parameter.name, reason: "both terms must have it")
        }
        guard mine.domain == theirs.domain else {
            throw .invalidSharing(parameter.name, reason: "the two terms declare it with different domains")
        }
    }
    var indices: [Int] = []
    for item in items {
        if let index = list.firstIndex(of: item) {
            guard shared.contains(item) else { throw .conflictingParameter(item.name, first: first, second: second) }
            indices.append(index)
        } else {
            list.append(item)
            indices.append(list.count - 1)
        }
    }
    return indices
}
