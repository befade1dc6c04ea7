import Foundation
import Testing
@testable import ScalingLaws

/// Inputs that used to trap, allocate without bound or pass silently: each now gets a typed error.
@Suite struct HostileInputTests {
    static let data = try! Observations([.N: [1e8, 1e9, 1e10, 3e8, 3e9, 3e10], .D: [1e10, 1e11, 1e12, 3e11, 3e10, 3e12]],
                                        targets: [3.4, 2.9, 2.5, 3.0, 2.9, 2.4])

    @Test func deeplyNestedOrHugeExpressionsAreRefused() {
        let probe = HostileProbe(.apiCall)
        let nested = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        #expect(throws: CSVError.self) { try probe.call { try ColumnExpression(nested) } }
        let message = (try? probe.call { try ColumnExpression(String(repeating: "-", count: 300) + "x") }) == nil
        #expect(message)
        let long = Array(repeating: "x", count: 6000).joined(separator: "+")
        #expect(throws: CSVError.invalidMapping("expression of \(long.count) characters: at most 10000 are allowed")) {
            try probe.call { try ColumnExpression(long) }
        }
        // 200 levels still parse.
        let deep = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        #expect((try? ColumnExpression(deep)) != nil)
    }

    /// A sum or product of 4,999 terms (just under the length limit) parses, evaluates and is
    /// freed in constant stack depth: here on a thread with a 256 KB stack (Darwin gives secondary
    /// threads 512 KB), where a recursion over one tree level per term overflowed.
    @Test func longSumsNeedNoStackDepth() throws {
        final class Outcome: @unchecked Sendable {
            var values: [Double] = []
            var error: String?
            var tried = 0
        }
        let table = try CSVTable(parsing: "x,y\n1,2\n", file: "s.csv")
        let texts = ["+", "*", "-"].map { Array(repeating: "x", count: 4_999).joined(separator: $0) }
            + [Array(repeating: "y", count: 1_000).joined(separator: "/")]
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                for text in texts {
                    outcome.tried += 1
                    let expression = try ColumnExpression(text)
                    outcome.values.append(try expression.value(in: table.rows[0]))
                    outcome.values.append(Double(expression.columns.count))
                }
            } catch {
                outcome.error = "\(error)"
            }
            done.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        done.wait()
        let probe = HostileProbe(.apiCall)
        for index in 0..<outcome.tried {
            probe.note(index == outcome.tried - 1 && outcome.error != nil ? .typedError : .acceptedValue)
        }
        #expect(outcome.error == nil)
        // Left to right: 1 + 1 + … = 4999, 1 − 1 − … = 1 − 4998, 2 / 2 / … = 2^(1 − 999).
        #expect(outcome.values == [4_999, 1, 1, 1, -4_997, 1, 0x1p-998, 1])
    }

    @Test func duplicateCategoryLabelsAndParameterNamesAreErrors() {
        let probe = HostileProbe(.apiCall)
        #expect(throws: ScalingLawError.duplicateName("parameter 'eff_a' appears twice in the form")) {
            try probe.call { try ScalingLaw(PerCategoryEffectiveParametersForm(labels: ["a", "a"]), values: ["eff_a": 1]) }
        }
    }

    @Test func absurdSizesAreRefusedUpFront() throws {
        let probe = HostileProbe(.apiCall)
        let fit = try Hoffmann2022.printed.fixing(ChinchillaForm.E).fixing(ChinchillaForm.B).fit(to: Self.data)
        for count in [Int.max, 1 << 40, 1_000_001, 1, 0, -3] {
            #expect(throws: FitError.invalidOption("a bootstrap needs 2 to 1000000 resamples, got \(count)")) {
                try probe.call { try fit.bootstrap(resamples: count) }
            }
        }
        #expect(throws: FitError.invalidOption("the L-BFGS memory must be in 1...1000 correction pairs, got \(Int.max)")) {
            try probe.call { try Hoffmann2022.printed.fit(to: Self.data, optimizer: .lbfgs(memory: .max)) }
        }
        #expect(throws: SolverError.self) { try probe.call { try logSpaced(from: 1, to: 10, count: .max) } }
        let spaced = try logSpaced(from: 1, to: 100, count: 3)
        #expect(spaced.count == 3 && spaced[0] == 1 && abs(spaced[1] - 10) < 1e-13 && spaced[2] == 100)
    }

    @Test func bootstrapIntervalLevelsOutside01AreErrors() throws {
        let probe = HostileProbe(.apiCall)
        let fit = try Hoffmann2022.printed.fixing(ChinchillaForm.E).fixing(ChinchillaForm.B).fit(to: Self.data)
        let bootstrap = try fit.bootstrap(resamples: 20, seed: 3)
        for level in [1.5, -1, .nan, 0, 1] {
            #expect(throws: FitError.self) { try probe.call { try bootstrap.interval(level: level) { try $0(N: 1e9, D: 1e11) } } }
        }
        let interval = try bootstrap.interval(level: 0.9) { try $0(N: 1e9, D: 1e11) }
        #expect(interval != nil)
    }

    @Test func fewerPointsThanFreeParametersIsRefused() throws {
        let probe = HostileProbe(.apiCall)
        let one = try Observations([.N: [1e9], .D: [1e11]], targets: [2.9])
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 5)) { try probe.call { try Hoffmann2022.printed.fit(to: one) } }
        #expect(throws: FitError.tooFewPoints(points: 1, needed: 6)) {
            try probe.call { try Hoffmann2022.printed.fit(to: one, loss: .huberLikelihood(delta: 1e-3)) }
        }
        // Exactly determined is allowed (with a warning that no covariance exists).
        let five = try Observations([.N: [1e8, 1e9, 1e10, 3e8, 3e9], .D: [1e10, 1e11, 1e12, 3e11, 3e10]],
                                    targets: [3.4, 2.9, 2.5, 3.0, 2.9])
        let exact = try Hoffmann2022.printed.fit(to: five)
        #expect(exact.warnings.contains { if case .covarianceUnavailable = $0 { return true } else { return false } })
        #expect(FitError.tooFewPoints(points: 1, needed: 5).description.contains("at least 5 points"))
    }
}

