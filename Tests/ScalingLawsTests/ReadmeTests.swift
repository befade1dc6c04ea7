import Foundation
import Testing
import ScalingLaws

/// Keeps README.md's usage example honest: the code between the markers below is the README's
/// snippet; this test runs it, checks its numbers, and checks README.md shows it verbatim.
@Suite struct ReadmeTests {
    /// The package root, from this file's path (Tests/ScalingLawsTests/ReadmeTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func usageExampleRunsAndGivesThePapersNumbers() throws {
        let probe = HostileProbe(.apiCall)
        // README:begin
        // What does each paper predict for a 70B model trained on 15T tokens?
        for row in try DegradationComparison().rows(N: 70e9, D: 15e12) {
            print(row.law, row.format, row.value, row.isExtrapolation ? "(extrapolated)" : "")
        }

        // One law, its formula, and a composed law: Chinchilla's loss plus Kumar's post-training term.
        let qid = try Ouyang2024.unified(N: 70e9, D: 15e12, bits: 4)  // 0.2442 nats
        print(Ouyang2024.unified.formula())                           // k·D^β/(N^α·P^γ)
        let quantized = try Hoffmann2022.printed + Kumar2024.ptq
        let loss = try quantized([.N: 70e9, .D: 15e12, .bits: 4])      // throws if a variable is missing
        // README:end

        // The comments' claims. 0.24422753173773892 is the mpmath value of reference.py
        // (Ouyang et al.'s check value 0.2442).
        #expect(abs(qid - 0.24422753173773892) <= 1e-9 * 0.24422753173773892)
        #expect(Ouyang2024.unified.formula() == "k·D^β/(N^α·P^γ)")
        #expect(throws: ScalingLawError.missingVariable("bits")) { try probe.call { try quantized([.N: 70e9, .D: 15e12]) } }
        // The composed law is the sum of its parts, written out here from the papers' constants.
        let chinchilla = 1.69 + 406.4 / pow(70e9, 0.34) + 410.7 / pow(15e12, 0.28)
        let ptq = 0.0598 * pow(15e12, 0.5068) / pow(70e9, 0.3439) * exp(-4 / 0.5907)
        #expect(abs(loss - (chinchilla + ptq)) <= 1e-12 * loss)
    }

    @Test func readmeShowsTheTestedCodeVerbatim() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README:begin" })
        let end = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README:end" })
        let body = lines[(begin + 1)..<end]
        let indent = body.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let snippet = body.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
        #expect(snippet.count > 200, "the markers enclose too little code")

        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = "```swift\nimport ScalingLaws\n\n" + snippet + "\n```"
        #expect(readme.contains(block), "README.md's usage example differs from ReadmeTests.swift's; expected:\n\(block)")
    }

    @Test func readmeListsExactlyTheTwoSetUpCommands() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```sh\nswift run CompareLaws\nswift test\n```"))
    }
}
