import Testing
import ZichtGeo

struct DistanceTests {
    /// A 100 m square with its corner at the origin.
    let square = MultiPolygon(Polygon(exterior: [
        Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 0, y: 100), Point(x: 0, y: 0),
    ]))

    @Test func pointDistances() {
        #expect(square.distance(to: Point(x: 50, y: 50)) == 0)  // inside
        #expect(square.distance(to: Point(x: 150, y: 50)) == 50)  // beside an edge
        #expect(square.distance(to: Point(x: 50, y: -30)) == 30)
        #expect(square.distance(to: Point(x: 103, y: 104)) == 5)  // off a corner: √(3² + 4²) = 5
        #expect(square.edgeDistance(to: Point(x: 50, y: 90)) == 10)  // inside, 10 m from the top edge
    }

    @Test func areaDistances() {
        let beside = MultiPolygon(Polygon(exterior: [
            Point(x: 130, y: 20), Point(x: 180, y: 20), Point(x: 180, y: 60), Point(x: 130, y: 60), Point(x: 130, y: 20),
        ]))
        #expect(square.distance(to: beside) == 30)
        #expect(beside.distance(to: square) == 30)
        let overlapping = MultiPolygon(Polygon(exterior: [
            Point(x: 90, y: 90), Point(x: 150, y: 90), Point(x: 150, y: 150), Point(x: 90, y: 150), Point(x: 90, y: 90),
        ]))
        #expect(square.distance(to: overlapping) == 0)
    }
}
