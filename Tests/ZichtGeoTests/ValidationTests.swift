import Foundation
import Testing
import ZichtGeo

struct ValidationTests {
    @Test func aValidPolygonWithAHoleHasNoIssues() {
        let polygon = Polygon(rings: [GeoTestSupport.rectangle(0, 0, 10, 10), GeoTestSupport.rectangle(2, 2, 4, 4)])
        #expect(polygon.validationIssues(feature: "feature 0").isEmpty)
        #expect(polygon.isValid)
    }

    @Test func aFineCircleIsValid() {
        let ring = (0..<5_000).map { step in
            let angle = Double(step) / 5_000 * 2 * .pi
            return Point(x: 150_000 + 1_000 * cos(angle), y: 450_000 + 1_000 * sin(angle))
        }
        #expect(Polygon(exterior: ring).validationIssues(feature: "circle").isEmpty)
    }

    @Test func unclosedRingNamesFeatureAndRing() throws {
        let polygon = Polygon(rings: [
            GeoTestSupport.rectangle(0, 0, 10, 10),
            [Point(x: 2, y: 2), Point(x: 4, y: 2), Point(x: 4, y: 4), Point(x: 2, y: 4)],
        ])
        let issues = polygon.validationIssues(feature: "feature 3 (BU01930101)")
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.kind == .unclosedRing)
        #expect(issue.ring == 1)
        #expect(issue.description == "feature 3 (BU01930101), ring 1 (hole 1): ring is not closed: it starts at (2.0, 2.0) and ends at (2.0, 4.0)")
    }

    @Test func tooFewPoints() throws {
        let polygon = Polygon(rings: [[Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0, y: 0)]])
        let issue = try #require(polygon.validationIssues(feature: "feature 1").first)
        #expect(issue.kind == .tooFewPoints)
        #expect(issue.description.contains("expected at least 4 points (a closed triangle), found 3"))
        // Four points, but only two different ones.
        let flat = Polygon(rings: [[Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 0), Point(x: 0, y: 0)]])
        #expect(flat.validationIssues(feature: "f").first?.kind == .tooFewPoints)
    }

    @Test func bowTieIsSelfIntersecting() throws {
        let bowTie = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 10), Point(x: 10, y: 0), Point(x: 0, y: 10)])
        let issue = try #require(bowTie.validationIssues(feature: "feature 7 (BU01930707)").first)
        #expect(issue.kind == .selfIntersection)
        #expect(issue.ring == 0)
        let location = try #require(issue.location)
        #expect(abs(location.x - 5) < 1e-9 && abs(location.y - 5) < 1e-9)
        #expect(issue.description.hasPrefix("feature 7 (BU01930707), ring 0 (exterior): ring intersects itself near (5.0, 5.0)"))
    }

    @Test func spikeAndSelfTouchingAreSelfIntersections() {
        // Goes out to (20, 5) and back along the same line.
        let spike = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 5), Point(x: 20, y: 5), Point(x: 10, y: 5), Point(x: 10, y: 10), Point(x: 0, y: 10)])
        #expect(spike.validationIssues(feature: "spike").map(\.kind) == [.selfIntersection])
        // A vertex that touches an edge of the same ring.
        let touching = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 5, y: 0.0), Point(x: 0, y: 10)])
        #expect(touching.validationIssues(feature: "touching").map(\.kind) == [.selfIntersection])
    }

    @Test func manyCrossingsReportTheFirstPairOfEdges() throws {
        // A zigzag whose closing edge crosses every tooth.
        var ring: [Point] = []
        for tooth in 0..<500 {
            ring.append(Point(x: Double(tooth), y: tooth % 2 == 0 ? 0 : 10))
        }
        ring.append(Point(x: 499, y: 5))
        ring.append(Point(x: -1, y: 5))
        let issue = try #require(Polygon(exterior: ring).validationIssues(feature: "zigzag").first)
        #expect(issue.kind == .selfIntersection)
        #expect(issue.description.contains("the edge from vertex 0 meets"))
    }

    @Test func nonFiniteCoordinates() {
        let polygon = Polygon(exterior: [Point(x: 0, y: 0), Point(x: .nan, y: 0), Point(x: 1, y: 1)])
        #expect(polygon.validationIssues(feature: "f").map(\.kind) == [.nonFiniteCoordinate])
    }

    @Test func multiPolygonNamesItsParts() throws {
        let geometry = MultiPolygon([
            Polygon(rings: [GeoTestSupport.rectangle(0, 0, 1, 1)]),
            Polygon(exterior: [Point(x: 5, y: 5), Point(x: 6, y: 6), Point(x: 6, y: 5), Point(x: 5, y: 6)]),
        ])
        let issue = try #require(geometry.validationIssues(feature: "feature 2").first)
        #expect(issue.part == 1)
        #expect(issue.description.hasPrefix("feature 2, part 1, ring 0 (exterior): ring intersects itself"))
        #expect(MultiPolygon([]).validationIssues(feature: "x").map(\.kind) == [.emptyPolygon])
    }
}
