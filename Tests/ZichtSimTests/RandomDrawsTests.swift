import Testing
import ZichtCore
import ZichtGeo
@testable import ZichtSim

struct RandomDrawsTests {
    /// FNV-1a 64-bit test vectors published with the algorithm (Fowler/Noll/Vo test suite,
    /// http://www.isthe.com/chongo/src/fnv/test_fnv.c): "" → cbf29ce484222325,
    /// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8. Parts are joined with "|".
    @Test func streamNumbersAreFNV1a() {
        #expect(streamNumber("") == Int(truncatingIfNeeded: UInt64(0xCBF2_9CE4_8422_2325)))
        #expect(streamNumber("a") == Int(truncatingIfNeeded: UInt64(0xAF63_DC4C_8601_EC8C)))
        #expect(streamNumber("foobar") == Int(truncatingIfNeeded: UInt64(0x8594_4171_F739_67E8)))
        #expect(streamNumber("foo", "bar") == streamNumber("foo|bar"))
    }

    /// Gamma(k, 1) has mean k and variance k. With n = 200 000 draws the standard error of the mean
    /// is √(k/n) and that of the sample variance √((μ₄ − k²)/n) with μ₄ = 3k(k + 2) (the gamma's
    /// fourth central moment); both must hold within 5 standard errors, for k = 5 (squeeze method)
    /// and k = 0.5 (the k < 1 boost).
    @Test(arguments: [5.0, 0.5])
    func gammaMoments(shape: Double) {
        var random = SplitMix64(seed: 11, stream: 3)
        var normals = NormalPairs()
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let x = random.gamma(shape: shape, normals: &normals)
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        let fourth = 3 * shape * (shape + 2)
        #expect(abs(mean - shape) < 5 * (shape / Double(n)).squareRoot())
        #expect(abs(variance - shape) < 5 * ((fourth - shape * shape) / Double(n)).squareRoot())
    }

    /// Box–Muller pairs: a standard normal has mean 0 and variance 1 (standard errors √(1/n) and
    /// √(2/n)), and the two values of a pair are uncorrelated (standard error √(1/(n/2))).
    @Test func normalMoments() {
        var random = SplitMix64(seed: 5)
        var normals = NormalPairs()
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0, sumProducts = 0.0
        for _ in 0..<(n / 2) {
            let x = normals.next(using: &random), y = normals.next(using: &random)
            sum += x + y
            sumSquares += x * x + y * y
            sumProducts += x * y
        }
        #expect(abs(sum / Double(n)) < 5 * (1 / Double(n)).squareRoot())
        #expect(abs(sumSquares / Double(n) - 1) < 5 * (2 / Double(n)).squareRoot())
        #expect(abs(sumProducts / Double(n / 2)) < 5 * (1 / Double(n / 2)).squareRoot())
    }

    /// The camera's thinning and copying multiply the expected count by the factor: E = m for
    /// m < 1 (Bernoulli(m)) and 1 + ⌊m − 1⌋ + frac(m − 1) = m above 1. Averaged over n = 100 000 draws,
    /// within 5 standard errors (variance m(1 − m) for m < 1, f(1 − f) for the fractional part f).
    @Test(arguments: [0.75, 1.05, 2.5])
    func survivorsHaveTheFactorAsMean(multiplier: Double) {
        var random = SplitMix64(seed: 99)
        let n = 100_000
        var total = 0
        for _ in 0..<n { total += CitySimulation.survivors(multiplier: multiplier, random: &random) }
        let p = multiplier < 1 ? multiplier : (multiplier - 1) - (multiplier - 1).rounded(.down)
        #expect(abs(Double(total) / Double(n) - multiplier) < 5 * (p * (1 - p) / Double(n)).squareRoot())
    }

    /// Hand calculation: two 100 m squares side by side with a 50 m gap are 50 m apart; touching
    /// squares are 0 apart; a point 30 m above the middle of a 100 m segment is 30 m from it.
    @Test func areaDistances() {
        func square(_ x: Double) -> MultiPolygon {
            MultiPolygon(Polygon(exterior: [Point(x: x, y: 0), Point(x: x + 100, y: 0), Point(x: x + 100, y: 100), Point(x: x, y: 100)]))
        }
        #expect(abs(AreaDistance.distance(square(0), square(150)) - 50) < 1e-9)
        #expect(AreaDistance.distance(square(0), square(100)) == 0)
        #expect(abs(AreaDistance.pointSegmentDistance(Point(x: 50, y: 30), Point(x: 0, y: 0), Point(x: 100, y: 0)) - 30) < 1e-12)
    }
}
