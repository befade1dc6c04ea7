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
        // Forms without point conditions check their inputs' domains and their results' finiteness
        // inside the (parallel) evaluation; only when something failed does the serial pass below
        // run, to name the first offending value exactly as it would have.
        let fused = !form.hasPointConditions
        if fused, case let (result, clean) = evaluateLanes(ordered, count: count, checking: domainRules), clean {
            return result
        }
        for (slot, column) in ordered.enumerated() {
            let rule = domainRules[slot]
            for value in column where !rule.admits(value) { try variables[slot].check(value) }
        }
        if form.hasPointConditions { try validateConditions(ordered, count: count) }
        let result = evaluateLanes(ordered, count: count, checking: nil).values
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

    /// Evaluates the columns (in ``variables`` order) in SIMD8 chunks, straight from the columns (the
    /// last, partial chunk is padded with its final point); a large batch is split into one
    /// contiguous range per core. With `rules`, also whether every input is in its domain and every
    /// result finite (`clean`; without, `clean` is true). Inlinable so that it is specialized for
    /// the caller's law type: unspecialized generic SIMD code is an order of magnitude slower.
    @inlinable
    func evaluateLanes(_ columns: [[Double]], count: Int, checking rules: [DomainRule]?) -> (values: [Double], clean: Bool) {
        typealias Lanes = SIMD8<Double>
        let width = Lanes.scalarCount
        let blocks = (count + width - 1) / width
        // Below this many points a second thread costs more than it saves.
        let workers = count >= 1 << 15 ? ParallelWork.processorCount : 1
        let parameters = values.map { Lanes(repeating: $0) }
        let form = self.form
        var clean = true
        let values = [Double](unsafeUninitializedCapacity: count) { output, initialized in
            let target = output.baseAddress.unsafelyUnwrapped
            withBaseAddresses(columns) { sources in
                let run: (Int, Void) -> Bool = { worker, _ in
                    let first = blocks * worker / workers, last = blocks * (worker + 1) / workers
                    return ScalingLaw.evaluateBlocks(form, parameters, sources, count: count, blocks: first..<last,
                                                     checking: rules, into: target)
                }
                if workers == 1 {
                    clean = run(0, ())
                } else {
                    do {
                        clean = try ParallelWork.map(count: workers, concurrency: workers, makeState: {}, run).allSatisfy { $0 }
                    } catch {
                        // The calling task was cancelled, so some ranges may be unwritten: a batch
                        // evaluation is short and has no error for that, so finish it here.
                        clean = ScalingLaw.evaluateBlocks(form, parameters, sources, count: count, blocks: 0..<blocks,
                                                          checking: rules, into: target)
                    }
                }
            }
            initialized = count
        }
        return (values, clean)
    }

    /// Evaluates the chunks `blocks` (eight points each) of the columns at `sources` into `target`;
    /// with `rules`, returns whether every input of those chunks is in its domain and every result
    /// finite (true without).
    @inlinable
    static func evaluateBlocks(
        _ form: Form, _ parameters: [SIMD8<Double>], _ sources: [UnsafePointer<Double>], count: Int,
        blocks: Range<Int>, checking rules: [DomainRule]?, into target: UnsafeMutablePointer<Double>
    ) -> Bool {
        typealias Lanes = SIMD8<Double>
        let width = Lanes.scalarCount
        var clean = true
        if let rules, !blocks.isEmpty {
            // The inputs of these chunks, column by column (contiguous reads, no lane shuffling).
            let rows = (blocks.lowerBound * width)..<Swift.min(blocks.upperBound * width, count)
            for slot in sources.indices {
                let rule = rules[slot], column = sources[slot]
                for row in rows where !rule.admits(column[row]) { clean = false }
            }
        }
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: Swift.max(sources.count, 1)) { x in
            parameters.withUnsafeBufferPointer { p in
                for block in blocks {
                    let start = block * width
                    let filled = Swift.min(width, count - start)
                    for slot in 0..<sources.count {
                        if filled == width {
                            x[slot] = UnsafeRawPointer(sources[slot] + start).loadUnaligned(as: Lanes.self)
                        } else {
                            var lanes = Lanes(repeating: sources[slot][count - 1])
                            for lane in 0..<filled { lanes[lane] = sources[slot][start + lane] }
                            x[slot] = lanes
                        }
                    }
                    let chunk = form.evaluate(LawArguments(UnsafeBufferPointer(x)), LawArguments(p))
                    if rules != nil {
                        // Finite lanes have an exponent field below all ones; a NaN or ∞ lane does not.
                        let field = unsafeBitCast(chunk, to: SIMD8<Int64>.self) & SIMD8<Int64>(repeating: 0x7FF0_0000_0000_0000)
                        let excess = field &- SIMD8<Int64>(repeating: 0x7FF0_0000_0000_0000)
                        // Lanes beyond a partial chunk's points repeat its last point.
                        if excess.max() == 0 { clean = false }
                    }
                    if filled == width {
                        UnsafeMutableRawPointer(target + start).storeBytes(of: chunk, as: Lanes.self)
                    } else {
                        for lane in 0..<filled { target[start + lane] = chunk[lane] }
                    }
                }
            }
        }
        return clean
    }
}

/// Calls `body` with the base address of every column, valid for the duration of the call.
@inlinable
func withBaseAddresses<Result>(_ columns: [[Double]], _ body: ([UnsafePointer<Double>]) -> Result) -> Result {
    func nest(_ index: Int, _ collected: [UnsafePointer<Double>]) -> Result {
        guard index < columns.count else { return body(collected) }
        return columns[index].withUnsafeBufferPointer { buffer in
            nest(index + 1, collected + [buffer.baseAddress.unsafelyUnwrapped])
        }
    }
    return nest(0, [])
}
