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

    /// Writes the prediction of each point to `predictions[0..<data.count]`.
    @inlinable
    func predict(_ parameters: UnsafePointer<Double>, _ predictions: UnsafeMutablePointer<Double>) {
        typealias Lanes = SIMD8<Double>
        let count = data.count
        withInputs(parameters, as: LoggedLanes.self,
                   parameter: { value, _ in LoggedLanes.parameter(value) },
                   input: { LoggedLanes($0, log: $1, hasLog: $2) }) { start, y in
            for lane in 0..<Swift.min(Lanes.scalarCount, count - start) { predictions[start + lane] = y.value[lane] }
        }
    }

    /// Writes each point's prediction to `predictions` and `∂ŷᵢ/∂θ_free[j]` to
    /// `jacobian[i·k + j]` (k = number of free parameters ≤ `Partials.scalarCount`).
    @inlinable
    func predictWithJacobian<Partials: SIMD & Sendable>(
        _ width: Partials.Type, _ parameters: UnsafePointer<Double>,
        _ predictions: UnsafeMutablePointer<Double>, _ jacobian: UnsafeMutablePointer<Double>
    ) where Partials.Scalar == Double {
        typealias Number = LoggedDual<Partials>
        let parameterCount = self.parameterCount
        let variableCount = data.variableCount
        let count = data.count
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
                            for i in 0..<count {
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
        _ predictions: UnsafeMutablePointer<Double>, _ jacobian: UnsafeMutablePointer<Double>
    ) {
        typealias Lanes = SIMD8<Double>
        let count = data.count
        let free = self.free
        withInputs(parameters, as: LoggedLaneDual<K>.self,
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

    @inlinable
    init(predict: @escaping Predict, predictWithJacobian: @escaping PredictWithJacobian, loss: @escaping Loss,
         lossAndGradient: Loss?) {
        self.predict = predict
        self.predictWithJacobian = predictWithJacobian
        self.loss = loss
        self.lossAndGradient = lossAndGradient
    }

    /// The evaluator of `form` on `data`: for up to eight free parameters, derivatives eight points
    /// at a time with exactly as many partials as free parameters (``LoggedLaneDual``); beyond, one
    /// point at a time with derivative lanes of the smallest width among 16, 32, 64.
    @inlinable
    init<Form: LawForm>(form: Form, data: FitData, free: [Int]) {
        let kernel = PredictionKernel(form: form, data: data, free: free)
        let predict: Predict = { kernel.predict($0, $1) }
        let loss: Loss = { kernel.lossLanes($0, $1) }
        func lanes<let K: Int>(_ number: LoggedLaneDual<K>.Type) -> LawEvaluator {
            LawEvaluator(predict: predict,
                         predictWithJacobian: { kernel.predictWithJacobianLanes(number, $0, $1, $2) },
                         loss: loss, lossAndGradient: { kernel.lossAndGradientLanes(number, $0, $1) })
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
        case ...16:
            self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD16<Double>.self, $0, $1, $2) },
                      loss: loss, lossAndGradient: nil)
        case ...32:
            self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD32<Double>.self, $0, $1, $2) },
                      loss: loss, lossAndGradient: nil)
        default:
            self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD64<Double>.self, $0, $1, $2) },
                      loss: loss, lossAndGradient: nil)
        }
    }
}
