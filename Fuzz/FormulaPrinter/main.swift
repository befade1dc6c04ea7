// libFuzzer target: arbitrary bytes as IEEE-754 doubles (NaN payloads, ±∞, ±0, subnormals, the
// extremes), printed as formula constants, as terms of formula trees, and as the parameters of
// every preset law. Printing must never trap, and a finite constant must print as a number that
// reads back within its 7 significant digits: a violation traps here, as a finding.
// Built and run by .ci/fuzz.sh.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
@testable import ScalingLaws

/// Gives the fuzzer a law's form without knowing its concrete type.
private protocol FormulaTracing {
    func tracedFormula(values: [Double]) -> Formula
}

extension ScalingLaw: FormulaTracing {
    func tracedFormula(values: [Double]) -> Formula { form.formula(values: values) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    guard !bytes.isEmpty else { return 0 }
    var values: [Double] = []
    var offset = 1
    while offset + 8 <= bytes.count {
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * index) }
        values.append(Double(bitPattern: bits))
        offset += 8
    }
    guard !values.isEmpty else { return 0 }
    for value in values { checkNumber(value) }
    printTrees(values)
    printLaw(PresetCatalog.all[Int(bytes[0]) % PresetCatalog.all.count].law, values)
    return 0
}

/// Prints `value` both ways and, when finite, reads the Unicode text back.
private func checkNumber(_ value: Double) {
    let unicode = Formula.format(value, .unicode)
    let latex = Formula.format(value, .latex)
    _ = Formula.number(value).latex
    _ = Formula.isScientific(value)
    guard value.isFinite else {
        guard unicode == (value.isNaN ? "NaN" : value < 0 ? "−∞" : "∞") else { fatalError("\(value) printed as \(unicode)") }
        return
    }
    let ascii = String(unicode.map { $0 == "−" ? "-" : $0 })
    guard let read = Double(ascii) else { fatalError("\(value) printed as \(unicode), which is not a number") }
    // Seven significant digits: the printed number is the value rounded to 7 digits, so it is
    // within half a unit of the 7th digit (5e-7 relative), plus the rounding of the read-back.
    let tolerance = 5.0000001e-7 * Swift.max(abs(value), abs(read))
    guard abs(read - value) <= tolerance else {
        fatalError("\(value) printed as \(unicode), which reads back as \(read)")
    }
    if let e = ascii.firstIndex(of: "e") {
        let mantissa = abs(Double(ascii[..<e])!)
        guard mantissa >= 1 && mantissa < 10 else { fatalError("\(value) printed as \(unicode): mantissa outside [1, 10)") }
    }
    guard latex.contains("\\times 10^{") == unicode.contains("e") else {
        fatalError("\(value) printed as \(unicode) and \(latex)")
    }
}

/// Formula trees whose constants are the fuzzed values, in both styles.
private func printTrees(_ values: [Double]) {
    let a = Formula.number(values[0]), b = Formula.number(values[values.count > 1 ? 1 : 0])
    let n = Formula.symbol(Symbol("N")), format = Formula.categorical(Symbol("C"), labels: ["int4", "fp8"])
    let trees: [Formula] = [
        a + b, a - b, a * b, a / b, -a, -(a * b), Formula.pow(a, b), Formula.pow(n, -b),
        a / Formula.pow(n, b) + b, Formula.exp(a * n), Formula.log(b), Formula.log2(a), Formula.expm1(-a),
        Formula.log1p(b), Formula.min(a, b), Formula.max(a, n), Formula.ifLess(n, than: a, then: b, otherwise: a),
        Formula.indicator(format, equals: values[0]) * b, Formula.named(Symbol("N_eff"), a * n) + b,
    ]
    for tree in trees {
        _ = tree.unicode
        _ = tree.latex
    }
}

/// The law's formula with the fuzzed values as its parameters (cycled to fill them), both styles;
/// then each value set through the checked API, whose refusals must print too.
private func printLaw(_ law: any ScalingLawProtocol, _ values: [Double]) {
    guard let traced = law as? any FormulaTracing else { fatalError("\(law.name) is not a ScalingLaw") }
    let parameters = (0..<law.parameters.count).map { values[$0 % values.count] }
    let formula = traced.tracedFormula(values: parameters)
    _ = formula.unicode
    _ = formula.latex
    for (parameter, value) in zip(law.parameters, parameters) {
        do {
            let changed = try law.setting(parameter, to: value)
            _ = changed.formula(.unicode, showingValues: true)
            _ = changed.formula(.latex, showingValues: true)
        } catch {
            _ = error.description
        }
    }
}
