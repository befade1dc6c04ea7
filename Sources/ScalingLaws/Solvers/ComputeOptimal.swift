/// How training compute depends on the model: `C = flopsPerParameterToken(point)·N·D`.
///
/// `.chinchilla` is the usual 6·N·D; `.precisionAware` is Kumar's and Sun's (6/16)·N·D·P, which
/// charges low-precision training proportionally less; write your own with ``init(name:flopsPerParameterToken:)``.
public struct CostModel: Sendable {
    /// How the model prints, e.g. `"6·N·D"`.
    public var name: String
    /// FLOPs per parameter per token at a point (the other variables, e.g. a precision).
    public let flopsPerParameterToken: @Sendable ([Variable: Double]) -> Double

    /// A cost model `C = flopsPerParameterToken(point)·N·D`.
    public init(name: String, flopsPerParameterToken: @escaping @Sendable ([Variable: Double]) -> Double) {
        self.name = name
        self.flopsPerParameterToken = flopsPerParameterToken
    }

    /// C = 6·N·D (Chinchilla).
    public static let chinchilla = CostModel(name: "6·N·D") { _ in 6 }

    /// C = k·N·D·P with P the value of `precision` (Kumar et al.: k = 6/16, P = P_w).
    public static func precisionAware(_ precision: Variable = .weightBits, coefficient: Double = 6.0 / 16) -> CostModel {
        CostModel(name: "\(Formula.format(coefficient, .unicode))·N·D·\(precision.symbol.unicode)") { point in
            coefficient * (point[precision] ?? .nan)
        }
    }

    /// C = k·N·D·(E + M + 1) for a floating-point format of E exponent and M mantissa bits (Sun et al.).
    public static func floatingPoint(coefficient: Double = 6.0 / 16) -> CostModel {
        CostModel(name: "\(Formula.format(coefficient, .unicode))·N·D·(E + M + 1)") { point in
            coefficient * ((point[.exponentBits] ?? .nan) + (point[.mantissaBits] ?? .nan) + 1)
        }
    }
}

/// A precision chosen as a decision variable: how one number of bits P sets the law's variables.
public struct PrecisionChoice: Sendable {
    /// How the choice prints, e.g. `"P_w = P_a = P_kv = P"`.
    public var name: String
    /// The law's variables for P bits.
    public let settings: @Sendable (Double) -> [Variable: Double]

    /// A precision choice setting the law's variables by `settings`.
    public init(name: String, settings: @escaping @Sendable (Double) -> [Variable: Double]) {
        self.name = name
        self.settings = settings
    }

    /// Weights, activations and KV cache all trained at P bits (Kumar et al.'s compute-optimal question).
    public static let tiedTraining = PrecisionChoice(name: "P_w = P_a = P_kv = P") { bits in
        [.weightBits: bits, .activationBits: bits, .kvBits: bits]
    }

    /// A floating-point format of P bits split into exponent and mantissa by Sun et al.'s optimum
    /// (continuous): `E = δ·P/(δ+ν) − 0.5`, `M = ν·P/(δ+ν) − 0.5`, so E + M + 1 = P.
    public static func floatingPoint(delta: Double, nu: Double) -> PrecisionChoice {
        PrecisionChoice(name: "E + M + 1 = P at the optimal split") { bits in
            [.exponentBits: delta * bits / (delta + nu) - 0.5, .mantissaBits: nu * bits / (delta + nu) - 0.5]
        }
    }
}

/// A compute-optimal choice of model size, data and (optionally) precision.
public struct ComputeAllocation: Sendable, Hashable {
    /// The training compute C, in FLOPs.
    public var compute: Double
    /// The optimal parameter count.
    public var N: Double
    /// The optimal training tokens, from the cost model.
    public var D: Double
    /// The law's loss at the optimum.
    public var loss: Double
    /// The optimal precision in bits, when precision was a decision variable.
    public var precision: Double?
    /// The law's other variables at the optimum (the precision settings included).
    public var settings: [Variable: Double]

    /// D/N.
    public var tokensPerParameter: Double { D / N }
}

extension ScalingLaw {
    /// The parameter count and tokens that minimize the law at training compute `compute` under
    /// `cost`, the other variables fixed at `point`: the law is minimized along the iso-compute
    /// curve D = C/(cost·N), over N in `parameters` (in log space).
    ///
    /// - Throws: ``SolverError/noInteriorMinimum(variable:range:boundary:)`` when the optimum lies at
    ///   an end of `parameters`; ``SolverError/invalidInput(_:)`` for invalid inputs.
    public func computeOptimal(
        compute: Double, cost: CostModel = .chinchilla, at point: [Variable: Double] = [:],
        parameters range: ClosedRange<Double> = 1e4...1e16
    ) throws(SolverError) -> ComputeAllocation {
        try checkComputeRequest(compute, range)
        guard let optimum = try optimumAlongIsoCompute(compute, cost, point, range) else {
            throw .invalidRequest("the law is undefined everywhere on the iso-compute curve C = \(compute)")
        }
        guard !optimum.atBoundary else {
            throw .noInteriorMinimum(variable: Variable.N.id, range: range, boundary: optimum.N)
        }
        return ComputeAllocation(compute: compute, N: optimum.N, D: optimum.D, loss: optimum.loss,
                                 precision: nil, settings: point)
    }

