extension ScalingLaw {
    /// The value of `variable` at which the law equals `target`, the other variables fixed at `point`.
    ///
    /// The search scans `range` (in log space for positive variables), brackets every sign change of
    /// `law − target`, and refines it by Newton's method with the law's exact derivative (dual
    /// numbers), safeguarded by bisection. Points where the law is undefined (a Kumar precision
    /// factor ≤ 0, say) are skipped.
    ///
    /// - Parameters:
    ///   - variable: the variable to solve for (not categorical).
    ///   - target: the value the law must reach.
    ///   - point: the values of every other variable of the law.
    ///   - range: where to look; by default a wide range suited to the variable
    ///     (``defaultSearchRange(for:)``).
    /// - Throws: ``SolverError/noRoot(variable:target:range:lowest:highest:)`` when the law never
    ///   reaches `target` in `range` (a target below the law's floor, say);
    ///   ``SolverError/multipleRoots(variable:target:roots:)`` when it reaches it more than once;
    ///   ``SolverError/invalidInput(_:)`` for invalid fixed variables.
    public func solve(
        for variable: Variable, reaching target: Double, at point: [Variable: Double],
        in range: ClosedRange<Double>? = nil
    ) throws(SolverError) -> Double {
        let all = try roots(for: variable, reaching: target, at: point, in: range)
        guard all.count == 1 else {
            throw .multipleRoots(variable: variable.id, target: target, roots: all)
        }
        return all[0]
    }

    /// Every value of `variable` in `range` at which the law equals `target`, in increasing order
    /// (see ``solve(for:reaching:at:in:)``). Roots closer together than the scan's spacing (1/256 of
    /// the range, in log space for positive variables) can be missed; narrow the range to find them.
    ///
    /// - Throws: ``SolverError/noRoot(variable:target:range:lowest:highest:)`` when there is none.
    public func roots(
        for variable: Variable, reaching target: Double, at point: [Variable: Double],
        in range: ClosedRange<Double>? = nil
    ) throws(SolverError) -> [Double] {
        guard target.isFinite else {
            throw .invalidInput(.invalidValue(variable: "target", value: target, requirement: "a finite number"))
        }
        let line = try SearchLine(self, variable: variable, at: point, in: range)
        let samples = 257
        var grid: [(u: Double, value: Double)] = []
        var lowest = Double.infinity, highest = -Double.infinity
        for index in 0..<samples {
            let u = line.lower + (line.upper - line.lower) * Double(index) / Double(samples - 1)
            guard let value = line.value(at: u) else { continue }
            lowest = Swift.min(lowest, value)
            highest = Swift.max(highest, value)
            grid.append((u, value - target))
        }
        guard !grid.isEmpty else {
            throw .invalidRequest("the law is undefined everywhere on the search range of '\(variable.id)'")
        }
        var found: [Double] = []
        for (left, right) in zip(grid, grid.dropFirst()) {
            if left.value == 0 {
                found.append(line.variableValue(left.u))
            } else if (left.value < 0) != (right.value < 0) && right.value != 0 {
                let root = ScalarSearch.newtonRoot(in: left.u, right.u) { u in
                    guard let (value, slope) = line.valueAndSlope(at: u) else { return (.nan, .nan) }
                    return (value - target, slope)
                } ?? ScalarSearch.brentRoot(in: left.u, right.u) { u in (line.value(at: u) ?? .nan) - target }
                if let root { found.append(line.variableValue(root)) }
            }
        }
        if let last = grid.last, last.value == 0 { found.append(line.variableValue(last.u)) }
        guard !found.isEmpty else {
            throw .noRoot(variable: variable.id, target: target, range: line.range, lowest: lowest, highest: highest)
        }
        return found
    }

