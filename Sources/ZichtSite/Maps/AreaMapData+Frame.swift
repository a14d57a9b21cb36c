import ZichtAnalysis
import ZichtGeo

extension AreaMapData {
    /// The projection of the map's areas into its SVG frame (4 units of padding, 1 decimal).
    var projection: MapProjection { MapProjection(bounds: bounds, width: width, padding: 4, decimals: 1) }

    /// The frame's height, from the areas' aspect ratio.
    var height: Double { projection.height }

    /// SVG path data of one area in the map's frame.
    func path(_ area: Area) -> String { projection.pathData(area.geometry) }
}
