import Testing
import ZichtGeo

struct RDNewTests {
    @Test func amersfoortBasePoint() {
        let rd = RDNew.point(from: RDNew.originLatLon)
        #expect(abs(rd.x - 155_000) < 1e-9)
        #expect(abs(rd.y - 463_000) < 1e-9)
    }
}
