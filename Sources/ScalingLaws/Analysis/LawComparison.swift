/// Several law forms fitted to one data set and ranked by their error on points they were not
/// fitted on — what in-sample fit cannot tell (Besiroglu et al. 2024; Li et al. 2025).
///
/// ```swift
/// let comparison = try LawComparison(data: runs, candidates: [
///     .init("Chinchilla", law: Hoffmann2022.printed),
///     .init("Chinchilla, α = β", law: Hoffmann2022.printed.renaming(["beta": "alpha"])),
/// ], validation: .holdOutLargest(.N, fraction: 0.2))
/// for result in comparison.results { print(result.name, result.heldOutError, result.aic) }
/// ```
public struct LawComparison: Sendable {
    /// Which points each fit is judged on.
    public enum Validation: Sendable, Hashable, CustomStringConvertible {
        /// Fit on all but the points with the largest values of the variable (the top `fraction`,
        /// at least one point), judge on those: extrapolation to larger models or longer training.
        case holdOutLargest(Variable, fraction: Double)
        /// The same with compute C = 6·N·D as the ordering.
        case holdOutLargestCompute(fraction: Double)
        /// One fold per distinct value of the variable (leave one model size out).
        case leaveOneOut(Variable)
        /// k folds of shuffled points (seeded).
        case kFold(Int, seed: UInt64)

        public var description: String {
            switch self {
            case .holdOutLargest(let variable, let fraction): return "largest \(percent(fraction)) of \(variable.id) held out"
            case .holdOutLargestCompute(let fraction): return "largest \(percent(fraction)) of compute 6ND held out"
            case .leaveOneOut(let variable): return "leave one \(variable.id) out"
            case .kFold(let k, let seed): return "\(k)-fold (seed \(seed))"
            }
        }
    }

    /// A law form to compare, with how to fit it.
    public struct Candidate: Sendable {
        /// The name in the results.
        public let name: String
        /// The free parameters.
        public let parameterCount: Int
        let fit: @Sendable (Observations) throws(FitError) -> (predict: @Sendable (Observations) throws -> [Double], objective: Double,
                                                               warnings: [FitWarning])

        /// `law` fitted with the given loss, residuals, starts, optimizer and options.
        public init<Form: LawForm>(
            _ name: String, law: ScalingLaw<Form>, loss: LossFunction = .leastSquares, residuals: ResidualSpace = .logarithmic,
            starts: Starts = .current, optimizer: Optimizer = .automatic, options: FitOptions = FitOptions()
        ) {
            self.name = name
            parameterCount = law.parameters.filter { !law.fixedParameters.contains($0) }.count
            fit = { data throws(FitError) in
                let result = try law.fit(to: data, loss: loss, residuals: residuals, starts: starts, optimizer: optimizer, options: options)
                let fitted = result.law
                let predict: @Sendable (Observations) throws -> [Double] = { points in
                    var columns: [Variable: [Double]] = [:]
                    for variable in fitted.variables {
                        guard let column = points.column(variable) else { throw FitError.missingVariable(variable.id) }
                        columns[variable] = column
                    }
                    return try fitted.evaluate(batch: columns)
                }
                return (predict, result.objective, result.warnings)
            }
        }
    }

    /// One candidate's scores.
    public struct Result: Sendable {
        /// The candidate's name.
        public let name: String
        /// Its free parameters.
        public let parameters: Int
        /// RMSE of `ln y − ln ŷ` of the fit to all the data, on all the data.
        public let trainError: Double
        /// RMSE of `ln y − ln ŷ` on the held-out points (every fold's), from fits that did not see
        /// them; nil when every fold's fit failed.
        public let heldOutError: Double?
        /// The largest `|ŷ/y − 1|` on the held-out points.
        public let maxRelativeError: Double?
        /// `n·ln(RSS/n) + 2k` of the all-data fit (log residuals, Gaussian errors).
        public let aic: Double
        /// `n·ln(RSS/n) + k·ln n`.
        public let bic: Double
        /// The all-data fit's diagnostics.
        public let warnings: [FitWarning]
        /// The folds whose fit failed, with the error.
        public let failedFolds: [String]
        /// Each held-out point's prediction by the fold that did not see it, by row of the data.
        public let heldOutPredictions: [Int: Double]
    }

    /// The candidates, best held-out error first (failed ones last).
    public let results: [Result]
    /// The validation scheme.
    public let validation: Validation
    /// The held-out point sets, one per fold.
    public let folds: [[Int]]

