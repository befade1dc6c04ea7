/// What the fused loss kernel needs besides the parameters: the data's targets and weights, how
/// residuals are formed and scored, and where the gradient goes.
@usableFromInline
struct LossRequest {
    /// The measured values in residual space (ln y or y), `count` of them.
    @usableFromInline let targets: UnsafePointer<Double>
    /// The point weights, `count` of them (0 leaves a point out).
    @usableFromInline let weights: UnsafePointer<Double>
    @usableFromInline let count: Int
    /// Residuals `ln y − ln ŷ` when true, `y − ŷ` otherwise.
    @usableFromInline let logarithmic: Bool
    @usableFromInline let loss: LossFunction
    /// `1/σ` for the likelihood, 1 otherwise: residuals are scored as `r/σ`.
    @usableFromInline let inverseScale: Double
    /// Where `∂F/∂θ_j` of the free parameters goes (natural coordinates), or nil for the value only.
    @usableFromInline let gradient: UnsafeMutablePointer<Double>?

    @usableFromInline
    init(targets: UnsafePointer<Double>, weights: UnsafePointer<Double>, count: Int, logarithmic: Bool,
         loss: LossFunction, inverseScale: Double, gradient: UnsafeMutablePointer<Double>?) {
        self.targets = targets
        self.weights = weights
        self.count = count
        self.logarithmic = logarithmic
        self.loss = loss
        self.inverseScale = inverseScale
        self.gradient = gradient
    }
}

/// The sums the fused loss kernel returns: `Σ wᵢ·ρ(rᵢ/σ)`, `Σ wᵢ`, and the likelihood's
/// `Σ wᵢ·(1 − ψ(zᵢ)·zᵢ)`; `isValid` is false when a prediction is not finite (or not positive,
/// with logarithmic residuals), in which case the sums are meaningless.
@usableFromInline
struct LossSums {
    @usableFromInline var total: Double
    @usableFromInline var weightSum: Double
    @usableFromInline var scaleGradient: Double
    @usableFromInline var isValid: Bool

    @inlinable
    init(total: Double, weightSum: Double, scaleGradient: Double, isValid: Bool) {
        self.total = total
        self.weightSum = weightSum
        self.scaleGradient = scaleGradient
        self.isValid = isValid
    }
}

/// Eight points of the objective at once: residuals, robust loss and the coefficients that turn
/// prediction derivatives into the gradient, all on `SIMD8<Double>` lanes without branches.
@usableFromInline
struct LossLanes {
    @usableFromInline typealias Lanes = SIMD8<Double>

    @usableFromInline var total = Lanes()
    @usableFromInline var weightSum = Lanes()
    @usableFromInline var scaleGradient = Lanes()
    /// Lanes where a prediction was not finite or (log residuals) not positive, accumulated as NaN.
    @usableFromInline var invalid = Lanes()

    @inlinable
    init() {}

    /// The targets and weights of the points `start ..< start + 8` (zero weight past the end).
    @inlinable @inline(__always)
    static func load(_ request: LossRequest, at start: Int) -> (targets: Lanes, weights: Lanes) {
        if start + Lanes.scalarCount <= request.count {
            let targets = UnsafeRawPointer(request.targets + start).loadUnaligned(as: Lanes.self)
            let weights = UnsafeRawPointer(request.weights + start).loadUnaligned(as: Lanes.self)
            return (targets, weights)
        }
        var targets = Lanes(), weights = Lanes()
        for lane in 0..<(request.count - start) {
            targets[lane] = request.targets[start + lane]
            weights[lane] = request.weights[start + lane]
        }
        return (targets, weights)
    }

