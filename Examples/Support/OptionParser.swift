import Foundation

/// The command-line options of the examples, declared once each: `--help` prints the usage and exits
/// with status 0; an unknown option, a missing value or a malformed one prints a one-line message
/// naming the option and the value and exits with status 2.
///
/// ```swift
/// var parser = OptionParser(usage: "CompareLaws [--json] [--N PARAMETERS]", summary: "…")
/// var json = false
/// parser.flag("--json", help: "print JSON") { json = true }
/// parser.option("--N", value: "PARAMETERS", help: "parameter count") { n = try OptionParser.positive($0, "--N") }
/// parser.parse()
/// ```
@MainActor
public struct OptionParser {
    /// A malformed value: the message names the option and the value.
    public struct Failure: Error {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    private struct Entry {
        let name: String
        let value: String?
        let help: String
        let action: (String) throws(Failure) -> Void
    }

    private let usage: String
    private let summary: String
    private var entries: [Entry] = []

    /// A parser printing `usage` (one line) and `summary` for `--help`.
    public init(usage: String, summary: String) {
        self.usage = usage
        self.summary = summary
    }

    /// An option without a value.
    public mutating func flag(_ name: String, help: String, _ action: @escaping () -> Void) {
        entries.append(Entry(name: name, value: nil, help: help, action: { (_: String) throws(Failure) in action() }))
    }

    /// An option followed by a value, handed to `action` (which throws ``Failure`` to reject it).
    public mutating func option(
        _ name: String, value: String, help: String, _ action: @escaping (String) throws(Failure) -> Void
    ) {
        entries.append(Entry(name: name, value: value, help: help, action: action))
    }

    /// The help text.
    public var helpText: String {
        var lines = ["usage: \(usage)", "", summary, "", "options:"]
        for entry in entries {
            let head = entry.value.map { "\(entry.name) \($0)" } ?? entry.name
            lines.append("  " + head.padding(toLength: Swift.max(24, head.count + 2), withPad: " ", startingAt: 0) + entry.help)
        }
        lines.append("  --help                  print this help")
        return lines.joined(separator: "\n")
    }

    /// Parses `arguments` (without the program name); exits on `--help` (0) and on errors (2).
    public func parse(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        do throws(Failure) { try parseOrThrow(arguments) } catch { OptionParser.fail(error.message) }
    }

    /// Parses `arguments`, throwing instead of exiting (for tests); `--help` throws a failure
    /// whose message is the help text.
    public func parseOrThrow(_ arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                print(helpText)
                exit(0)
            }
            guard let entry = entries.first(where: { $0.name == argument }) else {
                throw Failure("unknown option '\(argument)' (try --help)")
            }
            if let value = entry.value {
                guard let text = remaining.popFirst() else { throw Failure("\(argument) needs a value \(value)") }
                try entry.action(text)
            } else {
                try entry.action("")
            }
        }
    }

    /// Prints `message` to standard error and exits with status 2.
    public nonisolated static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }

    // MARK: Values

    /// A finite number (`7e9`, `70e9`, `0.5`).
    public nonisolated static func number(_ text: String, _ option: String) throws(Failure) -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite,
              text.range(of: "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$", options: .regularExpression) != nil
        else { throw Failure("\(option) needs a finite number, got '\(text)'") }
        return value
    }

    /// A finite number > 0.
    public nonisolated static func positive(_ text: String, _ option: String) throws(Failure) -> Double {
        let value = try number(text, option)
        guard value > 0 else { throw Failure("\(option) needs a number > 0, got '\(text)'") }
        return value
    }

    /// A comma-separated list of finite numbers > 0 (`7e9,70e9`).
    public nonisolated static func positives(_ text: String, _ option: String) throws(Failure) -> [Double] {
        var values: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) { values.append(try positive(String(part), option)) }
        return values
    }

    /// An integer in `range`.
    public nonisolated static func integer(_ text: String, _ option: String, in range: ClosedRange<Int>) throws(Failure) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw Failure("\(option) needs an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }
}
