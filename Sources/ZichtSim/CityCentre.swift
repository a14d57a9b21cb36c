/// Finds the city centre and business estates among a municipality's areas by their names.
public enum CityCentre {
    /// The codes of the centre: every area in a wijk that has an area named "Binnenstad…" or
    /// "Centrum…" (case-insensitive), or that area itself when it has no wijk code. For Zwolle 2014
    /// this is wijk WK019310 (Binnenstad): Binnenstad-Zuid, Binnenstad-Noord and Noordereiland.
    public static func areaCodes(in areas: [SimulatedArea]) -> [String] {
        let centreNamed = areas.filter { area in
            let name = area.name.lowercased()
            return name.hasPrefix("binnenstad") || name.hasPrefix("centrum")
        }
        let wijken = Set(centreNamed.map(\.wijkCode).filter { !$0.isEmpty })
        let codes = Set(centreNamed.map(\.code)).union(areas.filter { wijken.contains($0.wijkCode) }.map(\.code))
        return codes.sorted()
    }

    /// Whether the area's name marks it as a business or office estate.
    public static func isBusinessEstate(_ area: SimulatedArea) -> Bool {
        let name = area.name.lowercased()
        return name.contains("bedrijventerrein") || name.contains("kantorenterrein") || name.contains("industrieterrein")
    }
}
