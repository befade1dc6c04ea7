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
        let parameterCount = self.parameterCount
        let variableCount = data.variableCount
        let count = data.count
        let padded = data.paddedCount
        withUnsafeTemporaryAllocation(of: LoggedLanes.self, capacity: Swift.max(parameterCount, 1)) { p in
            for j in 0..<parameterCount {
                let value = parameters[j]
                let positive = value > 0
                p.initializeElement(at: j, to: LoggedLanes(Lanes(repeating: value),
                                                           log: Lanes(repeating: positive ? Double.log(value) : 0),
                                                           hasLog: positive))
            }
            withUnsafeTemporaryAllocation(of: LoggedLanes.self, capacity: Swift.max(variableCount, 1)) { x in
                for v in 0..<variableCount {
                    x.initializeElement(at: v, to: LoggedLanes(Lanes(), log: Lanes(), hasLog: false))
                }
                data.values.withUnsafeBufferPointer { values in
                    data.logs.withUnsafeBufferPointer { logs in
                        data.hasLog.withUnsafeBufferPointer { hasLog in
                            let valueBase = UnsafeRawPointer(values.baseAddress.unsafelyUnwrapped)
                            let logBase = UnsafeRawPointer(logs.baseAddress.unsafelyUnwrapped)
                            let stride = MemoryLayout<Double>.stride
                            var start = 0
                            while start < count {
                                for v in 0..<variableCount {
                                    let offset = (v * padded + start) * stride
                                    x[v] = LoggedLanes(valueBase.loadUnaligned(fromByteOffset: offset, as: Lanes.self),
                                                       log: logBase.loadUnaligned(fromByteOffset: offset, as: Lanes.self),
                                                       hasLog: hasLog[v])
                                }
                                let y = form.evaluate(LawArguments(UnsafeBufferPointer(x)), LawArguments(UnsafeBufferPointer(p)))
                                let lanes = Swift.min(Lanes.scalarCount, count - start)
                                for lane in 0..<lanes { predictions[start + lane] = y.value[lane] }
                                start += Lanes.scalarCount
                            }
                        }
                    }
                }
            }
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

/// A law's prediction functions with the law's type erased, so that the optimizers are compiled
/// once: closures made where the form is concrete (see ``ScalingLaw/fit(to:loss:residuals:starts:optimizer:options:)``).
@usableFromInline
struct LawEvaluator: Sendable {
    /// `(θ, ŷ)`: predictions at the full parameter vector θ.
    @usableFromInline let predict: @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    /// `(θ, ŷ, J)`: predictions and the n × k Jacobian with respect to the free parameters.
    @usableFromInline let predictWithJacobian: @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    @inlinable
    init(predict: @escaping @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void,
         predictWithJacobian: @escaping @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        self.predict = predict
        self.predictWithJacobian = predictWithJacobian
    }

    /// The evaluator of `form` on `data`, with derivative lanes of the smallest width among
    /// 4, 8, 16, 32, 64 that holds the free parameters (chosen once per fit).
    @inlinable
    init<Form: LawForm>(form: Form, data: FitData, free: [Int]) {
        let kernel = PredictionKernel(form: form, data: data, free: free)
        let predict: @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void = { kernel.predict($0, $1) }
        switch free.count {
        case ...4: self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD4<Double>.self, $0, $1, $2) })
        case ...8: self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD8<Double>.self, $0, $1, $2) })
        case ...16: self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD16<Double>.self, $0, $1, $2) })
        case ...32: self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD32<Double>.self, $0, $1, $2) })
        default: self.init(predict: predict, predictWithJacobian: { kernel.predictWithJacobian(SIMD64<Double>.self, $0, $1, $2) })
        }
    }
}
