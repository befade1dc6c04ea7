extension Castro2025 {
    /// A throughput cost model for ``quartet``: BF16 costs 6 FLOPs per parameter-token, MXFP4
    /// `6/speedup`, where `speedup` is how much faster the whole training step runs in MXFP4 on
    /// the hardware at hand (Quartet's question: is the speedup worth the efficiency lost?).
    public static func throughputCost(mxfp4Speedup speedup: Double) -> CostModel {
        CostModel.perCategory(format, flopsPerParameterToken: ["BF16": 6, "MXFP4": 6 / speedup])
    }
}