    /// The parameter count, tokens and precision that minimize the law at training compute
    /// `compute`: for each precision P in `bits` (set by `precision`), the law is minimized along
    /// the iso-compute curve, then over P.
    ///
    /// With Kumar et al.'s training law, `.precisionAware()` cost and `.tiedTraining`, the optimum is
    /// ≈ 7 bits at every compute (the paper: "around 7–8 bits", independent of compute).
    public func computeOptimal(
        compute: Double, cost: CostModel, precision: PrecisionChoice, bits: ClosedRange<Double>,
        at point: [Variable: Double] = [:], parameters range: ClosedRange<Double> = 1e4...1e16
    ) throws(SolverError) -> ComputeAllocation {
        try checkComputeRequest(compute, range)
        guard bits.lowerBound > 0, bits.upperBound.isFinite, bits.lowerBound < bits.upperBound else {
            throw .invalidRequest("the precision range must be positive, finite and non-empty")
        }
        var failure: SolverError?
        func lossAt(_ bits: Double) -> Double {
            var settings = point
            settings.merge(precision.settings(bits)) { _, new in new }
            do throws(SolverError) {
                return try optimumAlongIsoCompute(compute, cost, settings, range)?.loss ?? .infinity
            } catch {
                failure = failure ?? error
                return .infinity
            }
        }
        guard let best = ScalarSearch.minimum(in: bits.lowerBound, bits.upperBound, samples: 57, lossAt) else {
            throw failure ?? .invalidRequest("the law is undefined at every precision in \(bits)")
        }
        guard !best.atBoundary else {
            throw .noInteriorMinimum(variable: "precision", range: bits, boundary: best.x)
        }
        var settings = point
        settings.merge(precision.settings(best.x)) { _, new in new }
        guard let optimum = try optimumAlongIsoCompute(compute, cost, settings, range) else {
            throw .invalidRequest("the law is undefined at the optimal precision \(best.x)")
        }
        guard !optimum.atBoundary else {
            throw .noInteriorMinimum(variable: Variable.N.id, range: range, boundary: optimum.N)
        }
        return ComputeAllocation(compute: compute, N: optimum.N, D: optimum.D, loss: optimum.loss,
                                 precision: best.x, settings: settings)
    }

    func checkComputeRequest(_ compute: Double, _ range: ClosedRange<Double>) throws(SolverError) {
        guard compute.isFinite, compute > 0 else {
            throw .invalidInput(.invalidValue(variable: "compute", value: compute, requirement: "> 0 and finite"))
        }
        guard range.lowerBound > 0, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw .invalidRequest("the parameter range must be positive, finite and non-empty")
        }
        guard variables.contains(.N), variables.contains(.D) else {
            throw .invalidRequest("compute-optimal allocation needs a law of N and D (this one has \(variables.map(\.id).joined(separator: ", ")))")
        }
    }

    /// The minimum of the law over N along D = C/(cost·N), or `nil` if it is undefined everywhere.
    func optimumAlongIsoCompute(
        _ compute: Double, _ cost: CostModel, _ point: [Variable: Double], _ range: ClosedRange<Double>
    ) throws(SolverError) -> (N: Double, D: Double, loss: Double, atBoundary: Bool)? {
        let perParameterToken = cost.flopsPerParameterToken(point)
        guard perParameterToken.isFinite, perParameterToken > 0 else {
            throw .invalidRequest("the cost model \(cost.name) gives \(perParameterToken) FLOPs per parameter-token at \(point)")
        }
        var x: [Double]
        do throws(ScalingLawError) { x = try variables.ordered(point, leavingOut: [.N, .D], placeholder: .nan) } catch {
            throw .invalidInput(error)
        }
        let nSlot = variables.firstIndex(of: .N) ?? 0, dSlot = variables.firstIndex(of: .D) ?? 0
        func loss(_ logN: Double) -> Double {
            let n = Double.exp(logN)
            x[nSlot] = n
            x[dSlot] = compute / (perParameterToken * n)
            guard (try? validate(x)) != nil else { return .infinity }
            return evaluate(x)
        }
        guard let best = ScalarSearch.minimum(
            in: Double.log(range.lowerBound), Double.log(range.upperBound), samples: 97, loss) else {
            // Undefined everywhere: report the law's own validation error when the fixed variables
            // are to blame (a Kumar precision at which training diverges, say).
            _ = loss(0.5 * (Double.log(range.lowerBound) + Double.log(range.upperBound)))
            do throws(ScalingLawError) { try validate(x) } catch { throw .invalidInput(error) }
            return nil
        }
        let n = Double.exp(best.x)
        return (n, compute / (perParameterToken * n), best.value, best.atBoundary)
    }
}
