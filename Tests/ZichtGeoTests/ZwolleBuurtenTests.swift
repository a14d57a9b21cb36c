import Foundation
import Testing
import ZichtGeo
import ZichtSources
import ZichtTestSupport

/// The real buurt boundaries of Zwolle, 2014 (CBS wijk- en buurtkaart, WGS84, no crs member).
struct ZwolleBuurtenTests {
    static func load() throws -> AreaBoundaries {
        try GeoJSONReader().read(contentsOf: try RealData.url("zwolle-buurten-2014.geojson"))
    }

    @Test func readsAll78BuurtenIn16Wijken() throws {
        let buurten = try Self.load()
        #expect(buurten.sourceCoordinateSystem == .wgs84)
        #expect(!buurten.isCoordinateSystemDeclared)
        #expect(buurten.areas.count == 78)
        #expect(Set(buurten.areas.map(\.code)).count == 78)
        #expect(buurten.areas.allSatisfy { $0.code.hasPrefix("BU0193") && $0.name?.isEmpty == false })
        let wijken = Set(buurten.areas.compactMap(\.parentCode))
        #expect(wijken.count == 16)
        #expect(wijken.min() == "WK019310" && wijken.max() == "WK019352")
        let first = try #require(buurten.areas.first)
        #expect(first.code == "BU01931000" && first.name == "Binnenstad-Zuid")
    }

    @Test func everyBuurtIsValidInRD() throws {
        for area in try Self.load().areas {
            #expect(area.geometry.validationIssues(feature: area.code).isEmpty)
            let box = try #require(area.geometry.boundingBox)
            // Zwolle lies around x 200–210 km, y 495–510 km.
            #expect(box.minX > 195_000 && box.maxX < 215_000 && box.minY > 490_000 && box.maxY < 515_000, "\(area.code): \(box)")
        }
    }

    /// Every buurt's centroid falls inside its own polygon (none of the 78 is shaped so that it
    /// would not, checked also with shapely).
    @Test func centroidsFallInsideTheirOwnBuurt() throws {
        let buurten = try Self.load().areas
        let index = PolygonIndex(buurten.map(\.geometry))
        for (position, area) in buurten.enumerated() {
            let centroid = try #require(area.geometry.centroid)
            #expect(area.geometry.contains(centroid), "\(area.code) \(area.name ?? "")")
            #expect(index.polygon(containing: centroid) == position, "\(area.code)")
        }
    }

    /// CBS gives Zwolle's total area (land and water) as 119.36 km² for 2015 (table 70072ned,
    /// TotaleOppervlakte_247, in ../shared/data/real/cbs-70072ned-2015-regionale-kerncijfers.csv);
    /// the boundaries did not change between 2014 and 2015. The buurt file is generalised, so allow 1%.
    @Test func totalAreaMatchesCBS() throws {
        let total = try Self.load().areas.map(\.geometry.area).reduce(0, +) / 1_000_000
        #expect(abs(total - 119.36) / 119.36 < 0.01, "total \(total) km²")
    }

    @Test func buurtenTileZwolleWithoutOverlap() throws {
        let buurten = try Self.load().areas
        let geometries = buurten.map(\.geometry)
        let index = PolygonIndex(geometries)
        let box = try #require(index.bounds)
        var random = TestRandom(seed: 2014)
        var inside = 0
        for _ in 0..<20_000 {
            let point = Point(x: box.minX + random.unit() * box.width, y: box.minY + random.unit() * box.height)
            let containing = geometries.indices.filter { geometries[$0].contains(point) }
            #expect(containing.count <= 1, "\(point) lies in \(containing.map { buurten[$0].code })")
            #expect(index.polygon(containing: point) == containing.first)
            if !containing.isEmpty { inside += 1 }
        }
        // The share of the box covered should match the area share.
        let share = Double(inside) / 20_000
        let expected = geometries.map(\.area).reduce(0, +) / (box.width * box.height)
        #expect(abs(share - expected) < 0.02)
    }

    @Test func simplifiedBuurtenKeepTheirSharedBorders() throws {
        let geometries = try Self.load().areas.map(\.geometry)
        let simplified = SharedBorderSimplifier(tolerance: 25).simplify(geometries)
        let before = geometries.map(\.vertexCount).reduce(0, +)
        let after = simplified.map(\.vertexCount).reduce(0, +)
        #expect(after < before)
        // A vertex shared by k buurten before is, if kept, shared by the same k buurten after.
        func uses(_ list: [MultiPolygon]) -> [Point: Int] {
            var counts: [Point: Int] = [:]
            for geometry in list { for point in Set(geometry.polygons.flatMap { $0.rings.flatMap { $0 } }) { counts[point, default: 0] += 1 } }
            return counts
        }
        let original = uses(geometries)
        for (point, count) in uses(simplified) { #expect(original[point] == count, "\(point)") }
        let totalBefore = geometries.map(\.area).reduce(0, +)
        let totalAfter = simplified.map(\.area).reduce(0, +)
        #expect(abs(totalAfter - totalBefore) / totalBefore < 0.01)
    }

    @Test func mapOfZwolleFitsTheViewBox() throws {
        let geometries = try Self.load().areas.map(\.geometry)
        let box = try #require(geometries.compactMap(\.boundingBox).reduce(nil) { (partial: BoundingBox?, box) in partial?.union(box) ?? box })
        let projection = MapProjection(bounds: box, width: 600, padding: 5)
        #expect(projection.height > 300 && projection.height < 1_200)
        let path = projection.pathData(geometries[0])
        #expect(path.hasPrefix("M") && path.hasSuffix(" Z"))
        for token in path.split(separator: " ") {
            let number = token.drop { $0 == "M" || $0 == "L" }
            if let value = Double(number) {
                #expect(value >= 0 && value <= max(600, projection.height))
                #expect((number.split(separator: ".").dropFirst().first?.count ?? 0) <= 1)
            }
        }
    }
}
