/// Decodes decimal numbers (`-1.5e9`, `.5`, `5.`, `1E+05`) from UTF-8 bytes into correctly rounded
/// doubles, without building a `String`: the inner loop of reading a CSV file's numeric columns.
///
/// Grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, nothing else (no spaces,
/// no `inf`, `nan`, hexadecimal or digit separators). The value is the double nearest to the exact
/// decimal, ties to even — what `Double("…")` (and C's `strtod`) return. Three routes, fastest first:
/// - an exact product when the significand has at most 15 … 16 digits (≤ 2⁵³) and the power of ten
///   is exact in binary (|exponent| ≤ 22): one IEEE multiplication or division rounds correctly;
/// - the Eisel–Lemire algorithm for up to 19 significant digits and exponents in −348 … 347: the
///   significand times a 128-bit approximation of 10^q, which either settles the rounding or says it
///   cannot (≈ never in practice);
/// - nil otherwise (more than 19 significant digits, a subnormal or overflowing result, an
///   undecided rounding, text outside the grammar): the caller then asks `Double(_:)`, which is slow
///   but decides every case.
enum DecimalParser {
    /// The value of the `count` bytes at `bytes`, or nil when this parser does not decide it (see the
    /// type's documentation): nil never means the text is not a number, only "ask `Double(_:)`".
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
        var index = 0
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        while index < count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                // Leading zeros are not significant; a 20th significant digit does not fit in 64 bits.
                if significand != 0 || digit != 0 {
                    guard significantDigits < 19 else { return nil }
                    significand = significand &* 10 &+ UInt64(digit)
                    significantDigits += 1
                }
                digits += 1
                if inFraction { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !inFraction {
                inFraction = true
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            guard let (value, end) = exponentPart(bytes, from: index + 1, count: count) else { return nil }
            exponent = value
            index = end
        }
        guard index == count else { return nil }
        if significand == 0 { return negative ? -0.0 : 0.0 }
        let value = magnitude(significand, exponent - fractionDigits)
        return negative ? value.map { -$0 } : value
    }

    /// The signed exponent after an `e` and the index past it; exponents beyond ±99 999 are clamped
    /// (they are far outside any double and go to `Double(_:)` anyway).
    private static func exponentPart(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int) -> (Int, Int)? {
        var index = start
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let first = index
        var value = 0
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = min(value * 10 + Int(digit), 99_999)
            index += 1
        }
        guard index > first else { return nil }
        return (negative ? -value : value, index)
    }

    /// The powers of ten that are exact doubles.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// significand × 10^exponent correctly rounded, for a nonzero significand, or nil when undecided.
    static func magnitude(_ significand: UInt64, _ exponent: Int) -> Double? {
        if significand <= 1 << 53, (-22...22).contains(exponent) {
            // Both operands are exact, so the one rounding of the operation is the correct rounding.
            let exact = Double(significand)
            return exponent >= 0 ? exact * exactPowers[exponent] : exact / exactPowers[-exponent]
        }
        return eiselLemire(significand, exponent)
    }

    /// Eisel and Lemire's algorithm (Lemire, "Number parsing at a gigabyte per second", 2021): the
    /// normalised significand times the truncated 128-bit significand of 10^exponent gives the top
    /// bits of the exact product; when the bits below the 54 kept cannot change the rounding the
    /// result is exact, otherwise it returns nil. Subnormal and overflowing results return nil too.
    static func eiselLemire(_ significand: UInt64, _ exponent: Int) -> Double? {
        guard PowersOfTen.range.contains(exponent) else { return nil }
        let leadingZeros = significand.leadingZeroBitCount
        let normalized = significand << leadingZeros
        let entry = (exponent - PowersOfTen.range.lowerBound) * 2
        let powerHigh = PowersOfTen.table[entry], powerLow = PowersOfTen.table[entry + 1]
        // floor(exponent · log2 10) for |exponent| ≤ 2^16 / 217706 · 2^16 ≈ 1,300.
        var binaryExponent = UInt64(bitPattern: Int64((217_706 * exponent) >> 16 + 64 + 1023 - leadingZeros))
        var (high, low) = normalized.multipliedFullWidth(by: powerHigh)
        if high & 0x1FF == 0x1FF, low &+ normalized < normalized {
            // The truncation of 10^exponent may matter: add the next 64 bits of its significand.
            let (lowerHigh, lowerLow) = normalized.multipliedFullWidth(by: powerLow)
            let (mergedLow, carry) = low.addingReportingOverflow(lowerHigh)
            let mergedHigh = high &+ (carry ? 1 : 0)
            if mergedHigh & 0x1FF == 0x1FF, mergedLow == .max, lowerLow &+ normalized < normalized { return nil }
            high = mergedHigh
            low = mergedLow
        }
        let topBit = high >> 63
        var mantissa = high >> (topBit + 9)
        binaryExponent &-= 1 ^ topBit
        // Exactly halfway between two doubles: the truncated bits might hide a tie or not.
        if low == 0, high & 0x1FF == 0, mantissa & 3 == 1 { return nil }
        mantissa = (mantissa &+ (mantissa & 1)) >> 1
        if mantissa >> 53 > 0 {
            mantissa >>= 1
            binaryExponent &+= 1
        }
        // Zero or wrapped-around means subnormal; 0x7FF or more means overflow.
        guard binaryExponent &- 1 < 0x7FF - 1 else { return nil }
        return Double(bitPattern: binaryExponent << 52 | mantissa & 0x000F_FFFF_FFFF_FFFF)
    }
}
