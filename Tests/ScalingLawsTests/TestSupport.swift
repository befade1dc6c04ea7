import Testing
@testable import ScalingLaws

// Shared test support: a type-erased view of every preset, the presets by reference key, seeded
// random points, finite differences and error estimates derived from a law's conditioning.

// MARK: - Any law

/// What the generic tests use of a law whatever its form: the library's type-erased view, plus the
/// traced formula for counting operations.
protocol LawUnderTest: ScalingLawProtocol {
    var tracedFormula: Formula { get }
}

extension ScalingLaw: LawUnderTest {
    var tracedFormula: Formula { form.formula() }
}

extension LawUnderTest {
    /// The values of `point` in ``variables`` order.
    func ordered(_ point: [Variable: Double]) -> [Double] {
        variables.map { point[$0]! }
    }

    /// The law evaluated in `T` at `point` (inputs rounded to `T`), returned as a `Double`.
    func value<T: LawScalar & BinaryFloatingPoint>(as type: T.Type, at point: [Variable: Double]) -> Double {
        Double(evaluate(ordered(point).map { T($0) }))
    }
}

// MARK: - The presets

/// One catalog preset with the points the generic tests evaluate it at.
struct PresetUnderTest: Sendable, CustomTestStringConvertible {
    let law: any LawUnderTest
    /// The catalog's typical point: every variable at a realistic value (raw counts).
    let typical: [Variable: Double]
    /// A point `Float16` can represent, or nil when a constant of the law overflows `Float16`
    /// (largest finite value 65504); `float16Reason` says why.
    let float16: [Variable: Double]?
    let float16Reason: String

    var testDescription: String { law.name }
}

/// The index of the Frantar format labelled `label`.
func frantarFormat(_ label: String) -> Double {
    Double(Frantar2025.multipliers.map(\.key).firstIndex(of: label)!)
}

/// A point small enough for `Float16` for each preset (N = 3000 and D = 60000 are exact in
/// `Float16`; bit widths are small integers), or the reason there is none. Keyed by preset name;
/// `everyCatalogPresetIsUnderTest` checks that no catalog preset is missing.
let float16Points: [String: (point: [Variable: Double]?, reason: String)] = {
    let small: [Variable: Double] = [.N: 3000, .D: 60000]
    let kumarPrecisions: [Variable: Double] = [.weightBits: 8, .activationBits: 6, .kvBits: 4]
    func merged(_ parts: [Variable: Double]...) -> [Variable: Double] {
        parts.reduce(into: [:]) { result, part in result.merge(part) { $1 } }
    }
    // Sun's γ·(E+½)^δ·(M+½)^ν exceeds 65504 in Float16 for E ≥ 2 (γ = 11334.5 times 2.5^3.19 ≈ 18.6),
    // so the Float16 point uses E = 1, M = 0, where the product stays near 5350.
    let sunSmall = merged(small, [.exponentBits: 1, .mantissaBits: 0, .blockSize: 32])
    let chenSmall = merged(small, [.groupSize: 64])
    let kaplanReason = "N_c = 4.74e19 overflows Float16 (largest finite 65504)"
    var points: [String: (point: [Variable: Double]?, reason: String)] = [
        "Hoffmann2022.printed": (small, ""), "Hoffmann2022.unrounded": (small, ""), "Besiroglu2024.refit": (small, ""),
        "Ouyang2024.unified": (merged(small, [.bits: 4]), ""),
        "Ouyang2024.baseline16": (nil, kaplanReason), "Ouyang2024.quantizedLoss": (nil, kaplanReason),
        "Kumar2024.ptq": (merged(small, [.bits: 4]), ""),
        "Kumar2024.effectiveParameters": (merged([.N: 3000], kumarPrecisions), ""),
        "Kumar2024.base": (small, ""),
        "Kumar2024.unified": (merged(small, [.bits: 4], kumarPrecisions), ""),
        "Kumar2024.postTrainingLoss": (merged(small, [.bits: 4]), ""),
        "Kumar2024.trainingLoss": (merged(small, kumarPrecisions), ""),
        "Sun2025.capybara": (nil, "d = 68973.0621 overflows Float16 (largest finite 65504)"),
        "Sun2025.quantizationTerm": (sunSmall, ""),
        "Frantar2025.onChinchilla": (merged(small, [Frantar2025.format: frantarFormat("W4A4")]), ""),
        "Panferov2025.quest": (merged(small, [Panferov2025.format: 4]), ""),
        "Castro2025.quartet": (nil, "A = 1.274e5 overflows Float16 (largest finite 65504)"),
        "Muennighoff2023.dataConstrained": (merged(small, [.uniqueTokens: 20000]), ""),
        "Frantar2024.t5": (nil, "the parameter unit N₀ = 1e6 overflows Float16 (largest finite 65504)"),
        "Frantar2024.vit": (nil, "the parameter unit N₀ = 1e6 overflows Float16 (largest finite 65504)"),
    ]
    for name in ["w4a4", "w4a16", "w16a4", "w4a4FC2Int8", "w16a4FC2Int8", "splitW4A4"] {
        points["Chen2025." + name] = (chenSmall, "")
    }
    return points
}()

