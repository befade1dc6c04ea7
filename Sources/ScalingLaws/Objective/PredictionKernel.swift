/// A law's predictions over a ``FitData``, and their exact derivatives with respect to the free
/// parameters, from the law's own generic `evaluate`.
///
/// Value-only evaluation runs eight points per call in ``LoggedLanes``; derivatives run one point
/// per call in ``LoggedDual`` with `Partials` lanes, one per free parameter. Everything here is
/// `@inlinable` so that it is specialised for the concrete form where `fit` is called (in the
/// caller's module): unspecialised generic code would be an order of magnitude slower. Nothing is
/// allocated per point; per call, the parameter and input vectors live on the stack.
@usableFromInline
struct PredictionKernel<Form: LawForm>: Sendable {
    @usableFromInline let form: Form
    @usableFromInline let data: FitData
    /// The indices (in the form's parameter order) of the free parameters, seeded as partials.
    @usableFromInline let free: [Int]
    @usableFromInline let parameterCount: Int

    @inlinable
    init(form: Form, data: FitData, free: [Int]) {
        self.form = form
        self.data = data
        self.free = free
        self.parameterCount = form.parameters.count
    }

    /// Writes the prediction of each point of `rows` to `predictions[rows]`.
    @inlinable
    func predict(_ parameters: UnsafePointer<Double>, _ predictions: UnsafeMutablePointer<Double>, rows: Range<Int>) {
        typealias Lanes = SIMD8<Double>
        let count = rows.upperBound
        withInputs(parameters, rows: rows, as: LoggedLanes.self,
                   parameter: { value, _ in LoggedLanes.parameter(value) },
                   input: { LoggedLanes($0, log: $1, hasLog: $2) }) { start, y in
            for lane in 0..<Swift.min(Lanes.scalarCount, count - start) { predictions[start + lane] = y.value[lane] }
        }
    }

