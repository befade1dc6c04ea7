extension CostModel {
    /// FLOPs per parameter-token by category of `variable` (a training format): the law's
    /// point holds the category's index, and a category missing from `flopsPerParameterToken`
    /// costs NaN, which the solvers reject with the cost model named.
    public static func perCategory(_ variable: Variable, flopsPerParameterToken costs: [String: Double]) -> CostModel {
        let labels = variable.categories
        let listed = labels.filter { costs[$0] != nil }
            .map { "\($0): \(Formula.format(costs[$0]!, .unicode))" }.joined(separator: ", ")
        return CostModel(name: "N·D × FLOPs per parameter-token by \(variable.id) (\(listed))") { point in
            guard let index = point[variable], index >= 0, index < Double(labels.count), index == index.rounded() else {
                return .nan
            }
            return costs[labels[Int(index)]] ?? .nan
        }
    }
}

/// One training format's compute-optimal allocation.
public struct FormatAllocation: Sendable, Hashable {
    /// The format's label (a category of the format variable).
    public var format: String
    /// The optimal N, D and loss when training in this format.
    public var allocation: ComputeAllocation
}

/// The training formats compared at one compute budget: each format's compute-optimal allocation,
/// from the lowest loss up, and the formats for which there was none.
public struct FormatComparison: Sendable {
    /// Formats with an interior optimum, best (lowest loss) first.
    public var ranked: [FormatAllocation]
    /// Formats without one, with the reason (the optimum at an end of the N range, the law
    /// undefined, the cost model silent about the format).
    public var failures: [String: SolverError]

    /// The compute-optimal format.
    public var best: FormatAllocation { ranked[0] }
}

extension ScalingLaw {
    /// The training format, parameter count and tokens that minimize the law at training compute
    /// `compute`: for each category of the categorical variable `format` (or each of
    /// `candidates`), the law is minimized along that format's iso-compute curve
    /// `D = C/(cost(format)·N)` over N in `parameters`, and the formats are ranked by loss.
    ///
    /// A format's cost says what its training step costs: with QuEST's law and a bit-operations
    /// model (``Panferov2025/bitOperationsCost``) fewer bits buy more tokens, and the law's
    /// effective-parameter factor says what they cost in quality.
    ///
    /// - Throws: ``SolverError/invalidRequest(_:)`` when `format` is not a categorical variable of
    ///   the law, a candidate is not one of its categories, or no format has an interior optimum
    ///   (the failures are in the message); ``SolverError/invalidInput(_:)`` for invalid inputs.
    public func computeOptimalFormats(
        compute: Double, cost: CostModel, format: Variable, candidates: [String]? = nil,
        at point: [Variable: Double] = [:], parameters range: ClosedRange<Double> = 1e4...1e16
    ) throws(SolverError) -> FormatComparison {
        try checkComputeRequest(compute, range)
        guard let variable = variables.first(where: { $0 == format }), !variable.categories.isEmpty else {
            throw .invalidRequest("'\(format.id)' is not a categorical variable of \(name.isEmpty ? "the law" : name)")
        }
        let labels = candidates ?? variable.categories
        guard !labels.isEmpty else { throw .invalidRequest("no formats to compare") }
        var ranked: [FormatAllocation] = []
        var failures: [String: SolverError] = [:]
        for label in labels {
            guard let index = variable.categories.firstIndex(of: label) else {
                throw .invalidRequest("'\(label)' is not a category of \(variable.id) (\(variable.categories.joined(separator: ", ")))")
            }
            var settings = point
            settings[variable] = Double(index)
            do throws(SolverError) {
                guard let optimum = try optimumAlongIsoCompute(compute, cost, settings, range) else {
                    throw .invalidRequest("the law is undefined everywhere on the iso-compute curve")
                }
                guard !optimum.atBoundary else {
                    throw .noInteriorMinimum(variable: Variable.N.id, range: range, boundary: optimum.N)
                }
                let allocation = ComputeAllocation(compute: compute, N: optimum.N, D: optimum.D, loss: optimum.loss,
                                                   precision: nil, settings: settings)
                ranked.append(FormatAllocation(format: label, allocation: allocation))
            } catch {
                failures[label] = error
            }
        }
        guard !ranked.isEmpty else {
            let reasons = labels.compactMap { label in failures[label].map { "\(label): \($0)" } }
            throw .invalidRequest("no format has a compute-optimal allocation at C = \(Formula.format(compute, .unicode)): "
                                  + reasons.joined(separator: "; "))
        }
        ranked.sort { $0.allocation.loss < $1.allocation.loss }
        return FormatComparison(ranked: ranked, failures: failures)
    }
}