/// Every preset of the catalog, with its typical point and its `Float16` point.
let allPresets: [PresetUnderTest] = PresetCatalog.all.map { preset in
    let law = preset.law as! any LawUnderTest
    let float16 = float16Points[preset.name]
    return PresetUnderTest(law: law, typical: preset.typicalPoint, float16: float16?.point ?? nil,
                           float16Reason: float16?.reason ?? "no Float16 point chosen for this preset")
}

// MARK: - Reference cases through the presets

/// The reference quantities that are one law evaluation (or a difference or ratio of two).
let lawQuantities: Set<String> = ["loss", "degradation", "effectiveParameters", "ratioW16A4toW4A16"]
/// The reference quantities that the solvers compute (inversions, optima): tested with them.
let solverQuantities: Set<String> = ["criticalTokens", "optimalParameters", "optimalTokens", "tokens"]
/// Reference keys whose cases `ComparisonTests` checks through `DegradationComparison`.
let comparisonPresetPrefix = "comparison."

/// The Frantar format label of each `frantar.*` reference key.
let frantarLabels: [String: String] = [
    "int4WeightOnly": "INT4-weights", "w4a4": "W4A4", "w1a1": "W1A1", "sparsity50": "50%-sparse",
]

/// The preset that a reference key names, for a quantity; nil for keys the library does not know.
func presetLaw(forKey key: String, quantity: String) -> (any LawUnderTest)? {
    switch key {
    case "chinchilla.hoffmann": return Hoffmann2022.printed
    case "chinchilla.hoffmannUnrounded": return Hoffmann2022.unrounded
    case "chinchilla.epoch": return Besiroglu2024.refit
    case "ouyang.unified": return Ouyang2024.unified
    case "ouyang.baseline16": return Ouyang2024.baseline16
    case "ouyang.quantized": return Ouyang2024.quantizedLoss
    case "kumar.ptq": return Kumar2024.ptq
    case "kumar.effectiveN": return Kumar2024.effectiveParameters
    case "kumar.unified": return Kumar2024.unified
    case "chen.w4a4": return Chen2025.w4a4
    case "chen.w4a16": return Chen2025.w4a16
    case "chen.w16a4": return Chen2025.w16a4
    case "chen.w4a4fc2int8": return Chen2025.w4a4FC2Int8
    case "chen.w16a4fc2int8": return Chen2025.w16a4FC2Int8
    case "sun.capybara": return quantity == "degradation" ? Sun2025.quantizationTerm : Sun2025.capybara
    default:
        if key.hasPrefix("frantar."), frantarLabels[String(key.dropFirst("frantar.".count))] != nil {
            return Frantar2025.onChinchilla
        }
        return nil
    }
}

