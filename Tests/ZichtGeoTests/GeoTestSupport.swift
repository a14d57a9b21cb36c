import Foundation
import ZichtGeo

/// Small builders and fixtures for the geometry tests.
enum GeoTestSupport {
    /// `Tests/Fixtures/geo` in the repository.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/geo")
    }

    /// An axis-aligned rectangle as a closed counter-clockwise ring.
    static func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> [Point] {
        [Point(x: minX, y: minY), Point(x: maxX, y: minY), Point(x: maxX, y: maxY), Point(x: minX, y: maxY), Point(x: minX, y: minY)]
    }

    /// A tiling of `columns` × `rows` cells over [0, width] × [0, height] whose inner corners are
    /// jittered and whose edges carry `wiggles` extra points, shared exactly by the two neighbours
    /// of each edge. Deterministic for a seed.
    static func jitteredTiling(columns: Int, rows: Int, width: Double, height: Double, wiggles: Int, seed: UInt64) -> [MultiPolygon] {
        var random = TestRandom(seed: seed)
        let cellWidth = width / Double(columns)
        let cellHeight = height / Double(rows)
        var corners: [[Point]] = []
        for row in 0...rows {
            var line: [Point] = []
            for column in 0...columns {
                var x = Double(column) * cellWidth
                var y = Double(row) * cellHeight
                if column > 0 && column < columns { x += (random.unit() - 0.5) * 0.4 * cellWidth }
                if row > 0 && row < rows { y += (random.unit() - 0.5) * 0.4 * cellHeight }
                line.append(Point(x: x, y: y))
            }
            corners.append(line)
        }
        // Extra points of an edge, from `a` to `b`, offset sideways by up to 5% of the cell.
        var edgePoints: [String: [Point]] = [:]
        func points(_ a: (Int, Int), _ b: (Int, Int)) -> [Point] {
            let forward = a < b
            let key = forward ? "\(a)-\(b)" : "\(b)-\(a)"
            if edgePoints[key] == nil {
                let (p, q) = forward ? (corners[a.1][a.0], corners[b.1][b.0]) : (corners[b.1][b.0], corners[a.1][a.0])
                let isBorder = (a.0 == b.0 && (a.0 == 0 || a.0 == columns)) || (a.1 == b.1 && (a.1 == 0 || a.1 == rows))
                var list: [Point] = []
                for step in 1...max(wiggles, 1) where wiggles > 0 {
                    let t = Double(step) / Double(wiggles + 1)
                    let offset = isBorder ? 0 : (random.unit() - 0.5) * 0.1 * min(cellWidth, cellHeight)
                    let dx = q.x - p.x
                    let dy = q.y - p.y
                    let length = (dx * dx + dy * dy).squareRoot()
                    list.append(Point(x: p.x + dx * t - dy / length * offset, y: p.y + dy * t + dx / length * offset))
                }
                edgePoints[key] = list
            }
            return forward ? edgePoints[key]! : edgePoints[key]!.reversed()
        }
        var result: [MultiPolygon] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let cycle = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
                var ring: [Point] = []
                for (index, corner) in cycle.enumerated() {
                    ring.append(corners[corner.1][corner.0])
                    ring += points(corner, cycle[(index + 1) % 4])
                }
                ring.append(ring[0])
                result.append(MultiPolygon(Polygon(rings: [ring])))
            }
        }
        return result
    }
}

/// SplitMix64, so that tests draw the same numbers on every platform.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