    /// The value of `variable` in `range` that minimizes the law, the other variables fixed at
    /// `point`, and the law's value there.
    ///
    /// Finds where the exact derivative changes sign from − to + (scan, then Brent's method on the
    /// derivative); with several local minima, returns the lowest.
    ///
    /// - Throws: ``SolverError/noInteriorMinimum(variable:range:boundary:)`` when the law decreases
    ///   (or increases) all the way to an end of `range`.
    public func minimum(
        over variable: Variable, at point: [Variable: Double], in range: ClosedRange<Double>? = nil
    ) throws(SolverError) -> (argument: Double, value: Double) {
        let line = try SearchLine(self, variable: variable, at: point, in: range)
        let samples = 257
        var slopes: [(u: Double, slope: Double)] = []
        var best: (u: Double, value: Double)?
        for index in 0..<samples {
            let u = line.lower + (line.upper - line.lower) * Double(index) / Double(samples - 1)
            guard let (value, slope) = line.valueAndSlope(at: u), slope.isFinite else { continue }
            slopes.append((u, slope))
            if best == nil || value < best!.value { best = (u, value) }
        }
        guard let best else {
            throw .invalidRequest("the law is undefined everywhere on the search range of '\(variable.id)'")
        }
        var candidates: [(u: Double, value: Double)] = []
        for (left, right) in zip(slopes, slopes.dropFirst()) where left.slope < 0 && right.slope >= 0 {
            guard let u = ScalarSearch.brentRoot(in: left.u, right.u, { line.valueAndSlope(at: $0)?.slope ?? .nan }),
                  let value = line.value(at: u) else { continue }
            candidates.append((u, value))
        }
        guard let lowest = candidates.min(by: { $0.value < $1.value }) else {
            throw .noInteriorMinimum(variable: variable.id, range: line.range, boundary: line.variableValue(best.u))
        }
        return (line.variableValue(lowest.u), lowest.value)
    }

    /// The training tokens D that minimize the law at the other variables of `point`: beyond this
    /// critical data size, more pretraining data *raises* the (quantized) loss.
    ///
    /// Works for any law with the variable `.D` (a composed one included). For Sun et al.'s and
    /// Kumar et al.'s laws the closed forms ``ScalingLaw/criticalTokens(N:exponentBits:mantissaBits:blockSize:)``
    /// and ``ScalingLaw/criticalTokens(N:bits:)`` agree with it.
    ///
    /// - Throws: ``SolverError/noInteriorMinimum(variable:range:boundary:)`` when more data always
    ///   helps in `range` (a law without a quantization penalty, say).
    public func criticalTokens(
        at point: [Variable: Double], in range: ClosedRange<Double> = 1e6...1e20
    ) throws(SolverError) -> Double {
        try minimum(over: .D, at: point, in: range).argument
    }

    /// The search range the solvers use for `variable` when none is given: N 10³…10¹⁶, D 10³…10²⁰,
    /// bit widths 0.5…64, group and block sizes 2…2²⁴, exponent and mantissa bits 0…64, and
    /// otherwise 10⁻³⁰…10³⁰ for a positive variable, [b, b + 10⁶] for one bounded below by b.
    public static func defaultSearchRange(for variable: Variable) -> ClosedRange<Double> {
        switch variable.id {
        case Variable.N.id: return 1e3...1e16
        case Variable.D.id: return 1e3...1e20
        case Variable.bits.id, Variable.weightBits.id, Variable.activationBits.id, Variable.kvBits.id: return 0.5...64
        case Variable.groupSize.id, Variable.blockSize.id: return 2...16_777_216
        case Variable.exponentBits.id, Variable.mantissaBits.id: return 0...64
        default:
            switch variable.domain {
            case .positive: return 1e-30...1e30
            case .nonNegative: return 0...1e6
            case .fraction: return 0...0.999999
            case .atLeast(let bound): return bound...(bound + 1e6)
            case .categorical(let labels): return 0...Double(Swift.max(labels.count - 1, 0))
            }
        }
    }
}

