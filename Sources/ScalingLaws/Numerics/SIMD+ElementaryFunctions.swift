// Vectorized `exp`, `log` and `pow` for SIMD vectors of `Double`, used by the `LawScalar`
// conformances of SIMD lanes in place of one C-library call per lane.
//
// Each follows the classic recipe: reduce the argument exactly (Cody–Waite for exp, exponent and
// mantissa split for log), evaluate a short series on the reduced range, and rebuild the result
// from its binary exponent. Everything is lane-parallel arithmetic and 64-bit integer bit work:
// SIMD comparisons and `replacing(with:where:)` compile to per-lane branches here, and trapping
// float→int conversions scalarize on baseline x86-64, so the code uses neither; the 1.5·2⁵²
// "magic number" moves values between doubles and integers instead. Arguments outside the fast
// path's range (|x| ≥ 512 for exp; zero, negative, subnormal, infinite or NaN for log) send the
// whole vector to the C library, lane by lane, so special values and edge cases are exactly C's.
// Accuracy on the fast path: within 2 ulp of the C library for exp and log, and for
// pow = exp(y·ln x) about (4 + 2·|y·ln x|) ulp, the rounding of y·ln x magnified (`VectorMathTests`).

/// 1.5·2⁵²: adding it to a double of magnitude < 2⁵¹ rounds to an integer held in the low bits.
@usableFromInline let magicRound: Double = 6755399441055744.0

/// True when any lane has its sign bit set.
@inlinable @inline(__always)
func anyNegative<Bits: SIMD>(_ bits: Bits) -> Bool where Bits.Scalar: FixedWidthInteger & SignedInteger {
    (bits &>> Bits.Scalar(Bits.Scalar.bitWidth - 1)).wrappedSum() != 0
}

/// Whether every lane satisfies |x| < 512 (and is not NaN): exp's fast path.
@inlinable @inline(__always)
func expFastPathApplies<V: SIMD>(_ x: V) -> Bool where V.Scalar == Double {
    typealias Bits = V.MaskStorage
    let field = unsafeBitCast(x, to: Bits.self) & Bits(repeating: 0x7FF0_0000_0000_0000)
    // A biased exponent ≥ 1032 (|x| ≥ 512, ∞, NaN) carries into the sign bit.
    return !anyNegative(field &+ Bits(repeating: (2048 - 1032) << 52))
}

/// Whether every lane is a positive normal finite double: log's fast path.
@inlinable @inline(__always)
func logFastPathApplies<V: SIMD>(_ x: V) -> Bool where V.Scalar == Double {
    typealias Bits = V.MaskStorage
    // bits − 2⁻¹⁰²² pattern lies in [0, 0x7FE0…) exactly for positive normal finite doubles:
    // below it wraps negative, above it the added 0x0020… carries into the sign bit.
    let shifted = unsafeBitCast(x, to: Bits.self) &- Bits(repeating: 0x0010_0000_0000_0000)
    return !anyNegative(shifted | (shifted &+ Bits(repeating: 0x0020_0000_0000_0000)))
}

/// eˣ for |x| < 512 in every lane (see ``expFastPathApplies(_:)``).
@inlinable @inline(__always)
func vectorExpFastPath<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
    let log2e = V(repeating: 1.4426950408889634074)
    // ln 2 split so that n·ln2Hi is exact for |n| ≤ 2¹¹.
    let ln2Hi = V(repeating: 6.93147180369123816490e-01)
    let ln2Lo = V(repeating: 1.90821492927058770002e-10)
    let magic = V(repeating: magicRound)
    let n = (x * log2e + magic) - magic
    let r = (x - n * ln2Hi) - n * ln2Lo
    // exp(r) = 1 + r + r²·P(r) for |r| ≤ ln2/2, P of degree 9 fitted in Chebyshev nodes
    // (relative error 1.7e-17, Tests/Reference/elementary_coefficients.py), Horner form.
    var p = V(repeating: 2.5100375832561234e-08)
    p = p * r + V(repeating: 2.7620075879983367e-07)
    p = p * r + V(repeating: 2.7557268480310024e-06)
    p = p * r + V(repeating: 2.4801521322368692e-05)
    p = p * r + V(repeating: 0.00019841269863040545)
    p = p * r + V(repeating: 0.0013888888917196719)
    p = p * r + V(repeating: 0.008333333333330065)
    p = p * r + V(repeating: 0.041666666666624164)
    p = p * r + V(repeating: 0.16666666666666669)
    p = p * r + V(repeating: 0.5000000000000001)
    p = V(repeating: 1) + r + r * r * p
    // 2ⁿ from its exponent bits: |n| ≤ 739, so n + 1023 is a normal exponent field. The low bits of
    // n + 1023 + 1.5·2⁵² hold n + 1023; shifting by 52 drops the rest out of the word.
    let biased = unsafeBitCast(n + V(repeating: 1023 + magicRound), to: V.MaskStorage.self)
    return p * unsafeBitCast(biased &<< 52, to: V.self)
}

