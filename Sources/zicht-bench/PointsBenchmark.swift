import ZichtEngine
import ZichtCore
import ArgumentParser
import Foundation
import ZichtGeo
import ZichtSources

/// Generates buurt-like polygons and points, or assigns the points to the polygons with
/// ``PolygonIndex``.
struct PointsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: "Generate polygons and points, or assign points to polygons with PolygonIndex.",
        discussion: """
            --generate FOLDER writes FOLDER/polygons.geojson: POLYGONS buurt-like cells tiling a region \
            the size of the Netherlands (x 13–278 km, y 306–619 km in RD New, with a crs member), made \
            from a grid whose column widths and row heights vary from 0.4 to 1.6 times the mean and whose \
            corners are jittered, each border carrying EDGE-POINTS extra points (shifted sideways, shared \
            exactly by the two neighbours); coordinates are multiples of 1/8 m, so every parser reads the same doubles. And \
            FOLDER/points.f64: POINTS points, uniform over the region's box grown by 1%, as little-endian \
            float64 pairs x, y. The same seed gives the same files.

            --assign FOLDER reads both files (polygons with GeoJSONReader), builds a PolygonIndex and \
            assigns every point. The first output line is the result, as Benchmarks/points.sh's \
            geopandas script prints it: "points N assigned A unassigned U checksum C", where C is the \
            sum over i of (assignment[i] + 1) · (i mod 65521 + 1); the next lines give the times. \
            --out FILE writes the assignments as little-endian int32 (-1 for none).

            Example:
              zicht-bench points --generate /tmp/p
              zicht-bench points --assign /tmp/p --out /tmp/p/zicht.i32
              bash Benchmarks/points.sh    (builds, generates, and compares with geopandas.sjoin)
            """)

    @Option(help: ArgumentHelp("Write polygons.geojson and points.f64 into this folder.", valueName: "folder"))
    var generate: String?

    @Option(help: ArgumentHelp("Assign the points in this folder to its polygons.", valueName: "folder"))
    var assign: String?

    @Option(help: "The number of polygons to generate (a multiple of nothing in particular).")
    var polygons: Int = 13_000

    @Option(help: "Extra points on each border between two corners.")
    var edgePoints: Int = 6

    @Option(help: "The number of points to generate.")
    var points: Int = 1_000_000

    @Option(help: "The seed of the generated files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the assignments here (little-endian int32, -1 for none).", valueName: "file"))
    var out: String?

    @Option(help: "Threads that share the assignment.")
    var threads: Int = 1

    @Option(help: "PolygonIndex grid cells per polygon.")
    var cellsPerPolygon: Double = 64

    @Option(help: "Times to repeat the assignment (the fastest is reported).")
    var repeats: Int = 3

    func validate() throws {
        guard (generate == nil) != (assign == nil) else { throw ValidationError("give exactly one of --generate FOLDER and --assign FOLDER") }
        guard polygons >= 1 else { throw ValidationError("--polygons must be at least 1, found \(polygons)") }
        guard points >= 1 else { throw ValidationError("--points must be at least 1, found \(points)") }
        guard edgePoints >= 0 else { throw ValidationError("--edge-points must be at least 0, found \(edgePoints)") }
        guard threads >= 1, repeats >= 1 else { throw ValidationError("--threads and --repeats must be at least 1") }
    }

    func run() throws {
        if let generate {
            let folder = URL(fileURLWithPath: generate)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var generator = BuurtTilingGenerator(polygons: polygons, edgePoints: edgePoints, seed: seed)
            let geojson = try generator.writePolygons(to: folder.appendingPathComponent("polygons.geojson"))
            let pointBytes = try generator.writePoints(points, to: folder.appendingPathComponent("points.f64"))
            print("\(generator.columns * generator.rows) polygons (\(generator.columns) × \(generator.rows)), \(geojson) bytes; \(points) points, \(pointBytes) bytes: \(generate)")
        } else if let assign {
            try runAssign(URL(fileURLWithPath: assign))
        }
    }

    private func runAssign(_ folder: URL) throws {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double { Double(duration / .microseconds(1)) / 1e6 }

        var start = clock.now
        let boundaries: AreaBoundaries
        do {
            boundaries = try GeoJSONReader(requiresName: false).read(contentsOf: folder.appendingPathComponent("polygons.geojson"))
        } catch let error as GeoJSONErrors {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode.failure
        }
        let readSeconds = seconds(clock.now - start)
        let pointData = try Data(contentsOf: folder.appendingPathComponent("points.f64"))
        let count = pointData.count / 16
        let coordinates = pointData.withUnsafeBytes { raw in
            (0..<count).map { index in
                Point(
                    x: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 16, as: UInt64.self))),
                    y: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 16 + 8, as: UInt64.self))))
            }
        }

        start = clock.now
        let index = PolygonIndex(boundaries.areas.map(\.geometry), cellsPerPolygon: cellsPerPolygon)
        let buildSeconds = seconds(clock.now - start)
        var assignments: [Int32] = []
        var assignSeconds = Double.infinity
        for _ in 0..<repeats {
            start = clock.now
            assignments = index.assign(coordinates, threads: threads)
            assignSeconds = min(assignSeconds, seconds(clock.now - start))
        }

        var assigned = 0
        var checksum: UInt64 = 0
        for (position, polygon) in assignments.enumerated() {
            if polygon >= 0 { assigned += 1 }
            checksum &+= UInt64(Int64(polygon) + 1) &* UInt64(position % 65_521 + 1)
        }
        print("points \(count) assigned \(assigned) unassigned \(count - assigned) checksum \(checksum)")
        print(String(format: "index %.3f s, assign %.3f s (%d thread%@): %.1f M points/s; with the index build %.1f M points/s",
                     buildSeconds, assignSeconds, threads, threads == 1 ? "" : "s", Double(count) / assignSeconds / 1e6,
                     Double(count) / (assignSeconds + buildSeconds) / 1e6))
        print(String(format: "read %d polygons (GeoJSONReader) %.3f s", boundaries.areas.count, readSeconds))
        if let out {
            var bytes = Data(capacity: assignments.count * 4)
            for value in assignments { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
            try bytes.write(to: URL(fileURLWithPath: out))
        }
    }
}

