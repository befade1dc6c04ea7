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
    case list([[Parameter: Double]])
    /// Every combination of the listed values (the Cartesian product). The order is the law's
    /// parameter order with the last parameter varying fastest.
    case grid([Parameter: [Double]])

    /// The start points as dictionaries, after checking names; `parameters` fixes the grid order.
    func points(parameters: [Parameter], fixed: Set<Parameter>) throws(FitError) -> [[Parameter: Double]] {
        func check(_ key: Parameter, _ values: [Double]) throws(FitError) {
            guard parameters.contains(key) else { throw .unknownParameter(key.name) }
            guard !fixed.contains(key) else { throw .fixedParameter(key.name) }
            for value in values where !value.isFinite {
                throw .invalidStart(parameter: key.name, value: value, requirement: "a finite number")
            }
        }
        switch self {
        case .current:
            return [[:]]
        case .list(let entries):
            guard !entries.isEmpty else { throw .invalidOption("the list of starts is empty") }
            for entry in entries {
                for key in entry.keys.sorted(by: { $0.name < $1.name }) { try check(key, [entry[key]!]) }
            }
            return entries
        case .grid(let axes):
            var total = 1
            for key in axes.keys.sorted(by: { $0.name < $1.name }) {
                let values = axes[key]!
                try check(key, values)
                guard !values.isEmpty else { throw .invalidOption("the grid lists no values for '\(key.name)'") }
                total = total.multipliedReportingOverflow(by: values.count).partialValue
                guard total <= 10_000_000 else { throw .invalidOption("the grid has more than 10,000,000 starts") }
            }
            let ordered = parameters.filter { axes[$0] != nil }
            var points: [[Parameter: Double]] = [[:]]
            for name in ordered {
                var next: [[Parameter: Double]] = []
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
    var gridRanges: [Parameter: ClosedRange<Double>] {
        guard case .grid(let axes) = self else { return [:] }
        var ranges: [Parameter: ClosedRange<Double>] = [:]
        for (key, values) in axes where !values.isEmpty { ranges[key] = values.min()!...values.max()! }
        return ranges
    }
}