/// Hostile CSV files: each is refused with an error that says what is wrong.
@Suite struct HostileCSVTests {
    func table(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
        try CSVTable(bytes: bytes, file: "f.csv")
    }

    @Test func encodingsAndBinaryAreRefused() {
        let probe = HostileProbe(.badCSV)
        #expect(throws: CSVError.emptyFile(file: "f.csv")) { try probe.call { try table([0xEF, 0xBB, 0xBF]) } }
        #expect(throws: CSVError.unreadableFile(file: "f.csv", reason: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")) {
            try probe.call {
                try table([0xFF, 0xFE] + Array("N,loss\n1,2\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            }
        }
        #expect(throws: CSVError.unreadableFile(file: "f.csv", reason: "a NUL byte at offset 8: the file is binary or UTF-16, not UTF-8 text")) {
            try probe.call { try table(Array("N,loss\n1\u{0}0,2\n".utf8)) }
        }
        #expect(throws: CSVError.unreadableFile(file: "f.csv", reason: "the file is not valid UTF-8 text; save it as UTF-8")) {
            try probe.call { try table(Array("N,label\n1,".utf8) + [0xE9] + Array("t\u{E9}\n".utf8)) }
        }
        // A UTF-8 BOM before the header is fine, and CRLF line ends too.
        #expect((try? table([0xEF, 0xBB, 0xBF] + Array("N,loss\r\n1,2\r\n".utf8)))?.columns == ["N", "loss"])
    }

