/// One way to deploy a model: its size, its post-training bit width, what it costs in memory and
/// the loss the law predicts after quantization.
public struct DeploymentOption: Sendable, Hashable {
    /// The parameter count.
    public var N: Double
    /// The post-training bit width of the weights.
    public var bits: Double
    /// The training tokens (from the budget).
    public var D: Double
    /// The memory of the quantized weights, N·bits/8 bytes.
    public var memoryBytes: Double
    /// The predicted loss after quantization.
    public var loss: Double
}

/// The training budget behind a deployment choice: a fixed number of tokens, or a compute budget
/// that buys D = C/(cost·N) tokens for a model of N parameters.
public enum TrainingBudget: Sendable {
    /// Every option is trained on this many tokens.
    case tokens(Double)
    /// Every option spends this compute, in FLOPs, under the cost model: D = C/(cost·N), the cost
    /// evaluated at the option's N and bit width.
    case compute(Double, CostModel)
}

/// The (memory, loss) trade-off of a set of deployment options.
public struct ParetoFrontier: Sendable {
    /// Every option evaluated.
    public var options: [DeploymentOption]
    /// The options no other option beats in both memory and loss, by increasing memory (and so
    /// decreasing loss).
    public var frontier: [DeploymentOption]

    /// The option of lowest predicted loss whose weights fit in `memoryBudget` bytes.
    ///
    /// - Throws: ``SolverError/invalidRequest(_:)`` when no option fits.
    public func best(memoryBudget: Double) throws(SolverError) -> DeploymentOption {
        guard let choice = frontier.last(where: { $0.memoryBytes <= memoryBudget }) else {
            let smallest = frontier.first?.memoryBytes ?? .nan
            throw .invalidRequest("no option fits in \(memoryBudget) bytes (the smallest needs \(smallest))")
        }
        return choice
    }
}

extension ScalingLaw {
    /// The Pareto frontier of deployment options (N from `parameterCounts`, post-training bit width
    /// from `bitWidths`) in weight memory N·bits/8 against the law's predicted loss.
    ///
    /// Works for any law with the variables N, D and `bitsVariable` (e.g. `Ouyang2024.quantizedLoss`
    /// or `Kumar2024.postTrainingLoss`); other variables come from `point`.
    public func paretoFrontier(
        parameterCounts: [Double], bitWidths: [Double], budget: TrainingBudget,
        bitsVariable: Variable = .bits, at point: [Variable: Double] = [:]
    ) throws(SolverError) -> ParetoFrontier {
        guard variables.contains(.N), variables.contains(.D), variables.contains(bitsVariable) else {
            throw .invalidRequest("a deployment frontier needs a law of N, D and \(bitsVariable.id) (this one has \(variables.map(\.id).joined(separator: ", ")))")
        }
        guard !parameterCounts.isEmpty, !bitWidths.isEmpty else {
            throw .invalidRequest("no candidates: give at least one parameter count and one bit width")
        }
        var options: [DeploymentOption] = []
        for n in parameterCounts {
            for bits in bitWidths {
                let tokens: Double
                switch budget {
                case .tokens(let d):
                    tokens = d
                case .compute(let compute, let cost):
                    // The cost may depend on the bit width (a precision-aware cost model).
                    var settings = point
                    settings[.N] = n
                    settings[bitsVariable] = bits
                    tokens = compute / (cost.flopsPerParameterToken(settings) * n)
                }
                var query = point
                query[.N] = n
                query[.D] = tokens
                query[bitsVariable] = bits
                let loss: Double
                do { loss = try self(query) } catch { throw .invalidInput(error) }
                // bits/8 first: N·bits overflows for N near the largest Double where N·bits/8 does not.
                let memory = n * (bits / 8)
                guard memory.isFinite, tokens.isFinite, tokens > 0 else {
                    throw .invalidRequest("N = \(n) at \(bits) bits gives \(memory) bytes of weights and D = \(tokens) tokens: not finite")
                }
                options.append(DeploymentOption(N: n, bits: bits, D: tokens, memoryBytes: memory, loss: loss))
            }
        }
        let sorted = options.sorted { ($0.memoryBytes, $0.loss) < ($1.memoryBytes, $1.loss) }
        var frontier: [DeploymentOption] = []
        for option in sorted where option.loss < (frontier.last?.loss ?? .infinity) {
            frontier.append(option)
        }
        return ParetoFrontier(options: options, frontier: frontier)
    }
}

/// `count` values spaced evenly in log space from `lower` to `upper` inclusive (both ends exact).
///
/// - Throws: ``SolverError/invalidRequest(_:)`` unless 0 < lower ≤ upper, both finite, and
///   1 ≤ count ≤ 10⁷.
public func logSpaced(from lower: Double, to upper: Double, count: Int) throws(SolverError) -> [Double] {
    guard lower > 0, upper.isFinite, lower <= upper, (1...10_000_000).contains(count) else {
        throw .invalidRequest("log-spaced values need 0 < lower ≤ upper, both finite, and a count in 1...10000000 (got \(lower), \(upper), \(count))")
    }
    guard count > 1 else { return [lower] }
    let (a, b) = (Double.log(lower), Double.log(upper))
    return (0..<count).map { index in
        index == 0 ? lower : index == count - 1 ? upper : Double.exp(a + (b - a) * Double(index) / Double(count - 1))
    }
}
