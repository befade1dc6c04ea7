/// What each paper's law predicts for one model: the loss increase (in nats) that quantization or
/// compression causes at `N` parameters and `D` training tokens, side by side.
///
/// The papers measure different things, so a row's ``Row/setting`` says which:
///
/// | law | value | formats |
/// |---|---|---|
/// | `Ouyang2024.unified` | QiD = k·D^β/(N^α·P^γ), post-training quantization (GPTQ) | ``bitWidths`` |
/// | `Kumar2024.ptq` | δ_PTQ = C_T·D^γ_D/N^γ_N·e^(−P/γ_post), post-training quantization of a BF16-trained model | ``bitWidths`` |
/// | `Chen2025.w4a4` | δ_p = k·D^γ_D·(log₂G)^γ_G/N^γ_N, INT4 quantization-aware training | W4A4 at ``groupSize`` |
/// | `Sun2025.quantizationTerm` | (D^β/N^α)·log₂B/(γ·(E+½)^δ·(M+½)^ν), floating-point training | ``floatingPointFormats`` at ``blockSize`` |
/// | `Frantar2025.onChinchilla` | L(N·eff, D) − L(N, D) on Chinchilla's printed base | ``compressionFormats`` |
/// | `Panferov2025.quest` | L(N·eff, D) − L(N, D) under QuEST's own law, quantization-aware training | ``trainingFormats`` |
/// | `Castro2025.quartet` | L(MXFP4) − L(BF16) under Quartet's law, FP4 training | MXFP4 |
///
/// Frantar et al.'s own base constants (a–e) are not available to us, so their rows put the
/// published effective-parameter multipliers on Hoffmann et al.'s printed Chinchilla law: only the
/// multipliers are Frantar's.
///
/// Every law receives the same `N`, although Ouyang, Kumar and Sun count non-embedding parameters
/// and Chinchilla (hence the Frantar rows) counts all of them. Each row says whether the query lies
/// outside the range its preset was fitted on (most queries about today's models do) and how far
/// to trust the preset's constants (``Provenance/Confidence``; Chen's and Frantar's are `[S]`,
/// from secondary sources).
///
/// ```swift
/// for row in try DegradationComparison().rows(N: 70e9, D: 15e12) {
///     print(row.law, row.format, row.value, row.isExtrapolation ? "(extrapolated)" : "")
/// }
/// ```
public struct DegradationComparison: Sendable {
    /// A floating-point number format: E exponent bits and M mantissa bits (plus a sign bit).
    public struct FloatingPointFormat: Sendable, Hashable {
        /// E: exponent bits.
        public var exponentBits: Double
        /// M: mantissa bits.
        public var mantissaBits: Double

        /// The format EₓMᵧ.
        public init(exponentBits: Double, mantissaBits: Double) {
            self.exponentBits = exponentBits
            self.mantissaBits = mantissaBits
        }

        /// FP4: 2 exponent bits, 1 mantissa bit.
        public static let e2m1 = FloatingPointFormat(exponentBits: 2, mantissaBits: 1)
        /// FP8: 4 exponent bits, 3 mantissa bits.
        public static let e4m3 = FloatingPointFormat(exponentBits: 4, mantissaBits: 3)
        /// BF16: 8 exponent bits, 7 mantissa bits.
        public static let e8m7 = FloatingPointFormat(exponentBits: 8, mantissaBits: 7)

        /// The conventional name, e.g. `"E4M3"`.
        public var name: String { "E\(label(exponentBits))M\(label(mantissaBits))" }
    }

    /// One law's prediction at one (N, D) and one format.
    public struct Row: Sendable, Hashable {
        /// The preset that made the prediction, e.g. `"Ouyang2024.unified"` (first author and year first).
        public var law: String
        /// How the model was quantized or compressed in the paper's experiments, e.g.
        /// `"post-training quantization (GPTQ)"`: the values of different settings are different quantities.
        public var setting: String
        /// The parameter count queried (raw count).
        public var N: Double
        /// The training tokens queried (raw count).
        public var D: Double
        /// The format: `"4-bit"` for an integer bit width, `"E4M3"` for a floating-point format,
        /// `"W4A4 g128"` for Chen et al.'s INT4 setting, a Frantar et al. format label otherwise.
        public var format: String
        /// The predicted loss increase, in nats.
        public var value: Double
        /// How the preset's constants were obtained (`[P]` paper, `[S]` secondary sources).
        public var confidence: Provenance.Confidence
        /// The query's variables that lie outside the preset's fitted range (empty when inside).
        public var extrapolations: [Extrapolation]

        /// Whether the query leaves the range the preset was fitted on.
        public var isExtrapolation: Bool { !extrapolations.isEmpty }
    }

    /// The post-training bit widths of the Ouyang and Kumar rows.
    public var bitWidths: [Double]
    /// The INT4 quantization group size G of the Chen row (G ≥ 2).
    public var groupSize: Double
    /// The floating-point formats of the Sun rows.
    public var floatingPointFormats: [FloatingPointFormat]
    /// The block size B of the Sun rows: elements sharing one scaling factor (B ≥ 2).
    public var blockSize: Double
    /// The Frantar format labels, each one of ``Frantar2025/multipliers``.
    public var compressionFormats: [String]
    /// The QuEST training formats, each one of ``Panferov2025/efficiencies``.
    public var trainingFormats: [String]

