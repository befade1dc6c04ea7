import Foundation
import Testing
@testable import ScalingLaws

/// The byte-level route of `Observations(contentsOfCSV:)` against the row-by-row route (`CSVTable`
/// rows): the same values to the bit on files with quotes, CRLF, CR, blank lines, a BOM and awkward
/// numbers, and the same errors on bad files. Decimal parsing is checked against the bit patterns
/// Python's correctly rounded `float()` gives (`Tests/Reference/decimal_reference.py`).
@Suite struct CSVFastPathTests {
    /// (text, bits of the nearest double) from `Tests/Reference/decimal_reference.py`.
    static let awkward: [(String, UInt64)] = [
        ("0.1", 0x3FB999999999999A), ("0.30000000000000004", 0x3FD3333333333334),
        ("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFF), ("1e308", 0x7FE1CCF385EBC8A0),
        ("1e-320", 0x00000000000007E8), ("4.9e-324", 0x0000000000000001),
        ("2.2250738585072014e-308", 0x0010000000000000), ("2.2250738585072011e-308", 0x000FFFFFFFFFFFFF),
        (".5", 0x3FE0000000000000), ("5.", 0x4014000000000000), ("-0", 0x8000000000000000),
        ("-0.0e10", 0x8000000000000000), ("1E+05", 0x40F86A0000000000), ("+3.25", 0x400A000000000000),
        ("9007199254740993", 0x4340000000000000), ("9007199254740995", 0x4340000000000002),
        ("123456789012345678", 0x437B69B4BA630F35), ("1234567890123456789", 0x43B12210F47DE981),
        ("12345678901234567890", 0x43E56A95319D63E1),
        ("0.000000000000000000000000000123456789", 0x3A239000986AC1FD),
        ("7.0e22", 0x44ADA56A4B0835C0), ("1e23", 0x44B52D02C7E14AF6),
        ("8.98846567431158e307", 0x7FE0000000000000), ("2.4703282292062328e-324", 0x0000000000000001),
        ("5e-324", 0x0000000000000001),
        ("1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000),
        ("4.35679719e-5", 0x3F06D7981D9F106A), ("89255e-22", 0x3C6494AF6CE5221F),
        ("3.328951705999247", 0x400AA1B16E99D765), ("51968389.07556927", 0x4188C7CC289AC410),
        ("9758942245.890762", 0x42022D6D212F2048), ("1e400", 0x7FF0000000000000),
        ("1e-400", 0x0000000000000000), ("0e999", 0x0000000000000000), ("-1.5E-3", 0xBF589374BC6A7EFA),
    ]

    func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, count: $0.count) }
    }

    /// The value a cell's text gets: the fast parser, or `Double(_:)` for what it leaves undecided.
    func cellValue(_ text: String) -> Double? { parse(text) ?? CSVRow.decimalValue(text) }

    @Test func awkwardNumbersAreCorrectlyRounded() {
        let probe = HostileProbe(.extremeNumeric)
        for (text, bits) in Self.awkward {
            let value = cellValue(text)
            probe.noteCase()
            #expect(value?.bitPattern == bits, "\(text)")
            // What the fast parser decides itself, it decides like Double(_:).
            if let value = parse(text) { #expect(value.bitPattern == bits, "\(text)") }
        }
        // The common cells are decided without Double(_:); the hard ones are handed over.
        for text in ["3.328951705999247", "51968389.07556927", "9758942245.890762", "1E+05", ".5", "5.", "-0", "1e308"] {
            #expect(parse(text) != nil, "\(text)")
        }
        for text in ["1e-320", "12345678901234567890", "1e400", "4.9e-324"] { #expect(parse(text) == nil, "\(text)") }
    }

    @Test func textOutsideTheGrammarIsLeftToDoubleInit() {
        for text in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "--1", "1-", "0x10", "inf", "nan", " 1", "1 ", "1,5", "١"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    /// Random decimals of 1 … 19 digits, any point position and exponents over the whole range:
    /// whenever the fast parser answers, it answers exactly as `Double(_:)`.
    @Test func randomDecimalsAgreeWithDoubleInit() {
        var generator = SplitMix64(state: 2026)
        let probe = HostileProbe(.property)
        var decided = 0
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...19, using: &generator)
            var text = String((0..<digits).map { _ in "0123456789".randomElement(using: &generator)! })
            let point = Int.random(in: 0...digits, using: &generator)
            if Bool.random(using: &generator) { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -345...330, using: &generator))" }
            if Bool.random(using: &generator) { text = "-" + text }
            guard let expected = Double(text) else { continue }
            probe.noteCase()
            if let value = parse(text) {
                decided += 1
                #expect(value.bitPattern == expected.bitPattern, "\(text)")
            }
        }
        #expect(decided > 15_000)
    }

    @Test func powersOfTenTableMatchesExactArithmetic() {
        // (q, high, low) from Tests/Reference/decimal_reference.py.
        let reference: [(Int, UInt64, UInt64)] = [
            (-348, 0xFA8FD5A0081C0288, 0x1732C869CD60E453), (-300, 0xAB70FE17C79AC6CA, 0x6DBD630A48AAF406),
            (-100, 0xDFF9772470297EBD, 0x59787E2B93BC56F7), (-23, 0xC16D9A0095928A27, 0x75B7053C0F178293),
            (-22, 0xF1C90080BAF72CB1, 0x5324C68B12DD6338), (-1, 0xCCCCCCCCCCCCCCCC, 0xCCCCCCCCCCCCCCCC),
            (0, 0x8000000000000000, 0), (1, 0xA000000000000000, 0), (22, 0x878678326EAC9000, 0),
            (23, 0xA968163F0A57B400, 0), (27, 0xCECB8F27F4200F3A, 0), (28, 0x813F3978F8940984, 0x4000000000000000),
            (100, 0x924D692CA61BE758, 0x593C2626705F9C56), (300, 0xBF21E44003ACDD2C, 0xE0470A63E6BD56C3),
            (347, 0xD13EB46469447567, 0x4B7195F2D2D1A9FB),
        ]
        for (q, high, low) in reference {
            let slot = (q - PowersOfTen.range.lowerBound) * 2
            #expect(PowersOfTen.table[slot] == high && PowersOfTen.table[slot + 1] == low, "10^\(q)")
        }
    }
}

