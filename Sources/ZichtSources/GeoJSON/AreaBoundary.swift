import ZichtGeo

/// One area (buurt, wijk or gemeente) read from a boundary file: its codes, its name and its
/// geometry in RD New.
public struct AreaBoundary: Sendable, Hashable {
    /// The area's code, for example `BU01931000`.
    public var code: String
    /// The area's name, for example `Binnenstad-Zuid`; nil when the file has none and none is required.
    public var name: String?
    /// The code of the area it lies in (the wijk of a buurt, the gemeente of a wijk), when the file has one.
    public var parentCode: String?
    /// The boundary in RD New (EPSG:28992) metres, whatever the file's coordinate system.
    public var geometry: MultiPolygon
    /// The 0-based index of the feature in the file.
    public var featureIndex: Int

    public init(code: String, name: String?, parentCode: String?, geometry: MultiPolygon, featureIndex: Int) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.geometry = geometry
        self.featureIndex = featureIndex
    }

    /// The area as the rest of Zicht uses it; an area without a name is named by its code.
    public var area: Area {
        Area(code: code, name: name ?? code, parentCode: parentCode, geometry: geometry)
    }
}

/// The areas of one boundary file, and the coordinate system they were given in.
public struct AreaBoundaries: Sendable {
    /// The file's display name.
    public var file: String
    /// The coordinate system of the file's coordinates (the areas are converted to RD New).
    public var sourceCoordinateSystem: CoordinateSystem
    /// Whether the file named its coordinate system in a `crs` member (otherwise it was recognised
    /// from the coordinates' ranges).
    public var isCoordinateSystemDeclared: Bool
    /// The areas, in the file's order.
    public var areas: [AreaBoundary]

    public init(file: String, sourceCoordinateSystem: CoordinateSystem, isCoordinateSystemDeclared: Bool, areas: [AreaBoundary]) {
        self.file = file
        self.sourceCoordinateSystem = sourceCoordinateSystem
        self.isCoordinateSystemDeclared = isCoordinateSystemDeclared
        self.areas = areas
    }
}
