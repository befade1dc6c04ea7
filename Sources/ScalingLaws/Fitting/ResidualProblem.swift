/// A law and a data set reduced to numbers: residuals rᵢ(p) and their exact derivatives with
/// respect to the free parameters, for a full vector p of the law's parameters.
///
/// Built once per fit, specialized for the law's type (the builder is inlinable, so the caller's
/// module compiles the law's `evaluate` for `Double` and for `Dual` with the right number of
/// partials); the optimizers downstream are ordinary non-generic code.
@usableFromInline
struct ResidualProblem: Sendable {
    /// rᵢ for every observation and, if `jacobian` is given, ∂rᵢ/∂p_free (row-major, one row
    /// per observation). Returns false where the law is undefined or, in log space, not positive.
    @usableFromInline typealias Evaluator = @Sendable (
        _ parameters: UnsafeBufferPointer<Double>, _ residuals: UnsafeMutableBufferPointer<Double>,
        _ jacobian: UnsafeMutableBufferPointer<Double>?
    ) -> Bool

    @usableFromInline let pointCount: Int
    @usableFromInline let freeSlots: [Int]
    @usableFromInline let evaluate: Evaluator
    /// The law's prediction ŷᵢ for a full parameter vector (for R² and residual summaries).
    @usableFromInline let predict: @Sendable ([Double]) -> [Double]

    @usableFromInline
    init(pointCount: Int, freeSlots: [Int], evaluate: @escaping Evaluator, predict: @escaping @Sendable ([Double]) -> [Double]) {
        self.pointCount = pointCount
        self.freeSlots = freeSlots
        self.evaluate = evaluate
        self.predict = predict
    }
}

extension ScalingLaw {
    /// The residual problem of this law on `data`, free parameters `freeSlots`.
    @inlinable
    func residualProblem(
        _ data: Observations, logarithmic: Bool, freeSlots: [Int]
    ) throws(FitError) -> ResidualProblem {
        let variables = self.variables
        var columns: [[Double]] = []
        for variable in variables {
            guard let column = data.column(variable) else {
                throw .invalidSetup("the observations lack the law's variable '\(variable.id)' (they have \(data.variables.map(\.id).joined(separator: ", ")))")
            }
            columns.append(column)
        }
        for extra in data.variables where !variables.contains(extra) {
            throw .invalidSetup("the observations have a variable '\(extra.id)' that the law does not use")
        }
        let count = data.count
        var rowMajor = [Double](repeating: 0, count: count * variables.count)
        for row in 0..<count {
            for slot in variables.indices { rowMajor[row * variables.count + slot] = columns[slot][row] }
            do { try validate(Array(rowMajor[(row * variables.count)..<((row + 1) * variables.count)])) } catch {
                throw .invalidObservations("observation \(row + 1): \(error.description)")
            }
        }
        if logarithmic, let row = data.values.firstIndex(where: { !($0 > 0) }) {
            throw .invalidObservations("observation \(row + 1): log residuals need a positive measured value, got \(data.values[row])")
        }
        let targets = logarithmic ? data.values.map { Double.log($0) } : data.values
        guard freeSlots.count <= 64 else {
            throw .invalidSetup("\(freeSlots.count) free parameters: at most 64 can be fitted at once")
        }
        let form = self.form
        let width = variables.count
        let rows = rowMajor
        let evaluate: ResidualProblem.Evaluator
        switch freeSlots.count {
        case 0...4: evaluate = Self.evaluator(form, rows, targets, width, freeSlots, logarithmic, SIMD4<Double>.self)
        case 5...8: evaluate = Self.evaluator(form, rows, targets, width, freeSlots, logarithmic, SIMD8<Double>.self)
        case 9...16: evaluate = Self.evaluator(form, rows, targets, width, freeSlots, logarithmic, SIMD16<Double>.self)
        case 17...32: evaluate = Self.evaluator(form, rows, targets, width, freeSlots, logarithmic, SIMD32<Double>.self)
        default: evaluate = Self.evaluator(form, rows, targets, width, freeSlots, logarithmic, SIMD64<Double>.self)
        }
        let predict: @Sendable ([Double]) -> [Double] = { parameters in
            var result = [Double](repeating: .nan, count: count)
            rows.withUnsafeBufferPointer { x in
                parameters.withUnsafeBufferPointer { p in
                    for row in 0..<count {
                        let point = UnsafeBufferPointer(rebasing: x[(row * width)..<((row + 1) * width)])
                        result[row] = form.evaluate(Arguments(point), Arguments(p))
                    }
                }
            }
            return result
        }
        return ResidualProblem(pointCount: count, freeSlots: freeSlots, evaluate: evaluate, predict: predict)
    }

    /// The evaluator with `Partials` derivative slots (at least as many as free parameters).
    @inlinable
    static func evaluator<Partials: SIMD & Sendable>(
        _ form: Form, _ rows: [Double], _ targets: [Double], _ width: Int, _ freeSlots: [Int],
        _ logarithmic: Bool, _: Partials.Type
    ) -> ResidualProblem.Evaluator where Partials.Scalar == Double {
        let count = targets.count
        let freeCount = freeSlots.count
        return { parameters, residuals, jacobian in
            rows.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    guard let jacobian else {
                        for row in 0..<count {
                            let point = UnsafeBufferPointer(rebasing: x[(row * width)..<((row + 1) * width)])
                            let predicted = form.evaluate(Arguments(point), Arguments(parameters))
                            guard predicted.isFinite, !logarithmic || predicted > 0 else { return false }
                            residuals[row] = y[row] - (logarithmic ? Double.log(predicted) : predicted)
                        }
                        return true
                    }
                    typealias Number = Dual<Partials>
                    var seeded = parameters.map { Number($0) }
                    for (index, slot) in freeSlots.enumerated() { seeded[slot] = Number(parameters[slot], seed: index) }
                    return seeded.withUnsafeBufferPointer { p in
                        withUnsafeTemporaryAllocation(of: Number.self, capacity: Swift.max(width, 1)) { buffer in
                            let point = buffer.baseAddress!
                            for row in 0..<count {
                                for slot in 0..<width { (point + slot).initialize(to: Number(x[row * width + slot])) }
                                let predicted = form.evaluate(
                                    Arguments(UnsafeBufferPointer(start: point, count: width)), Arguments(p))
                                let value = predicted.value
                                guard value.isFinite, !logarithmic || value > 0 else { return false }
                                residuals[row] = y[row] - (logarithmic ? Double.log(value) : value)
                                let scale = logarithmic ? -1 / value : -1
                                for index in 0..<freeCount {
                                    jacobian[row * freeCount + index] = predicted.partials[index] * scale
                                }
                            }
                            return true
                        }
                    }
                }
            }
        }
    }
}
