/// One area of a municipality (normally a buurt): its code, name, the area it lies in, and its
/// boundary in RD New (EPSG:28992) metres.
///
/// The one shape in which areas travel between the rooms: the project's boundary files are read
/// once into `[Area]`, and maps, wijk pages, incident counts, evaluations, patterns and the
/// simulation all take that same array.
public struct Area: Sendable, Hashable {
    /// The area code, for example `BU01931000`.
    public var code: String
    /// The area name, for example `Binnenstad-Zuid`; the code when the boundary file names none.
    public var name: String
    /// The code of the area it lies in (the wijk of a buurt, `WK019310`), when the boundaries give one.
    public var parentCode: String?
    /// The boundary in RD New metres.
    public var geometry: MultiPolygon

    public init(code: String, name: String, parentCode: String? = nil, geometry: MultiPolygon) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.geometry = geometry
    }
}