/// Whole files through both routes of `Observations(contentsOfCSV:)`.
@Suite struct CSVFastRouteTests {
    static let format = Variable.compressionFormat(["fp8", "int4"])
    static let columns: [Variable: ColumnSource] = [
        .N: .column("N"), .D: try! .expression("[D, tokens] * 1"), format: .category("kind"),
    ]

    /// Writes `bytes` to a fresh temporary file and returns its path.
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The byte-level route's data set (nil when it hands over) and the row-by-row route's outcome.
    func routes(
        _ path: String, columns: [Variable: ColumnSource] = columns, target: ColumnSource = .column("loss"),
        weights: ColumnSource? = nil
    ) -> (fast: Observations?, slow: Result<Observations, CSVError>) {
        let sorted = columns.sorted { $0.key.id < $1.key.id }.map { ($0.key, $0.value) }
        let fast = CSVColumnReader.observations(path: path, columns: sorted, target: target, weights: weights)
        let slow = Result { () throws(CSVError) in
            try Observations(try CSVTable(contentsOfFile: path), columns: columns, target: target, weights: weights)
        }
        return (fast, slow)
    }

    /// What the one-pass error search finds in the file.
    func firstError(
        _ path: String, columns: [Variable: ColumnSource] = columns, weights: ColumnSource? = nil
    ) -> CSVError? {
        CSVColumnReader.firstError(path: path, columns: columns.sorted { $0.key.id < $1.key.id }.map { ($0.key, $0.value) },
                                   target: .column("loss"), weights: weights)
    }

    func bits(_ values: [Double]?) -> [UInt64]? { values?.map(\.bitPattern) }

