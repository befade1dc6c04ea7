/// Where the optimizer starts. Each start is a full local optimisation; the fit keeps the start
/// with the lowest objective (ties go to the earlier start, so the result never depends on which
/// core finished first).
///
/// Values are natural parameter values (A, not ln A); parameters a start leaves out begin at the
/// law's current values. Fixed parameters take no start values.
public enum Starts: Sendable, Hashable {
    /// One start at the law's current parameter values.
    case current
    /// One start per entry, each giving values for some parameters.
    case list([[String: Double]])
    /// Every combination of the listed values (the Cartesian product). The order is the law's
    /// parameter order with the last parameter varying fastest.
    case grid([String: [Double]])

    /// The start points as dictionaries, after checking names; `parameters` fixes the grid order.
    func points(parameters: [Parameter], fixed: Set<String>) throws(FitError) -> [[String: Double]] {
        let names = Set(parameters.map(\.name))
        func check(_ key: String, _ values: [Double]) throws(FitError) {
            guard names.contains(key) else { throw .unknownParameter(key) }
            guard !fixed.contains(key) else { throw .fixedParameter(key) }
            for value in values where !value.isFinite {
                throw .invalidStart(parameter: key, value: value, requirement: "a finite number")
            }
        }
        switch self {
        case .current:
            return [[:]]
        case .list(let entries):
            guard !entries.isEmpty else { throw .invalidOption("the list of starts is empty") }
            for entry in entries {
                for (key, value) in entry { try check(key, [value]) }
            }
            return entries
        case .grid(let axes):
            var total = 1
            for (key, values) in axes {
                try check(key, values)
                guard !values.isEmpty else { throw .invalidOption("the grid lists no values for '\(key)'") }
                total = total.multipliedReportingOverflow(by: values.count).partialValue
                guard total <= 10_000_000 else { throw .invalidOption("the grid has more than 10,000,000 starts") }
            }
            let ordered = parameters.map(\.name).filter { axes[$0] != nil }
            var points: [[String: Double]] = [[:]]
            for name in ordered {
                var next: [[String: Double]] = []
                next.reserveCapacity(points.count * axes[name]!.count)
                for point in points {
                    for value in axes[name]! {
                        var extended = point
                        extended[name] = value
                        next.append(extended)
                    }
                }
                points = next
            }
            return points
        }
    }

    /// The value range of each grid axis (empty for other kinds of starts).
    var gridRanges: [String: ClosedRange<Double>] {
        guard case .grid(let axes) = self else { return [:] }
        var ranges: [String: ClosedRange<Double>] = [:]
        for (key, values) in axes where !values.isEmpty { ranges[key] = values.min()!...values.max()! }
        return ranges
    }
}