    /// Adds eight points with predictions `predicted`; returns `∂F/∂ŷᵢ` lane by lane, which the
    /// caller multiplies into each prediction derivative for the gradient.
    @inlinable @inline(__always)
    mutating func add(_ predicted: Lanes, targets: Lanes, weights: Lanes, _ request: LossRequest) -> Lanes {
        // A prediction that is NaN, ±∞ or (log residuals) ≤ 0 poisons `invalid` with NaN: x·0 is
        // NaN exactly for non-finite x, and ln of a non-positive value is NaN or −∞.
        let residual: Lanes, slope: Lanes
        if request.logarithmic {
            let logPrediction = Lanes.log(predicted)
            residual = targets - logPrediction
            slope = -1 / predicted
            invalid += logPrediction * Lanes()
        } else {
            residual = targets - predicted
            slope = Lanes(repeating: -1)
        }
        invalid += predicted * Lanes()
        let inverseScale = Lanes(repeating: request.inverseScale)
        let z = residual * inverseScale
        let (rho, psi) = LossLanes.rho(z, request.loss)
        total += weights * rho
        weightSum += weights
        scaleGradient += weights * (1 - psi * z)
        return weights * psi * inverseScale * slope
    }

    /// ρ and ψ = ρ′ of ``LossFunction`` lane by lane, branch-free (Huber's ψ is r clamped to ±δ,
    /// and then ρ = ψ·(r − ψ/2) in both regimes).
    @inlinable @inline(__always)
    static func rho(_ r: Lanes, _ loss: LossFunction) -> (rho: Lanes, psi: Lanes) {
        switch loss {
        case .leastSquares:
            return (0.5 * r * r, r)
        case .huber(let delta), .huberLikelihood(let delta):
            let clipped = clamp(r, delta)
            return (clipped * (r - 0.5 * clipped), clipped)
        case .softL1(let c):
            let scaled = r / Lanes(repeating: c)
            let root = (1 + scaled * scaled).squareRoot()
            return (c * c * (root - 1), r / root)
        case .asymmetric(let under, let over):
            // c = under where r > 0, else over: the sign bit of −r, as a 0/1 lane mask.
            let positive = Lanes(unsafeBitCast(unsafeBitCast(-r, to: SIMD8<UInt64>.self) &>> 63, to: SIMD8<Int64>.self))
            let c = over + (under - over) * positive
            return (0.5 * c * r * r, c * r)
        }
    }

    /// `r` clamped to `[−δ, δ]` lane by lane, exactly, with bit selects: the standard library's
    /// `clamped` is a generic call per use here, and SIMD comparisons scalarize on this toolchain.
    /// The sign of `δ − r` (exact in floating point) says whether `r > δ`; `δ + r` whether `r < −δ`.
    @inlinable @inline(__always)
    static func clamp(_ r: Lanes, _ delta: Double) -> Lanes {
        typealias Bits = SIMD8<UInt64>
        let limit = Lanes(repeating: delta)
        let above = 0 &- (unsafeBitCast(limit - r, to: Bits.self) &>> 63)
        let below = 0 &- (unsafeBitCast(limit + r, to: Bits.self) &>> 63)
        let inside = ~(above | below)
        let bits = (unsafeBitCast(r, to: Bits.self) & inside) | (unsafeBitCast(limit, to: Bits.self) & above)
            | (unsafeBitCast(-limit, to: Bits.self) & below)
        return unsafeBitCast(bits, to: Lanes.self)
    }

    /// The horizontal sums.
    @inlinable
    var sums: LossSums {
        let poison = invalid.sum()
        return LossSums(total: total.sum(), weightSum: weightSum.sum(), scaleGradient: scaleGradient.sum(),
                        isValid: poison == 0)
    }
}

extension PredictionKernel {
    /// The objective's sums at `parameters`, values eight points per call on ``LoggedLanes``.
    @inlinable
    func lossLanes(_ parameters: UnsafePointer<Double>, _ request: LossRequest, rows: Range<Int>) -> LossSums {
        typealias Lanes = SIMD8<Double>
        var accumulator = LossLanes()
        withInputs(parameters, rows: rows, as: LoggedLanes.self,
                   parameter: { value, _ in LoggedLanes.parameter(value) },
                   input: { LoggedLanes($0, log: $1, hasLog: $2) }) { start, y in
            let (targets, weights) = LossLanes.load(request, at: start)
            _ = accumulator.add(y.value, targets: targets, weights: weights, request)
        }
        return accumulator.sums
    }