    /// The default comparison: 2, 3, 4 and 8 bits; W4A4 at G = 128; E2M1 and E4M3 at B = 128;
    /// every Frantar format with a published multiplier; QuEST's W4A4 (Hadamard) and FP4.
    public init(
        bitWidths: [Double] = [2, 3, 4, 8],
        groupSize: Double = 128,
        floatingPointFormats: [FloatingPointFormat] = [.e2m1, .e4m3],
        blockSize: Double = 128,
        compressionFormats: [String] = Frantar2025.multipliers.map(\.key),
        trainingFormats: [String] = ["W4A4 Hadamard", "FP4"]
    ) {
        self.bitWidths = bitWidths
        self.groupSize = groupSize
        self.floatingPointFormats = floatingPointFormats
        self.blockSize = blockSize
        self.compressionFormats = compressionFormats
        self.trainingFormats = trainingFormats
    }

    /// Every law's prediction at `N` parameters and `D` tokens, in the order Ouyang (each bit
    /// width), Kumar (each bit width), Chen, Sun (each floating-point format), Frantar (each format),
    /// QuEST (each training format), Quartet (MXFP4).
    ///
    /// Throws the first law's error for invalid input: N or D not finite and positive, a bit width
    /// ≤ 0, G or B < 2, a negative exponent or mantissa width, or a format label Frantar's or
    /// QuEST's preset does not list (``ScalingLawError/unknownCategory(variable:label:known:)``).
    public func rows(N: Double, D: Double) throws(ScalingLawError) -> [Row] {
        var rows: [Row] = []
        func append<Form>(
            _ law: ScalingLaw<Form>, setting: String, format: String, at point: [Variable: Double]
        ) throws(ScalingLawError) {
            let prediction = try law.prediction(at: point)
            rows.append(row(law, setting: setting, format: format, N: N, D: D, prediction: prediction))
        }

        for bits in bitWidths {
            try append(Ouyang2024.unified, setting: "post-training quantization (GPTQ)",
                       format: "\(label(bits))-bit", at: [.N: N, .D: D, .bits: bits])
        }
        for bits in bitWidths {
            try append(Kumar2024.ptq, setting: "post-training quantization of a BF16-trained model",
                       format: "\(label(bits))-bit", at: [.N: N, .D: D, .bits: bits])
        }
        try append(Chen2025.w4a4, setting: "INT4 quantization-aware training",
                   format: "W4A4 g\(label(groupSize))", at: [.N: N, .D: D, .groupSize: groupSize])
        for layout in floatingPointFormats {
            try append(Sun2025.quantizationTerm, setting: "floating-point training",
                       format: layout.name,
                       at: [.N: N, .D: D, .exponentBits: layout.exponentBits,
                            .mantissaBits: layout.mantissaBits, .blockSize: blockSize])
        }

        // Frantar: the loss increase from N to N·eff on the Chinchilla base. The uncompressed loss
        // is Hoffmann's printed law itself (eff = 1), so the difference isolates the multiplier.
        let compressed = Frantar2025.onChinchilla
        let uncompressed = try Hoffmann2022.printed(N: N, D: D)
        let formatVariable = Frantar2025.format
        for format in compressionFormats {
            let point: [Variable: Double] = [.N: N, .D: D, formatVariable: try formatVariable.index(ofCategory: format)]
            var prediction = try compressed.prediction(at: point)
            prediction.value -= uncompressed
            rows.append(row(compressed, setting: "compression (effective parameters N·eff)", format: format,
                            N: N, D: D, prediction: prediction))
        }
        try appendLowPrecisionTraining(N: N, D: D, to: &rows)
        return rows
    }

    /// QuEST and Quartet: each law's loss in a low-precision training format minus its own BF16 loss.
    private func appendLowPrecisionTraining(N: Double, D: Double, to rows: inout [Row]) throws(ScalingLawError) {
        let quest = Panferov2025.quest, questFormat = Panferov2025.format
        let questBF16 = try quest([.N: N, .D: D, questFormat: try questFormat.index(ofCategory: "BF16")])
        for format in trainingFormats {
            var prediction = try quest.prediction(at: [.N: N, .D: D, questFormat: try questFormat.index(ofCategory: format)])
            prediction.value -= questBF16
            rows.append(row(quest, setting: "quantization-aware training (QuEST)", format: format, N: N, D: D, prediction: prediction))
        }
        let quartet = Castro2025.quartet, quartetFormat = Castro2025.format
        let quartetBF16 = try quartet([.N: N, .D: D, quartetFormat: try quartetFormat.index(ofCategory: "BF16")])
        var prediction = try quartet.prediction(at: [.N: N, .D: D, quartetFormat: try quartetFormat.index(ofCategory: "MXFP4")])
        prediction.value -= quartetBF16
        rows.append(row(quartet, setting: "native FP4 training (Quartet)", format: "MXFP4", N: N, D: D, prediction: prediction))
    }

    /// ``rows(N:D:)`` for every pair of the grid, `N` varying slowest.
    public func rows(N parameterCounts: [Double], D tokenCounts: [Double]) throws(ScalingLawError) -> [Row] {
        var rows: [Row] = []
        for n in parameterCounts {
            for d in tokenCounts { rows += try self.rows(N: n, D: d) }
        }
        return rows
    }

    private func row<Form>(
        _ law: ScalingLaw<Form>, setting: String, format: String, N: Double, D: Double, prediction: Prediction
    ) -> Row {
        // Every library preset carries provenance; a missing one would be a library bug, and
        // "secondary" is the cautious reading.
        Row(law: law.name, setting: setting, N: N, D: D, format: format, value: prediction.value,
            confidence: law.provenance?.confidence ?? .secondary, extrapolations: prediction.extrapolations)
    }
}

/// A number as it appears in a format name: integers without a fraction (`4`, not `4.0`).
private func label(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
