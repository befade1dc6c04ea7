/// Small dense symmetric positive-definite systems (k ≤ 64): the normal equations of
/// Levenberg–Marquardt steps and the covariance of fitted parameters.
enum SymmetricSolve {
    /// The Cholesky factor L (row-major, lower triangle) of the k×k matrix `a`, or `nil` if `a` is
    /// not numerically positive definite.
    static func cholesky(_ a: [Double], _ k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i * k + j]
                for m in 0..<j { sum -= l[i * k + m] * l[j * k + m] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * k + i] = sum.squareRoot()
                } else {
                    l[i * k + j] = sum / l[j * k + j]
                }
            }
        }
        return l
    }

    /// x with A·x = b, given A's Cholesky factor.
    static func solve(_ l: [Double], _ k: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<k {
            for m in 0..<i { y[i] -= l[i * k + m] * y[m] }
            y[i] /= l[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for m in (i + 1)..<k { y[i] -= l[m * k + i] * y[m] }
            y[i] /= l[i * k + i]
        }
        return y
    }

    /// A⁻¹ (row-major) for symmetric positive-definite A, or `nil` if A is singular.
    static func inverse(_ a: [Double], _ k: Int) -> [Double]? {
        guard let l = cholesky(a, k) else { return nil }
        var result = [Double](repeating: 0, count: k * k)
        for column in 0..<k {
            var unit = [Double](repeating: 0, count: k)
            unit[column] = 1
            let x = solve(l, k, unit)
            for row in 0..<k { result[row * k + column] = x[row] }
        }
        return result
    }
}