    /// The objective's sums at `parameters` and its gradient with respect to the `K` free
    /// parameters (natural coordinates) in `request.gradient`, eight points per call on
    /// ``LoggedLaneDual``, without forming the Jacobian.
    @inlinable
    func lossAndGradientLanes<let K: Int>(
        _ number: LoggedLaneDual<K>.Type, _ parameters: UnsafePointer<Double>, _ request: LossRequest, rows: Range<Int>
    ) -> LossSums {
        typealias Lanes = SIMD8<Double>
        var accumulator = LossLanes()
        var gradient = InlineArray<K, Lanes>(repeating: Lanes())
        let free = self.free
        withInputs(parameters, rows: rows, as: LoggedLaneDual<K>.self,
                   parameter: { value, index in LoggedLaneDual<K>.parameter(value, seeding: free.firstIndex(of: index)) },
                   input: { LoggedLaneDual<K>(input: $0, log: $1, hasLog: $2) }) { start, y in
            let (targets, weights) = LossLanes.load(request, at: start)
            let coefficient = accumulator.add(y.value, targets: targets, weights: weights, request)
            for j in 0..<K { gradient[j] += coefficient * y.partials[j] }
        }
        if let out = request.gradient {
            for j in 0..<K { out[j] = gradient[j].sum() }
        }
        return accumulator.sums
    }

    /// Calls `body(start, ŷ)` for each block of eight points of `rows` (whose lower bound is a
    /// multiple of eight), with the law evaluated on `Number` lanes: parameters made by
    /// `parameter(value, index)`, inputs by `input(values, logs, hasLog)`.
    @inlinable @inline(__always)
    func withInputs<Number: LawScalar>(
        _ parameters: UnsafePointer<Double>, rows: Range<Int>, as _: Number.Type,
        parameter: (Double, Int) -> Number,
        input: (SIMD8<Double>, SIMD8<Double>, Bool) -> Number,
        _ body: (Int, Number) -> Void
    ) {
        typealias Lanes = SIMD8<Double>
        let parameterCount = self.parameterCount
        let variableCount = data.variableCount
        let end = rows.upperBound
        let padded = data.paddedCount
        withUnsafeTemporaryAllocation(of: Number.self, capacity: Swift.max(parameterCount, 1)) { p in
            for j in 0..<parameterCount { p.initializeElement(at: j, to: parameter(parameters[j], j)) }
            withUnsafeTemporaryAllocation(of: Number.self, capacity: Swift.max(variableCount, 1)) { x in
                for v in 0..<variableCount { x.initializeElement(at: v, to: Number(0)) }
                data.values.withUnsafeBufferPointer { values in
                    data.logs.withUnsafeBufferPointer { logs in
                        data.hasLog.withUnsafeBufferPointer { hasLog in
                            let valueBase = UnsafeRawPointer(values.baseAddress.unsafelyUnwrapped)
                            let logBase = UnsafeRawPointer(logs.baseAddress.unsafelyUnwrapped)
                            let stride = MemoryLayout<Double>.stride
                            var start = rows.lowerBound
                            while start < end {
                                for v in 0..<variableCount {
                                    let offset = (v * padded + start) * stride
                                    x[v] = input(valueBase.loadUnaligned(fromByteOffset: offset, as: Lanes.self),
                                                 logBase.loadUnaligned(fromByteOffset: offset, as: Lanes.self), hasLog[v])
                                }
                                body(start, form.evaluate(LawArguments(UnsafeBufferPointer(x)),
                                                          LawArguments(UnsafeBufferPointer(p))))
                                start += Lanes.scalarCount
                            }
                        }
                    }
                }
            }
        }
    }
}
