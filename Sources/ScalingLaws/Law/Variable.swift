/// An input of a law: parameter count, tokens, a bit width, a block size, a compression format …
///
/// Variables are typed symbols, not strings in a bag: the library's laws and the user's data refer
/// to the same static members (`.N`, `.D`, `.bits`, …). Two variables are the same variable when
/// their ``id`` is the same.
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    /// The values a variable may take; anything else is rejected with ``ScalingLawError/invalidValue(variable:value:requirement:)``.
    public enum Domain: Hashable, Sendable {
        /// Finite and > 0.
        case positive
        /// Finite and ≥ 0.
        case nonNegative
        /// Finite and ≥ the bound.
        case atLeast(Double)
        /// A fraction in [0, 1), such as a sparsity.
        case fraction
        /// One of the labels, passed as its index (0, 1, …) in numeric code.
        case categorical([String])
    }

    /// The stable identifier used in data files and dictionaries, e.g. `"N"`.
    public let id: String
    /// How the variable prints in formulas.
    public let symbol: Symbol
    /// What the variable means, with its unit.
    public let summary: String
    /// The values the variable may take.
    public let domain: Domain

    /// A variable of your own, e.g. unique tokens U for a data-constrained law.
    public init(id: String, symbol: Symbol, summary: String, domain: Domain = .positive) {
        self.id = id
        self.symbol = symbol
        self.summary = summary
        self.domain = domain
    }

    /// Variables are equal when their identifiers are.
    public static func == (lhs: Variable, rhs: Variable) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { id }

    /// The category labels of a categorical variable (empty otherwise).
    public var categories: [String] {
        if case .categorical(let labels) = domain { return labels }
        return []
    }

    /// The numeric code of a category label of this variable.
    public func index(ofCategory label: String) throws(ScalingLawError) -> Double {
        guard let index = categories.firstIndex(of: label) else {
            throw .unknownCategory(variable: id, label: label, known: categories)
        }
        return Double(index)
    }

    /// The domain as plain values, for checks in hot loops.
    @usableFromInline var rule: DomainRule {
        switch domain {
        case .positive: return DomainRule(kind: .positive, bound: 0)
        case .nonNegative: return DomainRule(kind: .atLeast, bound: 0)
        case .atLeast(let bound): return DomainRule(kind: .atLeast, bound: bound)
        case .fraction: return DomainRule(kind: .fraction, bound: 1)
        case .categorical(let labels): return DomainRule(kind: .categorical, bound: Double(labels.count))
        }
    }

    /// Throws unless `value` lies in the variable's domain.
    public func check(_ value: Double) throws(ScalingLawError) {
        if rule.admits(value) { return }
        guard value.isFinite else {
            throw .invalidValue(variable: id, value: value, requirement: "a finite number")
        }
        switch domain {
        case .positive where !(value > 0):
            throw .invalidValue(variable: id, value: value, requirement: "> 0")
        case .nonNegative where !(value >= 0):
            throw .invalidValue(variable: id, value: value, requirement: "≥ 0")
        case .atLeast(let bound) where !(value >= bound):
            throw .invalidValue(variable: id, value: value, requirement: "≥ \(Formula.format(bound, .unicode))")
        case .fraction where !(value >= 0 && value < 1):
            throw .invalidValue(variable: id, value: value, requirement: "in [0, 1)")
        case .categorical(let labels):
            guard value == value.rounded(), value >= 0, value < Double(labels.count) else {
                throw .invalidValue(variable: id, value: value,
                                    requirement: "a category index in 0..<\(labels.count) (\(labels.joined(separator: ", ")))")
            }
        default:
            break
        }
    }
}

extension Variable {
    /// N: the model's parameter count, a raw count (check each law's definition: total or non-embedding).
    public static let N = Variable(id: "N", symbol: Symbol("N"), summary: "parameter count (raw count)")
    /// D: training tokens, a raw count.
    public static let D = Variable(id: "D", symbol: Symbol("D"), summary: "training tokens (raw count)")
    /// Training steps (a count): the data axis of laws fitted at a fixed batch size.
    public static let trainingSteps = Variable(id: "steps", symbol: Symbol("D"), summary: "training steps (count, fixed batch size)")
    /// Training examples (a count, e.g. images): the data axis of vision laws.
    public static let trainingExamples = Variable(id: "examples", symbol: Symbol("D"), summary: "training examples (count)")
    /// The fraction S of weights that are zero, in [0, 1).
    public static let sparsity = Variable(id: "S", symbol: Symbol("S"), summary: "fraction of zero weights", domain: .fraction)
    /// Unique training tokens U (raw count): with D > U the data is repeated D/U times.
    public static let uniqueTokens = Variable(id: "U", symbol: Symbol("U"), summary: "unique training tokens (raw count)")
    /// P: bit width of post-training quantization (Ouyang's P, Kumar's P_post).
    public static let bits = Variable(
        id: "bits", symbol: Symbol("P", latex: "P"), summary: "post-training quantization bit width")
    /// P_w: training precision of the weights, in bits (Kumar et al.).
    public static let weightBits = Variable(
        id: "weightBits", symbol: Symbol("P_w", latex: "P_{w}"), summary: "weight training precision (bits)")
    /// P_a: training precision of the activations, in bits (Kumar et al.).
    public static let activationBits = Variable(
        id: "activationBits", symbol: Symbol("P_a", latex: "P_{a}"), summary: "activation training precision (bits)")
    /// P_kv: training precision of the attention keys and values, in bits (Kumar et al.).
    public static let kvBits = Variable(
        id: "kvBits", symbol: Symbol("P_kv", latex: "P_{kv}"), summary: "KV-cache training precision (bits)")
    /// G: quantization group size; `log₂ G` must be positive, and groups start at 2.
    public static let groupSize = Variable(
        id: "groupSize", symbol: Symbol("G"), summary: "quantization group size (elements)", domain: .atLeast(2))
    /// E: exponent bits of a floating-point format.
    public static let exponentBits = Variable(
        id: "exponentBits", symbol: Symbol("E"), summary: "floating-point exponent bits", domain: .nonNegative)
    /// M: mantissa bits of a floating-point format.
    public static let mantissaBits = Variable(
        id: "mantissaBits", symbol: Symbol("M"), summary: "floating-point mantissa bits", domain: .nonNegative)
    /// B: number of elements sharing one scaling factor; `log₂ B` must be positive, so B starts at 2.
    public static let blockSize = Variable(
        id: "blockSize", symbol: Symbol("B"), summary: "scaling-factor block size (elements)", domain: .atLeast(2))
    /// C: a compression format, one of `labels` (for laws with one parameter per format).
    public static func compressionFormat(_ labels: [String]) -> Variable {
        Variable(id: "format", symbol: Symbol("C"), summary: "compression format", domain: .categorical(labels))
    }
}

/// A variable's domain without its labels: trivially copyable, so checking a column of values
/// costs no reference counting.
@usableFromInline struct DomainRule: Sendable {
    @usableFromInline enum Kind: UInt8, Sendable { case positive, atLeast, fraction, categorical }
    @usableFromInline let kind: Kind
    /// The lower bound of `.atLeast`, the number of categories of `.categorical`.
    @usableFromInline let bound: Double

    @usableFromInline init(kind: Kind, bound: Double) {
        self.kind = kind
        self.bound = bound
    }

    /// Whether `value` is finite and in the domain.
    @inlinable @inline(__always)
    func admits(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch kind {
        case .positive: return value > 0
        case .atLeast: return value >= bound
        case .fraction: return value >= 0 && value < bound
        case .categorical: return value >= 0 && value < bound && value == value.rounded()
        }
    }
}
