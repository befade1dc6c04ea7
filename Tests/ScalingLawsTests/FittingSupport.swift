import Foundation
import Testing
@testable import ScalingLaws

/// Shared helpers of the fitting tests: seeded synthetic data and recovery checks.
enum FittingSupport {
    /// `count` points with each variable drawn from its `ranges` entry: a closed range is sampled
    /// log-uniformly, a list of values uniformly. Deterministic for a given seed.
    static func points(
        _ count: Int, _ ranges: [Variable: ClosedRange<Double>], choices: [Variable: [Double]] = [:], seed: UInt64
    ) -> [[Variable: Double]] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in
            var point: [Variable: Double] = [:]
            for variable in ranges.keys.sorted(by: { $0.id < $1.id }) {
                let range = ranges[variable]!
                let low = Double.log(range.lowerBound), high = Double.log(range.upperBound)
                point[variable] = Double.exp(low + (high - low) * generator.nextUniform())
            }
            for variable in choices.keys.sorted(by: { $0.id < $1.id }) {
                let values = choices[variable]!
                point[variable] = values[Int(generator.next() % UInt64(values.count))]
            }
            return point
        }
    }

    /// The law's values at `points`, times `exp(noise·z)` with z standard normal (seeded).
    static func observations<Form: LawForm>(
        _ law: ScalingLaw<Form>, at points: [[Variable: Double]], noise: Double, seed: UInt64
    ) throws -> Observations {
        var generator = Xoshiro256StarStar(seed: seed &+ 1)
        var columns: [Variable: [Double]] = [:]
        var targets: [Double] = []
        for point in points {
            for (variable, value) in point { columns[variable, default: []].append(value) }
            targets.append(try law(point) * Double.exp(noise * generator.nextGaussian()))
        }
        return try Observations(columns, targets: targets)
    }

    /// Checks every free parameter of `fit` against `truth`: within `relative` of it, and within
    /// `sigmas` standard errors when the fit has them.
    static func expectRecovered<Form: LawForm>(
        _ fit: FitResult<Form>, _ truth: ScalingLaw<Form>, relative: Double, sigmas: Double = 5,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for name in fit.freeParameters {
            let fitted = fit.parameters[name]!, expected = truth.parameterValues[name]!
            #expect(abs(fitted - expected) <= relative * abs(expected),
                    "\(name): fitted \(fitted), true \(expected)", sourceLocation: sourceLocation)
            if let error = fit.standardErrors[name] {
                #expect(abs(fitted - expected) <= sigmas * error + 1e-12 * abs(expected),
                        "\(name): fitted \(fitted) ± \(error), true \(expected)", sourceLocation: sourceLocation)
            }
        }
    }
}
