/// The sparsity a training budget should use, from ``ScalingLaw/optimalSparsity(N:denseData:maximumSparsity:)``.
public struct SparsityChoice: Sendable, Equatable {
    /// The optimal fraction of zero weights (0 when a dense model is best).
    public var sparsity: Double
    /// The predicted loss at that sparsity.
    public var loss: Double
    /// The data the budget buys at that sparsity: `denseData·(1 − S)`.
    public var data: Double
    /// The total (dense-equivalent) parameter count `N/(1 − S)`.
    public var totalParameters: Double
    /// The loss of the dense model with the same non-zero parameters and budget, for comparison.
    public var denseLoss: Double
}

extension ScalingLaw where Form == SparsityForm {
    /// Frantar et al.'s optimal sparsity for `N` non-zero parameters at a fixed training cost.
    ///
    /// Sparse training costs what the dense model of the same total size costs, `∝ D·N/(1 − S)`, so
    /// a budget that trains the dense model on `denseData` trains the S-sparse one on
    /// `denseData·(1 − S)`: sparsity buys capacity with data. The loss
    /// `L(S, N, denseData·(1 − S))` is minimized over `S ∈ [0, maximumSparsity]`.
    ///
    /// - Returns: the optimum; sparsity 0 when the dense model is best.
    /// - Throws: ``SolverError/invalidInput(_:)`` for N or data that are not positive and finite,
    ///   ``SolverError/invalidRequest(_:)`` for a maximum outside (0, 1), and
    ///   ``SolverError/noInteriorMinimum(variable:range:boundary:)`` when the loss keeps falling up
    ///   to `maximumSparsity`.
    public func optimalSparsity(N: Double, denseData: Double, maximumSparsity: Double = 0.99) throws(SolverError) -> SparsityChoice {
        guard maximumSparsity > 0, maximumSparsity < 1 else {
            throw .invalidRequest("maximumSparsity must lie in (0, 1), got \(maximumSparsity)")
        }
        let denseLoss: Double
        do { denseLoss = try self(S: 0, N: N, D: denseData) } catch { throw .invalidInput(error) }
        let loss = { (sparsity: Double) -> Double in
            (try? self(S: sparsity, N: N, D: denseData * (1 - sparsity))) ?? .infinity
        }
        guard let best = ScalarSearch.minimum(in: 0, maximumSparsity, samples: 200, tolerance: 1e-12, loss) else {
            throw .invalidInput(.nonFiniteResult("\(name): the loss is not finite for any sparsity in [0, \(maximumSparsity)]"))
        }
        if best.atBoundary && best.x > 0 {
            throw .noInteriorMinimum(variable: Variable.sparsity.id, range: 0...maximumSparsity, boundary: maximumSparsity)
        }
        return SparsityChoice(sparsity: best.x, loss: best.value, data: denseData * (1 - best.x),
                              totalParameters: N / (1 - best.x), denseLoss: denseLoss)
    }
}
