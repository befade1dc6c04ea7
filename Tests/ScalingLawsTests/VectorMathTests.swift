import Foundation
import Testing
@testable import ScalingLaws

/// The vectorized `exp`/`log` of `Double` lanes against the C library, in ulps.
@Suite struct VectorMathTests {
    /// Distance in units in the last place between two finite doubles of the same sign.
    func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / b.ulp
    }

    /// Seeded inputs spread over the whole range plus the edges that break naive implementations.
    func inputs(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        var generator = SeededGenerator(seed: 7)
        return (0..<count).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * generator.unit() }
    }

    /// A million seeded inputs over exp's whole finite range, plus edges.
    @Test func expWithinTwoUlps() {
        let xs = inputs(-745...709.7, count: 1_000_000) + [0, -0.0, 1, -1, 0.5, 709.78, -708.4, -720, -744.4, 1e-300, -1e-300]
        var worst = 0.0
        for start in stride(from: 0, to: xs.count - 8, by: 8) {
            let lanes = SIMD8<Double>(xs[start..<start + 8])
            let result = SIMD8<Double>.exp(lanes)
            for lane in 0..<8 {
                let expected = Foundation.exp(xs[start + lane])
                if expected == 0 || !expected.isNormal {
                    // Subnormal results: compare absolutely, in units of the smallest subnormal.
                    #expect(abs(result[lane] - expected) <= 2 * Double.leastNonzeroMagnitude, "x = \(xs[start + lane])")
                } else {
                    worst = max(worst, ulps(result[lane], expected))
                }
            }
        }
        #expect(worst <= 2, "worst exp error \(worst) ulp")
    }

    /// A million seeded inputs, log-uniform over every positive double, plus edges.
    @Test func logWithinTwoUlps() {
        let mantissas = inputs(0...1, count: 1_000_000)
        // Log-uniform over the whole positive range, subnormals included.
        let xs = mantissas.map { Foundation.pow(2, -1070 + 2093 * $0) } + [1, 2, 0.5, 1 - 1e-16, 1 + 2e-16, Double.leastNonzeroMagnitude, .greatestFiniteMagnitude]
        var worst = 0.0
        for start in stride(from: 0, to: xs.count - 8, by: 8) {
            let result = SIMD8<Double>.log(SIMD8<Double>(xs[start..<start + 8]))
            for lane in 0..<8 {
                let expected = Foundation.log(xs[start + lane])
                worst = max(worst, expected == 0 ? abs(result[lane]) / Double.leastNormalMagnitude : ulps(result[lane], expected))
            }
        }
        #expect(worst <= 2, "worst log error \(worst) ulp")
    }

    @Test func specialValuesFollowTheCLibrary() {
        let x = SIMD8<Double>(0, -1, .infinity, .nan, -.infinity, 1, -0.0, 800)
        let log = SIMD8<Double>.log(x)
        #expect(log[0] == -.infinity && log[1].isNaN && log[2] == .infinity && log[3].isNaN)
        #expect(log[4].isNaN && log[5] == 0 && log[6] == -.infinity)
        let exp = SIMD8<Double>.exp(x)
        #expect(exp[0] == 1 && exp[2] == .infinity && exp[3].isNaN && exp[4] == 0 && exp[7] == .infinity)
        let pow = SIMD8<Double>.pow(SIMD8<Double>(repeating: 0), SIMD8<Double>(0, 1, 2, 0.5, 1, 1, 1, 1))
        #expect(pow[0] == 1 && pow[1] == 0 && pow[3] == 0)
    }

    /// Special values in any lane, beside ordinary ones: each lane is exactly the C library's
    /// (NaN for NaN), so one odd lane never spoils its neighbours.
    @Test func specialValuesInAnyLaneMatchTheCLibrary() {
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -1, -0x1p-1030, 0x1p-1030, .leastNonzeroMagnitude,
                                  .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, -1e308,
                                  709.79, -745.2, 0x1p-1063]
        func same(_ a: Double, _ b: Double) -> Bool { (a.isNaN && b.isNaN) || a == b || abs(a - b) <= 2 * b.ulp }
        for special in specials {
            for lane in 0..<8 {
                var x = SIMD8<Double>(1, 2, 3, 0.5, 10, 100, 0.25, 7)
                x[lane] = special
                let exp = SIMD8<Double>.exp(x), log = SIMD8<Double>.log(x)
                for other in 0..<8 {
                    #expect(same(exp[other], Foundation.exp(x[other])), "exp(\(x[other])) in lane \(other)")
                    #expect(same(log[other], Foundation.log(x[other])), "log(\(x[other])) in lane \(other)")
                }
            }
        }
    }

    /// Single-precision lanes: 2¹⁸ seeded inputs each over exp's and log's whole ranges,
    /// within 2 ulp of the C library's `expf`/`logf`; outside the fast path exactly the C library.
    @Test func floatExpAndLogWithinTwoUlps() {
        var generator = SeededGenerator(seed: 9)
        var worstExp: Float = 0, worstLog: Float = 0
        func ulps(_ a: Float, _ b: Float) -> Float { a == b ? 0 : abs(a - b) / b.ulp }
        for _ in 0..<(1 << 18 / 16) {
            var x = SIMD16<Float>(), y = SIMD16<Float>()
            for lane in 0..<16 {
                x[lane] = Float(-104 + 193 * generator.unit())
                y[lane] = Float(Foundation.pow(2, -149 + 277 * generator.unit()))
            }
            let e = SIMD16<Float>.exp(x), l = SIMD16<Float>.log(y)
            for lane in 0..<16 {
                let expected = Foundation.expf(x[lane])
                if expected.isNormal { worstExp = max(worstExp, ulps(e[lane], expected)) } else {
                    #expect(abs(e[lane] - expected) <= 2 * Float.leastNonzeroMagnitude || e[lane] == expected, "expf(\(x[lane]))")
                }
                worstLog = max(worstLog, ulps(l[lane], Foundation.logf(y[lane])))
            }
        }
        #expect(worstExp <= 2, "worst Float exp error \(worstExp) ulp")
        #expect(worstLog <= 2, "worst Float log error \(worstLog) ulp")
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, -1, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                 .greatestFiniteMagnitude, 88.7, -103.9, 1]
        for special in specials {
            var x = SIMD16<Float>(repeating: 2)
            x[5] = special
            let e = SIMD16<Float>.exp(x), l = SIMD16<Float>.log(x)
            for lane in 0..<16 {
                let ee = Foundation.expf(x[lane]), ll = Foundation.logf(x[lane])
                #expect((e[lane].isNaN && ee.isNaN) || e[lane] == ee || abs(e[lane] - ee) <= 2 * ee.ulp, "expf(\(x[lane]))")
                #expect((l[lane].isNaN && ll.isNaN) || abs(l[lane] - ll) <= 2 * ll.ulp || l[lane] == ll, "logf(\(x[lane]))")
            }
        }
    }

    /// pow = exp(y·ln x): the rounding of y·ln x is magnified by |y·ln x| (about 1.5 ulp per unit of it).
    @Test func powWithinScaledTolerance() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<5_000 {
            let base = Foundation.pow(10, 14 * generator.unit())
            let exponent = -2 + 4 * generator.unit()
            let result = SIMD2<Double>.pow(SIMD2(repeating: base), SIMD2(repeating: exponent))[0]
            let expected = Foundation.pow(base, exponent)
            let allowed = 4 + 2 * abs(exponent * Foundation.log(base))
            #expect(ulps(result, expected) <= allowed, "\(base)^\(exponent)")
        }
    }
}
