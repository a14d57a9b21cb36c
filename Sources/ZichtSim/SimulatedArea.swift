import ZichtGeo

/// One area (normally a buurt) of a simulated city: the area itself and its number of inhabitants.
///
/// ZichtSim takes areas as values so that it needs no file readers; the caller reads the project's
/// boundaries (once, as ``Area``) and population and hands them over.
public struct SimulatedArea: Sendable, Hashable {
    public var area: Area
    /// Inhabitants (2014); zero for areas where nobody lives (industrial estates, water).
    public var inhabitants: Int

    public init(_ area: Area, inhabitants: Int) {
        self.area = area
        self.inhabitants = inhabitants
    }

    /// The area code, for example "BU01931000".
    public var code: String { area.code }
    /// The area name, for example "Binnenstad-Zuid".
    public var name: String { area.name }
    /// The code of the wijk the area lies in, for example "WK019310"; empty when unknown.
    public var wijkCode: String { area.parentCode ?? "" }
    /// The geometry in RD New metres.
    public var geometry: MultiPolygon { area.geometry }

    /// The surface in hectares (polygon area in m² / 10 000).
    public var hectares: Double { geometry.area / 10_000 }
}
