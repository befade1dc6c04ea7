/// The 128-bit significands of the powers of ten 10^q, q in −348 … 347, truncated: for each q the
/// integer ⌊10^q · 2^(127 − ⌊log2 10^q⌋)⌋, whose top bit is set, stored as (high, low) 64-bit halves.
/// They feed ``DecimalParser``'s Eisel–Lemire route.
///
/// Computed once, exactly, with integer arithmetic on a few hundred 64-bit limbs instead of being
/// pasted as a 1,400-number table: 10^q for q ≥ 0 by repeated multiplication, and ⌊2^M / 10^n⌋ for
/// q = −n by repeated division of one large power of two (⌊⌊a/10⌋/10⌋ = ⌊a/100⌋, so no error builds
/// up). Keeping the top 128 bits of either is the truncation above.
enum PowersOfTen {
    /// The exponents covered: beyond them every double is 0 or ∞ whatever the ≤ 19 digits.
    static let range = -348...347

    /// (high, low) for 10^range.lowerBound, then each next power: 2 · range.count words.
    static let table: [UInt64] = {
        var words = [UInt64](repeating: 0, count: 2 * range.count)
        // 2^1344 exceeds 10^348 · 2^128, so every quotient keeps at least 128 significant bits.
        var quotient = [UInt64](repeating: 0, count: 22)
        quotient[21] = 1
        for n in 1...(-range.lowerBound) {
            divideByTen(&quotient)
            let (high, low) = top128(quotient)
            let slot = (-n - range.lowerBound) * 2
            words[slot] = high
            words[slot + 1] = low
        }
        // Powers 10^q ≥ 1 times 2^256, so that even 10^0 has more than 128 bits to take the top of.
        var power = [UInt64](repeating: 0, count: 25)
        power[4] = 1
        for q in 0...range.upperBound {
            if q > 0 { multiplyByTen(&power) }
            let (high, low) = top128(power)
            let slot = (q - range.lowerBound) * 2
            words[slot] = high
            words[slot + 1] = low
        }
        return words
    }()

    /// limbs ← limbs · 10 (little-endian 64-bit limbs; the caller leaves room for the carry).
    private static func multiplyByTen(_ limbs: inout [UInt64]) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let (high, low) = limbs[index].multipliedFullWidth(by: 10)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limbs[index] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        precondition(carry == 0, "PowersOfTen: limbs too few for 10^347")
    }

    /// limbs ← ⌊limbs / 10⌋.
    private static func divideByTen(_ limbs: inout [UInt64]) {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let (quotient, rest) = UInt64(10).dividingFullWidth((high: remainder, low: limbs[index]))
            limbs[index] = quotient
            remainder = rest
        }
    }

    /// The 128 most significant bits of a number of more than 128 bits, truncated.
    private static func top128(_ limbs: [UInt64]) -> (UInt64, UInt64) {
        let top = limbs.lastIndex { $0 != 0 }!
        let bitLength = 64 * top + 64 - limbs[top].leadingZeroBitCount
        func word(at bit: Int) -> UInt64 {
            let index = bit / 64, shift = bit % 64
            let low = limbs[index] >> shift
            guard shift > 0, index + 1 < limbs.count else { return low }
            return low | limbs[index + 1] << (64 - shift)
        }
        return (word(at: bitLength - 64), word(at: bitLength - 128))
    }
}
