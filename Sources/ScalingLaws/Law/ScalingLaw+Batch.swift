extension ScalingLaw {
    /// The law at many points at once, one column of values per variable, evaluated eight points
    /// at a time in `SIMD8<Double>` lanes.
    ///
    /// Throws if a variable's column is missing, the columns differ in length or are empty, or any
    /// value is outside the law's domain (the error names the variable and the value).
    public func evaluate(batch columns: [Variable: [Double]]) throws(ScalingLawError) -> [Double] {
        let variables = self.variables
        for key in columns.keys where !variables.contains(key) { throw .unexpectedVariable(key.id) }
        var ordered: [[Double]] = []
        for variable in variables {
            guard let column = columns[variable] else { throw .missingVariable(variable.id) }
            ordered.append(column)
        }
        let count = ordered.first?.count ?? 0
        guard count > 0 else { throw .raggedColumns("no points to evaluate") }
        for (variable, column) in zip(variables, ordered) where column.count != count {
            throw .raggedColumns("column '\(variable.id)' has \(column.count) values, expected \(count)")
        }
        var point = [Double](repeating: 0, count: variables.count)
        for row in 0..<count {
            for slot in variables.indices { point[slot] = ordered[slot][row] }
            try validate(point)
        }
        let result = evaluateLanes(ordered, count: count)
        if let row = result.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteResult("\(name) at point \(row) of the batch")
        }
        return result
    }

    /// Evaluates validated columns (in ``variables`` order) in SIMD8 chunks; the last chunk repeats
    /// its final point in the unused lanes.
    func evaluateLanes(_ columns: [[Double]], count: Int) -> [Double] {
        typealias Lanes = SIMD8<Double>
        let parameters = values.map { Lanes(repeating: $0) }
        var lanes = [Lanes](repeating: Lanes(), count: columns.count)
        var result = [Double](repeating: 0, count: count)
        var start = 0
        while start < count {
            for slot in columns.indices {
                columns[slot].withUnsafeBufferPointer { column in
                    var vector = Lanes()
                    for lane in 0..<Lanes.scalarCount { vector[lane] = column[Swift.min(start + lane, count - 1)] }
                    lanes[slot] = vector
                }
            }
            let chunk = lanes.withUnsafeBufferPointer { xb in
                parameters.withUnsafeBufferPointer { pb in form.evaluate(Arguments(xb), Arguments(pb)) }
            }
            for lane in 0..<Swift.min(Lanes.scalarCount, count - start) { result[start + lane] = chunk[lane] }
            start += Lanes.scalarCount
        }
        return result
    }
}
