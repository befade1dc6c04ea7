#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing
import ExampleSupport
import ScalingLaws
import ScalingLawsData
import ScalingLawsPlot

/// The kinds of hostile input the tests try, as the summary line names them.
enum HostileCategory: String, CaseIterable, Sendable {
    /// One case of a property checked at a seeded random point (or a random bit pattern).
    case property = "property"
    /// A call of the law, solver or data API with a value outside its domain, a missing or unknown
    /// name, a ragged batch, an absurd size.
    case apiCall = "hostile API call"
    /// A fit set up wrong: bad data, starts, bounds or options.
    case badFit = "bad fit setup"
    /// A malformed CSV file, text, cell or column mapping.
    case badCSV = "bad CSV"
    /// A legal but extreme number: ±1e308, subnormals, decimals that round awkwardly.
    case extremeNumeric = "extreme numeric"
}

/// How one hostile input ended.
enum HostileOutcome: Sendable {
    /// The library threw one of its own error types.
    case typedError
    /// The library returned a value (for a property case, the property was checked on it).
    case acceptedValue
    /// Anything else thrown: never expected (the test that threw it fails on its own).
    case otherError
}

/// Every hostile input the test process tried, by test: each test that tries such inputs counts the
/// calls it actually made (through a ``HostileProbe``), so the total is what ran, not what a comment
/// says. At the end of the process one line sums them on standard output, e.g.
/// `Hostile inputs tried: 41,233 in 57 tests (property 30,112; ...); 9,870 typed errors, ...`,
/// which `.ci/run` checks against a floor.
///
/// What counts: one call of the library with an invalid, extreme or malformed input, or one case of
/// a property. An input that a test reads by two internal routes to compare them counts once.
final class HostileInputLedger: Sendable {
    static let shared = HostileInputLedger()

    struct Entry: Sendable {
        var category: HostileCategory
        var counts: [HostileOutcome: Int] = [:]
        var tried: Int { counts.values.reduce(0, +) }
    }

    /// By test (suite and function).
    private let entries = Mutex<[String: Entry]>([:])

    /// The summary is printed once, by an exit handler registered the first time anything is
    /// recorded: a process that tries nothing (the XCTest pass of `swift test`) prints nothing.
    private static let exitHandler: Void = {
        atexit { HostileInputLedger.shared.printSummary() }
    }()

    func record(_ category: HostileCategory, test: String, counts: [HostileOutcome: Int]) {
        _ = Self.exitHandler
        entries.withLock { entries in
            entries[test, default: Entry(category: category)].counts.merge(counts, uniquingKeysWith: +)
        }
    }

    /// What has been recorded so far.
    var snapshot: [String: Entry] { entries.withLock { $0 } }

    /// The summary line.
    func summary() -> String {
        let entries = snapshot.values.filter { $0.tried > 0 }
        func total(_ outcome: HostileOutcome) -> Int { entries.reduce(0) { $0 + ($1.counts[outcome] ?? 0) } }
        let tried = entries.reduce(0) { $0 + $1.tried }
        let byCategory = HostileCategory.allCases.compactMap { category -> String? in
            let count = entries.filter { $0.category == category }.reduce(0) { $0 + $1.tried }
            return count == 0 ? nil : "\(category.rawValue) \(Self.grouped(count))"
        }
        var line = "Hostile inputs tried: \(Self.grouped(tried)) in \(entries.count) tests (\(byCategory.joined(separator: "; ")));"
            + " \(Self.grouped(total(.typedError))) typed errors, \(Self.grouped(total(.acceptedValue))) accepted values"
        if total(.otherError) > 0 { line += ", \(Self.grouped(total(.otherError))) other errors" }
        return line
    }

    /// One line per test, for `HOSTILE_INPUTS_DETAIL=1 swift test`.
    func details() -> [String] {
        snapshot.sorted { $0.key < $1.key }.map { test, entry in
            let errors = entry.counts[.typedError] ?? 0, accepted = entry.counts[.acceptedValue] ?? 0
            return "  \(test): \(entry.category.rawValue) \(Self.grouped(entry.tried))"
                + " (\(Self.grouped(errors)) typed errors, \(Self.grouped(accepted)) accepted)"
        }
    }

    func printSummary() {
        print(summary())
        if getenv("HOSTILE_INPUTS_DETAIL") != nil { details().forEach { print($0) } }
        fflush(nil)
    }

    /// `n` with a comma every three digits.
    static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return n < 0 ? "-" + digits : digits
    }
}

/// Counts the hostile inputs of one test and records them in ``HostileInputLedger`` when the test
/// lets go of it. One probe per test function (or per argument of a parameterized test); not shared
/// across tasks.
final class HostileProbe {
    let category: HostileCategory
    let test: String
    private(set) var counts: [HostileOutcome: Int] = [:]

    /// The number of inputs tried so far.
    var tried: Int { counts.values.reduce(0, +) }

    init(_ category: HostileCategory, function: String = #function) {
        self.category = category
        // "Suite/function()" from the running test; the function name alone outside one.
        test = Test.current.map { $0.id.nameComponents.joined(separator: "/") } ?? function
    }

    deinit {
        if !counts.isEmpty { HostileInputLedger.shared.record(category, test: test, counts: counts) }
    }

    /// Notes one input that ended as `outcome`.
    func note(_ outcome: HostileOutcome) {
        counts[outcome, default: 0] += 1
    }

    /// Notes one property case (checked on an accepted value).
    func noteCase() { note(.acceptedValue) }

    /// Runs `body`, one call with a hostile input, notes how it ended, and passes on its result or
    /// error: `#expect(throws: …) { try probe.call { try law(point) } }`.
    func call<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        do {
            let result = try body()
            note(.acceptedValue)
            return result
        } catch {
            note(Self.isTyped(error) ? .typedError : .otherError)
            throw error
        }
    }

    /// Notes the outcome of an input already tried: a `Result` of a call.
    func note<R, E: Error>(_ result: Result<R, E>) {
        switch result {
        case .success: note(.acceptedValue)
        case .failure(let error): note(Self.isTyped(error) ? .typedError : .otherError)
        }
    }

    /// Whether `error` is one of the library's error types (or the examples' option parser's).
    static func isTyped(_ error: any Error) -> Bool {
        error is ScalingLawError || error is FitError || error is SolverError || error is CSVError
            || error is DatasetError || error is PlotError || error is OptionParser.Failure
    }
}