    func expectIdentical(_ fast: Observations, _ slow: Observations) {
        #expect(fast.variables == slow.variables)
        for variable in slow.variables { #expect(bits(fast.column(variable)) == bits(slow.column(variable)), "\(variable.id)") }
        #expect(bits(fast.targets) == bits(slow.targets))
        #expect(bits(fast.weights) == bits(slow.weights))
    }

    static let positives = [
        "1e9", "3.328951705999247", ".5", "5.", "1E+05", "123456789012345678", "12345678901234567890", "1e-320",
        "7.0e22", "+3.25", "0.1", "9007199254740993", "51968389.07556927", "2.2250738585072011e-308", "1e308",
    ]

    /// A seeded file exercising every field rule: quoted names with quotes, commas and line breaks,
    /// numbers quoted or padded with spaces and tabs, LF/CRLF/CR line ends, blank lines, a BOM.
    func generatedFile(seed: UInt64, rows: Int, corruptions: Int = 0) -> [UInt8] {
        var generator = SplitMix64(state: seed)
        func pick(_ options: [String]) -> String { options.randomElement(using: &generator)! }
        func number(_ options: [String]) -> String {
            let text = pick(options)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return "\"\(text)\""
            case 1: return " \(text)\t"
            default: return text
            }
        }
        var header = ["name", "N", "\"D, tokens\"", "loss", "kind", "flop"]
        var table: [[String]] = (0..<rows).map { _ in
            let name = pick(["plain", "\"a \"\"quoted\"\" one\"", "\"two\nlines\"", "\"comma, inside\"", "", "é"])
            let loss = number(Self.positives + ["-0", "-1.5E-3", "0"])
            return [name, number(Self.positives), number(Self.positives), loss,
                    pick([" int4 ", "fp8", "\"int4\""]), number(Self.positives)]
        }
        var tail = ""
        for _ in 0..<corruptions {
            let row = Int.random(in: 0..<rows, using: &generator), column = Int.random(in: 0..<6, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: table[row].removeLast()
            case 1: table[row].append("1")
            case 2: header[column] = header[(column + 1) % 6]
            case 3: tail = "\n\"open,1"
            case 4: table[row][column] = pick(["bf16", "\"int4\"x"])
            default: table[row][column] = pick(["lots", "", "nan", "-5", "1e999", "0x10", "inf", "0", "1e-400", "\"\""])
            }
        }
        var text = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        for (index, cells) in table.enumerated() {
            text += cells.joined(separator: ",")
            if index < rows - 1 || Bool.random(using: &generator) { text += pick(["\n", "\r\n", "\r"]) }
            if Int.random(in: 0..<5, using: &generator) == 0 { text += pick(["\n", "\r\n"]) }
        }
        return Array((text + tail).utf8)
    }

    /// Files with one to three random faults (bad cells, ragged rows, a repeated header name, an
    /// unclosed quote): the call throws exactly the row-by-row route's error, file, line and column.
    @Test func corruptedFilesReportTheRowByRowError() throws {
        let probe = HostileProbe(.badCSV)
        var failures = 0
        for seed in 100...160 as ClosedRange<UInt64> {
            let path = try file(generatedFile(seed: seed, rows: 12, corruptions: 1 + Int(seed % 3)))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let read = Result { () throws(CSVError) in
                try Observations(contentsOfCSV: path, columns: Self.columns, target: .column("loss"), weights: .column("flop"))
            }
            probe.note(read)
            switch (read, routes(path, weights: .column("flop")).slow) {
            case (.success(let data), .success(let expected)): expectIdentical(data, expected)
            case (.failure(let error), .failure(let expected)):
                #expect(error == expected, "seed \(seed)")
                // Found by the one-pass search, not by falling back to a CSVTable.
                #expect(firstError(path, weights: .column("flop")) == expected, "seed \(seed)")
                failures += 1
            default: Issue.record("seed \(seed): the routes disagree")
            }
        }
        #expect(failures > 40)
    }

    @Test func generatedFilesReadTheSameByBothRoutes() throws {
        for seed in 1...12 as ClosedRange<UInt64> {
            let path = try file(generatedFile(seed: seed, rows: 40))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let (fast, slow) = routes(path, weights: .column("flop"))
            let expected = try slow.get()
            let decoded = try #require(fast, "seed \(seed): the byte-level route handed over")
            expectIdentical(decoded, expected)
            expectIdentical(try Observations(contentsOfCSV: path, columns: Self.columns, target: .column("loss"),
                                             weights: .column("flop")), expected)
        }
    }