    /// Writes the prediction of each point i of `rows` to `predictions[i]` and `∂ŷᵢ/∂θ_free[j]` to
    /// `jacobian[i·k + j]` (k = number of free parameters ≤ `Partials.scalarCount`).
    @inlinable
    func predictWithJacobian<Partials: SIMD & Sendable>(
        _ width: Partials.Type, _ parameters: UnsafePointer<Double>,
        _ predictions: UnsafeMutablePointer<Double>, _ jacobian: UnsafeMutablePointer<Double>, rows: Range<Int>
    ) where Partials.Scalar == Double {
        typealias Number = LoggedDual<Partials>
        let parameterCount = self.parameterCount
        let variableCount = data.variableCount
        let padded = data.paddedCount
        let k = free.count
        withUnsafeTemporaryAllocation(of: Number.self, capacity: Swift.max(parameterCount, 1)) { p in
            for j in 0..<parameterCount {
                let value = parameters[j]
                let positive = value > 0
                p.initializeElement(at: j, to: Number(value, partials: Partials(), log: positive ? Double.log(value) : 0,
                                                      hasLog: positive))
            }
            free.withUnsafeBufferPointer { free in
                for slot in 0..<k { p[free[slot]].partials[slot] = 1 }
            }
            withUnsafeTemporaryAllocation(of: Number.self, capacity: Swift.max(variableCount, 1)) { x in
                for v in 0..<variableCount { x.initializeElement(at: v, to: Number(0)) }
                data.values.withUnsafeBufferPointer { values in
                    data.logs.withUnsafeBufferPointer { logs in
                        data.hasLog.withUnsafeBufferPointer { hasLog in
                            for i in rows {
                                for v in 0..<variableCount {
                                    x[v] = Number(input: values[v * padded + i], log: logs[v * padded + i], hasLog: hasLog[v])
                                }
                                let y = form.evaluate(LawArguments(UnsafeBufferPointer(x)), LawArguments(UnsafeBufferPointer(p)))
                                predictions[i] = y.value
                                let row = jacobian + i * k
                                for slot in 0..<k { row[slot] = y.partials[slot] }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension PredictionKernel {
    /// ``predictWithJacobian(_:_:_:_:)`` eight points per call, with `K` = the number of free
    /// parameters known at compile time (``LoggedLaneDual``): the fast path for up to eight free
    /// parameters.
    @inlinable
    func predictWithJacobianLanes<let K: Int>(
        _ number: LoggedLaneDual<K>.Type, _ parameters: UnsafePointer<Double>,
        _ predictions: UnsafeMutablePointer<Double>, _ jacobian: UnsafeMutablePointer<Double>, rows: Range<Int>
    ) {
        typealias Lanes = SIMD8<Double>
        let count = rows.upperBound
        let free = self.free
        withInputs(parameters, rows: rows, as: LoggedLaneDual<K>.self,
                   parameter: { value, index in LoggedLaneDual<K>.parameter(value, seeding: free.firstIndex(of: index)) },
                   input: { LoggedLaneDual<K>(input: $0, log: $1, hasLog: $2) }) { start, y in
            for lane in 0..<Swift.min(Lanes.scalarCount, count - start) {
                predictions[start + lane] = y.value[lane]
                let row = jacobian + (start + lane) * K
                for slot in 0..<K { row[slot] = y.partials[slot][lane] }
            }
        }
    }
}

/// A law's prediction functions with the law's type erased, so that the optimizers are compiled
/// once: closures made where the form is concrete (see ``ScalingLaw/fit(to:loss:residuals:starts:optimizer:options:)``).
@usableFromInline
struct LawEvaluator: Sendable {
    @usableFromInline typealias Predict = @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    @usableFromInline typealias PredictWithJacobian =
        @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    @usableFromInline typealias Loss = @Sendable (UnsafePointer<Double>, LossRequest) -> LossSums

    /// `(θ, ŷ)`: predictions at the full parameter vector θ.
    @usableFromInline let predict: Predict
    /// `(θ, ŷ, J)`: predictions and the n × k Jacobian with respect to the free parameters.
    @usableFromInline let predictWithJacobian: PredictWithJacobian
    /// The objective's sums at θ, fused with the predictions (value only).
    @usableFromInline let loss: Loss
    /// The objective's sums and gradient at θ without forming the Jacobian; nil beyond eight free
    /// parameters, where the gradient comes from ``predictWithJacobian``.
    @usableFromInline let lossAndGradient: Loss?
    /// How the points are split for evaluation; the optimizers' own sums over points follow it.
    @usableFromInline let chunks: PointChunks

    @inlinable
    init(predict: @escaping Predict, predictWithJacobian: @escaping PredictWithJacobian, loss: @escaping Loss,
         lossAndGradient: Loss?, chunks: PointChunks) {
        self.predict = predict
        self.predictWithJacobian = predictWithJacobian
        self.loss = loss
        self.lossAndGradient = lossAndGradient
        self.chunks = chunks
    }

    /// The evaluator of `form` on `data`: for up to eight free parameters, derivatives eight points
    /// at a time with exactly as many partials as free parameters (``LoggedLaneDual``); beyond, one
    /// point at a time with derivative lanes of the smallest width among 16, 32, 64. Large data
    /// sets are evaluated in fixed chunks of points (``PointChunks``), on up to `concurrency`
    /// threads (nil: every core), their sums added in chunk order.
    @inlinable
    init<Form: LawForm>(form: Form, data: FitData, free: [Int], concurrency: Int? = nil, chunkSize: Int = PointChunks.size) {
        let kernel = PredictionKernel(form: form, data: data, free: free)
        let chunks = PointChunks(count: data.count, concurrency: concurrency, size: chunkSize)
        let predict: Predict = { parameters, predictions in
            chunks.run { kernel.predict(parameters, predictions, rows: $0) }
        }
        let loss: Loss = { parameters, request in chunks.sum(request) { kernel.lossLanes(parameters, $0, rows: $1) } }
        func lanes<let K: Int>(_ number: LoggedLaneDual<K>.Type) -> LawEvaluator {
            LawEvaluator(predict: predict,
                         predictWithJacobian: { parameters, predictions, jacobian in
                             chunks.run { kernel.predictWithJacobianLanes(number, parameters, predictions, jacobian, rows: $0) }
                         },
                         loss: loss,
                         lossAndGradient: { parameters, request in
                             chunks.sum(request, gradientCount: K) { kernel.lossAndGradientLanes(number, parameters, $0, rows: $1) }
                         },
                         chunks: chunks)
        }
        func wide<Partials: SIMD & Sendable>(_ width: Partials.Type) -> LawEvaluator where Partials.Scalar == Double {
            LawEvaluator(predict: predict,
                         predictWithJacobian: { parameters, predictions, jacobian in
                             chunks.run { kernel.predictWithJacobian(width, parameters, predictions, jacobian, rows: $0) }
                         },
                         loss: loss, lossAndGradient: nil, chunks: chunks)
        }
        switch free.count {
        case ...1: self = lanes(LoggedLaneDual<1>.self)
        case 2: self = lanes(LoggedLaneDual<2>.self)
        case 3: self = lanes(LoggedLaneDual<3>.self)
        case 4: self = lanes(LoggedLaneDual<4>.self)
        case 5: self = lanes(LoggedLaneDual<5>.self)
        case 6: self = lanes(LoggedLaneDual<6>.self)
        case 7: self = lanes(LoggedLaneDual<7>.self)
        case 8: self = lanes(LoggedLaneDual<8>.self)
        case ...16: self = wide(SIMD16<Double>.self)
        case ...32: self = wide(SIMD32<Double>.self)
        default: self = wide(SIMD64<Double>.self)
        }
    }
}

/// A data set's points split into fixed chunks for evaluation: one chunk below 2¹⁷ points, chunks
/// of 2¹⁶ beyond (by default; any multiple of eight). The split depends on the number of points alone, and chunk sums are added in
/// chunk order, so results are the same on any number of threads.
@usableFromInline
struct PointChunks: Sendable {
    /// The chunks' rows; every lower bound a multiple of eight (the kernels' lane width).
    @usableFromInline let ranges: [Range<Int>]
    @usableFromInline let concurrency: Int

    @usableFromInline static var size: Int { 1 << 16 }

    @usableFromInline
    init(count: Int, concurrency: Int?, size: Int = Self.size) {
        precondition(size > 0 && size % 8 == 0, "chunks hold a positive multiple of eight points")
        if count < 2 * size {
            ranges = [0..<count]
        } else {
            ranges = stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
        }
        self.concurrency = Swift.max(1, concurrency ?? ParallelWork.processorCount)
    }

    /// Runs `body` on every chunk (in parallel when there are several chunks and threads).
    @inlinable
    func run(_ body: @escaping (Range<Int>) -> Void) {
        if ranges.count == 1 { return body(ranges[0]) }
        ParallelWork.forEach(count: ranges.count, concurrency: concurrency) { body(ranges[$0]) }
    }

    /// Runs `body(chunk index, rows)` on every chunk (in parallel when there are several).
    @inlinable
    func enumerate(_ body: @escaping (Int, Range<Int>) -> Void) {
        if ranges.count == 1 { return body(0, ranges[0]) }
        let ranges = self.ranges
        ParallelWork.forEach(count: ranges.count, concurrency: concurrency) { body($0, ranges[$0]) }
    }

    /// The loss sums over every chunk, each from `body(request for the chunk, rows)`, added in chunk
    /// order; with `gradientCount` > 0, the chunks' gradients (natural coordinates) too, into
    /// `request.gradient`.
    @inlinable
    func sum(_ request: LossRequest, gradientCount: Int = 0, _ body: @escaping (LossRequest, Range<Int>) -> LossSums) -> LossSums {
        if ranges.count == 1 { return body(request, ranges[0]) }
        let chunkCount = ranges.count
        let wantsGradient = gradientCount > 0 && request.gradient != nil
        return withUnsafeTemporaryAllocation(of: LossSums.self, capacity: chunkCount) { sums in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(1, chunkCount * gradientCount)) { gradients in
                let sumsBase = sums.baseAddress!, gradientBase = gradients.baseAddress!
                ParallelWork.forEach(count: chunkCount, concurrency: concurrency) { chunk in
                    let chunkRequest = LossRequest(
                        targets: request.targets, weights: request.weights, count: request.count,
                        logarithmic: request.logarithmic, loss: request.loss, inverseScale: request.inverseScale,
                        gradient: wantsGradient ? gradientBase + chunk * gradientCount : nil)
                    (sumsBase + chunk).initialize(to: body(chunkRequest, ranges[chunk]))
                }
                var total = LossSums(total: 0, weightSum: 0, scaleGradient: 0, isValid: true)
                for chunk in 0..<chunkCount {
                    let part = sumsBase[chunk]
                    total.total += part.total
                    total.weightSum += part.weightSum
                    total.scaleGradient += part.scaleGradient
                    total.isValid = total.isValid && part.isValid
                }
                if wantsGradient, let out = request.gradient {
                    for j in 0..<gradientCount {
                        var value = 0.0
                        for chunk in 0..<chunkCount { value += gradientBase[chunk * gradientCount + j] }
                        out[j] = value
                    }
                }
                return total
            }
        }
    }
}
