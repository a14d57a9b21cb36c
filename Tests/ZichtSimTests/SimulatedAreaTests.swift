import Testing
import ZichtGeo
import ZichtSim

struct SimulatedAreaTests {
    /// A 200 m × 50 m rectangle is 10 000 m² = 1 ha (hand calculation).
    @Test func hectaresOfRectangle() {
        let rectangle = Polygon(exterior: [
            Point(x: 200_000, y: 500_000), Point(x: 200_200, y: 500_000),
            Point(x: 200_200, y: 500_050), Point(x: 200_000, y: 500_050),
        ])
        let area = SimulatedArea(Area(code: "BU01930000", name: "Test", parentCode: "WK019300", geometry: MultiPolygon(rectangle)), inhabitants: 10)
        #expect(abs(area.hectares - 1.0) < 1e-9)
    }

    /// The centre of Zwolle 2014 is wijk WK019310 "Binnenstad": its three buurten (names from the
    /// GeoJSON file: Binnenstad-Zuid, Binnenstad-Noord, Noordereiland).
    @Test func zwolleCentreIsBinnenstad() throws {
        let areas = try ZwolleAreas.load()
        #expect(areas.count == 78)
        #expect(CityCentre.areaCodes(in: areas) == ["BU01931000", "BU01931010", "BU01931020"])
        let estates = areas.filter(CityCentre.isBusinessEstate).map(\.name)
        #expect(estates.contains("Bedrijventerrein Hessenpoort") && estates.contains("Kantorenterrein-Oosterenk"))
    }
}
