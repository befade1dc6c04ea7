/// A law's formula as an expression tree: the symbolic `LawScalar`.
///
/// Evaluating a law on `Formula` (variables and parameters given as symbols) traces the very code
/// that computes the law's numbers, so the printed formula cannot drift from the implementation.
/// ``unicode`` and ``latex`` render it; named sub-expressions (``LawScalar/named(_:_:)``), such as
/// an effective parameter count, print as their symbol with a `where …` clause.
public indirect enum Formula: Hashable, Sendable {
    case number(Double)
    case symbol(Symbol)
    case sum(Formula, Formula)
    case difference(Formula, Formula)
    case product(Formula, Formula)
    case quotient(Formula, Formula)
    case negation(Formula)
    case power(Formula, Formula)
    case exponential(Formula)
    case logarithm(Formula)
    case binaryLogarithm(Formula)
    /// `eˣ − 1`, printed as such; evaluated accurately for tiny x.
    case exponentialMinusOne(Formula)
    /// `ln(1 + x)`, printed as such; evaluated accurately for tiny x.
    case logarithmOnePlus(Formula)
    /// `min(a, b)`.
    case minimum(Formula, Formula)
    /// `max(a, b)`.
    case maximum(Formula, Formula)
    /// `then` if `x < y`, else `otherwise`.
    case piecewise(x: Formula, lessThan: Formula, then: Formula, otherwise: Formula)
    /// `[variable = label]`: 1 when the categorical variable takes the category, else 0.
    case indicator(Formula, category: Double)
    /// A sub-expression printed as `symbol`, defined after the formula.
    case namedQuantity(Symbol, Formula)
    /// A categorical variable, printed by its symbol; its indicators print category labels.
    case categorical(Symbol, labels: [String])
}

extension Formula: LawScalar {
    public init(_ constant: Double) { self = .number(constant) }

    public static func + (lhs: Formula, rhs: Formula) -> Formula {
        if case .number(0) = lhs { return rhs }
        if case .number(0) = rhs { return lhs }
        if case .negation(let inner) = rhs { return .difference(lhs, inner) }
        if case .number(let value) = rhs, value < 0 { return .difference(lhs, .number(-value)) }
        return .sum(lhs, rhs)
    }

    public static func - (lhs: Formula, rhs: Formula) -> Formula {
        if case .number(0) = lhs { return -rhs }
        if case .number(0) = rhs { return lhs }
        if case .negation(let inner) = rhs { return .sum(lhs, inner) }
        if case .number(let value) = rhs, value < 0 { return .sum(lhs, .number(-value)) }
        return .difference(lhs, rhs)
    }

    public static func * (lhs: Formula, rhs: Formula) -> Formula {
        if case .number(1) = lhs { return rhs }
        if case .number(1) = rhs { return lhs }
        return .product(lhs, rhs)
    }

    public static func / (lhs: Formula, rhs: Formula) -> Formula {
        if case .number(1) = rhs { return lhs }
        return .quotient(lhs, rhs)
    }

    public static prefix func - (operand: Formula) -> Formula {
        if case .negation(let inner) = operand { return inner }
        if case .number(let value) = operand { return .number(-value) }
        return .negation(operand)
    }

    public static func exp(_ x: Formula) -> Formula { .exponential(x) }
    public static func log(_ x: Formula) -> Formula { .logarithm(x) }
    public static func log2(_ x: Formula) -> Formula { .binaryLogarithm(x) }
    public static func pow(_ x: Formula, _ y: Formula) -> Formula { .power(x, y) }
    public static func expm1(_ x: Formula) -> Formula { .exponentialMinusOne(x) }
    public static func log1p(_ x: Formula) -> Formula { .logarithmOnePlus(x) }
    public static func min(_ x: Formula, _ y: Formula) -> Formula { .minimum(x, y) }
    public static func max(_ x: Formula, _ y: Formula) -> Formula { .maximum(x, y) }
    public static func ifLess(_ x: Formula, than y: Formula, then: Formula, otherwise: Formula) -> Formula {
        .piecewise(x: x, lessThan: y, then: then, otherwise: otherwise)
    }
    public static func indicator(_ x: Formula, equals value: Double) -> Formula { .indicator(x, category: value) }
    public static func named(_ symbol: Symbol, _ value: Formula) -> Formula { .namedQuantity(symbol, value) }
}

// MARK: - Rendering

extension Formula {
    /// The formula as Unicode text, e.g. `E + A/N^α + B/D^β`.
    public var unicode: String { render(.unicode) }

    /// The formula as LaTeX, e.g. `E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}`.
    public var latex: String { render(.latex) }

    enum Style { case unicode, latex }

