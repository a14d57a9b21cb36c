import Foundation
import ZichtCore

/// The input of a hot-spot analysis: event locations, or counts (or other values) per grid cell.
public enum HotSpotInput: Sendable, Equatable {
    /// Points in metres (for example RD New x and y).
    case points(x: [Double], y: [Double])
    /// A complete lattice: `values[row · columns + column]`.
    case lattice(rows: Int, columns: Int, values: [Double])
}

/// Reads the CSV input of `zicht hotspots` and checks every row.
///
/// The file is separated by `,` or `;` and has a header with either
/// - `x` and `y` (points, in metres; one row per event), or
/// - `row`, `col` (or `column`) and `value` (a lattice: one row per cell, every cell of the
///   rectangle `0…max row × 0…max col` exactly once, in any order; values are counts or other
///   numbers ≥ 0).
///
/// Column names are compared without case; other columns (an `id`, a date) are ignored. Every
/// problem is reported with file, line and field (1-based column number) and what was expected:
/// text where a number belongs, an empty field, a row or column that is not a whole number ≥ 0, a
/// negative value, a cell given twice, cells missing from the lattice. Reading stops after 50.
/// Built on ``StatLineCSVReader``, so it streams the file in chunks and parses numbers from bytes.
public enum HotSpotInputReader {
    public static let maximumDiagnostics = 50
    /// The largest lattice accepted (as in ZichtStats' `CellGrid`): 50 million cells.
    public static let maximumCells = 50_000_000

    /// - Throws: ``StatLineCSVError`` when the file cannot be opened or is not CSV, else
    ///   ``DiagnosticsError`` listing the problems found.
    public static func read(url: URL, displayName: String) throws -> HotSpotInput {
        let reader = try StatLineCSVReader(url: url, displayName: displayName)
        func column(_ names: String...) -> Int? {
            reader.header.firstIndex { names.contains($0.lowercased()) }
        }
        let x = column("x"), y = column("y")
        let row = column("row"), col = column("col", "column"), value = column("value")
        let isPoints = x != nil && y != nil
        let isLattice = row != nil && col != nil && value != nil
        let hint = "give either the columns x,y (one row per event, in metres) or row,col,value (one row per grid cell)"
        if isPoints && isLattice {
            throw DiagnosticsError([Diagnostic(file: displayName, line: 1, message: "the header has both x,y and row,col,value columns", hint: hint)])
        }
        if isPoints { return try readPoints(reader, x: x!, y: y!) }
        if isLattice { return try readLattice(reader, row: row!, col: col!, value: value!) }
        let found = reader.header.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        throw DiagnosticsError([Diagnostic(
            file: displayName, line: 1, message: "expected the columns x,y or row,col,value; found \(found)", hint: hint)])
    }

    /// Reads a number field; records a located diagnostic and returns nil when it is not a finite number.
    private static func number(
        _ row: borrowing StatLineRow, _ index: Int, name: String, file: String, into diagnostics: inout [Diagnostic]
    ) -> Double? {
        let parsed: StatLineValue?
        do { parsed = try row.value(index) } catch { parsed = nil }
        if case .number(let number) = parsed, number.isFinite { return number }
        let text = row.string(index)
        diagnostics.append(Diagnostic(
            file: file, line: row.line, column: index + 1,
            message: "column '\(name)': expected a number, found \(text.isEmpty ? "an empty field" : "'\(text)'")",
            hint: text.contains(",") && !text.contains(".") ? "write numbers with a decimal point, not a comma" : nil))
        return nil
    }

