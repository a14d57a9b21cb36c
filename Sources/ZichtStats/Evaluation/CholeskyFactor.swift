/// The Cholesky factor A = UᵀU of a symmetric positive definite matrix, stored row-major.
///
/// Used for the small systems of the fixed-effects estimators: the p × p information matrix of the
/// regressors and the periods' reduced normal equations (see ``TwoWayProjector``). Only the upper
/// triangle of the input is read.
struct CholeskyFactor: Sendable {
    let size: Int
    /// U, upper triangular, row-major; the strict lower triangle is zero.
    private(set) var upper: [Double]

    /// Factors `matrix` (size × size, row-major), or returns nil when a pivot is not positive or
    /// falls below `relativeTolerance` times the diagonal element it came from (a matrix that is
    /// singular to working precision).
    init?(symmetric matrix: [Double], size: Int, relativeTolerance: Double = 1e-12) {
        precondition(matrix.count == size * size, "a \(size) × \(size) matrix needs \(size * size) elements")
        self.size = size
        var u = matrix
        let ok = u.withUnsafeMutableBufferPointer { a -> Bool in
            let diagonal = (0..<size).map { a[$0 * size + $0] }
            // Right-looking (outer-product) elimination: the inner loop runs along a row.
            for k in 0..<size {
                let pivot = a[k * size + k]
                guard pivot > 0, pivot > relativeTolerance * abs(diagonal[k]), pivot.isFinite else { return false }
                let root = pivot.squareRoot()
                a[k * size + k] = root
                for j in (k + 1)..<size { a[k * size + j] /= root }
                for i in (k + 1)..<size {
                    let factor = a[k * size + i]
                    if factor == 0 { continue }
                    for j in i..<size { a[i * size + j] -= factor * a[k * size + j] }
                }
                for j in 0..<k { a[k * size + j] = 0 }
            }
            return true
        }
        guard ok else { return nil }
        upper = u
    }

    /// Solves A x = b in place.
    func solve(_ b: inout [Double]) {
        precondition(b.count == size)
        upper.withUnsafeBufferPointer { u in
            b.withUnsafeMutableBufferPointer { x in
                // Uᵀ y = b
                for i in 0..<size {
                    var sum = x[i]
                    for k in 0..<i { sum -= u[k * size + i] * x[k] }
                    x[i] = sum / u[i * size + i]
                }
                // U x = y
                for i in stride(from: size - 1, through: 0, by: -1) {
                    var sum = x[i]
                    for k in (i + 1)..<size { sum -= u[i * size + k] * x[k] }
                    x[i] = sum / u[i * size + i]
                }
            }
        }
    }

    /// A⁻¹, row-major.
    func inverse() -> [Double] {
        var result = [Double](repeating: 0, count: size * size)
        for column in 0..<size {
            var unit = [Double](repeating: 0, count: size)
            unit[column] = 1
            solve(&unit)
            for row in 0..<size { result[row * size + column] = unit[row] }
        }
        return result
    }
}

/// Small dense matrix products on row-major arrays.
enum DenseMatrix {
    /// A·B·A for square row-major A and B of the same size (a sandwich covariance).
    static func sandwich(_ a: [Double], _ b: [Double], size n: Int) -> [Double] {
        var ab = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n where a[i * n + k] != 0 {
                for j in 0..<n { ab[i * n + j] += a[i * n + k] * b[k * n + j] }
            }
        }
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n where ab[i * n + k] != 0 {
                for j in 0..<n { result[i * n + j] += ab[i * n + k] * a[k * n + j] }
            }
        }
        return result
    }
}
