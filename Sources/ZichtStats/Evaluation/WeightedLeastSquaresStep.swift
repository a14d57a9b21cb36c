/// One weighted least-squares step of IRLS with absorbed two-way fixed effects.
///
/// Given the linear predictor η (offset included), the means μ and the working weights w, it forms
/// the working variable zᵢ = ηᵢ − oᵢ + (yᵢ − μᵢ)/μᵢ (log link), residualises z and the regressors on
/// the fixed effects with weights w (``TwoWayProjector``), and regresses z̃ on X̃ (Frisch–Waugh–Lovell):
/// β = (X̃ᵀWX̃)⁻¹X̃ᵀWz̃; the new predictor is η = o + z − (z̃ − X̃β), the fitted values of the full
/// weighted regression of z on the fixed effects and X. This is steps (8)–(10) of Correia, Guimarães
/// & Zylkin (2020, Stata Journal 20(1):95–115), which pyfixest `fepois` follows.
struct WeightedLeastSquaresStep {
    let beta: [Double]
    let eta: [Double]

    /// - Parameters:
    ///   - columns: the regressors in sample order.
    ///   - checkColumns: whether to test that no column is absorbed by the fixed effects (first step).
    /// - Throws: ``EvaluationError`` `.regressorAbsorbed` or `.collinearRegressors`.
    init(
        projector: inout TwoWayProjector, counts y: [Double], offset: [Double]?, eta: [Double], mu: [Double], weights: [Double],
        columns: [[Double]], names: [String], checkColumns: Bool
    ) throws(EvaluationError) {
        let n = y.count, p = columns.count
        var z = [Double](repeating: 0, count: n)
        z.withUnsafeMutableBufferPointer { z in
            for i in 0..<n { z[i] = eta[i] + (y[i] - mu[i]) / mu[i] }
            if let offset { for i in 0..<n { z[i] -= offset[i] } }
        }
        guard projector.setWeights(weights) else {
            throw EvaluationError(.notConverged, "the fixed-effects normal equations became singular (weights \(weights.min() ?? 0)…\(weights.max() ?? 0))")
        }
        var zt = z
        projector.residualize(&zt)
        var xt = columns
        for k in 0..<p { projector.residualize(&xt[k]) }
        if checkColumns {
            try Self.checkAbsorption(original: columns, residual: xt, weights: weights, names: names)
        }
        let information = Self.information(xt, weights: weights)
        var rhs = (0..<p).map { Self.weightedDot(xt[$0], weights, zt) }
        if p > 0 {
            guard let factor = CholeskyFactor(symmetric: information, size: p, relativeTolerance: 1e-10) else {
                throw EvaluationError(
                    .collinearRegressors, "the regressors \(names.joined(separator: ", ")) are collinear once the area and period effects are taken out",
                    hint: "leave out one of the regressors that carry the same information")
            }
            factor.solve(&rhs)
        }
        beta = rhs
        var next = [Double](repeating: 0, count: n)
        next.withUnsafeMutableBufferPointer { next in
            for i in 0..<n { next[i] = z[i] - zt[i] }
            if let offset { for i in 0..<n { next[i] += offset[i] } }
            for k in 0..<p {
                let b = rhs[k]
                xt[k].withUnsafeBufferPointer { x in
                    for i in 0..<n { next[i] += x[i] * b }
                }
            }
        }
        self.eta = next
    }

    /// X̃ᵀWX̃, row-major.
    static func information(_ xt: [[Double]], weights: [Double]) -> [Double] {
        let p = xt.count
        var m = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in a..<p {
                let sum = weightedDot(xt[a], weights, xt[b])
                m[a * p + b] = sum
                m[b * p + a] = sum
            }
        }
        return m
    }

    /// Σ aᵢwᵢbᵢ.
    static func weightedDot(_ a: [Double], _ w: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            w.withUnsafeBufferPointer { w in
                b.withUnsafeBufferPointer { b in
                    var sum = 0.0
                    for i in 0..<a.count { sum += a[i] * w[i] * b[i] }
                    return sum
                }
            }
        }
    }

    /// A column is absorbed when its weighted sum of squares after removing the fixed effects is
    /// below 1e-9 of that after removing its weighted mean alone (pyfixest drops such columns with
    /// `collin_tol`; here the user is told instead).
    static func checkAbsorption(original: [[Double]], residual: [[Double]], weights: [Double], names: [String]) throws(EvaluationError) {
        let total = weights.reduce(0, +)
        for (k, column) in original.enumerated() {
            let mean = zip(column, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
            let centred = zip(column, weights).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) }
            let left = zip(residual[k], weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }
            if centred == 0 || left <= 1e-9 * centred {
                throw EvaluationError(
                    .regressorAbsorbed,
                    "the regressor '\(names[k])' is fully explained by the area and period effects, so its effect cannot be estimated",
                    hint: "the treatment must switch on during the panel for some areas and stay off for others: include periods before the start and untreated control areas")
            }
        }
    }
}
