/// Which cells count as neighbours in a local statistic on a ``CellGrid``. All weights are binary.
public enum SpatialWeights: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The 4 cells that share an edge (libpysal `lat2W(rook=True)`).
    case rook
    /// The 8 cells that share an edge or a corner (libpysal `lat2W(rook=False)`).
    case queen
    /// Every cell whose centre lies within this distance of the cell's centre, in the grid's units
    /// (libpysal `DistanceBand(centres, threshold, binary=True)`, which includes `d ≤ threshold`).
    case distanceBand(Double)

    public var description: String {
        switch self {
        case .rook: "rook"
        case .queen: "queen"
        case .distanceBand(let distance): "distance:\(distance)"
        }
    }
}

/// The neighbours of every cell of a grid, the cell itself left out, in compressed rows: the
/// neighbours of cell `i` are `indices[offsets[i] ..< offsets[i + 1]]`, in row-major order of
/// their offset from `i`.
///
/// Gi* adds the cell itself (w_ii = 1) on top of these; see ``GetisOrd``.
public struct CellNeighbours: Sendable {
    public let offsets: [Int]
    public let indices: [Int32]
    /// The largest number of neighbours of any cell.
    public let maximumCardinality: Int

    /// The number of cells.
    public var count: Int { offsets.count - 1 }

    /// The number of neighbours of a cell (not counting the cell itself).
    @inline(__always)
    public func cardinality(of cell: Int) -> Int { offsets[cell + 1] - offsets[cell] }

    /// The neighbours of a cell.
    public func neighbours(of cell: Int) -> ArraySlice<Int32> { indices[offsets[cell]..<offsets[cell + 1]] }

    /// The neighbours of every cell under `weights`.
    ///
    /// A distance band includes the cells whose centres lie at most `distance` away, up to a
    /// relative 10⁻⁹ so that a band of exactly 2 cells includes the cells 2 cells away whatever the
    /// rounding of `distance / cellSize`.
    ///
    /// - Throws: ``HotSpotError`` when the distance band is not a finite number above 0, or would
    ///   give more than 100 million neighbour pairs.
    public init(grid: CellGrid, weights: SpatialWeights) throws(HotSpotError) {
        let stencil: [(row: Int, column: Int)]
        switch weights {
        case .rook:
            stencil = [(-1, 0), (0, -1), (0, 1), (1, 0)]
        case .queen:
            stencil = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
        case .distanceBand(let distance):
            guard distance.isFinite, distance > 0 else { throw .invalidDistanceBand(distance) }
            let radius = distance / grid.cellSize
            let limit = radius * radius * (1 + 1e-9)
            let reach = min(Int(radius.rounded(.down)), max(grid.rows, grid.columns))
            var offsets: [(row: Int, column: Int)] = []
            if reach >= 1 {
                for dr in -reach...reach {
                    for dc in -reach...reach where !(dr == 0 && dc == 0) && Double(dr * dr + dc * dc) <= limit {
                        offsets.append((dr, dc))
                    }
                }
            }
            stencil = offsets
        }
        let pairs = Double(stencil.count) * Double(grid.count)
        guard pairs <= 1e8 else { throw .tooManyNeighbourPairs(pairs) }

        var offsets = [Int](repeating: 0, count: grid.count + 1)
        var indices: [Int32] = []
        indices.reserveCapacity(stencil.count * grid.count)
        var maximum = 0
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let start = indices.count
                for step in stencil {
                    let r = row + step.row, c = column + step.column
                    if r >= 0, r < grid.rows, c >= 0, c < grid.columns {
                        indices.append(Int32(truncatingIfNeeded: r * grid.columns + c))
                    }
                }
                maximum = max(maximum, indices.count - start)
                offsets[row * grid.columns + column + 1] = indices.count
            }
        }
        self.offsets = offsets
        self.indices = indices
        self.maximumCardinality = maximum
    }

    /// Neighbour lists given directly (for tests and irregular areas): `lists[i]` are the
    /// neighbours of cell `i`, without `i` itself.
    ///
    /// - Precondition: every neighbour is a valid cell index other than `i`, without repeats.
    public init(lists: [[Int]]) {
        var offsets = [0]
        var indices: [Int32] = []
        var maximum = 0
        for (cell, list) in lists.enumerated() {
            precondition(!list.contains(cell), "cell \(cell) lists itself as a neighbour")
            precondition(list.allSatisfy { $0 >= 0 && $0 < lists.count }, "cell \(cell) has a neighbour outside 0..<\(lists.count)")
            precondition(Set(list).count == list.count, "cell \(cell) lists a neighbour twice")
            indices.append(contentsOf: list.map { Int32($0) })
            offsets.append(indices.count)
            maximum = max(maximum, list.count)
        }
        self.offsets = offsets
        self.indices = indices
        self.maximumCardinality = maximum
    }
}
