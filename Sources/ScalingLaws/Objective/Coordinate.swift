/// A search space resolved for one free parameter: the map u → θ, its derivative and inverse.
struct Coordinate: Sendable {
    enum Map: Sendable {
        case identity
        case exponential
        case logistic(lower: Double, width: Double)
        case logLogistic(lowerLog: Double, widthLog: Double)
    }

    let name: String
    let map: Map
    /// The bounds as given (kept exactly, for messages and warnings).
    let bounds: ClosedRange<Double>?

    init(name: String, map: Map, bounds: ClosedRange<Double>? = nil) {
        self.name = name
        self.map = map
        self.bounds = bounds
    }

    @inline(__always)
    func natural(_ u: Double) -> Double {
        switch map {
        case .identity: return u
        case .exponential: return Double.exp(u)
        case .logistic(let lower, let width): return lower + width * Coordinate.logistic(u)
        case .logLogistic(let lowerLog, let widthLog): return Double.exp(lowerLog + widthLog * Coordinate.logistic(u))
        }
    }

    /// dθ/du at u (θ given to save work).
    @inline(__always)
    func derivative(_ u: Double, natural theta: Double) -> Double {
        switch map {
        case .identity: return 1
        case .exponential: return theta
        case .logistic(_, let width):
            let s = Coordinate.logistic(u)
            return width * s * (1 - s)
        case .logLogistic(_, let widthLog):
            let s = Coordinate.logistic(u)
            return theta * widthLog * s * (1 - s)
        }
    }

    /// u for θ, or nil when θ is outside the space. Values on a bound are moved inside by a
    /// relative 10⁻¹⁰ of the width (the logistic never reaches its ends).
    func unconstrained(_ theta: Double) -> Double? {
        guard theta.isFinite else { return nil }
        switch map {
        case .identity: return theta
        case .exponential: return theta > 0 ? Double.log(theta) : nil
        case .logistic(let lower, let width):
            return Coordinate.logit((theta - lower) / width)
        case .logLogistic(let lowerLog, let widthLog):
            guard theta > 0 else { return nil }
            return Coordinate.logit((Double.log(theta) - lowerLog) / widthLog)
        }
    }

    /// The requirement the space puts on θ, for error messages.
    var requirement: String {
        switch map {
        case .identity: return "a finite number"
        case .exponential: return "> 0 (the parameter is fitted in log space)"
        case .logistic, .logLogistic:
            let range = bounds!
            return "in [\(range.lowerBound), \(range.upperBound)]"
        }
    }

    /// How close θ at u is to a bound, as the fraction of the width left (nil when unbounded).
    func boundProximity(_ u: Double) -> (fraction: Double, upper: Bool)? {
        switch map {
        case .identity, .exponential: return nil
        case .logistic, .logLogistic:
            let s = Coordinate.logistic(u)
            return s < 0.5 ? (s, false) : (1 - s, true)
        }
    }

    @inline(__always)
    static func logistic(_ u: Double) -> Double {
        u >= 0 ? 1 / (1 + Double.exp(-u)) : Double.exp(u) / (1 + Double.exp(u))
    }

    static func logit(_ fraction: Double) -> Double? {
        guard fraction >= 0, fraction <= 1 else { return nil }
        let inside = Swift.min(Swift.max(fraction, 1e-10), 1 - 1e-10)
        return Double.log(inside / (1 - inside))
    }

    /// Resolves the space of `parameter` from its domain and the fit's overrides.
    static func resolve(
        _ parameter: Parameter, space: SearchSpace?, bounds: ClosedRange<Double>?
    ) throws(FitError) -> Coordinate {
        if let bounds {
            guard bounds.lowerBound.isFinite, bounds.upperBound.isFinite, bounds.lowerBound < bounds.upperBound else {
                throw .invalidBounds(parameter: parameter.name, detail: "\(bounds) must be finite with lower < upper")
            }
            if case .positive = parameter.domain, bounds.lowerBound <= 0 {
                throw .invalidBounds(parameter: parameter.name, detail: "the parameter is positive; the lower bound must be > 0")
            }
            if case .interval(let domain) = parameter.domain,
               bounds.lowerBound < domain.lowerBound || bounds.upperBound > domain.upperBound {
                throw .invalidBounds(parameter: parameter.name, detail: "\(bounds) leaves the parameter's domain \(domain)")
            }
            return bounded(parameter, bounds)
        }
        switch space {
        case .natural?: return Coordinate(name: parameter.name, map: .identity)
        case .logarithmic?:
            if case .real = parameter.domain {
                throw .invalidBounds(parameter: parameter.name, detail: "a real-valued parameter cannot be fitted in log space")
            }
            return Coordinate(name: parameter.name, map: .exponential)
        case .bounded(let range)?:
            return try resolve(parameter, space: nil, bounds: range)
        case nil:
            switch parameter.domain {
            case .real: return Coordinate(name: parameter.name, map: .identity)
            case .positive: return Coordinate(name: parameter.name, map: .exponential)
            case .interval(let range): return bounded(parameter, range)
            }
        }
    }

    private static func bounded(_ parameter: Parameter, _ range: ClosedRange<Double>) -> Coordinate {
        if range.lowerBound > 0, case .positive = parameter.domain {
            let lowerLog = Double.log(range.lowerBound)
            return Coordinate(name: parameter.name,
                              map: .logLogistic(lowerLog: lowerLog, widthLog: Double.log(range.upperBound) - lowerLog),
                              bounds: range)
        }
        return Coordinate(name: parameter.name, map: .logistic(lower: range.lowerBound, width: range.upperBound - range.lowerBound),
                          bounds: range)
    }
}