    /// Large quote-free files are parsed in one piece per core, cut after line feeds (4 MB and up by
    /// default; 1 KB here): the same values, bit for bit, as one piece; a fault in a later piece
    /// still hands over to the row-by-row route; a quote anywhere keeps the file in one piece.
    @Test func piecesPerCoreReadTheSameAsOnePiece() throws {
        var generator = SplitMix64(state: 5)
        var text = "N,D,loss,kind\r\n"
        for row in 0..<3_000 {
            let n = Double(generator.next() % 1_000_000) * 1e3 + 1, d = Double(generator.next() % 1_000_000) * 1e6 + 1
            text += "\(n),\(d),\(2 + Double(generator.next() % 1000) / 1000),\(row % 2 == 0 ? "int4" : "fp8")"
            text += row % 7 == 0 ? "\r\n" : "\n"
            if row % 97 == 0 { text += "\n" }
        }
        let sources: [ColumnSource] = [.column("N"), try .expression("D / 2"), .category("kind"), .column("loss")]
        let variables: [Variable] = [.N, .D, Self.format]
        func read(_ text: String, splitAbove: Int) -> [[Double]]? {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer {
                CSVColumnReader.read($0.baseAddress!, count: $0.count, sources: sources, variables: variables, splitAbove: splitAbove)
            }
        }
        var bytes = Array(text.utf8)
        let start = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        let ranges = bytes.withUnsafeMutableBufferPointer {
            CSVColumnReader.recordRanges($0.baseAddress!, from: start, to: $0.count, splitAbove: 1024)
        }
        #expect(ranges.count == ParallelWork.processorCount)
        #expect(ranges.first?.lowerBound == start && ranges.last?.upperBound == bytes.count)
        for (left, right) in zip(ranges, ranges.dropFirst()) {
            #expect(left.upperBound == right.lowerBound && bytes[left.upperBound - 1] == UInt8(ascii: "\n"))
        }
        let whole = try #require(read(text, splitAbove: .max))
        let pieces = try #require(read(text, splitAbove: 1024))
        #expect(whole[0].count == 3_000)
        #expect(whole.map { $0.map(\.bitPattern) } == pieces.map { $0.map(\.bitPattern) })
        // A ragged row near the end, in the last piece: the fast route hands over.
        #expect(read(text + "1,2\n", splitAbove: 1024) == nil)
        // A quoted field: one piece, the same values.
        let quoted = text.replacingOccurrences(of: "int4", with: "\"int4\"")
        bytes = Array(quoted.utf8)
        #expect(bytes.withUnsafeMutableBufferPointer {
            CSVColumnReader.recordRanges($0.baseAddress!, from: start, to: $0.count, splitAbove: 1024)
        }.count == 1)
        #expect(read(quoted, splitAbove: 1024).map { $0.map { $0.map(\.bitPattern) } } == whole.map { $0.map(\.bitPattern) })
    }

    static let bad: [[UInt8]] = [
        "N,D,loss\n1e9,1e11\n", "N,D,loss\n1e9,1e11,2.5,7\n", "N,D,loss\n1e9,1e11,2.5\n\"\"\n",
        "N,D,loss\n1e9,\"1e11,2.5\n", "N,D,loss\n1e9,lots,2.5\n", "N,D,loss\n1e9,,2.5\n",
        "N,D,loss\n1e9,1e11,nan\n", "N,D,loss\ninf,1e11,2.5\n", "N,D,loss\n0x10,1e11,2.5\n",
        "N,D,loss\n1_000,1e11,2.5\n", "N,D,loss\n1e9,1e999,2.5\n", "N,D,loss\n1e9 1,1e11,2.5\n",
        "N,D,loss\n-5,1e11,2.5\n", "N,D,loss\n1e-400,1e11,2.5\n", "N,D,loss\n1e9,1e11,\"2.5\"x\n",
        "N,D,loss\n１,1e11,2.5\n", "N,N,loss\n1,2,3\n", "N,loss\n1,2\n", "N,D,loss\n", "N,D,loss\n\n\r\n",
        "", "\u{FEFF}", "\n\r\n", "N,D,loss\n1e9,1e11,2\u{0}5\n", "N,D,loss\r1e9,1e11,-1e999",
    ].map { Array($0.utf8) } + [
        Array("N,D,label\n1,".utf8) + [0xE9] + Array("t\n".utf8),
        [0xFF, 0xFE] + Array("N,D,loss\n1,2,3\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
    ]

    /// Bad files: the byte-level route hands over and the call reports the row-by-row route's error.
    @Test func badFilesReportTheRowByRowError() throws {
        let probe = HostileProbe(.badCSV)
        let mapping: [Variable: ColumnSource] = [.N: .column("N"), .D: .column("D")]
        for bytes in Self.bad {
            let path = try file(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let shown = String(decoding: bytes, as: UTF8.self).debugDescription
            let (fast, slow) = routes(path, columns: mapping)
            #expect(fast == nil, "\(shown)")
            guard case .failure(let expected) = slow else {
                Issue.record("the row-by-row route accepts \(shown)")
                continue
            }
            #expect(throws: expected, "\(shown)") {
                try probe.call { try Observations(contentsOfCSV: path, columns: mapping, target: .column("loss")) }
            }
            #expect(firstError(path, columns: mapping) == expected, "\(shown)")
        }
    }

    /// Random text from the pieces that matter to the field rules (quotes, commas, CR, LF, spaces,
    /// parts of numbers): both routes accept the same files with the same values, or throw the same
    /// error.
    @Test func randomTextReadsTheSameByBothRoutes() throws {
        let probe = HostileProbe(.badCSV)
        var generator = SplitMix64(state: 4180)
        let pieces = ["1", "2.5", "e", "-", "7", ".", ",", ",", "\n", "\n", "\r", "\r\n", "\"", "\"\"", " ", "\t", "x", "0", "1e3"]
        let mapping: [Variable: ColumnSource] = [.N: .column("a")]
        var accepted = 0
        let cells = ["1", "2.5", "\"3\"", " 4 ", "\"5\"\"\"", "6e1", ".7", "8.", "\"9\n\"", "x", ""]
        let ends = ["\n", "\r\n", "\r", "\n\n", ""]
        for _ in 0..<240 {
            // Rows of two cells, with a piece of noise now and then.
            let body = (0..<Int.random(in: 0..<6, using: &generator)).map { _ in
                let noise = Int.random(in: 0..<5, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : ""
                return cells.randomElement(using: &generator)! + "," + cells.randomElement(using: &generator)! + noise
                    + ends.randomElement(using: &generator)!
            }
            let head = ["a,b\n", "\"a\",b\r\n", "\u{FEFF}a,b\r", "\n\na,b\n", "a,\"b\n\"\n"].randomElement(using: &generator)!
            let text = head + body.joined()
            let path = try file(Array(text.utf8))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let read = Result { () throws(CSVError) in
                try Observations(contentsOfCSV: path, columns: mapping, target: .column("b"))
            }
            probe.note(read)
            switch (read, routes(path, columns: mapping, target: .column("b")).slow) {
            case (.success(let data), .success(let expected)):
                expectIdentical(data, expected)
                accepted += 1
            case (.failure(let error), .failure(let expected)): #expect(error == expected, "\(text.debugDescription)")
            default: Issue.record("the routes disagree on \(text.debugDescription)")
            }
        }
        #expect(accepted > 15)
    }

    /// The offset of a NUL byte counts from the start of the file, byte-order mark included, and
    /// text that is not ASCII is still validated as UTF-8.
    @Test func encodingChecksCountFromTheFileStart() throws {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.unreadableFile(file: "n.csv", reason: "a NUL byte at offset 6: the file is binary or UTF-16, not UTF-8 text")) {
            try probe.call { try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array("N\n1\u{0}\n".utf8), file: "n.csv") }
        }
        #expect(try CSVTable(bytes: Array("N,label\n1,é\n".utf8), file: "u.csv").rows[0]["label"] == "é")
        #expect(throws: CSVError.unreadableFile(file: "u.csv", reason: "the file is not valid UTF-8 text; save it as UTF-8")) {
            try probe.call { try CSVTable(bytes: Array("N,label\n1,".utf8) + [0xC3, 0x28, 0x0A], file: "u.csv") }
        }
    }

    /// Mappings the byte-level route gives up on: closures of the row, categories that do not apply,
    /// weights that are negative or all zero, a non-finite expression.
    @Test func mappingsItHandsOverGiveTheRowByRowOutcome() throws {
        let path = try file(Array("N,D,loss,kind,w\n1e9,1e11,2.5,fp8,0\n2e9,0,2.4,bf16,-1\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let probe = HostileProbe(.badCSV)
        let mappings: [([Variable: ColumnSource], ColumnSource?)] = [
            ([.N: .column("N"), .D: .derived("D") { row throws(CSVError) in try row.number("D") + 1 }], nil),
            ([.N: .category("kind")], nil),
            ([Self.format: .category("kind")], nil),
            ([.N: .column("N")], .column("w")),
            ([.N: .column("N")], .constant(0)),
            ([.N: .column("N"), .D: try .expression("N / D")], nil),
        ]
        for (columns, weights) in mappings {
            let (fast, slow) = routes(path, columns: columns, weights: weights)
            #expect(fast == nil)
            let read = Result { () throws(CSVError) in
                try Observations(contentsOfCSV: path, columns: columns, target: .column("loss"), weights: weights)
            }
            probe.note(read)
            switch (read, slow) {
            case (.success(let data), .success(let expected)): expectIdentical(data, expected)
            case (.failure(let error), .failure(let expected)): #expect(error == expected)
            default: Issue.record("the two routes disagree: \(read) against \(slow)")
            }
        }
    }
}
