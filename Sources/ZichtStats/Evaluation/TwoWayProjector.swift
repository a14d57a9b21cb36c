/// Weighted least-squares residuals of columns on two crossed sets of fixed effects (areas and
/// periods), computed exactly.
///
/// For weights w and a column v, the residual is ṽ = v − α_g(i) − γ_l(i), where α (one per group)
/// and γ (one per level) minimise Σ wᵢ(vᵢ − α_g(i) − γ_l(i))². This is the "demeaning" step inside
/// fixed-effects IRLS (Guimarães & Portugal 2010; Correia, Guimarães & Zylkin 2020, ppmlhdfe;
/// Bergé 2018, fixest; pyfixest), which those packages approximate by alternating projections until
/// a tolerance. Here the groups are eliminated in closed form, α_g = (a_g − Σ_{i∈g} wᵢγ_l(i)) / W_g,
/// which leaves the levels' reduced normal equations (a Schur complement)
///
///     S γ = r,  S = diag(W_l) − Σ_g c_g c_gᵀ / W_g,  r_l = Σ_{i∈l} wᵢ (vᵢ − a_g(i)/W_g(i)),
///
/// with W_g, W_l the weight totals, a_g = Σ_{i∈g} wᵢvᵢ and c_g the vector of group g's weights by level.
/// One level per connected component is fixed at zero (S·1 = 0 within a component). S has as many
/// rows as the smaller factor has levels (periods, typically 12–240), so it is factored once per
/// set of weights by Cholesky, and every column then costs a few passes over the data: exact to
/// rounding, with no tolerance to tune. When the smaller factor has more than `denseLimit` free
/// levels, S is not formed and the system is solved by conjugate gradients with a Jacobi
/// preconditioner (to a relative residual of 1e-13).
struct TwoWayProjector: Sendable {
    let sample: FixedEffectsSample
    /// Above this many free levels the dense factorisation gives way to conjugate gradients.
    let denseLimit: Int

    private var weights: [Double] = []
    private var groupWeight: [Double] = []
    private var levelWeight: [Double] = []
    private var factor: CholeskyFactor?
    /// Diagonal of S over the free levels (the conjugate-gradient preconditioner).
    private var diagonal: [Double] = []

    init(sample: FixedEffectsSample, denseLimit: Int = 1000) {
        self.sample = sample
        self.denseLimit = denseLimit
    }

    var usesDenseFactor: Bool { sample.freeCount <= denseLimit }

    /// Sets the weights (one per sample observation, all positive) and factors S.
    /// - Returns: false when S is not positive definite (which a connected design never gives).
    mutating func setWeights(_ w: [Double]) -> Bool {
        precondition(w.count == sample.count)
        weights = w
        let groups = sample.groupCount, levels = sample.levelCount, free = sample.freeCount
        var gw = [Double](repeating: 0, count: groups)
        var lw = [Double](repeating: 0, count: levels)
        sample.level.withUnsafeBufferPointer { level in
            for g in 0..<groups {
                var total = 0.0
                for i in sample.groupStarts[g]..<sample.groupStarts[g + 1] {
                    total += w[i]
                    lw[Int(level[i])] += w[i]
                }
                gw[g] = total
            }
        }
        groupWeight = gw
        levelWeight = lw
        var diag = [Double](repeating: 0, count: free)
        for l in 0..<levels where sample.freeIndex[l] >= 0 { diag[Int(sample.freeIndex[l])] = lw[l] }
        if !usesDenseFactor {
            for i in 0..<sample.count {
                let f = Int(sample.freeIndex[Int(sample.level[i])])
                if f >= 0 { diag[f] -= w[i] * w[i] / gw[Int(sample.group[i])] }
            }
            diagonal = diag
            factor = nil
            return diag.allSatisfy { $0 > 0 }
        }
        // S = diag(W_l) − Σ_g u_g u_gᵀ with u_g = c_g / √W_g; the upper triangle is enough.
        var s = [Double](repeating: 0, count: free * free)
        for f in 0..<free { s[f * free + f] = diag[f] }
        var u = [Double](repeating: 0, count: levels)
        var index = [Int](repeating: 0, count: levels)
        s.withUnsafeMutableBufferPointer { s in
            u.withUnsafeMutableBufferPointer { u in
                index.withUnsafeMutableBufferPointer { index in
                    for g in 0..<groups {
                        let scale = 1 / gw[g].squareRoot()
                        var m = 0
                        for i in sample.groupStarts[g]..<sample.groupStarts[g + 1] {
                            let f = Int(sample.freeIndex[Int(sample.level[i])])
                            if f < 0 { continue }
                            u[m] = w[i] * scale
                            index[m] = f
                            m += 1
                        }
                        if m == 0 { continue }
                        // Free indexes increase within a group; when they are consecutive the update
                        // of row a is one contiguous run.
                        let contiguous = index[m - 1] - index[0] == m - 1
                        for a in 0..<m {
                            let ua = u[a]
                            let row = index[a] &* free
                            if contiguous {
                                // One contiguous run: s[row + index[a] ...] −= ua · u[a ..< m].
                                let target = s.baseAddress! + (row &+ index[a])
                                let source = u.baseAddress! + a
                                let length = m &- a
                                var j = 0
                                while j < length {
                                    target[j] -= ua * source[j]
                                    j &+= 1
                                }
                            } else {
                                for b in a..<m { s[row &+ index[b]] -= ua * u[b] }
                            }
                        }
                    }
                }
            }
        }
        diagonal = diag
        factor = CholeskyFactor(symmetric: s, size: free, relativeTolerance: 1e-13)
        return factor != nil || free == 0
    }

