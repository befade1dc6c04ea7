// libFuzzer target: arbitrary bytes as the text of a column expression (decoded as UTF-8,
// invalid sequences replaced), parsed and evaluated on every row of a small table whose cells
// include zero, negatives, extremes and a label. A typed `CSVError` is a normal outcome; a trap,
// a sanitizer report, a hang or a leak is a finding. Built and run by .ci/fuzz.sh.
@testable import ScalingLaws

private let table = try! CSVTable(parsing: """
    x,y,Model Size,a.b,N,label,e
    2,3,7e9,0.5,1e9,int4,1e308
    -1,0,1e-300,1e308,5, fp8 ,-1e308
    0,-0,4.9e-324,-2.5,1,,0
    """, file: "small.csv")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let expression: ColumnExpression
    do {
        expression = try ColumnExpression(text)
    } catch {
        _ = error.description
        return 0
    }
    _ = expression.description
    _ = expression.columns
    for row in table.rows {
        do { _ = try expression.value(in: row) } catch { _ = error.description }
    }
    for variable in [Variable.N, .sparsity, .bits, .compressionFormat(["a", "b"])] {
        do {
            _ = try Observations(table, columns: [variable: .expression(text)], target: .column("x"))
        } catch {
            _ = error.description
        }
    }
    do {
        _ = try Observations(table, columns: [.N: .constant(1)], target: .column("x"), weights: .expression(text))
    } catch {
        _ = error.description
    }
    return 0
}
