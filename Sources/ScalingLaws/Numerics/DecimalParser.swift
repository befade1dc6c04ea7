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
        guard let (value, end) = parsePrefix(bytes, count: count), end == count else { return nil }
        return value
    }

    /// The number at the start of the `count` bytes at `bytes` and the index past it, or nil as in
    /// ``parse(_:count:)``. What follows the number is not looked at: a caller reading a field checks
    /// that a delimiter comes next.
    @inline(__always)
    static func parsePrefix(_ bytes: UnsafePointer<UInt8>, count: Int) -> (Double, Int)? {
        var index = 0
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        let integerStart = index
        // Leading zeros are not significant (nor, before the first nonzero digit, fraction zeros).
        while index < count, bytes[index] == UInt8(ascii: "0") { index += 1 }
        guard digits(bytes, &index, count, &significand, &significantDigits) else { return nil }
        var digitCount = index - integerStart
        var fractionDigits = 0
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            if significand == 0 { while index < count, bytes[index] == UInt8(ascii: "0") { index += 1 } }
            guard digits(bytes, &index, count, &significand, &significantDigits) else { return nil }
            fractionDigits = index - fractionStart
            digitCount += fractionDigits
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            guard let (value, end) = exponentPart(bytes, from: index + 1, count: count) else { return nil }
            exponent = value
            index = end
        }
        if significand == 0 { return (negative ? -0.0 : 0.0, index) }
        guard let value = magnitude(significand, exponent - fractionDigits) else { return nil }
        return (negative ? -value : value, index)
    }

    /// Appends the digits at `index` to `significand`, eight at a time while it can; false when
    /// there are more than 19 significant digits (a 20th would not fit in 64 bits, and the wrapped
    /// significand is then discarded).
    @inline(__always)
    private static func digits(
        _ bytes: UnsafePointer<UInt8>, _ index: inout Int, _ count: Int,
        _ significand: inout UInt64, _ significantDigits: inout Int
    ) -> Bool {
        let raw = UnsafeRawPointer(bytes)
        let start = index
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            guard areEightDigits(word) else { break }
            significand = significand &* 100_000_000 &+ eightDigits(word)
            index += 8
        }
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            significand = significand &* 10 &+ UInt64(digit)
            index += 1
        }
        significantDigits += index - start
        return significantDigits <= 19
    }

    /// Whether the eight bytes of `word` (first byte lowest) are all ASCII digits: neither adding
    /// 0x46 nor subtracting 0x30 may carry into a byte's top bit.
    @inline(__always)
    private static func areEightDigits(_ word: UInt64) -> Bool {
        ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0
    }

    /// The value of eight ASCII digits (first byte lowest, most significant), combining pairs,
    /// then quadruples, by multiplication (Lemire's SWAR method).
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = value &* 10 &+ value >> 8
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        value = ((value & pairs) &* (100 &+ 1_000_000 << 32) &+ ((value >> 16) & pairs) &* (1 &+ 10_000 << 32)) >> 32
        return value & 0xFFFF_FFFF
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