    private static func readPoints(_ reader: StatLineCSVReader, x: Int, y: Int) throws -> HotSpotInput {
        let file = reader.displayName
        var diagnostics: [Diagnostic] = []
        var xs: [Double] = [], ys: [Double] = []
        do {
            try reader.forEachRow { row in
                guard diagnostics.count < maximumDiagnostics else { return }
                let px = number(row, x, name: reader.header[x], file: file, into: &diagnostics)
                let py = number(row, y, name: reader.header[y], file: file, into: &diagnostics)
                if let px, let py {
                    xs.append(px)
                    ys.append(py)
                }
            }
        } catch let error as StatLineCSVError {
            diagnostics.append(error.diagnostic)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(Array(diagnostics.prefix(maximumDiagnostics))) }
        return .points(x: xs, y: ys)
    }

    private static func readLattice(_ reader: StatLineCSVReader, row: Int, col: Int, value: Int) throws -> HotSpotInput {
        let file = reader.displayName
        var diagnostics: [Diagnostic] = []
        var cells: [(row: Int, column: Int, value: Double)] = []
        var firstLine: [Int: Int] = [:]  // row << 32 | column → line
        do {
            try reader.forEachRow { line in
                guard diagnostics.count < maximumDiagnostics else { return }
                var indexes: [Int?] = []
                for (field, what) in [(row, "row"), (col, "column")] {
                    guard let number = number(line, field, name: reader.header[field], file: file, into: &diagnostics) else {
                        indexes.append(nil)
                        continue
                    }
                    guard number >= 0, number < 1_000_000, number.rounded() == number else {
                        diagnostics.append(Diagnostic(
                            file: file, line: line.line, column: field + 1,
                            message: "column '\(reader.header[field])': expected a \(what) number, a whole number from 0 up, found '\(line.string(field))'",
                            hint: "rows and columns of the lattice are counted from 0"))
                        indexes.append(nil)
                        continue
                    }
                    indexes.append(Int(number))
                }
                let amount = number(line, value, name: reader.header[value], file: file, into: &diagnostics)
                if let amount, amount < 0 {
                    diagnostics.append(Diagnostic(
                        file: file, line: line.line, column: value + 1,
                        message: "column '\(reader.header[value])': expected a count or another value of at least 0, found '\(line.string(value))'",
                        hint: "a hot-spot analysis looks for concentrations of events; negative values have no place in it"))
                    return
                }
                guard let r = indexes[0], let c = indexes[1], let amount else { return }
                let key = r << 32 | c
                if let first = firstLine[key] {
                    diagnostics.append(Diagnostic(
                        file: file, line: line.line, column: row + 1,
                        message: "cell (row \(r), col \(c)) is given twice; it is also on line \(first)",
                        hint: "give every cell once; add the values up first if several rows belong to one cell"))
                    return
                }
                firstLine[key] = line.line
                cells.append((r, c, amount))
            }
        } catch let error as StatLineCSVError {
            diagnostics.append(error.diagnostic)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(Array(diagnostics.prefix(maximumDiagnostics))) }

        let rows = (cells.map(\.row).max() ?? 0) + 1
        let columns = (cells.map(\.column).max() ?? 0) + 1
        guard rows * columns <= maximumCells else {
            throw DiagnosticsError([Diagnostic(
                file: file, message: "a lattice of \(rows) × \(columns) cells is larger than the \(maximumCells) cells allowed")])
        }
        var values = [Double](repeating: 0, count: rows * columns)
        var present = [Bool](repeating: false, count: rows * columns)
        for cell in cells {
            values[cell.row * columns + cell.column] = cell.value
            present[cell.row * columns + cell.column] = true
        }
        if cells.count < rows * columns {
            let missing = present.indices.filter { !present[$0] }
            let listed = missing.prefix(10).map { "(row \($0 / columns), col \($0 % columns))" }.joined(separator: ", ")
            throw DiagnosticsError([Diagnostic(
                file: file,
                message: "the lattice has \(cells.count) of its \(rows) × \(columns) = \(rows * columns) cells; missing \(listed)\(missing.count > 10 ? " and \(missing.count - 10) more" : "")",
                hint: "give every cell of the rectangle, with value 0 where nothing happened: a missing cell is unknown, not 0")])
        }
        return .lattice(rows: rows, columns: columns, values: values)
    }
}
