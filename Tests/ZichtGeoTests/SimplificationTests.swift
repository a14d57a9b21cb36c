import Foundation
import Testing
import ZichtGeo

struct SimplificationTests {
    @Test func douglasPeuckerDropsPointsWithinTolerance() {
        let line = [Point(x: 0, y: 0), Point(x: 1, y: 0.1), Point(x: 2, y: -0.1), Point(x: 3, y: 5), Point(x: 4, y: 6), Point(x: 5, y: 7.05), Point(x: 6, y: 8)]
        #expect(DouglasPeucker.simplify(line, tolerance: 0.5) == [Point(x: 0, y: 0), Point(x: 2, y: -0.1), Point(x: 3, y: 5), Point(x: 6, y: 8)])
        #expect(DouglasPeucker.simplify(line, tolerance: 100) == [Point(x: 0, y: 0), Point(x: 6, y: 8)])
        #expect(DouglasPeucker.simplify(line, tolerance: 0) == line)
        #expect(DouglasPeucker.simplify(Array(line.prefix(2)), tolerance: 1) == Array(line.prefix(2)))
    }

    @Test func closedLineKeepsItsFarthestPoint() {
        let loop = GeoTestSupport.rectangle(0, 0, 10, 1)
        let simplified = DouglasPeucker.simplify(loop, tolerance: 5)
        #expect(simplified.first == loop.first && simplified.last == loop.last)
        #expect(simplified.contains(Point(x: 10, y: 1)))
    }

    /// Two squares sharing a wiggly border x ≈ 10: after simplification both must list exactly the
    /// same border points, in opposite directions.
    @Test func adjacentSquaresStillShareExactlyTheSameBorder() throws {
        var border: [Point] = []  // from (10, 0) up to (10, 10)
        var random = TestRandom(seed: 42)
        for step in 0...40 {
            let y = Double(step) / 4
            border.append(Point(x: step == 0 || step == 40 ? 10 : 10 + (random.unit() - 0.5) * 0.6, y: y))
        }
        let left = Polygon(exterior: [Point(x: 0, y: 0)] + border + [Point(x: 0, y: 10)])
        let right = Polygon(exterior: [Point(x: 20, y: 10)] + border.reversed() + [Point(x: 20, y: 0)])
        let simplified = SharedBorderSimplifier(tolerance: 0.2).simplify([MultiPolygon(left), MultiPolygon(right)])

        func borderPoints(_ ring: [Point]) -> [Point] { ring.filter { $0.x > 9 && $0.x < 11 } }
        let leftBorder = borderPoints(simplified[0].polygons[0].exterior)
        let rightBorder = borderPoints(simplified[1].polygons[0].exterior)
        #expect(leftBorder.count < border.count)
        #expect(leftBorder.count >= 3)
        #expect(Set(leftBorder) == Set(rightBorder))
        #expect(leftBorder.contains(Point(x: 10, y: 0)) && leftBorder.contains(Point(x: 10, y: 10)))
        // Every kept border point is an original point, within tolerance of the original border.
        #expect(Set(leftBorder).isSubset(of: Set(border)))
        // The simplified pair still tiles the same rectangle.
        #expect(abs(simplified[0].area + simplified[1].area - 200) < 1e-9)
    }

    @Test func aTilingKeepsEveryBorderSharedAfterSimplification() {
        let tiling = GeoTestSupport.jitteredTiling(columns: 6, rows: 6, width: 6_000, height: 6_000, wiggles: 12, seed: 9)
        let shared = SharedBorderSimplifier(tolerance: 40).simplify(tiling)
        #expect(shared.map(\.vertexCount).reduce(0, +) < tiling.map(\.vertexCount).reduce(0, +) / 2)
        // Shared: the simplified tiling still covers the square exactly (no gaps, no overlaps).
        #expect(abs(shared.map(\.area).reduce(0, +) - 36_000_000) < 1e-3)
        // Every simplified vertex that lies on the border of two cells appears in both.
        var uses: [Point: Int] = [:]
        for geometry in shared { for point in Set(geometry.polygons[0].exterior) { uses[point, default: 0] += 1 } }
        var originalUses: [Point: Int] = [:]
        for geometry in tiling { for point in Set(geometry.polygons[0].exterior) { originalUses[point, default: 0] += 1 } }
        for (point, count) in uses { #expect(count == originalUses[point], "\(point)") }
    }

    @Test func islandInAHoleStaysFitted() {
        // A lake polygon fills the hole of the polygon around it; neither shares a node with anything.
        let lake = (0..<60).map { step -> Point in
            let angle = Double(step) / 60 * 2 * .pi
            return Point(x: 50 + 20 * cos(angle) + (step % 3 == 0 ? 0.3 : 0), y: 50 + 20 * sin(angle))
        }
        let outer = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 100, 100), Polygon(exterior: lake).exterior])
        let inner = Polygon(exterior: lake.reversed())
        let simplified = SharedBorderSimplifier(tolerance: 1).simplify([MultiPolygon(outer), MultiPolygon(inner)])
        #expect(Set(simplified[0].polygons[0].rings[1]) == Set(simplified[1].polygons[0].exterior))
        #expect(simplified[1].polygons[0].exterior.count < lake.count)
        #expect(abs(simplified[0].area + simplified[1].area - 10_000) < 1e-9)
    }

    @Test func tinyRingsDoNotCollapse() {
        let tiny = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 1, 1)])
        let simplified = SharedBorderSimplifier(tolerance: 50).simplify([MultiPolygon(tiny)])
        let ring = simplified[0].polygons[0].exterior
        #expect(Set(ring).count >= 3)
        #expect(simplified[0].area > 0)
        #expect(simplified[0].isValid)
    }
}
