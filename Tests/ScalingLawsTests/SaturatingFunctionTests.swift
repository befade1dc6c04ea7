import Foundation
import Testing
@testable import ScalingLaws

/// `expm1`, `log1p`, `min`, `max` and `ifLess` in every scalar type: accurate where the naive forms
/// cancel, NaN-propagating in floating point, branch-free on lanes, the chosen branch's derivative
/// on duals, printed on `Formula`.
@Suite struct SaturatingFunctionTests {
    /// A saturating term R·(1 − e^(−x/R)) as a user writes it.
    struct SaturatingForm: LawForm {
        var variables: [Variable] { [.D] }
        var parameters: [Parameter] { ["R"] }
        func evaluate<T: LawScalar>(_ x: LawArguments<T>, _ p: LawArguments<T>) -> T {
            p[0] * -T.expm1(-x[0] / p[0])
        }
    }

    @Test func expm1AndLog1pAreAccurateForTinyArguments() {
        // Against the series x + x²/2 and x − x²/2, exact to far below one ulp at x = 1e-10.
        let x = 1e-10
        #expect(Double.expm1(x) == x + x * x / 2)
        #expect(Double.log1p(x) == x - x * x / 2)
        #expect(abs(Double(Float.expm1(Float(x))) / x - 1) <= 1e-7)
        #expect(abs(Double(Float80.expm1(Float80(x))) / x - 1) <= 1e-9)
        #expect(abs(Double(Float16.expm1(Float16(1e-3))) / 1.0005001667e-3 - 1) <= 1e-3)
        let lanes = SIMD8<Double>.expm1(SIMD8(repeating: x))
        #expect(lanes == SIMD8(repeating: Double.expm1(x)))
        #expect(SIMD4<Double>.log1p(SIMD4(repeating: x)) == SIMD4(repeating: Double.log1p(x)))
    }

    @Test func minMaxPropagateNaNAndKeepTheFirstOnTies() {
        #expect(Double.max(1, .nan).isNaN && Double.min(.nan, 1).isNaN)
        #expect(Float.max(.nan, 1).isNaN && Float16.min(1, .nan).isNaN)
        #expect(Double.max(-0.0, 0.0).sign == .minus)   // the first argument on a tie
        let x = SIMD4<Double>(1, 5, .nan, 3), y = SIMD4<Double>(2, 4, 0, .nan)
        let high = SIMD4<Double>.max(x, y), low = SIMD4<Double>.min(x, y)
        #expect(high[0] == 2 && high[1] == 5 && high[2].isNaN && high[3].isNaN)
        #expect(low[0] == 1 && low[1] == 4 && low[2].isNaN && low[3].isNaN)
        #expect(SIMD4<Double>.ifLess(x, than: y, then: SIMD4(repeating: 1), otherwise: SIMD4(repeating: 0)) == SIMD4(1, 0, 0, 0))
    }

    /// The derivative of the chosen branch: max(x, 0) has slope 1 above 0 and 0 below.
    @Test func dualsCarryTheChosenBranchsDerivative() {
        typealias D2 = Dual<SIMD2<Double>>
        let above = D2.max(D2(2, seed: 0), D2(0))
        let below = D2.max(D2(-2, seed: 0), D2(0))
        #expect(above.value == 2 && above.partials == SIMD2(1, 0))
        #expect(below.value == 0 && below.partials == SIMD2(0, 0))
        let chosen = D2.ifLess(D2(1), than: D2(2), then: D2(3, seed: 1), otherwise: D2(4, seed: 0))
        #expect(chosen.value == 3 && chosen.partials == SIMD2(0, 1))
        let e = D2.expm1(D2(0.5, seed: 0))
        #expect(e.value == Foundation.expm1(0.5) && abs(e.partials[0] - Foundation.exp(0.5)) <= 1e-16)
        let l = D2.log1p(D2(0.5, seed: 1))
        #expect(l.partials[1] == 1 / 1.5)
    }

    /// The fitting engine's lane scalars agree with `Dual` on a saturating law with a kink.
    @Test func engineScalarsAgreeWithDual() {
        let x = SIMD8<Double>(0.5, 1, 2, 4, 8, 16, 32, 64)
        var a = LoggedLaneDual<1>(input: x, log: SIMD8(), hasLog: false)
        a = LoggedLaneDual.max(a - LoggedLaneDual(4), LoggedLaneDual(0))
        let r = LoggedLaneDual<1>.parameter(10, seeding: 0)
        let y = r * -LoggedLaneDual.expm1(-a / r)
        for lane in 0..<8 {
            typealias D1 = Dual<SIMD2<Double>>
            let excess = D1.max(D1(x[lane]) - D1(4), D1(0))
            let rr = D1(10, seed: 0)
            let expected = rr * -D1.expm1(-excess / rr)
            #expect(abs(y.value[lane] - expected.value) <= 1e-15 * Swift.max(1, abs(expected.value)))
            #expect(abs(y.partials[0][lane] - expected.partials[0]) <= 1e-15)
        }
        let values = LoggedLanes.max(LoggedLanes(x, log: SIMD8(), hasLog: false), LoggedLanes(SIMD8(repeating: 4), log: SIMD8(), hasLog: false))
        #expect(values.value == SIMD8(4, 4, 4, 4, 8, 16, 32, 64))
    }

    @Test func saturatingLawIsExactWhereTheNaiveFormRounds() throws {
        let law = try ScalingLaw(SaturatingForm(), values: ["R": 1e17])
        // R·(1 − e^(−x/R)) = x·(1 − x/(2R) + …): at x = 10, R = 1e17 it is 10 to 16 digits; the naive
        // R·(1 − exp(−x/R)) gives 11.1… (1 − exp(−1e-16) rounds to 1.11e-16).
        #expect(relativeDifference(try law([.D: 10]), 10) <= 1e-15)
        #expect(law.formula(showingValues: false) == "R·(1 − exp(−D/R))")
    }

    @Test func formulasPrintTheNewFunctions() {
        let x = Formula.symbol(Symbol("x")), y = Formula.symbol(Symbol("y"))
        #expect(Formula.min(x, y).unicode == "min(x, y)")
        #expect(Formula.max(x - Formula(1), Formula(0)).unicode == "max(x − 1, 0)")
        #expect(Formula.log1p(x).unicode == "ln(1 + x)")
        #expect((Formula(2) * Formula.expm1(x)).unicode == "2·(exp(x) − 1)")
        #expect(Formula.ifLess(x, than: y, then: x, otherwise: y).unicode == "(x if x < y, else y)")
        #expect(Formula.max(x, y).latex == "\\max\\left(x, y\\right)")
    }
}
