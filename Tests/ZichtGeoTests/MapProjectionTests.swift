import Testing
import ZichtGeo

struct MapProjectionTests {
    let box = BoundingBox(minX: 200_000, minY: 500_000, maxX: 204_000, maxY: 502_000)

    @Test func fitsTheWidthKeepsTheAspectAndFlipsY() {
        let projection = MapProjection(bounds: box, width: 400)
        #expect(projection.height == 200)
        #expect(projection.viewBox == "0 0 400 200")
        #expect(projection.project(Point(x: 200_000, y: 502_000)) == Point(x: 0, y: 0))
        #expect(projection.project(Point(x: 204_000, y: 500_000)) == Point(x: 400, y: 200))
        #expect(projection.project(Point(x: 202_000, y: 501_500)) == Point(x: 200, y: 50))
    }

    @Test func paddingIsInsideTheWidth() {
        let projection = MapProjection(bounds: box, width: 420, padding: 10)
        #expect(projection.height == 220)
        #expect(projection.project(Point(x: 200_000, y: 502_000)) == Point(x: 10, y: 10))
        #expect(projection.project(Point(x: 204_000, y: 500_000)) == Point(x: 410, y: 210))
    }

    @Test func pathDataHasLimitedDecimalsAndOneSubpathPerRing() {
        let projection = MapProjection(bounds: box, width: 400, decimals: 1)
        let polygon = Polygon(rings: [
            GeoTestSupport.rectangle(200_000, 500_000, 204_000, 502_000),
            [Point(x: 201_000.123, y: 501_000), Point(x: 201_500, y: 501_000), Point(x: 201_500, y: 501_333.3), Point(x: 201_000.123, y: 501_000)],
        ])
        #expect(projection.pathData(polygon) == "M0 200 L400 200 L400 0 L0 0 Z M100 100 L150 100 L150 66.7 Z")
    }

    @Test func pointsThatRoundTogetherAreDroppedAndDegenerateRingsSkipped() {
        let projection = MapProjection(bounds: box, width: 400, decimals: 0)
        let ring = [Point(x: 200_000, y: 500_000), Point(x: 200_001, y: 500_000), Point(x: 202_000, y: 500_000), Point(x: 202_000, y: 501_000), Point(x: 200_000, y: 500_000)]
        #expect(projection.pathData(Polygon(rings: [ring])) == "M0 200 L200 200 L200 100 Z")
        let sliver = [Point(x: 200_000, y: 500_000), Point(x: 200_002, y: 500_000), Point(x: 200_001, y: 500_001), Point(x: 200_000, y: 500_000)]
        #expect(projection.pathData(Polygon(rings: [sliver])) == "")
    }

    @Test func multiPolygonPathAndNegativeNumbers() {
        let projection = MapProjection(bounds: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10), width: 10, decimals: 2)
        let geometry = MultiPolygon([
            Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1)]),
            Polygon(exterior: [Point(x: -0.5, y: 10.25), Point(x: -0.001, y: 11), Point(x: 2, y: 11)]),
        ])
        #expect(projection.pathData(geometry) == "M0 10 L1 10 L1 9 Z M-0.5 -0.25 L0 -1 L2 -1 Z")
    }
}
