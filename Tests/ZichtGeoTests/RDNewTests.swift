import Foundation
import Testing
import ZichtGeo

struct RDNewTests {
    @Test func amersfoortBasePointBothWays() {
        let rd = RDNew.point(from: LatLon(latitude: 52.155_174_40, longitude: 5.387_206_21))
        #expect(abs(rd.x - 155_000) < 1e-9)
        #expect(abs(rd.y - 463_000) < 1e-9)
        let position = RDNew.latLon(from: Point(x: 155_000, y: 463_000))
        #expect(position.latitude == 52.155_174_40)
        #expect(position.longitude == 5.387_206_21)
    }

    /// The test points of RDNAPTRANS™ (Kadaster / NSGI), published with ETRS89 and RD coordinates;
    /// the points inside the RD correction grid. ETRS89 and WGS84 differ by well under a metre here.
    static let referencePoints: [(name: String, latitude: Double, longitude: Double, x: Double, y: Double)] = [
        ("Texel", 53.160_753_042, 4.824_761_912, 117_380.12, 575_040.34),
        ("Noord-Groningen", 53.419_482_050, 6.776_726_674, 247_380.56, 604_580.78),
        ("Amersfoort", 52.155_172_897, 5.387_203_657, 155_000.00, 463_000.00),
        ("Zeeuws-Vlaanderen", 51.368_607_152, 3.397_588_595, 16_460.91, 377_380.23),
        ("Zuid-Limburg", 50.792_584_916, 5.773_795_548, 182_260.45, 311_480.67),
        ("Maasvlakte", 51.947_393_898, 4.072_887_101, 64_640.89, 440_700.01),
    ]

    @Test(arguments: referencePoints.map(\.name))
    func publishedReferencePoint(_ name: String) throws {
        let point = try #require(Self.referencePoints.first { $0.name == name })
        let rd = RDNew.point(from: LatLon(latitude: point.latitude, longitude: point.longitude))
        let error = rd.distance(to: Point(x: point.x, y: point.y))
        #expect(error < 0.5, "\(name): RD off by \(error) m")
        let back = RDNew.latLon(from: Point(x: point.x, y: point.y))
        let groundError = Self.metres(from: back, to: LatLon(latitude: point.latitude, longitude: point.longitude))
        #expect(groundError < 0.5, "\(name): WGS84 off by \(groundError) m")
    }

    @Test func roundTripOverTheNetherlands() {
        var worst = 0.0
        for x in stride(from: 13_000.0, through: 278_000, by: 5_000) {
            for y in stride(from: 306_000.0, through: 619_000, by: 5_000) {
                let start = Point(x: x, y: y)
                let back = RDNew.point(from: RDNew.latLon(from: start))
                worst = max(worst, start.distance(to: back))
            }
        }
        // The two polynomial sets are fitted separately; going round adds their small misfits (~3 mm).
        #expect(worst < 0.01, "round trip off by \(worst) m")
    }

    /// PROJ's values (pyproj, EPSG:28992 ↔ EPSG:4326) for a grid over the Netherlands, written by
    /// `Tests/geo/crosscheck_rd.py --write-fixture`.
    @Test func matchesPROJGrid() throws {
        let text = try String(contentsOf: GeoTestSupport.fixtures.appendingPathComponent("rd-pyproj-grid.csv"), encoding: .utf8)
        var worst = 0.0
        var count = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("x,") {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            try #require(fields.count == 4)
            let rd = RDNew.point(from: LatLon(latitude: fields[2], longitude: fields[3]))
            worst = max(worst, rd.distance(to: Point(x: fields[0], y: fields[1])))
            let position = RDNew.latLon(from: Point(x: fields[0], y: fields[1]))
            worst = max(worst, Self.metres(from: position, to: LatLon(latitude: fields[2], longitude: fields[3])))
            count += 1
        }
        #expect(count > 800)
        #expect(worst < 0.5, "RDNew differs from PROJ by up to \(worst) m")
    }

    /// Ground distance between two nearby positions (equirectangular, GRS80 radii).
    static func metres(from a: LatLon, to b: LatLon) -> Double {
        let semiMajor = 6_378_137.0
        let eccentricitySquared = 0.006_694_380_022_90
        let phi = (a.latitude + b.latitude) / 2 * .pi / 180
        let w = (1 - eccentricitySquared * sin(phi) * sin(phi)).squareRoot()
        let north = semiMajor * (1 - eccentricitySquared) / (w * w * w) * (b.latitude - a.latitude) * .pi / 180
        let east = semiMajor / w * cos(phi) * (b.longitude - a.longitude) * .pi / 180
        return (north * north + east * east).squareRoot()
    }
}