struct UnknownReferenceInput: Error, CustomStringConvertible {
    let description: String
}

/// The reference inputs as a typed point of `law`, each id matched to one of the law's variables,
/// plus the format of a `frantar.*` key.
func typedPoint(_ reference: ReferenceCase, for law: any LawUnderTest) throws -> [Variable: Double] {
    var point: [Variable: Double] = [:]
    for (id, value) in reference.inputs {
        guard let variable = law.variables.first(where: { $0.id == id }) else {
            throw UnknownReferenceInput(description: "\(law.name) has no variable '\(id)' (case \(reference.preset))")
        }
        point[variable] = value
    }
    if reference.preset.hasPrefix("frantar.") {
        let label = frantarLabels[String(reference.preset.dropFirst("frantar.".count))]!
        point[Frantar2025.format] = frantarFormat(label)
    }
    return point
}

/// The law-evaluated reference cases, one law per case (no differences or ratios), with their
/// law and point: what the scalar-mode tests evaluate in every type.
let directReferenceEvaluations: [(case: ReferenceCase, law: any LawUnderTest, point: [Variable: Double])] = {
    referenceCases.compactMap { reference in
        guard lawQuantities.contains(reference.quantity), reference.quantity != "ratioW16A4toW4A16",
              !(reference.preset.hasPrefix("frantar.") && reference.quantity == "degradation"),
              let law = presetLaw(forKey: reference.preset, quantity: reference.quantity),
              let point = try? typedPoint(reference, for: law) else { return nil }
        return (reference, law, point)
    }
}()

extension ReferenceCase: CustomTestStringConvertible {
    var testDescription: String {
        let inputs = self.inputs.keys.sorted().map { "\($0)=\(self.inputs[$0]!)" }.joined(separator: ", ")
        return "\(preset) \(quantity) at \(inputs)"
    }
}

// MARK: - Numbers

/// |a − b| / |b|, or |a| when b = 0.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a) : abs(a - b) / abs(b)
}

/// The unit roundoff of `T` (half an ulp of 1).
func unitRoundoff<T: BinaryFloatingPoint>(_ type: T.Type) -> Double {
    Double(T.ulpOfOne) / 2
}

extension Formula {
    /// The number of arithmetic operations and elementary functions in the expression.
    var operationCount: Int {
        switch self {
        case .number, .symbol, .categorical: return 0
        case .sum(let a, let b), .difference(let a, let b), .product(let a, let b), .quotient(let a, let b),
             .power(let a, let b), .minimum(let a, let b), .maximum(let a, let b):
            return 1 + a.operationCount + b.operationCount
        case .negation(let a), .exponential(let a), .logarithm(let a), .binaryLogarithm(let a),
             .exponentialMinusOne(let a), .logarithmOnePlus(let a):
            return 1 + a.operationCount
        case .indicator(let a, _): return 1 + a.operationCount
        case .piecewise(let x, let y, let a, let b):
            return 1 + x.operationCount + y.operationCount + a.operationCount + b.operationCount
        case .namedQuantity(_, let a): return a.operationCount
        }
    }
}

/// The relative condition number of `law` at `point` with respect to every parameter and every
/// continuous variable: Σ|θ·∂L/∂θ|/|L| + Σ|x·∂L/∂x|/|L|, from the exact (dual-number) derivatives.
///
/// Rounding each parameter and input to a type with unit roundoff u changes the value by at most
/// about κ·u relative, to first order.
func relativeCondition(_ law: any LawUnderTest, at point: [Variable: Double]) throws -> Double {
    let (value, gradient) = try law.gradient(at: point)
    var sum = zip(law.values, gradient).reduce(0) { $0 + abs($1.0 * $1.1) }
    for variable in law.variables where variable.categories.isEmpty {
        sum += abs(point[variable]! * (try law.derivative(at: point, withRespectTo: variable).derivative))
    }
    return sum / abs(value)
}

