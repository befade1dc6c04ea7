extension ScalingLaw {
    /// The law at many points at once, one column of values per variable, evaluated eight points
    /// at a time in `SIMD8<Double>` lanes.
    ///
    /// Throws if a variable's column is missing, the columns differ in length or are empty, or any
    /// value is outside the law's domain (the error names the variable and the value).
    @inlinable
    public func evaluate(batch columns: [Variable: [Double]]) throws(ScalingLawError) -> [Double] {
        let variables = self.variables
        let ordered = try variables.ordered(columns)
        let count = ordered.first?.count ?? 0
        guard count > 0 else { throw .raggedColumns("no points to evaluate") }
        for (variable, column) in zip(variables, ordered) where column.count != count {
            throw .raggedColumns("column '\(variable.id)' has \(column.count) values, expected \(count)")
        }
        for (slot, column) in ordered.enumerated() {
            let rule = domainRules[slot]
            for value in column where !rule.admits(value) { try variables[slot].check(value) }
        }
        try validateConditions(ordered, count: count)
        let result = evaluateLanes(ordered, count: count)
        if let row = result.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteResult("\(name) at point \(row) of the batch")
        }
        return result
    }

    /// Runs the form's conditions beyond the variables' domains at every point.
    @inlinable
    func validateConditions(_ columns: [[Double]], count: Int) throws(ScalingLawError) {
        var point = [Double](repeating: 0, count: columns.count)
        var failure: ScalingLawError?
        point.withUnsafeMutableBufferPointer { buffer in
            values.withUnsafeBufferPointer { parameters in
                for row in 0..<count {
                    for slot in columns.indices { buffer[slot] = columns[slot][row] }
                    do throws(ScalingLawError) {
                        try form.validate(LawArguments(UnsafeBufferPointer(buffer)), parameters: LawArguments(parameters))
                    } catch {
                        failure = error
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Evaluates validated columns (in ``variables`` order) in SIMD8 chunks; the last chunk repeats
    /// its final point in the unused lanes. Inlinable so that it is specialized for the caller's
    /// law type: unspecialized generic SIMD code is an order of magnitude slower.
    @inlinable
    func evaluateLanes(_ columns: [[Double]], count: Int) -> [Double] {
        typealias Lanes = SIMD8<Double>
        let width = Lanes.scalarCount
        // Column-major copy padded to whole chunks, so every chunk is one unaligned vector load
        // per variable.
        let stride = (count + width - 1) / width * width
        var packed = [Double](repeating: 0, count: stride * columns.count)
        for (slot, column) in columns.enumerated() {
            for row in 0..<stride { packed[slot * stride + row] = column[Swift.min(row, count - 1)] }
        }
        let parameters = values.map { Lanes(repeating: $0) }
        var result = [Double](repeating: 0, count: stride)
        var lanes = [Lanes](repeating: Lanes(), count: columns.count)
        packed.withUnsafeBytes { source in
            result.withUnsafeMutableBytes { target in
                lanes.withUnsafeMutableBufferPointer { x in
                    parameters.withUnsafeBufferPointer { p in
                        for start in Swift.stride(from: 0, to: stride, by: width) {
                            for slot in 0..<x.count {
                                x[slot] = source.loadUnaligned(
                                    fromByteOffset: (slot * stride + start) * MemoryLayout<Double>.stride, as: Lanes.self)
                            }
                            let chunk = form.evaluate(LawArguments(UnsafeBufferPointer(x)), LawArguments(p))
                            target.storeBytes(of: chunk, toByteOffset: start * MemoryLayout<Double>.stride, as: Lanes.self)
                        }
                    }
                }
            }
        }
        result.removeLast(stride - count)
        return result
    }
}
