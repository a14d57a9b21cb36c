/// Line simplification by the Douglas–Peucker algorithm (D.H. Douglas and T.K. Peucker,
/// "Algorithms for the reduction of the number of points required to represent a digitized line or
/// its caricature", The Canadian Cartographer 10(2), 1973): keep the endpoints, then recursively
/// keep the point farthest from the segment between the kept points while it is farther than the
/// tolerance.
public enum DouglasPeucker {
    /// The points of `line` that Douglas–Peucker keeps at `tolerance` (in the line's units; metres
    /// for RD). The first and last point are always kept. A closed line (first point equal to the
    /// last) keeps at least the point farthest from its start, so it does not collapse to a point.
    public static func simplify(_ line: [Point], tolerance: Double) -> [Point] {
        keptIndices(line, tolerance: tolerance, keepArea: false).map { line[$0] }
    }

    /// The indices of the kept points, in order.
    ///
    /// - Parameter keepArea: keep at least one interior point of an open line with interior points,
    ///   and at least two of a closed line, so that rings built from the result keep an area.
    static func keptIndices(_ line: [Point], tolerance: Double, keepArea: Bool) -> [Int] {
        let count = line.count
        guard count > 2 else { return Array(0..<count) }
        var kept = [Bool](repeating: false, count: count)
        kept[0] = true
        kept[count - 1] = true
        let isClosed = line[0] == line[count - 1]
        var ranges: [(Int, Int)] = []
        if isClosed {
            // A segment from a point to itself has no direction: split at the farthest point first.
            let (farthest, _) = farthestPoint(line, 0, count - 1)
            kept[farthest] = true
            ranges = [(0, farthest), (farthest, count - 1)]
        } else {
            ranges = [(0, count - 1)]
        }
        while let (first, last) = ranges.popLast() {
            guard last - first > 1 else { continue }
            let (index, distance) = farthestPoint(line, first, last)
            if distance > tolerance {
                kept[index] = true
                ranges.append((first, index))
                ranges.append((index, last))
            }
        }
        if keepArea {
            let needed = isClosed ? 2 : 1  // interior points; a closed line needs two for a triangle
            var interior = kept[1..<(count - 1)].filter { $0 }.count
            while interior < needed && interior < count - 2 {
                // Keep the point farthest from the simplified line.
                var best = (index: -1, distance: -1.0)
                var previous = 0
                for next in 1..<count where kept[next] {
                    if next - previous > 1 {
                        let candidate = farthestPoint(line, previous, next)
                        if candidate.distance > best.distance { best = candidate }
                    }
                    previous = next
                }
                guard best.index > 0 else { break }
                kept[best.index] = true
                interior += 1
            }
        }
        return kept.indices.filter { kept[$0] }
    }

    /// The interior point of `line[first...last]` farthest from the segment line[first]–line[last]
    /// (from the point line[first] when both ends coincide), and its distance.
    private static func farthestPoint(_ line: [Point], _ first: Int, _ last: Int) -> (index: Int, distance: Double) {
        let a = line[first]
        let b = line[last]
        let dx = b.x - a.x
        let dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        var best = (index: first, squared: -1.0)
        for index in (first + 1)..<last {
            let p = line[index]
            var squared: Double
            if lengthSquared == 0 {
                squared = (p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)
            } else {
                // Distance to the segment (not the infinite line), so that a line doubling back is kept.
                let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
                let ex = a.x + t * dx - p.x
                let ey = a.y + t * dy - p.y
                squared = ex * ex + ey * ey
            }
            if squared > best.squared { best = (index, squared) }
        }
        return (best.index, best.squared.squareRoot())
    }
}