/// ln x for positive normal finite x in every lane (see ``logFastPathApplies(_:)``).
@inlinable @inline(__always)
func vectorLogFastPath<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
    typealias Bits = V.MaskStorage
    let ln2Hi = V(repeating: 6.93147180369123816490e-01)
    let ln2Lo = V(repeating: 1.90821492927058770002e-10)
    // Split x = 2ᵏ·m with m ∈ [√½, √2): subtracting √½'s bit pattern makes the exponent field of
    // the difference k (an arithmetic shift keeps its sign), and removing k from x's exponent
    // leaves m.
    let bits = unsafeBitCast(x, to: Bits.self)
    let offset = bits &- Bits(repeating: 0x3FE6_A09E_667F_3BCD)
    let k = offset &>> 52
    let mantissa = unsafeBitCast(bits &- (k &<< 52), to: V.self)
    // k as a double: small integers added to the pattern of 1.5·2⁵² are exact.
    let exponent = unsafeBitCast(k &+ Bits(repeating: 0x4338_0000_0000_0000), to: V.self) - V(repeating: magicRound)
    // ln m = 2·atanh(s) = 2s + s³·Q(s²), s = (m − 1)/(m + 1), |s| ≤ 0.1716; Q of degree 6 fitted
    // in Chebyshev nodes (error 4.6e-18 relative to 2s, Tests/Reference/elementary_coefficients.py).
    let s = (mantissa - V(repeating: 1)) / (mantissa + V(repeating: 1))
    let s2 = s * s
    var q = V(repeating: 0.14616449685043406)
    q = q * s2 + V(repeating: 0.15331721600556042)
    q = q * s2 + V(repeating: 0.18182889125261723)
    q = q * s2 + V(repeating: 0.2222221113479508)
    q = q * s2 + V(repeating: 0.28571428625975487)
    q = q * s2 + V(repeating: 0.39999999999899505)
    q = q * s2 + V(repeating: 0.666666666666667)
    // 2s + s·s²·q keeps the leading term exact.
    let logMantissa = s + s + s * s2 * q
    return exponent * ln2Hi + (logMantissa + exponent * ln2Lo)
}

@inlinable @inline(__always)
func vectorExp<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
    expFastPathApplies(x) ? vectorExpFastPath(x) : lanewise(x, Double.exp)
}

@inlinable @inline(__always)
func vectorLog<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
    logFastPathApplies(x) ? vectorLogFastPath(x) : lanewise(x, Double.log)
}

@inlinable @inline(__always)
func vectorPow<V: SIMD>(_ x: V, _ y: V) -> V where V.Scalar == Double {
    if logFastPathApplies(x) {
        let exponent = y * vectorLogFastPath(x)
        if expFastPathApplies(exponent) { return vectorExpFastPath(exponent) }
    }
    return lanewise(x, y, Double.pow)
}

// Float lanes: the same recipes in single precision, with the shorter series single precision
// needs (Tests/Reference/elementary_coefficients.py): four times the lanes of Double per
// instruction on this target, within 2 ulp of the C library's `expf`/`logf` on the fast path.

/// 1.5·2²³: the single-precision magic number.
@usableFromInline let magicRoundFloat: Float = 12582912.0

/// Whether every lane satisfies |x| < 87 (and is not NaN): Float exp's fast path, whose results
/// are normal floats.
@inlinable @inline(__always)
func expFastPathApplies<V: SIMD>(_ x: V) -> Bool where V.Scalar == Float {
    typealias Bits = V.MaskStorage
    let magnitude = unsafeBitCast(x, to: Bits.self) & Bits(repeating: 0x7FFF_FFFF)
    // In range exactly when magnitude − bits(87) is negative; NaN patterns lie above.
    let below = magnitude &- Bits(repeating: 0x42AE_0000)
    return !anyNegative(~below)
}