    /// Fits every candidate to all the data and to each fold's training points.
    /// - Throws: ``FitError`` for an empty candidate list, non-positive targets, a bad scheme
    ///   (fraction outside (0, 1), k < 2 or above the point count, a variable the data lack), or
    ///   a candidate whose fit to all the data fails.
    public init(data: Observations, candidates: [Candidate], validation: Validation) throws(FitError) {
        guard !candidates.isEmpty else { throw .invalidOption("no candidates to compare") }
        for (row, y) in data.targets.enumerated() where !(y > 0) {
            throw .invalidTarget(row: row, value: y, requirement: "> 0 (errors are measured on ln y)")
        }
        let folds = try LawComparison.folds(data, validation)
        var results: [Result] = []
        for candidate in candidates {
            results.append(try LawComparison.score(candidate, data: data, folds: folds))
        }
        self.results = results.sorted { ($0.heldOutError ?? .infinity) < ($1.heldOutError ?? .infinity) }
        self.validation = validation
        self.folds = folds
    }

    static func score(_ candidate: Candidate, data: Observations, folds: [[Int]]) throws(FitError) -> Result {
        let all = try candidate.fit(data)
        let n = Double(data.count)
        let trainPredictions: [Double]
        do { trainPredictions = try all.predict(data) } catch { throw .invalidOption("\(candidate.name): \(error)") }
        let rss = zip(data.targets, trainPredictions).reduce(0) { $0 + Double.pow(Double.log($1.0) - Double.log($1.1), 2) }
        var squares = 0.0, count = 0, worst = 0.0
        var failed: [String] = []
        var heldOut: [Int: Double] = [:]
        for (index, test) in folds.enumerated() {
            let held = Set(test)
            do {
                let train = try data.subset(data.targets.indices.filter { !held.contains($0) })
                let points = try data.subset(test)
                let fold = try candidate.fit(train)
                let predictions = try fold.predict(points)
                for (row, prediction) in zip(test, predictions) {
                    let y = data.targets[row]
                    let residual = Double.log(y) - Double.log(prediction)
                    guard residual.isFinite else { throw ScalingLawError.nonFiniteResult("prediction \(prediction)") }
                    squares += residual * residual
                    worst = Swift.max(worst, Swift.abs(prediction / y - 1))
                    count += 1
                    heldOut[row] = prediction
                }
            } catch {
                failed.append("fold \(index + 1): \(error)")
            }
        }
        let k = Double(candidate.parameterCount)
        return Result(name: candidate.name, parameters: candidate.parameterCount, trainError: (rss / n).squareRoot(),
                      heldOutError: count > 0 ? (squares / Double(count)).squareRoot() : nil,
                      maxRelativeError: count > 0 ? worst : nil,
                      aic: n * Double.log(rss / n) + 2 * k, bic: n * Double.log(rss / n) + k * Double.log(n),
                      warnings: all.warnings, failedFolds: failed, heldOutPredictions: heldOut)
    }

    /// The held-out rows of each fold.
    static func folds(_ data: Observations, _ validation: Validation) throws(FitError) -> [[Int]] {
        let rows = Array(data.targets.indices)
        func column(_ variable: Variable) throws(FitError) -> [Double] {
            guard let values = data.column(variable) else { throw .missingVariable(variable.id) }
            return values
        }
        func largest(_ key: [Double], _ fraction: Double) throws(FitError) -> [[Int]] {
            guard fraction > 0, fraction < 1 else { throw .invalidOption("the held-out fraction must be in (0, 1), got \(fraction)") }
            let count = Swift.max(1, Int((fraction * Double(rows.count)).rounded()))
            guard count < rows.count else { throw .invalidOption("holding out \(count) of \(rows.count) points leaves none to fit") }
            return [Array(rows.sorted { (key[$0], $0) > (key[$1], $1) }.prefix(count)).sorted()]
        }
        switch validation {
        case .holdOutLargest(let variable, let fraction):
            return try largest(try column(variable), fraction)
        case .holdOutLargestCompute(let fraction):
            let n = try column(.N), d = try column(.D)
            return try largest(zip(n, d).map { 6 * $0 * $1 }, fraction)
        case .leaveOneOut(let variable):
            let values = try column(variable)
            let distinct = Set(values).sorted()
            guard distinct.count >= 2 else { throw .invalidOption("leave-one-out needs at least two distinct values of \(variable.id)") }
            return distinct.map { value in rows.filter { values[$0] == value } }
        case .kFold(let k, let seed):
            guard k >= 2, k <= rows.count else { throw .invalidOption("k-fold needs 2 ≤ k ≤ \(rows.count) points, got k = \(k)") }
            var generator = Xoshiro256StarStar(seed: seed)
            var shuffled = rows
            shuffled.shuffle(using: &generator)
            return (0..<k).map { fold in stride(from: fold, to: shuffled.count, by: k).map { shuffled[$0] }.sorted() }
        }
    }
}

/// A fraction as a percentage for messages (any Double, NaN included, prints).
private func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    guard value.isFinite else { return "\(value)%" }
    return "\((value * 10).rounded() / 10)%"
}
