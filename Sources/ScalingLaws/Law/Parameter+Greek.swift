// Greek-letter parameters that several laws use, spelled once.
extension Parameter {
    static func greek(_ name: String, _ unicode: String, _ latex: String, domain: Domain = .positive) -> Parameter {
        Parameter(name, symbol: Symbol(unicode, latex: latex), domain: domain)
    }
}