/// Whether every lane is a positive normal finite float: Float log's fast path.
@inlinable @inline(__always)
func logFastPathApplies<V: SIMD>(_ x: V) -> Bool where V.Scalar == Float {
    typealias Bits = V.MaskStorage
    let shifted = unsafeBitCast(x, to: Bits.self) &- Bits(repeating: 0x0080_0000)
    return !anyNegative(shifted | (shifted &+ Bits(repeating: 0x0100_0000)))
}

/// eˣ for |x| < 87 in every Float lane.
@inlinable @inline(__always)
func vectorExpFastPath<V: SIMD>(_ x: V) -> V where V.Scalar == Float {
    let magic = V(repeating: magicRoundFloat)
    let n = (x * V(repeating: 1.44269504) + magic) - magic
    // ln 2 = 0.693359375 (exact in 9 bits, so n·ln2Hi is exact) − 2.12194440e-4.
    let r = (x - n * V(repeating: 0.693359375)) - n * V(repeating: -2.12194440e-4)
    var p = V(repeating: 0.0013926176)
    p = p * r + V(repeating: 0.008363173)
    p = p * r + V(repeating: 0.041666555)
    p = p * r + V(repeating: 0.16666578)
    p = p * r + V(repeating: 0.5)
    p = V(repeating: 1) + r + r * r * p
    // 2ⁿ: the low bits of n + 127 + 1.5·2²³ hold n + 127 (in 1…253 here).
    let biased = unsafeBitCast(n + V(repeating: 127 + magicRoundFloat), to: V.MaskStorage.self)
    return p * unsafeBitCast(biased &<< 23, to: V.self)
}

/// ln x for positive normal finite x in every Float lane.
@inlinable @inline(__always)
func vectorLogFastPath<V: SIMD>(_ x: V) -> V where V.Scalar == Float {
    typealias Bits = V.MaskStorage
    let bits = unsafeBitCast(x, to: Bits.self)
    // x = 2ᵏ·m, m ∈ [√½, √2): as for Double, with √½ = 0x3F3504F3.
    let k = (bits &- Bits(repeating: 0x3F35_04F3)) &>> 23
    let mantissa = unsafeBitCast(bits &- (k &<< 23), to: V.self)
    let exponent = unsafeBitCast(k &+ Bits(repeating: 0x4B40_0000), to: V.self) - V(repeating: magicRoundFloat)
    let s = (mantissa - V(repeating: 1)) / (mantissa + V(repeating: 1))
    let s2 = s * s
    var q = V(repeating: 0.2957995)
    q = q * s2 + V(repeating: 0.3998878)
    q = q * s2 + V(repeating: 0.66666687)
    let logMantissa = s + s + s * s2 * q
    return exponent * V(repeating: 0.693359375) + (logMantissa + exponent * V(repeating: -2.12194440e-4))
}

@inlinable @inline(__always)
func vectorExp<V: SIMD>(_ x: V) -> V where V.Scalar == Float {
    expFastPathApplies(x) ? vectorExpFastPath(x) : lanewise(x, Float.exp)
}

@inlinable @inline(__always)
func vectorLog<V: SIMD>(_ x: V) -> V where V.Scalar == Float {
    logFastPathApplies(x) ? vectorLogFastPath(x) : lanewise(x, Float.log)
}

@inlinable @inline(__always)
func vectorPow<V: SIMD>(_ x: V, _ y: V) -> V where V.Scalar == Float {
    if logFastPathApplies(x) {
        let exponent = y * vectorLogFastPath(x)
        if expFastPathApplies(exponent) { return vectorExpFastPath(exponent) }
    }
    return lanewise(x, y, Float.pow)
}

/// `ln` of every value, eight at a time with ``vectorLog(_:)`` (within 2 ulp of `Double.log`; the
/// special values exactly as `Double.log` gives them).
func naturalLogarithms(_ values: UnsafeBufferPointer<Double>) -> [Double] {
    typealias Lanes = SIMD8<Double>
    let count = values.count
    return [Double](unsafeUninitializedCapacity: count) { output, initialized in
        guard let source = values.baseAddress, let target = output.baseAddress else { initialized = 0; return }
        var start = 0
        while start + Lanes.scalarCount <= count {
            let block = UnsafeRawPointer(source + start).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(target + start).storeBytes(of: vectorLog(block), as: Lanes.self)
            start += Lanes.scalarCount
        }
        for index in start..<count { (target + index).initialize(to: Double.log(source[index])) }
        initialized = count
    }
}