/// A buurt-like tiling of a Netherlands-sized region in RD New, and random points over it.
struct BuurtTilingGenerator {
    static let region = BoundingBox(minX: 13_000, minY: 306_000, maxX: 278_000, maxY: 619_000)

    let columns: Int
    let rows: Int
    let edgePoints: Int
    private var random: SplitMix64

    init(polygons: Int, edgePoints: Int, seed: UInt64) {
        let region = Self.region
        // As square as the region allows; columns × rows is the nearest such product to `polygons`.
        var columns = max(1, Int((Double(polygons) * region.width / region.height).squareRoot().rounded()))
        while columns > 1 && polygons % columns != 0 && polygons % columns > columns / 2 { columns -= 1 }
        self.columns = columns
        self.rows = max(1, Int((Double(polygons) / Double(columns)).rounded()))
        self.edgePoints = edgePoints
        self.random = SplitMix64(seed: seed)
    }

    private mutating func unit() -> Double { Double(random.next() >> 11) * 0x1p-53 }

    /// Maps 0…1 to 0…1 so that cells near some positions are 0.4 times the mean size and near
    /// others 1.6 times (like a dense city next to open country).
    private static func warp(_ u: Double, phase: Double) -> Double {
        u - 0.6 * (sin(2 * .pi * (u * 2 + phase)) - sin(2 * .pi * phase)) / (4 * .pi)
    }

    /// A coordinate on the 1/8 m grid, so that its decimal text is exact.
    private static func snap(_ value: Double) -> Double { (value * 8).rounded() / 8 }

