// Throughput of law evaluation in each mode, on one core, best of several runs.
//
//   swift run -c release LawBenchmarks [--points N] [--json]
//
// `Benchmarks/modes.sh` runs this beside `Benchmarks/peer_numpy.py` (the same formula in numpy) and
// prints the ratios. Absolute times on shared machines are noisy: compare ratios from one run.
import ExampleSupport
import Foundation
import ScalingLaws

struct Options {
    var points = 1 << 20
    var json = false
    var repeats = 7
    var only: String?
}

@MainActor
func parseOptions() -> Options {
    var options = Options()
    var parser = OptionParser(
        usage: "LawBenchmarks [--points N] [--repeats K] [--only SUBSTRING] [--json]",
        summary: "Times the evaluation of Sun et al.'s Capybara law in every mode (scalar, SIMD, batch).")
    parser.option("--points", value: "N", help: "points per run (default 1048576)") { text throws(OptionParser.Failure) in
        options.points = try OptionParser.integer(text, "--points", in: 8...100_000_000)
    }
    parser.option("--repeats", value: "K", help: "runs per mode; the fastest counts (default 7)") { text throws(OptionParser.Failure) in
        options.repeats = try OptionParser.integer(text, "--repeats", in: 1...1000)
    }
    parser.option("--only", value: "SUBSTRING", help: "only the modes whose name contains SUBSTRING") { options.only = $0 }
    parser.flag("--json", help: "print JSON") { options.json = true }
    parser.parse()
    return options
}

/// SIMD8<Double> lanes whose elementary functions call the C library lane by lane: the baseline
/// the vectorized `exp`/`log` are measured against.
struct LibmLanes: LawScalar {
    var lanes: SIMD8<Double>
    init(lanes: SIMD8<Double>) { self.lanes = lanes }
    init(_ constant: Double) { lanes = SIMD8(repeating: constant) }
    static func + (a: Self, b: Self) -> Self { Self(lanes: a.lanes + b.lanes) }
    static func - (a: Self, b: Self) -> Self { Self(lanes: a.lanes - b.lanes) }
    static func * (a: Self, b: Self) -> Self { Self(lanes: a.lanes * b.lanes) }
    static func / (a: Self, b: Self) -> Self { Self(lanes: a.lanes / b.lanes) }
    static prefix func - (a: Self) -> Self { Self(lanes: -a.lanes) }
    static func map(_ x: Self, _ f: (Double) -> Double) -> Self {
        var result = x.lanes
        for lane in 0..<8 { result[lane] = f(x.lanes[lane]) }
        return Self(lanes: result)
    }
    static func exp(_ x: Self) -> Self { map(x, Foundation.exp) }
    static func log(_ x: Self) -> Self { map(x, Foundation.log) }
    static func pow(_ x: Self, _ y: Self) -> Self {
        var result = x.lanes
        for lane in 0..<8 { result[lane] = Foundation.pow(x.lanes[lane], y.lanes[lane]) }
        return Self(lanes: result)
    }
    static func expm1(_ x: Self) -> Self { map(x, Foundation.expm1) }
    static func log1p(_ x: Self) -> Self { map(x, Foundation.log1p) }
    static func ifLess(_ x: Self, than y: Self, then: Self, otherwise: Self) -> Self {
        Self(lanes: otherwise.lanes.replacing(with: then.lanes, where: x.lanes .< y.lanes))
    }
    static func indicator(_ x: Self, equals value: Double) -> Self {
        Self(lanes: SIMD8(repeating: 0).replacing(with: 1, where: x.lanes .== SIMD8(repeating: value)))
    }
}

/// Seeded columns for Sun et al.'s law: N, D log-uniform, formats from FP4 to BF16, B from 32 to 256.
func capybaraColumns(_ count: Int) -> [[Double]] {
    var state: UInt64 = 2026
    func unit() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    let formats: [(Double, Double)] = [(2, 1), (4, 3), (5, 2), (8, 7)]
    var columns = [[Double]](repeating: [], count: 5)
    for _ in 0..<count {
        let format = formats[Int(unit() * 4)]
        columns[0].append(Foundation.pow(10, 7 + 5 * unit()))
        columns[1].append(Foundation.pow(10, 9 + 5 * unit()))
        columns[2].append(format.0)
        columns[3].append(format.1)
        columns[4].append([32.0, 64, 128, 256][Int(unit() * 4)])
    }
    return columns
}

/// Best wall time of `repeats` runs of `body`, in seconds.
func best(_ repeats: Int, _ body: () -> Double) -> (seconds: Double, checksum: Double) {
    var fastest = Double.infinity
    var checksum = 0.0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        checksum = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    return (fastest, checksum)
}

