#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

extension Double: LawScalar {
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { _exp(x) }
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { _log(x) }
    @inlinable @inline(__always) public static func log2(_ x: Double) -> Double { _log2(x) }
    @inlinable @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { _pow(x, y) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Double, equals value: Double) -> Double { x == value ? 1 : 0 }
    @inlinable @inline(__always) public static func expm1(_ x: Double) -> Double { _expm1(x) }
    @inlinable @inline(__always) public static func log1p(_ x: Double) -> Double { _log1p(x) }
    @inlinable @inline(__always)
    public static func ifLess(_ x: Double, than y: Double, then: Double, otherwise: Double) -> Double { x < y ? then : otherwise }
    @inlinable @inline(__always)
    public static func min(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }
    @inlinable @inline(__always)
    public static func max(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? x + y : (x < y ? y : x) }
}

extension Float: LawScalar {
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { _expf(x) }
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { _logf(x) }
    @inlinable @inline(__always) public static func log2(_ x: Float) -> Float { _log2f(x) }
    @inlinable @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { _powf(x, y) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Float, equals value: Double) -> Float { Double(x) == value ? 1 : 0 }
    @inlinable @inline(__always) public static func expm1(_ x: Float) -> Float { _expm1f(x) }
    @inlinable @inline(__always) public static func log1p(_ x: Float) -> Float { _log1pf(x) }
    @inlinable @inline(__always)
    public static func ifLess(_ x: Float, than y: Float, then: Float, otherwise: Float) -> Float { x < y ? then : otherwise }
    @inlinable @inline(__always)
    public static func min(_ x: Float, _ y: Float) -> Float { x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }
    @inlinable @inline(__always)
    public static func max(_ x: Float, _ y: Float) -> Float { x.isNaN || y.isNaN ? x + y : (x < y ? y : x) }
}

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
/// `Float16` evaluates each elementary function in `Float` and rounds once, which is correctly
/// rounded or within one `Float16` ulp of it: `Float` carries 13 more significand bits.
@available(macOS 11.0, iOS 14.0, tvOS 14.0, watchOS 7.0, *)
extension Float16: LawScalar {
    @inlinable @inline(__always) public static func exp(_ x: Float16) -> Float16 { Float16(_expf(Float(x))) }
    @inlinable @inline(__always) public static func log(_ x: Float16) -> Float16 { Float16(_logf(Float(x))) }
    @inlinable @inline(__always) public static func log2(_ x: Float16) -> Float16 { Float16(_log2f(Float(x))) }
    @inlinable @inline(__always)
    public static func pow(_ x: Float16, _ y: Float16) -> Float16 { Float16(_powf(Float(x), Float(y))) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Float16, equals value: Double) -> Float16 { Double(x) == value ? 1 : 0 }
    @inlinable @inline(__always) public static func expm1(_ x: Float16) -> Float16 { Float16(_expm1f(Float(x))) }
    @inlinable @inline(__always) public static func log1p(_ x: Float16) -> Float16 { Float16(_log1pf(Float(x))) }
    @inlinable @inline(__always)
    public static func ifLess(_ x: Float16, than y: Float16, then: Float16, otherwise: Float16) -> Float16 { x < y ? then : otherwise }
    @inlinable @inline(__always)
    public static func min(_ x: Float16, _ y: Float16) -> Float16 { x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }
    @inlinable @inline(__always)
    public static func max(_ x: Float16, _ y: Float16) -> Float16 { x.isNaN || y.isNaN ? x + y : (x < y ? y : x) }
}
#endif

#if (arch(i386) || arch(x86_64)) && !os(Windows) && !os(Android)
extension Float80: LawScalar {
    @inlinable @inline(__always) public static func exp(_ x: Float80) -> Float80 { _expl(x) }
    @inlinable @inline(__always) public static func log(_ x: Float80) -> Float80 { _logl(x) }
    @inlinable @inline(__always) public static func log2(_ x: Float80) -> Float80 { _log2l(x) }
    @inlinable @inline(__always) public static func pow(_ x: Float80, _ y: Float80) -> Float80 { _powl(x, y) }
    @inlinable @inline(__always)
    public static func indicator(_ x: Float80, equals value: Double) -> Float80 { x == Float80(value) ? 1 : 0 }
    @inlinable @inline(__always) public static func expm1(_ x: Float80) -> Float80 { _expm1l(x) }
    @inlinable @inline(__always) public static func log1p(_ x: Float80) -> Float80 { _log1pl(x) }
    @inlinable @inline(__always)
    public static func ifLess(_ x: Float80, than y: Float80, then: Float80, otherwise: Float80) -> Float80 { x < y ? then : otherwise }
    @inlinable @inline(__always)
    public static func min(_ x: Float80, _ y: Float80) -> Float80 { x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }
    @inlinable @inline(__always)
    public static func max(_ x: Float80, _ y: Float80) -> Float80 { x.isNaN || y.isNaN ? x + y : (x < y ? y : x) }
}

// The C library's names, reachable from inside conformances whose own members shadow them.
@usableFromInline @inline(__always) func _expl(_ x: Float80) -> Float80 { expl(x) }
@usableFromInline @inline(__always) func _logl(_ x: Float80) -> Float80 { logl(x) }
@usableFromInline @inline(__always) func _log2l(_ x: Float80) -> Float80 { log2l(x) }
@usableFromInline @inline(__always) func _powl(_ x: Float80, _ y: Float80) -> Float80 { powl(x, y) }
@usableFromInline @inline(__always) func _expm1l(_ x: Float80) -> Float80 { expm1l(x) }
@usableFromInline @inline(__always) func _log1pl(_ x: Float80) -> Float80 { log1pl(x) }
#endif

@usableFromInline @inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@usableFromInline @inline(__always) func _log(_ x: Double) -> Double { log(x) }
@usableFromInline @inline(__always) func _log2(_ x: Double) -> Double { log2(x) }
@usableFromInline @inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline @inline(__always) func _expf(_ x: Float) -> Float { expf(x) }
@usableFromInline @inline(__always) func _logf(_ x: Float) -> Float { logf(x) }
@usableFromInline @inline(__always) func _log2f(_ x: Float) -> Float { log2f(x) }
@usableFromInline @inline(__always) func _powf(_ x: Float, _ y: Float) -> Float { powf(x, y) }
@usableFromInline @inline(__always) func _expm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline @inline(__always) func _log1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline @inline(__always) func _expm1f(_ x: Float) -> Float { expm1f(x) }
@usableFromInline @inline(__always) func _log1pf(_ x: Float) -> Float { log1pf(x) }