/// How far an evaluation in a type with unit roundoff `u` may stray from the exact value:
/// `2·(κ + n)·u`, where κ is ``relativeCondition(_:at:)`` (the rounding of the inputs and
/// parameters) and n the number of operations of the formula, each of which rounds once. In these
/// laws (sums of positive terms, products, quotients, powers) a rounded intermediate moves the
/// result by at most its own relative error, except where κ already counts the magnification:
/// pow's error grows with |y·ln x|, the sensitivity to its exponent, and the one subtraction,
/// Kumar's 1 − e^(−P/γ+n), magnifies the exponential's error by e/(1 − e), its sensitivity to n.
/// The factor 2 covers second-order terms and elementary functions that are faithfully rather
/// than correctly rounded.
func roundingBound(_ law: any LawUnderTest, at point: [Variable: Double], unitRoundoff u: Double) throws -> Double {
    let kappa = try relativeCondition(law, at: point)
    return 2 * (kappa + Double(law.tracedFormula.operationCount)) * u
}

// MARK: - Seeded random points

/// The tests' seeded generator is the library's own (xoshiro256**), so that "random" test points are
/// the same on every run and no second generator lives beside it.
typealias SeededGenerator = Xoshiro256StarStar

extension Xoshiro256StarStar {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { nextUniform() }
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }
    mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        Double.exp(uniform(Double.log(range.lowerBound)...Double.log(range.upperBound)))
    }
}

/// A random point of `law`'s domain, with realistic magnitudes: N in [1e7, 1e12], D in
/// [1e9, 1e14] (log-uniform), bit widths between 2 and 8 (post-training) or 4 and 16 (Kumar's
/// training precisions, clear of the 3.11-bit divergence), group and block sizes 32–256 and
/// 32–8192, exponent bits 1–8, mantissa bits 0–7, sparsity 0–0.95, unique tokens 1e8–1e14, steps
/// 1e4–1e7, examples 1e8–1e11, any category.
func randomPoint(for law: any LawUnderTest, using generator: inout SeededGenerator) -> [Variable: Double] {
    var point: [Variable: Double] = [:]
    for variable in law.variables {
        if !variable.categories.isEmpty {
            point[variable] = Double(Int(generator.unit() * Double(variable.categories.count)))
            continue
        }
        switch variable.id {
        case "N": point[variable] = generator.logUniform(1e7...1e12)
        case "D": point[variable] = generator.logUniform(1e9...1e14)
        case "bits": point[variable] = generator.uniform(2...8)
        case "weightBits", "activationBits", "kvBits": point[variable] = generator.uniform(4...16)
        case "groupSize": point[variable] = generator.logUniform(32...256)
        case "exponentBits": point[variable] = generator.uniform(1...8)
        case "mantissaBits": point[variable] = generator.uniform(0...7)
        case "blockSize": point[variable] = generator.logUniform(32...8192)
        case "S": point[variable] = generator.uniform(0...0.95)
        case "U": point[variable] = generator.logUniform(1e8...1e14)
        case "steps": point[variable] = generator.logUniform(1e4...1e7)
        case "examples": point[variable] = generator.logUniform(1e8...1e11)
        default: point[variable] = generator.logUniform(1...100)
        }
    }
    return point
}

// MARK: - Errors

/// Runs `body`, which must throw a `ScalingLawError`; returns it (nil, with an issue recorded,
/// when nothing was thrown).
func thrownError<R>(
    _ body: () throws(ScalingLawError) -> R, sourceLocation: SourceLocation = #_sourceLocation
) -> ScalingLawError? {
    do {
        let result = try body()
        Issue.record("expected a ScalingLawError, got \(result)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// ``thrownError(_:sourceLocation:)`` for a call with a hostile input, counted by `probe`.
func thrownError<R>(
    probe: HostileProbe, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(ScalingLawError) -> R
) -> ScalingLawError? {
    thrownError({ () throws(ScalingLawError) -> R in try probe.call(body) }, sourceLocation: sourceLocation)
}