    func render(_ style: Style) -> String {
        var definitions: [(Symbol, Formula)] = []
        // A formula that is one named quantity as a whole (a law that computes N_eff) prints its
        // definition, not "N_eff  where N_eff = …".
        var root = self
        while case .namedQuantity(_, let body) = root { root = body }
        let main = Renderer(style: style).text(root, definitions: &definitions)
        guard !definitions.isEmpty else { return main }
        var clauses: [String] = []
        var index = 0
        while index < definitions.count {
            let (symbol, body) = definitions[index]
            let name = style == .unicode ? symbol.unicode : symbol.latex
            clauses.append("\(name) = \(Renderer(style: style).text(body, definitions: &definitions))")
            index += 1
        }
        let separator = style == .unicode ? ", " : ",\\ "
        let whereWord = style == .unicode ? "  where " : ",\\quad\\text{where } "
        return main + whereWord + clauses.joined(separator: separator)
    }
}

private struct Renderer {
    let style: Formula.Style

    // Binding strength: larger binds tighter.
    private func precedence(_ f: Formula) -> Int {
        switch f {
        case .sum, .difference, .exponentialMinusOne: return 1
        case .product, .quotient: return 2
        case .negation(.exponentialMinusOne): return 1
        case .negation: return 3
        case .power: return 4
        // A number in scientific notation (4.74e19, 4.74\times 10^{19}) binds like a power, so
        // it is parenthesized as the base or exponent of a power.
        case .number(let value): return value < 0 ? 3 : Formula.isScientific(value) ? 4 : 5
        case .symbol, .exponential, .logarithm, .binaryLogarithm, .indicator, .namedQuantity, .categorical,
             .logarithmOnePlus, .minimum, .maximum, .piecewise: return 5
        }
    }

    func text(_ f: Formula, definitions: inout [(Symbol, Formula)]) -> String {
        func wrap(_ g: Formula, below level: Int) -> String {
            let inner = text(g, definitions: &definitions)
            guard precedence(g) < level else { return inner }
            return style == .unicode ? "(\(inner))" : "\\left(\(inner)\\right)"
        }
        // The right operand of +, − and · keeps its sign in parentheses: a·(−b), not a·−b.
        func wrapSigned(_ g: Formula, below level: Int) -> String {
            switch g {
            case .negation, .number(..<0): return wrap(g, below: 4)
            default: return wrap(g, below: level)
            }
        }
        switch f {
        case .number(let value):
            return Formula.format(value, style)
        case .symbol(let symbol), .categorical(let symbol, _):
            return style == .unicode ? symbol.unicode : symbol.latex
        case .namedQuantity(let symbol, let body):
            if !definitions.contains(where: { $0.0 == symbol }) { definitions.append((symbol, body)) }
            return style == .unicode ? symbol.unicode : symbol.latex
        case .sum(let a, let b):
            return "\(text(a, definitions: &definitions)) + \(wrapSigned(b, below: 2))"
        case .difference(let a, let b):
            return "\(text(a, definitions: &definitions)) \(style == .unicode ? "−" : "-") \(wrapSigned(b, below: 2))"
        case .product(let a, let b):
            let separator = style == .unicode ? "·" : " \\cdot "
            return "\(wrap(a, below: 2))\(separator)\(wrapSigned(b, below: 3))"
        case .quotient(let a, let b):
            if style == .latex {
                return "\\frac{\(text(a, definitions: &definitions))}{\(text(b, definitions: &definitions))}"
            }
            return "\(wrap(a, below: 2))/\(wrap(b, below: 4))"
        case .negation(.exponentialMinusOne(let a)):
            // −(eˣ − 1) is the saturating factor 1 − eˣ.
            return text(.difference(.number(1), .exponential(a)), definitions: &definitions)
        case .negation(let a):
            return "\(style == .unicode ? "−" : "-")\(wrapSigned(a, below: 2))"
        case .power(let base, let exponent):
            if style == .latex {
                return "{\(wrap(base, below: 5))}^{\(text(exponent, definitions: &definitions))}"
            }
            return "\(wrap(base, below: 5))^\(wrap(exponent, below: 5))"
        case .exponential(let a):
            return style == .unicode ? "exp(\(text(a, definitions: &definitions)))"
                : "e^{\(text(a, definitions: &definitions))}"
        case .logarithm(let a):
            return style == .unicode ? "ln(\(text(a, definitions: &definitions)))"
                : "\\ln\\left(\(text(a, definitions: &definitions))\\right)"
        case .binaryLogarithm(let a):
            return style == .unicode ? "log₂(\(text(a, definitions: &definitions)))"
                : "\\log_2\\left(\(text(a, definitions: &definitions))\\right)"
        case .exponentialMinusOne(let a):
            return text(.difference(.exponential(a), .number(1)), definitions: &definitions)
        case .logarithmOnePlus(let a):
            return text(.logarithm(.sum(.number(1), a)), definitions: &definitions)
        case .minimum(let a, let b), .maximum(let a, let b):
            let name: String
            if case .minimum = f { name = style == .unicode ? "min" : "\\min" } else { name = style == .unicode ? "max" : "\\max" }
            let arguments = "\(text(a, definitions: &definitions)), \(text(b, definitions: &definitions))"
            return style == .unicode ? "\(name)(\(arguments))" : "\(name)\\left(\(arguments)\\right)"
        case .piecewise(let x, let y, let then, let otherwise):
            let condition = "\(text(x, definitions: &definitions)) < \(text(y, definitions: &definitions))"
            let chosen = text(then, definitions: &definitions), other = text(otherwise, definitions: &definitions)
            return style == .unicode ? "(\(chosen) if \(condition), else \(other))"
                : "\\begin{cases} \(chosen) & \(condition) \\\\ \(other) & \\text{otherwise} \\end{cases}"
        case .indicator(let variable, let category):
            var label = Formula.format(category, style)
            if case .categorical(_, let labels) = variable, let index = Int(exactly: category),
               labels.indices.contains(index) {
                label = style == .unicode ? labels[index] : "\\mathrm{\(labels[index].latexEscaped)}"
            }
            let name = text(variable, definitions: &definitions)
            return style == .unicode ? "[\(name) = \(label)]" : "[\(name) = \(label)]"
        }
    }
}