/// A law restricted to one variable, the others fixed: the object every 1-D solver searches.
/// Positive variables are searched as u = ln x, others as u = x.
struct SearchLine<Form: LawForm> {
    let law: ScalingLaw<Form>
    let slot: Int
    let logarithmic: Bool
    let range: ClosedRange<Double>
    let lower: Double
    let upper: Double
    var base: [Double]

    init(
        _ law: ScalingLaw<Form>, variable: Variable, at point: [Variable: Double], in range: ClosedRange<Double>?
    ) throws(SolverError) {
        let variables = law.variables
        guard let slot = variables.firstIndex(of: variable) else {
            throw .invalidRequest("the law has no variable '\(variable.id)' (it has \(variables.map(\.id).joined(separator: ", ")))")
        }
        guard variable.categories.isEmpty else {
            throw .invalidRequest("'\(variable.id)' is categorical: there is nothing to solve for")
        }
        guard point[variable] == nil else {
            throw .invalidRequest("the point already gives '\(variable.id)', the variable to solve for")
        }
        let base: [Double]
        do throws(ScalingLawError) {
            base = try variables.ordered(point, leavingOut: [variable], placeholder: .nan)
            for (index, other) in variables.enumerated() where index != slot { try other.check(base[index]) }
        } catch { throw .invalidInput(error) }
        let searchRange = range ?? ScalingLaw<Form>.defaultSearchRange(for: variable)
        guard searchRange.lowerBound.isFinite, searchRange.upperBound.isFinite,
              searchRange.lowerBound < searchRange.upperBound else {
            throw .invalidRequest("the search range of '\(variable.id)' must be finite and non-empty")
        }
        for end in [searchRange.lowerBound, searchRange.upperBound] {
            do { try variable.check(end) } catch { throw .invalidInput(error) }
        }
        // Conditions of the law that fail whatever the unknown is (a Kumar precision too low for
        // its factor, say) are the caller's input error, not an empty search.
        var probe = base
        probe[slot] = searchRange.lowerBound > 0
            ? (searchRange.lowerBound * searchRange.upperBound).squareRoot() : 0.5 * (searchRange.lowerBound + searchRange.upperBound)
        do { try law.validate(probe) } catch {
            if case .invalidValue(let id, _, _) = error, id != variable.id { throw .invalidInput(error) }
        }
        self.law = law
        self.slot = slot
        self.base = base
        self.range = searchRange
        logarithmic = searchRange.lowerBound > 0
        lower = logarithmic ? Double.log(searchRange.lowerBound) : searchRange.lowerBound
        upper = logarithmic ? Double.log(searchRange.upperBound) : searchRange.upperBound
    }

    /// The variable at u; the ends of the range exactly (exp(ln x) may differ from x in the last bit).
    func variableValue(_ u: Double) -> Double {
        if u == lower { return range.lowerBound }
        if u == upper { return range.upperBound }
        return logarithmic ? Double.exp(u) : u
    }

    /// The law at u, or `nil` where the law is undefined.
    func value(at u: Double) -> Double? {
        var x = base
        x[slot] = variableValue(u)
        guard (try? law.validate(x)) != nil else { return nil }
        let value = law.evaluate(x)
        return value.isFinite ? value : nil
    }

    /// The law and its exact derivative with respect to u at u, or `nil` where it is undefined.
    func valueAndSlope(at u: Double) -> (value: Double, slope: Double)? {
        var x = base
        let argument = variableValue(u)
        x[slot] = argument
        guard (try? law.validate(x)) != nil else { return nil }
        let duals = x.enumerated().map { index, value in
            index == slot ? Dual<SIMD2<Double>>(value, seed: 0) : Dual<SIMD2<Double>>(value)
        }
        let result = law.evaluate(duals)
        let slope = logarithmic ? result.partials[0] * argument : result.partials[0]
        return result.value.isFinite ? (result.value, slope) : nil
    }
}
