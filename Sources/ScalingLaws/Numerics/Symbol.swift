/// How a variable, parameter or named quantity is written: as Unicode text and as LaTeX.
public struct Symbol: Hashable, Sendable, CustomStringConvertible {
    /// The Unicode spelling, e.g. `α` or `N_eff`.
    public var unicode: String
    /// The LaTeX spelling, e.g. `\alpha` or `N_{\mathrm{eff}}`.
    public var latex: String

    /// A symbol spelled `unicode`, and `latex` in LaTeX (the Unicode spelling by default).
    public init(_ unicode: String, latex: String? = nil) {
        self.unicode = unicode
        self.latex = latex ?? unicode
    }

    public var description: String { unicode }
}

extension String {
    /// The text with LaTeX's special characters escaped, for use inside `\mathrm{…}`.
    var latexEscaped: String {
        var result = ""
        for character in self {
            switch character {
            case "%", "#", "&", "_", "$", "{", "}": result += "\\" + String(character)
            // In math mode a bare hyphen is a minus sign, even inside \mathrm.
            case "-": result += "\\mbox{-}"
            default: result.append(character)
            }
        }
        return result
    }
}
