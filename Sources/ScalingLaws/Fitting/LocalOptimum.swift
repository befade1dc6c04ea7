/// One distinct optimum that the starts of a fit reached: where several starts ended at the same
/// parameters, they count as one.
public struct LocalOptimum: Sendable, Hashable {
    /// The objective there.
    public let objective: Double
    /// The free parameters' values there.
    public let parameters: [Parameter: Double]
    /// How many starts ended there.
    public let starts: Int
    /// The first of those starts (its position in the list or grid).
    public let firstStart: Int
}

extension LocalOptimum {
    /// The relative objective gap within which other optima are reported beside the best (1%).
    static let reportedGap = 0.01

    /// Groups the refined, in-domain, finite end points within 1% of the best objective into
    /// distinct optima: two end points are the same optimum when every search coordinate agrees to
    /// 10⁻³ (relative to 1 + its size). Sorted by objective, best first.
    static func distinct(_ results: [LocalResult], starts: [StartResult], bestObjective: Double) -> [LocalOptimum] {
        let limit = bestObjective + Swift.abs(bestObjective) * reportedGap
        var groups: [(representative: Int, members: [Int])] = []
        for (index, result) in results.enumerated() {
            guard result.objective.isFinite, result.objective <= limit, starts[index].isInsideDomain, starts[index].isRefined else { continue }
            let match = groups.firstIndex { group in
                let other = results[group.representative].u
                return zip(result.u, other).allSatisfy { Swift.abs($0 - $1) <= 1e-3 * (1 + Swift.abs($1)) }
            }
            if let match { groups[match].members.append(index) } else { groups.append((index, [index])) }
        }
        return groups.map { group in
            let best = group.members.min { (results[$0].objective, $0) < (results[$1].objective, $1) }!
            return LocalOptimum(objective: results[best].objective, parameters: starts[best].parameters,
                                starts: group.members.count, firstStart: group.members.min()!)
        }.sorted { ($0.objective, $0.firstStart) < ($1.objective, $1.firstStart) }
    }

    /// The objective's floating-point resolution: a mean of n terms carries a relative rounding
    /// error of about √n·ε (8× that, to be safe), so smaller differences are not improvements.
    static func resolution(objective: Double, points: Int) -> Double {
        8 * Double.ulpOfOne * Double(points).squareRoot() * Swift.abs(objective) + Double.leastNormalMagnitude
    }
}
