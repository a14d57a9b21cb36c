import Testing
import ZichtGeo

struct PolygonTests {
    let square = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10)])
    let squareWithHole = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10), GeoTestSupport.rectangle(2, 2, 4, 4)])

    @Test func areaOfASquareAndOfASquareWithAHole() {
        #expect(square.area == 100)
        #expect(squareWithHole.area == 96)
        // Winding does not matter.
        let clockwise = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10).reversed()])
        #expect(clockwise.area == 100)
        #expect(Polygon.signedArea(of: GeoTestSupport.rectangle(0, 0, 10, 10)) == 100)
        #expect(Polygon.signedArea(of: GeoTestSupport.rectangle(0, 0, 10, 10).reversed()) == -100)
    }

    @Test func areaKeepsPrecisionAtRDCoordinates() {
        let far = Polygon(rings: [GeoTestSupport.rectangle(200_000, 500_000, 200_000.5, 500_000.5)])
        #expect(abs(far.area - 0.25) < 1e-9)
    }

    @Test func openRingsAreTreatedAsClosed() {
        let open = Polygon(rings: [[Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)]])
        #expect(open.area == 100)
        #expect(open.contains(Point(x: 5, y: 5)))
        #expect(Polygon(exterior: open.exterior).exterior.count == 5)
    }

    @Test func boundingBox() {
        let triangle = Polygon(exterior: [Point(x: 1, y: 2), Point(x: 7, y: -3), Point(x: 4, y: 9)])
        #expect(triangle.boundingBox == BoundingBox(minX: 1, minY: -3, maxX: 7, maxY: 9))
        #expect(Polygon(rings: []).boundingBox == nil)
    }

    @Test func centroidOfAnLShape() throws {
        // Two rectangles: [0,4]×[0,1] (area 4, centre (2, 0.5)) and [0,1]×[1,4] (area 3, centre (0.5, 2.5)).
        let shape = Polygon(exterior: [
            Point(x: 0, y: 0), Point(x: 4, y: 0), Point(x: 4, y: 1), Point(x: 1, y: 1), Point(x: 1, y: 4), Point(x: 0, y: 4),
        ])
        let centroid = try #require(shape.centroid)
        #expect(abs(centroid.x - (4 * 2 + 3 * 0.5) / 7) < 1e-12)
        #expect(abs(centroid.y - (4 * 0.5 + 3 * 2.5) / 7) < 1e-12)
        #expect(shape.area == 7)
    }

    @Test func centroidSubtractsHoles() throws {
        let polygon = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10), GeoTestSupport.rectangle(0, 0, 5, 10)])
        let centroid = try #require(polygon.centroid)
        #expect(abs(centroid.x - 7.5) < 1e-12)
        #expect(abs(centroid.y - 5) < 1e-12)
    }

    @Test func centroidOfAMultiPolygonWeighsByArea() throws {
        let geometry = MultiPolygon([
            Polygon(rings: [GeoTestSupport.rectangle(0, 0, 2, 2)]), Polygon(rings: [GeoTestSupport.rectangle(10, 0, 11, 1)]),
        ])
        let centroid = try #require(geometry.centroid)
        #expect(abs(centroid.x - (4 * 1 + 1 * 10.5) / 5) < 1e-12)
        #expect(geometry.area == 5)
        #expect(geometry.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 11, maxY: 2))
    }

    @Test func containsRespectsHoles() {
        #expect(squareWithHole.contains(Point(x: 1, y: 1)))
        #expect(!squareWithHole.contains(Point(x: 3, y: 3)))
        #expect(squareWithHole.contains(Point(x: 5, y: 3)))
        #expect(!squareWithHole.contains(Point(x: 11, y: 5)))
        #expect(!squareWithHole.contains(Point(x: -1, y: 5)))
    }

    @Test func pointsOnASharedBorderBelongToExactlyOneOfTwoNeighbours() {
        // Two squares sharing the edge x = 10, and a slanted pair sharing a diagonal edge.
        let pairs: [(MultiPolygon, MultiPolygon)] = [
            (MultiPolygon(Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10)])),
             MultiPolygon(Polygon(rings: [GeoTestSupport.rectangle(10, 0, 20, 10)]))),
            (MultiPolygon(Polygon(exterior: [Point(x: 0, y: 0), Point(x: 3.7, y: 0), Point(x: 1.3, y: 10), Point(x: 0, y: 10)])),
             MultiPolygon(Polygon(exterior: [Point(x: 3.7, y: 0), Point(x: 9, y: 0), Point(x: 9, y: 10), Point(x: 1.3, y: 10)]))),
        ]
        for (left, right) in pairs {
            let a = left.polygons[0].exterior[1]
            let b = left.polygons[0].exterior[2]
            for step in 0...20 {
                let t = Double(step) / 20
                let point = Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
                let inLeft = left.contains(point)
                let inRight = right.contains(point)
                // The top end of the edge lies on the outer border too (no polygon above it).
                if step < 20 { #expect(inLeft != inRight, "\(point) in left: \(inLeft), in right: \(inRight)") }
                #expect(!(inLeft && inRight))
            }
        }
    }

    @Test func mapPointsTransformsEveryRing() {
        let moved = squareWithHole.mapPoints { Point(x: $0.x + 100, y: $0.y) }
        #expect(moved.area == 96)
        #expect(moved.boundingBox?.minX == 100)
    }
}
