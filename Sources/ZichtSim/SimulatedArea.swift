import ZichtGeo

/// One area (normally a buurt) of a simulated city: its code, name, the wijk it belongs to, its
/// geometry in RD New (EPSG:28992, metres) and its number of inhabitants.
///
/// ZichtSim takes areas as values so that it needs no file readers; the command line reads the
/// project's boundaries and population and hands them over.
public struct SimulatedArea: Sendable, Hashable {
    /// The area code, for example "BU01931000".
    public var code: String
    /// The area name, for example "Binnenstad-Zuid".
    public var name: String
    /// The code of the wijk the area lies in, for example "WK019310"; empty when unknown.
    public var wijkCode: String
    /// The geometry in RD New metres.
    public var geometry: MultiPolygon
    /// Inhabitants (2014); zero for areas where nobody lives (industrial estates, water).
    public var inhabitants: Int

    public init(code: String, name: String, wijkCode: String, geometry: MultiPolygon, inhabitants: Int) {
        self.code = code
        self.name = name
        self.wijkCode = wijkCode
        self.geometry = geometry
        self.inhabitants = inhabitants
    }

    /// The surface in hectares (polygon area in m² / 10 000).
    public var hectares: Double { geometry.area / 10_000 }
}
