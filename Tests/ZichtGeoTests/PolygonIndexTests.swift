import Testing
import ZichtGeo

struct PolygonIndexTests {
    /// The first geometry that contains the point, by testing every one.
    static func bruteForce(_ geometries: [MultiPolygon], _ point: Point) -> Int32 {
        Int32(geometries.firstIndex { $0.contains(point) } ?? -1)
    }

    @Test func randomPointsMatchBruteForce() {
        let tiling = GeoTestSupport.jitteredTiling(columns: 17, rows: 11, width: 17_000, height: 11_000, wiggles: 4, seed: 7)
        var random = TestRandom(seed: 99)
        let points = (0..<20_000).map { _ in Point(x: -500 + random.unit() * 18_000, y: -500 + random.unit() * 12_000) }
        let expected = points.map { Self.bruteForce(tiling, $0) }
        // The tiling covers 17 000 × 11 000 of the 18 000 × 12 000 box.
        #expect(expected.filter { $0 >= 0 }.count > 17_000)
        for cellsPerPolygon in [1.0, 16, 64, 400] {
            let index = PolygonIndex(tiling, cellsPerPolygon: cellsPerPolygon)
            #expect(index.assign(points) == expected, "cellsPerPolygon \(cellsPerPolygon)")
        }
    }

    @Test func pointsOnVerticesAndEdgesMatchBruteForce() {
        let tiling = GeoTestSupport.jitteredTiling(columns: 9, rows: 7, width: 9_000, height: 7_000, wiggles: 3, seed: 3)
        var points: [Point] = []
        for geometry in tiling {
            let ring = geometry.polygons[0].exterior
            for (a, b) in zip(ring, ring.dropFirst()) {
                points.append(a)
                points.append(Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2))
                points.append(Point(x: a.x * 0.25 + b.x * 0.75, y: a.y * 0.25 + b.y * 0.75))
            }
        }
        let index = PolygonIndex(tiling)
        #expect(index.assign(points) == points.map { Self.bruteForce(tiling, $0) })
        for point in points.prefix(200) {
            #expect(index.polygon(containing: point).map(Int32.init) ?? -1 == Self.bruteForce(tiling, point))
        }
    }

    @Test func holesOverlapsAndMultiPolygons() {
        let geometries = [
            // A square with a hole, filled by geometry 1.
            MultiPolygon(Polygon(rings: [GeoTestSupport.rectangle(0, 0, 100, 100), GeoTestSupport.rectangle(40, 40, 60, 60)])),
            MultiPolygon(Polygon(rings: [GeoTestSupport.rectangle(40, 40, 60, 60)])),
            // Overlaps geometry 0: the first geometry wins where both contain a point.
            MultiPolygon(Polygon(rings: [GeoTestSupport.rectangle(90, 0, 150, 10)])),
            // Two parts far apart.
            MultiPolygon([Polygon(rings: [GeoTestSupport.rectangle(200, 0, 210, 10)]), Polygon(rings: [GeoTestSupport.rectangle(0, 200, 10, 210)])]),
        ]
        let index = PolygonIndex(geometries, cellsPerPolygon: 30)
        #expect(index.polygon(containing: Point(x: 10, y: 10)) == 0)
        #expect(index.polygon(containing: Point(x: 50, y: 50)) == 1)
        #expect(index.polygon(containing: Point(x: 95, y: 5)) == 0)
        #expect(index.polygon(containing: Point(x: 120, y: 5)) == 2)
        #expect(index.polygon(containing: Point(x: 205, y: 5)) == 3)
        #expect(index.polygon(containing: Point(x: 5, y: 205)) == 3)
        #expect(index.polygon(containing: Point(x: 150, y: 150)) == nil)
        #expect(index.polygon(containing: Point(x: -1, y: 5)) == nil)
        #expect(index.polygon(containing: Point(x: .nan, y: 5)) == nil)
        var random = TestRandom(seed: 5)
        let points = (0..<5_000).map { _ in Point(x: -10 + random.unit() * 230, y: -10 + random.unit() * 230) }
        #expect(index.assign(points) == points.map { Self.bruteForce(geometries, $0) })
    }

    @Test func bulkAndThreadedAssignGiveTheSameAnswers() {
        let tiling = GeoTestSupport.jitteredTiling(columns: 12, rows: 12, width: 12_000, height: 12_000, wiggles: 2, seed: 11)
        var random = TestRandom(seed: 1)
        let xs = (0..<50_000).map { _ in random.unit() * 12_000 }
        let ys = (0..<50_000).map { _ in random.unit() * 12_000 }
        let index = PolygonIndex(tiling)
        // 50 000 points: `assign` sorts them into buckets first; the answers must not change.
        let single = index.assign(x: xs, y: ys)
        #expect(single == zip(xs, ys).map { Int32(index.polygon(containing: Point(x: $0, y: $1)) ?? -1) })
        #expect(index.assign(x: xs, y: ys, threads: 2) == single)
        #expect(index.assign(zip(xs, ys).map { Point(x: $0, y: $1) }) == single)
        #expect(index.assign(Array(zip(xs, ys).map { Point(x: $0, y: $1) }.prefix(1_000)), threads: 2) == Array(single.prefix(1_000)))
    }

    @Test func emptyIndex() {
        let index = PolygonIndex([])
        #expect(index.count == 0)
        #expect(index.bounds == nil)
        #expect(index.polygon(containing: Point(x: 0, y: 0)) == nil)
        #expect(index.assign([Point(x: 1, y: 1)]) == [-1])
    }
}
