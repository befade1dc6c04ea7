/// The Cholesky factorisation `A = L·Lᵀ` of a small symmetric positive-definite matrix (row-major,
/// n × n): the linear algebra of Levenberg–Marquardt steps and of covariance matrices.
struct Cholesky {
    let n: Int
    /// The lower factor, row-major (upper triangle unused).
    private(set) var factor: [Double]

    /// Factorises `matrix`; nil when it is not (numerically) positive definite.
    init?(_ matrix: [Double], n: Int) {
        self.n = n
        var l = matrix
        for j in 0..<n {
            var diagonal = l[j * n + j]
            for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let root = diagonal.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<Swift.max(j + 1, n) {
                var value = l[i * n + j]
                for k in 0..<j { value -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = value / root
            }
        }
        factor = l
    }

    /// Solves `A·x = b` in place.
    func solve(_ b: inout [Double]) {
        for i in 0..<n {
            var value = b[i]
            for k in 0..<i { value -= factor[i * n + k] * b[k] }
            b[i] = value / factor[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = b[i]
            for k in (i + 1)..<Swift.max(i + 1, n) { value -= factor[k * n + i] * b[k] }
            b[i] = value / factor[i * n + i]
        }
    }

    /// `A⁻¹`, row-major.
    func inverse() -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        var column = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<n { column[i] = i == j ? 1 : 0 }
            solve(&column)
            for i in 0..<n { result[i * n + j] = column[i] }
        }
        return result
    }
}
