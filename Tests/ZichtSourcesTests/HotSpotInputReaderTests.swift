import Foundation
import Testing
import ZichtCore
import ZichtSources

/// The CSV input of `zicht hotspots`: points or a lattice, and every kind of bad row located.
struct HotSpotInputReaderTests {
    /// Writes `text` to a temporary file, reads it, and removes the file.
    private func read(_ text: String) throws -> HotSpotInput {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hotspots-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        return try HotSpotInputReader.read(url: url, displayName: "meldingen.csv")
    }

    /// The diagnostics a bad file gives.
    private func problems(_ text: String) throws -> [Diagnostic] {
        do {
            _ = try read(text)
        } catch let error as any DiagnosticConvertible {
            return error.diagnostics
        }
        Issue.record("expected the file to be refused")
        return []
    }

    @Test func readsPoints() throws {
        let input = try read("id,X,Y,date\n1,155000.5,463000,2024-01-02\n2,155010,463020.25,2024-01-03\n")
        #expect(input == .points(x: [155_000.5, 155_010], y: [463_000, 463_020.25]))
    }

    @Test func readsALatticeInAnyOrderWithSemicolons() throws {
        let input = try read("row;col;value\n1;0;4\n0;0;1\n0;1;0\n1;1;2\n0;2;7\n1;2;3\n")
        #expect(input == .lattice(rows: 2, columns: 3, values: [1, 0, 7, 4, 2, 3]))
        let column = try read("Row,Column,Value\n0,0,1.5\n0,1,2\n")
        #expect(column == .lattice(rows: 1, columns: 2, values: [1.5, 2]))
    }

    @Test func textWhereANumberBelongsIsLocated() throws {
        let found = try problems("x,y\n1,2\n3,abc\n,5\n")
        #expect(found.count == 2)
        #expect(found[0].line == 3 && found[0].column == 2)
        #expect(found[0].message.contains("column 'y': expected a number, found 'abc'"))
        #expect(found[1].line == 4 && found[1].column == 1 && found[1].message.contains("an empty field"))
        let comma = try problems("x;y\n1,5;2\n")
        #expect(comma.first?.hint?.contains("decimal point") == true)
    }

    @Test func missingColumnsAreNamed() throws {
        let found = try problems("x,z\n1,2\n")
        #expect(found.count == 1 && found[0].line == 1)
        #expect(found[0].message.contains("expected the columns x,y or row,col,value; found 'x', 'z'"))
        let both = try problems("x,y,row,col,value\n1,2,0,0,1\n")
        #expect(both[0].message.contains("both"))
    }

    @Test func negativeValuesAndBadCellNumbersAreRefused() throws {
        let found = try problems("row,col,value\n0,0,1\n0,1,-2\n0,1.5,3\n-1,0,1\n")
        #expect(found.count == 3)
        #expect(found[0].line == 3 && found[0].column == 3 && found[0].message.contains("at least 0, found '-2'"))
        #expect(found[1].line == 4 && found[1].column == 2 && found[1].message.contains("expected a column number"))
        #expect(found[2].line == 5 && found[2].column == 1 && found[2].message.contains("expected a row number"))
    }

    @Test func duplicateCellsAreRefused() throws {
        let found = try problems("row,col,value\n0,0,1\n0,1,2\n0,0,5\n")
        #expect(found.count == 1)
        #expect(found[0].line == 4 && found[0].message.contains("cell (row 0, col 0) is given twice; it is also on line 2"))
    }

    @Test func missingCellsAreRefusedNotTakenAsZero() throws {
        let found = try problems("row,col,value\n0,0,1\n1,2,2\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("the lattice has 2 of its 2 × 3 = 6 cells; missing (row 0, col 1)"))
        #expect(found[0].hint?.contains("unknown, not 0") == true)
    }

    @Test func wrongFieldCountsAndEmptyFilesComeFromTheCSVReader() throws {
        let short = try problems("x,y\n1,2\n3\n")
        #expect(short.first?.line == 3)
        let empty = try problems("x,y\n")
        #expect(empty.first?.message.contains("no data rows") == true)
    }
}
