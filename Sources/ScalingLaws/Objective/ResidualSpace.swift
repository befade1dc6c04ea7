/// Where a point's residual is measured.
public enum ResidualSpace: Sendable, Hashable {
    /// `r = ln y − ln ŷ`: relative errors, the Chinchilla/Epoch convention for losses (the default).
    /// Needs every measured value y > 0; a prediction ŷ ≤ 0 makes the objective +∞ there, so the
    /// optimizer steps back.
    case logarithmic
    /// `r = y − ŷ`: absolute errors.
    case linear
}
