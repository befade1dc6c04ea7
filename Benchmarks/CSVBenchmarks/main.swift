// Time to read a CSV file of training runs (columns N, D, loss) into `Observations`, best of
// several runs, printed as one JSON object per workload:
//
//   swift run -c release CSVBenchmarks --file FILE [--route observations|table|both] [--repeats K]
//   swift run -c release CSVBenchmarks --file FILE --compare    (values against Double(_:), bit for bit)
//
// Workloads: `csv-observations` is `Observations(contentsOfCSV:)`, the route a fit reads its data
// by; `csv-table` the row-by-row route (`CSVTable`, then `Observations(_:columns:target:)`).
// `Benchmarks/csv.sh` runs it beside `Benchmarks/peer_csv.py` (numpy's `loadtxt` on the same file),
// with the peak memory of each. `peakRSS_bytes` is the process's peak so far (getrusage), so it
// covers every route run before it: time one route per process to read a route's memory.
import ExampleSupport
import Foundation
import ScalingLaws

struct Options {
    var file = ""
    var route = "both"
    var repeats = 5
    var compare = false
}

@MainActor
func parseOptions() -> Options {
    var options = Options()
    var parser = OptionParser(
        usage: "CSVBenchmarks --file FILE [--route observations|table|both] [--repeats K]",
        summary: "Times reading a CSV file with columns N, D, loss into Observations.")
    parser.option("--file", value: "FILE", help: "the CSV file (see Benchmarks/make_csv.py)") { options.file = $0 }
    parser.option("--route", value: "ROUTE", help: "observations, table or both (default both)") { text throws(OptionParser.Failure) in
        guard ["observations", "table", "both"].contains(text) else {
            throw OptionParser.Failure("--route \(text): expected observations, table or both")
        }
        options.route = text
    }
    parser.option("--repeats", value: "K", help: "runs per route; the fastest counts (default 5)") { text throws(OptionParser.Failure) in
        options.repeats = try OptionParser.integer(text, "--repeats", in: 1...1000)
    }
    parser.flag("--compare", help: "require every value to be Double(cell text), bit for bit") { options.compare = true }
    parser.parse()
    if options.file.isEmpty { OptionParser.fail("--file is required") }
    return options
}

let options = parseOptions()
let mapping: [Variable: ColumnSource] = [.N: .column("N"), .D: .column("D")]

/// Best wall time of `repeats` reads, the data set of the last one, and the peak RSS after them.
func time(_ read: () throws -> Observations) -> (seconds: Double, data: Observations) {
    var fastest = Double.infinity
    var data: Observations?
    for _ in 0..<options.repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        data = nil  // so that a run's peak memory does not include the previous run's result
        do { data = try read() } catch { OptionParser.fail("reading \(options.file) failed: \(error)") }
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    return (fastest, data!)
}

/// The values' bit patterns summed with wrap-around: exact, so that equal sums mean equal values
/// (outside the main actor, which would check its isolation at every element).
nonisolated func bitSum(_ values: [Double]) -> UInt64 {
    var sum: UInt64 = 0
    for value in values { sum &+= value.bitPattern }
    return sum
}

/// The peak resident memory of the process so far (Linux reports kilobytes, Darwin bytes).
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss  // bytes on Darwin
    #endif
}

/// Reads the file and fails unless every value is the double `Double(_:)` gives for its cell's text,
/// bit for bit (the cells are taken from a `CSVTable` of the file, so they must be bare numbers).
func compareWithDoubleInit() {
    let data: Observations, table: CSVTable
    do {
        data = try Observations(contentsOfCSV: options.file, columns: mapping, target: .column("loss"))
        table = try CSVTable(contentsOfFile: options.file)
    } catch {
        OptionParser.fail("reading \(options.file) failed: \(error)")
    }
    let columns = [("N", data.column(.N)!), ("D", data.column(.D)!), ("loss", data.targets)]
    for (name, values) in columns {
        guard values.count == table.rows.count else { OptionParser.fail("\(name): \(values.count) rows, the table \(table.rows.count)") }
        for (row, value) in zip(table.rows, values) {
            let text = row[name] ?? ""
            guard let expected = Double(text), expected.bitPattern == value.bitPattern else {
                OptionParser.fail("\(name), line \(row.line): '\(text)' read as \(value), Double(_:) gives \(String(describing: Double(text)))")
            }
        }
    }
    print("{\"workload\": \"csv-compare\", \"rows\": \(data.count), \"identical\": true}")
}

if options.compare {
    compareWithDoubleInit()
    exit(0)
}

let bytes: Int
do {
    bytes = (try FileManager.default.attributesOfItem(atPath: options.file)[.size] as? Int) ?? 0
} catch {
    OptionParser.fail("cannot read \(options.file): \(error)")
}
var routes: [(String, () throws -> Observations)] = []
if options.route != "table" {
    routes.append(("csv-observations", {
        try Observations(contentsOfCSV: options.file, columns: mapping, target: .column("loss"))
    }))
}
if options.route != "observations" {
    routes.append(("csv-table", {
        try Observations(try CSVTable(contentsOfFile: options.file), columns: mapping, target: .column("loss"))
    }))
}
for (workload, read) in routes {
    let (seconds, data) = time(read)
    let checksum = bitSum(data.targets) &+ bitSum(data.column(.N)!) &+ bitSum(data.column(.D)!)
    print("{\"workload\": \"\(workload)\", \"ours_s\": \(seconds), \"rows\": \(data.count), "
          + "\"bytes\": \(bytes), \"checksum\": \(checksum), \"peakRSS_bytes\": \(peakResidentBytes())}")
}