    mutating func writePolygons(to url: URL) throws -> Int {
        let region = Self.region
        var corners = [[Point]](repeating: [], count: rows + 1)
        for row in 0...rows {
            for column in 0...columns {
                var u = Double(column) / Double(columns)
                var v = Double(row) / Double(rows)
                if column > 0 && column < columns { u += (unit() - 0.5) * 0.4 / Double(columns) }
                if row > 0 && row < rows { v += (unit() - 0.5) * 0.4 / Double(rows) }
                corners[row].append(Point(
                    x: Self.snap(region.minX + region.width * Self.warp(u, phase: 0.1)),
                    y: Self.snap(region.minY + region.height * Self.warp(v, phase: 0.35))))
            }
        }
        // The extra points of every border, drawn once: horizontal borders [row][column], vertical ones too.
        func border(_ a: Point, _ b: Point, outer: Bool) -> [Point] {
            let dx = b.x - a.x
            let dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            return (0..<edgePoints).map { step in
                let t = Double(step + 1) / Double(edgePoints + 1)
                // Sideways by up to ±4% of the border's length, tapering to nothing at the corners.
                let offset = outer ? 0 : (unit() - 0.5) * 0.08 * length * sin(.pi * t)
                return Point(x: Self.snap(a.x + dx * t - dy / length * offset), y: Self.snap(a.y + dy * t + dx / length * offset))
            }
        }
        var horizontal = [[[Point]]](repeating: [], count: rows + 1)  // from corner (c, r) to (c + 1, r)
        for row in 0...rows {
            for column in 0..<columns {
                horizontal[row].append(border(corners[row][column], corners[row][column + 1], outer: row == 0 || row == rows))
            }
        }
        var vertical = [[[Point]]](repeating: [], count: rows)  // from corner (c, r) to (c, r + 1)
        for row in 0..<rows {
            for column in 0...columns {
                vertical[row].append(border(corners[row][column], corners[row + 1][column], outer: column == 0 || column == columns))
            }
        }

        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var text = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[\n"
        var written = 0
        for row in 0..<rows {
            for column in 0..<columns {
                // Counter-clockwise: bottom border, right border, top border backwards, left border backwards.
                var ring: [Point] = [corners[row][column]]
                ring += horizontal[row][column]
                ring.append(corners[row][column + 1])
                ring += vertical[row][column + 1]
                ring.append(corners[row + 1][column + 1])
                ring += horizontal[row + 1][column].reversed()
                ring.append(corners[row + 1][column])
                ring += vertical[row][column].reversed()
                ring.append(corners[row][column])
                let number = row * columns + column
                if number > 0 { text += ",\n" }
                text += "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"BU\(String(format: "%08d", number))\",\"WK_CODE\":\"WK\(String(format: "%06d", number / 10))\"},"
                text += "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                text += ring.map { "[\(Self.decimal($0.x)),\(Self.decimal($0.y))]" }.joined(separator: ",")
                text += "]]}}"
                if text.utf8.count > 1 << 20 {
                    try handle.write(contentsOf: Data(text.utf8))
                    written += text.utf8.count
                    text = ""
                }
            }
        }
        text += "\n]}\n"
        try handle.write(contentsOf: Data(text.utf8))
        return written + text.utf8.count
    }

    /// Exact decimal text of a multiple of 1/8.
    private static func decimal(_ value: Double) -> String {
        let eighths = Int64((value * 8).rounded())
        let whole = eighths / 8
        let fraction = eighths % 8
        return fraction == 0 ? "\(whole)" : "\(whole)\([".125", ".25", ".375", ".5", ".625", ".75", ".875"][Int(fraction) - 1])"
    }

    mutating func writePoints(_ count: Int, to url: URL) throws -> Int {
        let box = Self.region.expanded(by: Self.region.width * 0.01)
        var bytes = Data(capacity: count * 16)
        for _ in 0..<count {
            let x = box.minX + unit() * box.width
            let y = box.minY + unit() * box.height
            withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: y.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        try bytes.write(to: url)
        return bytes.count
    }
}
