import ExampleSupport
import Testing

/// The examples' shared option parser: values reach their options, and unknown options, missing
/// values and malformed numbers are rejected with a message naming them.
@MainActor
@Suite struct OptionParserTests {
    final class Box: @unchecked Sendable {
        var json = false
        var sizes: [Double] = []
        var count = 0
    }

    func parser(_ box: Box) -> OptionParser {
        var parser = OptionParser(usage: "Example [--json] [--N LIST] [--count K]", summary: "An example.")
        parser.flag("--json", help: "JSON") { box.json = true }
        parser.option("--N", value: "LIST", help: "sizes") { text throws(OptionParser.Failure) in
            box.sizes = try OptionParser.positives(text, "--N")
        }
        parser.option("--count", value: "K", help: "a count") { text throws(OptionParser.Failure) in
            box.count = try OptionParser.integer(text, "--count", in: 1...100)
        }
        return parser
    }

    @Test func valuesReachTheirOptions() throws {
        let box = Box()
        try parser(box).parseOrThrow(["--json", "--N", "7e9,70e9", "--count", "3"])
        #expect(box.json && box.sizes == [7e9, 70e9] && box.count == 3)
        #expect(parser(box).helpText.contains("--N LIST"))
    }

    @Test(arguments: [
        (["--bogus"], "unknown option '--bogus' (try --help)"),
        (["--N"], "--N needs a value LIST"),
        (["--N", "abc"], "--N needs a finite number, got 'abc'"),
        (["--N", "nan"], "--N needs a finite number, got 'nan'"),
        (["--N", "0x10"], "--N needs a finite number, got '0x10'"),
        (["--N", "-5"], "--N needs a number > 0, got '-5'"),
        (["--N", "7e9,"], "--N needs a finite number, got ''"),
        (["--count", "9223372036854775807"], "--count needs an integer in 1...100, got '9223372036854775807'"),
    ])
    func badArgumentsAreNamed(_ arguments: [String], _ message: String) {
        let probe = HostileProbe(.apiCall)
        do {
            try probe.call { () throws(OptionParser.Failure) in try parser(Box()).parseOrThrow(arguments) }
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(error.message == message)
        }
    }
}
