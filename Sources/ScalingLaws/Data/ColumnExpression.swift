#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Arithmetic over the numeric columns of a CSV row, e.g. `Training FLOP` divided by 6 times `Model Size`
/// (written with the column names in backticks):
/// how a derived column (Chinchilla's D = FLOP/(6N)) is given as text, say on a command line.
///
/// Grammar: numbers (`6`, `1e-3`), column names (a bare identifier of letters, digits, `_` and
/// `.`, or any name in backticks or square brackets), `+ − * /`, `^` (right-associative power),
/// unary minus, parentheses, and the functions `ln`/`log` (natural), `log2`, `log10`, `exp`, `sqrt`.
public struct ColumnExpression: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    let root: Node

    indirect enum Node: Sendable {
        case number(Double)
        case column(String)
        case negate(Node)
        /// `first op₁ x₁ op₂ x₂ …`, evaluated left to right, with `op` all `+`/`−` or all `*`/`/`.
        /// Kept flat rather than as nested binary nodes, so that a sum of thousands of terms costs
        /// no stack depth to evaluate, visit or free: the stack grows only with the nesting, which
        /// ``maximumDepth`` bounds.
        case chain(Node, [(Character, Node)])
        case power(Node, Node)
        case function(String, Node)
    }

    /// Parses `text`; throws ``CSVError/invalidMapping(_:)`` saying where it fails to parse.
    public init(_ text: String) throws(CSVError) {
        // Parsing and evaluating recurse over the expression: bound its size and nesting so that
        // no input can exhaust the stack.
        guard text.count <= ColumnExpression.maximumLength else {
            throw .invalidMapping("expression of \(text.count) characters: at most \(ColumnExpression.maximumLength) are allowed")
        }
        var parser = Parser(characters: Array(text), text: text)
        let root = try parser.expression()
        parser.skipSpaces()
        if parser.position < parser.characters.count {
            throw parser.failure("unexpected '\(parser.characters[parser.position])'")
        }
        self.text = text
        self.root = root
    }

    public var description: String { text }

    /// The longest expression accepted, in characters.
    public static let maximumLength = 10_000
    /// The deepest nesting of parentheses, signs and powers accepted.
    public static let maximumDepth = 200

    /// The column names the expression reads.
    public var columns: [String] {
        var names: [String] = []
        func visit(_ node: Node) {
            switch node {
            case .number: break
            case .column(let name): if !names.contains(name) { names.append(name) }
            case .negate(let inner), .function(_, let inner): visit(inner)
            case .chain(let first, let rest): visit(first); for (_, operand) in rest { visit(operand) }
            case .power(let base, let exponent): visit(base); visit(exponent)
            }
        }
        visit(root)
        return names
    }

    /// The expression's value on `row`. Throws when a column is missing or not numeric, or the
    /// result is NaN or ±∞ (the error names the row's line and the expression).
    public func value(in row: CSVRow) throws(CSVError) -> Double {
        let result = try evaluate { name throws(CSVError) in try row.number(name) }
        guard result.isFinite else {
            throw .invalidValue(file: row.file, line: row.line, column: text, value: result,
                                requirement: "a finite number (check for division by zero or ln of a non-positive value)")
        }
        return result
    }

    /// The expression's value with each column's number given by `column`, not checked for finiteness.
    func evaluate(_ column: (String) throws(CSVError) -> Double) throws(CSVError) -> Double {
        try evaluate(root, column)
    }

    private func evaluate(_ node: Node, _ column: (String) throws(CSVError) -> Double) throws(CSVError) -> Double {
        switch node {
        case .number(let value): return value
        case .column(let name): return try column(name)
        case .negate(let inner): return -(try evaluate(inner, column))
        case .chain(let first, let rest):
            var result = try evaluate(first, column)
            for (op, operand) in rest {
                let b = try evaluate(operand, column)
                switch op {
                case "+": result += b
                case "-": result -= b
                case "*": result *= b
                default: result /= b
                }
            }
            return result
        case .power(let base, let exponent):
            return pow(try evaluate(base, column), try evaluate(exponent, column))
        case .function(let name, let inner):
            let x = try evaluate(inner, column)
            switch name {
            case "ln", "log": return log(x)
            case "log2": return log2(x)
            case "log10": return log10(x)
            case "exp": return exp(x)
            default: return x.squareRoot()
            }
        }
    }

    struct Parser {
        let characters: [Character]
        let text: String
        var position = 0
        var depth = 0

        static let functions: Set<String> = ["ln", "log", "log2", "log10", "exp", "sqrt"]

        func failure(_ message: String) -> CSVError {
            .invalidMapping("expression '\(text)' at character \(position + 1): \(message)")
        }

        mutating func skipSpaces() {
            while position < characters.count, characters[position].isWhitespace { position += 1 }
        }

        mutating func peek() -> Character? {
            skipSpaces()
            return position < characters.count ? characters[position] : nil
        }

        mutating func expression() throws(CSVError) -> Node {
            let first = try term()
            var rest: [(Character, Node)] = []
            while let op = peek(), op == "+" || op == "-" {
                position += 1
                rest.append((op, try term()))
            }
            return rest.isEmpty ? first : .chain(first, rest)
        }

        mutating func term() throws(CSVError) -> Node {
            let first = try unary()
            var rest: [(Character, Node)] = []
            while let op = peek(), op == "*" || op == "/" {
                position += 1
                rest.append((op, try unary()))
            }
            return rest.isEmpty ? first : .chain(first, rest)
        }

        /// Unary minus binds looser than `^`, as in mathematics: `-x^2 = -(x^2)`.
        mutating func unary() throws(CSVError) -> Node {
            depth += 1
            defer { depth -= 1 }
            guard depth <= ColumnExpression.maximumDepth else {
                throw failure("nested deeper than \(ColumnExpression.maximumDepth) levels")
            }
            if peek() == "-" {
                position += 1
                return .negate(try unary())
            }
            if peek() == "+" {
                position += 1
                return try unary()
            }
            return try power()
        }

        /// `^` is right-associative and its exponent may carry a sign: `2^3^2 = 2^9`, `2^-1 = 0.5`.
        mutating func power() throws(CSVError) -> Node {
            let base = try primary()
            if peek() == "^" {
                position += 1
                return .power(base, try unary())
            }
            return base
        }

        mutating func primary() throws(CSVError) -> Node {
            guard let next = peek() else { throw failure("expected a number, a column or '('") }
            if next == "(" {
                position += 1
                let inner = try expression()
                guard peek() == ")" else { throw failure("expected ')'") }
                position += 1
                return inner
            }
            if next == "`" || next == "[" {
                let close: Character = next == "`" ? "`" : "]"
                position += 1
                let start = position
                while position < characters.count, characters[position] != close { position += 1 }
                guard position < characters.count else { throw failure("column name is not closed with \(close)") }
                let name = String(characters[start..<position])
                position += 1
                return .column(name)
            }
            if next.isNumber || next == "." {
                let start = position
                while position < characters.count,
                      characters[position].isNumber || characters[position] == "." { position += 1 }
                if position < characters.count, characters[position] == "e" || characters[position] == "E" {
                    var lookahead = position + 1
                    if lookahead < characters.count, characters[lookahead] == "+" || characters[lookahead] == "-" {
                        lookahead += 1
                    }
                    if lookahead < characters.count, characters[lookahead].isNumber {
                        position = lookahead
                        while position < characters.count, characters[position].isNumber { position += 1 }
                    }
                }
                let literal = String(characters[start..<position])
                guard let value = Double(literal) else { throw failure("'\(literal)' is not a number") }
                return .number(value)
            }
            if next.isLetter || next == "_" {
                let start = position
                while position < characters.count,
                      characters[position].isLetter || characters[position].isNumber
                        || characters[position] == "_" || characters[position] == "." { position += 1 }
                let name = String(characters[start..<position])
                if Parser.functions.contains(name), peek() == "(" {
                    position += 1
                    let argument = try expression()
                    guard peek() == ")" else { throw failure("expected ')' after the argument of \(name)") }
                    position += 1
                    return .function(name, argument)
                }
                return .column(name)
            }
            throw failure("unexpected '\(next)'")
        }
    }
}