    /// Replaces `v` (one value per sample observation) by its weighted residual on both sets of
    /// fixed effects, for the weights last set.
    func residualize(_ v: inout [Double]) {
        let groups = sample.groupCount, free = sample.freeCount
        var groupMean = [Double](repeating: 0, count: groups)
        var rhs = [Double](repeating: 0, count: free)
        sample.level.withUnsafeBufferPointer { level in
            weights.withUnsafeBufferPointer { w in
                v.withUnsafeMutableBufferPointer { v in
                    for g in 0..<groups {
                        var a = 0.0
                        for i in sample.groupStarts[g]..<sample.groupStarts[g + 1] { a += w[i] * v[i] }
                        let mean = a / groupWeight[g]
                        groupMean[g] = mean
                        for i in sample.groupStarts[g]..<sample.groupStarts[g + 1] {
                            let f = Int(sample.freeIndex[Int(level[i])])
                            if f >= 0 { rhs[f] += w[i] * (v[i] - mean) }
                        }
                    }
                }
            }
        }
        var gamma: [Double]
        if let factor {
            factor.solve(&rhs)
            gamma = rhs
        } else if free > 0 {
            gamma = conjugateGradient(rhs)
        } else {
            gamma = []
        }
        // γ by level (references 0), then α_g = mean_g − Σ wᵢγ / W_g, then the residual.
        var levelEffect = [Double](repeating: 0, count: sample.levelCount)
        for l in 0..<sample.levelCount where sample.freeIndex[l] >= 0 { levelEffect[l] = gamma[Int(sample.freeIndex[l])] }
        sample.level.withUnsafeBufferPointer { level in
            weights.withUnsafeBufferPointer { w in
                levelEffect.withUnsafeBufferPointer { effect in
                    v.withUnsafeMutableBufferPointer { v in
                        for g in 0..<groups {
                            let range = sample.groupStarts[g]..<sample.groupStarts[g + 1]
                            var weighted = 0.0
                            for i in range { weighted += w[i] * effect[Int(level[i])] }
                            let alpha = groupMean[g] - weighted / groupWeight[g]
                            for i in range { v[i] -= alpha + effect[Int(level[i])] }
                        }
                    }
                }
            }
        }
    }

    /// S·x over the free levels without forming S.
    private func applyS(_ x: [Double]) -> [Double] {
        var full = [Double](repeating: 0, count: sample.levelCount)
        for l in 0..<sample.levelCount where sample.freeIndex[l] >= 0 { full[l] = x[Int(sample.freeIndex[l])] }
        var result = [Double](repeating: 0, count: sample.freeCount)
        for g in 0..<sample.groupCount {
            let range = sample.groupStarts[g]..<sample.groupStarts[g + 1]
            var t = 0.0
            for i in range { t += weights[i] * full[Int(sample.level[i])] }
            t /= groupWeight[g]
            for i in range {
                let f = Int(sample.freeIndex[Int(sample.level[i])])
                if f >= 0 { result[f] -= weights[i] * t }
            }
        }
        for l in 0..<sample.levelCount where sample.freeIndex[l] >= 0 {
            let f = Int(sample.freeIndex[l])
            result[f] += levelWeight[l] * x[f]
        }
        return result
    }

    /// Preconditioned conjugate gradients for S x = b (Hestenes & Stiefel 1952; Jacobi preconditioner).
    private func conjugateGradient(_ b: [Double]) -> [Double] {
        let n = b.count
        var x = [Double](repeating: 0, count: n)
        var r = b
        var z = (0..<n).map { r[$0] / diagonal[$0] }
        var p = z
        var rz = zip(r, z).reduce(0) { $0 + $1.0 * $1.1 }
        let target = 1e-13 * (b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        for _ in 0..<max(10 * n, 100) {
            if (r.reduce(0) { $0 + $1 * $1 }).squareRoot() <= target { break }
            let q = applyS(p)
            let pq = zip(p, q).reduce(0) { $0 + $1.0 * $1.1 }
            if pq <= 0 { break }
            let step = rz / pq
            for k in 0..<n {
                x[k] += step * p[k]
                r[k] -= step * q[k]
            }
            z = (0..<n).map { r[$0] / diagonal[$0] }
            let next = zip(r, z).reduce(0) { $0 + $1.0 * $1.1 }
            let beta = next / rz
            rz = next
            for k in 0..<n { p[k] = z[k] + beta * p[k] }
        }
        return x
    }
}