    /// Empty and blank files read through both file routes are `emptyFile`, a directory is an
    /// unreadable file. The files are read without Foundation's `Data(contentsOf:)`, which on Linux
    /// leaks the buffer of an empty file (the address sanitizer's leak check runs this test).
    @Test func emptyFilesAndDirectoriesThroughTheFileRoutes() throws {
        let probe = HostileProbe(.badCSV)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in [("empty.csv", []), ("bom.csv", [0xEF, 0xBB, 0xBF]), ("blank.csv", Array("\n\r\n\n".utf8))] as [(String, [UInt8])] {
            let path = directory.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(throws: CSVError.emptyFile(file: path)) { try probe.call { try CSVTable(contentsOfFile: path) } }
            #expect(throws: CSVError.emptyFile(file: path)) {
                try probe.call { try Observations(contentsOfCSV: path, columns: [.N: .column("N")], target: .column("loss")) }
            }
        }
        let error = #expect(throws: CSVError.self) {
            try probe.call { try Observations(contentsOfCSV: directory.path, columns: [.N: .column("N")], target: .column("loss")) }
        }
        guard case .unreadableFile(let file, let reason)? = error else {
            Issue.record("expected unreadableFile, got \(String(describing: error))")
            return
        }
        #expect(file == directory.path && !reason.isEmpty, "\(reason)")
    }

    @Test func onlyDecimalNumbersAreNumbers() throws {
        let probe = HostileProbe(.badCSV)
        let csv = try table(Array("N,loss\n0x10,2\n1_000,2\ninf,2\n 7e9 ,2\n-1.5E-3,2\n".utf8))
        for line in 0..<3 {
            #expect(throws: CSVError.self) { try probe.call { try csv.rows[line].number("N") } }
        }
        #expect(try csv.rows[3].number("N") == 7e9)
        #expect(try csv.rows[4].number("N") == -1.5e-3)
    }
}

/// Quiet failures that used to pass as answers.
@Suite struct SilentGarbageTests {
    /// Uniformly tiny weights scale the objective and its gradient by 10⁻¹²: the fit must still move
    /// from its start to the optimum found with unit weights.
    @Test func tinyWeightsDoNotStopTheFitAtItsStart() throws {
        let truth = Besiroglu2024.refit
        let points = FittingSupport.points(30, [.N: 1e8...1e11, .D: 1e9...1e12], seed: 61)
        let data = try FittingSupport.observations(truth, at: points, noise: 0.01, seed: 61)
        let tiny = try Observations(
            Dictionary(uniqueKeysWithValues: data.variables.map { ($0, data.column($0)!) }), targets: data.targets,
            weights: [Double](repeating: 1e-12, count: data.count))
        let start = try truth.setting(ChinchillaForm.alpha, to: 0.25).setting(ChinchillaForm.B, to: 800)
        let unit = try start.fit(to: data)
        let probe = HostileProbe(.extremeNumeric)
        let weighted = try probe.call { try start.fit(to: tiny) }
        #expect(weighted.iterations > 0)
        for parameter in truth.parameters {
            #expect(abs(weighted.parameters[parameter]! / unit.parameters[parameter]! - 1) < 1e-4, "\(parameter)")
        }
    }

    @Test func constantTargetsWarnThatRSquaredMeansNothing() throws {
        let data = try Observations([.N: [1e8, 1e9, 1e10, 3e8, 3e9, 3e10, 2e9], .D: [1e10, 1e11, 1e12, 3e11, 3e10, 3e12, 5e11]],
                                    targets: [2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5])
        let probe = HostileProbe(.badFit)
        let fit = try probe.call { try Hoffmann2022.printed.fit(to: data) }
        #expect(fit.warnings.contains(.constantTargets))
        #expect(fit.rSquared == 0 || fit.rSquared == 1)
        #expect(FitWarning.constantTargets.description.contains("R²"))
    }

    @Test func categoryLabelsWithSpacesAreOneLabel() throws {
        let probe = HostileProbe(.badCSV)
        let table = try probe.call { try CSVTable(parsing: "N,D,format,loss\n1e9,1e11, int4 ,2.9\n2e9,1e11,int4,2.8\n", file: "c.csv") }
        #expect(try table.distinctValues(of: "format") == ["int4"])
    }

    @Test func nonFiniteGradientsAreErrors() throws {
        let probe = HostileProbe(.apiCall)
        // E + A/N^α overflows for a huge A: the gradient with respect to α is ±∞ or NaN.
        let law = try Hoffmann2022.printed.setting(ChinchillaForm.A, to: 1e308)
        #expect(throws: ScalingLawError.self) { try probe.call { try law.gradient(at: [.N: 1e-3, .D: 1e9]) } }
        #expect(throws: ScalingLawError.self) { try probe.call { try law.derivative(at: [.N: 1e-3, .D: 1e9], withRespectTo: .N) } }
        let fine = try Hoffmann2022.printed.gradient(at: [.N: 7e9, .D: 1.4e11])
        #expect(fine.gradient.allSatisfy { $0.isFinite })
    }
}