extension Formula {
    /// A constant as it prints in a formula: up to 7 significant digits, `e` notation for large or
    /// small magnitudes (`×10^{…}` in LaTeX).
    static func format(_ value: Double, _ style: Style) -> String {
        let text = formatASCII(value, style)
        return style == .unicode ? text.replacingMinus() : text
    }

    /// Whether `value` prints in scientific notation.
    static func isScientific(_ value: Double) -> Bool {
        if value == value.rounded(), abs(value) < 1e7 { return false }
        return !(abs(value) >= 1e-3 && abs(value) < 1e7)
    }

    private static func formatASCII(_ value: Double, _ style: Style) -> String {
        // Printing never traps: a law with a NaN parameter, or a message about an infinite input,
        // still prints.
        if value.isNaN { return "NaN" }
        if value.isInfinite {
            let infinity = style == .unicode ? "∞" : "\\infty"
            return value < 0 ? "-" + infinity : infinity
        }
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        let magnitude = abs(value)
        if !isScientific(value) {
            var text = String(format7(value))
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        let exponent = Int((Double.log(magnitude) / Double.log(10)).rounded(.down))
        // 10^exponent underflows to 0 below 10⁻³⁰⁸ (subnormal values): scale in two steps there.
        var mantissa = exponent < -300 ? value * 1e300 / Double.pow(10, Double(exponent + 300))
            : value / Double.pow(10, Double(exponent))
        var adjustedExponent = exponent
        // The logarithm can be off by one near a power of ten.
        if abs(mantissa) >= 10 { mantissa /= 10; adjustedExponent += 1 }
        if abs(mantissa) < 1 { mantissa *= 10; adjustedExponent -= 1 }
        var digits = format7(mantissa)
        if digits.contains(".") {
            while digits.hasSuffix("0") { digits.removeLast() }
            if digits.hasSuffix(".") { digits.removeLast() }
        }
        // Rounding to 7 digits can carry into a new leading digit (9.99999999 → 10): the mantissa
        // stays in [1, 10), so 0.000999999999 prints as 1e−3, not 10e−4.
        if digits == "10" || digits == "-10" {
            digits = value < 0 ? "-1" : "1"
            adjustedExponent += 1
        }
        return style == .unicode ? "\(digits)e\(adjustedExponent)" : "\(digits)\\times 10^{\(adjustedExponent)}"
    }

    /// Seven significant digits without Foundation's `String(format:)`, for 1e-3 ≤ |value| < 1e7.
    private static func format7(_ value: Double) -> String {
        let magnitude = abs(value)
        // The position of the leading digit: 1 for 1.x, 0 for 0.1x, −2 for 0.001x. Leading zeros
        // after the point are not significant, so 0.33917084 keeps 7 digits: 0.3391708.
        let leadingDigit = Int((Double.log(magnitude) / Double.log(10)).rounded(.down)) + 1
        let decimals = Swift.max(0, 7 - leadingDigit)
        let scale = Double.pow(10, Double(decimals))
        let scaled = (magnitude * scale).rounded()
        var whole = String(Int(scaled / scale))
        var fraction = ""
        if decimals > 0 {
            let remainder = Int(scaled.truncatingRemainder(dividingBy: scale))
            fraction = String(remainder)
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        if value < 0 { whole = "-" + whole }
        return decimals > 0 ? "\(whole).\(fraction)" : whole
    }
}

extension String {
    fileprivate func replacingMinus() -> String {
        String(map { $0 == "-" ? "−" : $0 })
    }
}
