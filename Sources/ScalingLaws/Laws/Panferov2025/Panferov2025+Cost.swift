extension Panferov2025 {
    /// Bits of the wider operand of each training format's matrix products: the activations' for
    /// weight-only formats (W4A16 multiplies in 16 bits), the shared width for W`k`A`k`, 4 for FP4,
    /// 16 for BF16, and 8 for 2:4 sparsity (half the BF16 products).
    public static let operandBits: [String: Double] = {
        var bits: [String: Double] = ["BF16": 16, "FP4": 4, "2:4 sparse": 8]
        for label in efficiencies.map(\.key) where label.hasPrefix("W") {
            let parts = label.split(separator: " ")[0].dropFirst().split(separator: "A")
            guard parts.count == 2, let weights = Double(parts[0]), let activations = Double(parts[1]) else { continue }
            bits[label] = Swift.max(weights, activations)
        }
        return bits
    }()

    /// A bit-operations cost model for ``quest``: training in a format costs `6·b/16` FLOPs per
    /// parameter-token, b its ``operandBits`` (BF16 costs the usual 6·N·D). An assumption of ours,
    /// in the spirit of Kumar et al.'s and Sun et al.'s (6/16)·N·D·P: it counts arithmetic only, not
    /// the backward pass QuEST keeps in higher precision nor any hardware's actual speedup.
    public static var bitOperationsCost: CostModel {
        CostModel.perCategory(format, flopsPerParameterToken: operandBits.mapValues { 6 * $0 / 16 })
    }
}