/// Evaluates `form` over the columns eight points at a time on scalar type `Lanes`.
@inline(never)
func evaluateInChunks<Form: LawForm, Lanes: LawScalar>(
    _ form: Form, _ values: [Double], _ columns: [[Double]], as _: Lanes.Type,
    load: (UnsafePointer<Double>) -> Lanes, sum: (Lanes) -> Double
) -> Double {
    let parameters = values.map { Lanes($0) }
    let count = columns[0].count
    var lanes = [Lanes](repeating: Lanes(0), count: columns.count)
    var total = 0.0
    var start = 0
    while start + 8 <= count {
        for slot in columns.indices {
            lanes[slot] = columns[slot].withUnsafeBufferPointer { load($0.baseAddress! + start) }
        }
        let value = lanes.withUnsafeBufferPointer { x in
            parameters.withUnsafeBufferPointer { p in form.evaluate(LawArguments(x), LawArguments(p)) }
        }
        total += sum(value)
        start += 8
    }
    return total
}

@inline(never)
func evaluateScalar<Form: LawForm>(_ form: Form, _ values: [Double], _ columns: [[Double]]) -> Double {
    let count = columns[0].count
    var point = [Double](repeating: 0, count: columns.count)
    var total = 0.0
    for row in 0..<count {
        for slot in columns.indices { point[slot] = columns[slot][row] }
        total += point.withUnsafeBufferPointer { x in
            values.withUnsafeBufferPointer { p in form.evaluate(LawArguments(x), LawArguments(p)) }
        }
    }
    return total
}

let options = parseOptions()
let law = Sun2025.capybara
let columns = capybaraColumns(options.points)
let batchInput = Dictionary(uniqueKeysWithValues: zip(law.variables, columns))

func loadSIMD(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
    SIMD8(UnsafeBufferPointer(start: pointer, count: 8))
}

/// Evaluates `form` over Float copies of the columns sixteen points at a time.
@inline(never)
func evaluateFloatLanes<Form: LawForm>(_ form: Form, _ values: [Double], _ columns: [[Float]]) -> Double {
    typealias Lanes = SIMD16<Float>
    let parameters = values.map { Lanes(repeating: Float($0)) }
    let count = columns[0].count
    var lanes = [Lanes](repeating: Lanes(), count: columns.count)
    var total = Lanes()
    var start = 0
    while start + Lanes.scalarCount <= count {
        for slot in columns.indices {
            lanes[slot] = columns[slot].withUnsafeBufferPointer {
                UnsafeRawPointer($0.baseAddress! + start).loadUnaligned(as: Lanes.self)
            }
        }
        total += lanes.withUnsafeBufferPointer { x in
            parameters.withUnsafeBufferPointer { p in form.evaluate(LawArguments(x), LawArguments(p)) }
        }
        start += Lanes.scalarCount
    }
    return Double(total.sum())
}

let floatColumns = columns.map { $0.map(Float.init) }

let modes: [(String, () -> Double)] = [
    ("scalar Double (libm)", { evaluateScalar(law.form, law.values, columns) }),
    ("SIMD8<Double>, libm per lane", {
        evaluateInChunks(law.form, law.values, columns, as: LibmLanes.self,
                         load: { LibmLanes(lanes: loadSIMD($0)) }, sum: { $0.lanes.sum() })
    }),
    ("SIMD8<Double>, vectorized exp/log", {
        evaluateInChunks(law.form, law.values, columns, as: SIMD8<Double>.self, load: loadSIMD, sum: { $0.sum() })
    }),
    ("SIMD16<Float>, vectorized exp/log", { evaluateFloatLanes(law.form, law.values, floatColumns) }),
    ("ScalingLaw.evaluate(batch:) (validates)", {
        // A failure is reported, not turned into a NaN in the table.
        do { return try law.evaluate(batch: batchInput).reduce(0, +) } catch { OptionParser.fail("evaluate(batch:) failed: \(error)") }
    }),
]
let results = modes.filter { options.only == nil || $0.0.contains(options.only!) }
    .map { name, body in (name, best(options.repeats, body)) }

if options.json {
    let rows = results.map { name, result in
        "{\"name\": \"\(name)\", \"nsPerPoint\": \(result.seconds * 1e9 / Double(options.points)), \"checksum\": \(result.checksum)}"
    }
    print("[\n  " + rows.joined(separator: ",\n  ") + "\n]")
} else {
    print("Sun2025.capybara over \(options.points) points, best of \(options.repeats):")
    for (name, result) in results {
        let nanoseconds = result.seconds * 1e9 / Double(options.points)
        print(name.padding(toLength: 42, withPad: " ", startingAt: 0), String(format: "%8.2f ns/point   checksum %.10e", nanoseconds, result.checksum))
    }
}
