import Foundation
import Testing
import ZichtCore
import ZichtSources

/// What a StatLine table must not contain: a negative count, or two rows for the same cell.
struct StatLineTableReaderTests {
    static func readError(_ text: String) throws -> StatLineCSVError? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tabel-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try StatLineTableReader.read(url: url, displayName: "83648NED.csv", rows: { _ in })
            return nil
        } catch let error as StatLineCSVError {
            return error
        }
    }

    static let header = "\"ID\";\"SoortMisdrijf\";\"RegioS\";\"Perioden\";\"TotaalGeregistreerdeMisdrijven_1\";\"GeregistreerdeMisdrijvenPer1000Inw_3\"\n"

    @Test func aNegativeCountIsRefusedButANegativeRateOrChangeIsNot() throws {
        let error = try #require(try Self.readError(Self.header + "0;\"0000000\";\"GM0193\";\"2015JJ00\";\"  -5\";\"  6.5\"\n"))
        #expect(error.line == 2 && error.columnName == "TotaalGeregistreerdeMisdrijven_1")
        #expect(error.message.contains("a count cannot be negative"))
        #expect(try Self.readError(Self.header.replacingOccurrences(of: "Per1000Inw_3", with: "Relatief_3") + "0;\"0000000\";\"GM0193\";\"2015JJ00\";\"5\";\"-2.5\"\n") == nil)
    }

    @Test func twoRowsForOneCellAreRefusedNamingBothLines() throws {
        let text = Self.header + """
            0;"0000000";"GM0193";"2015JJ00";"7485";"60.4"
            1;"3000000";"GM0193";"2015JJ00";"805";"6.5"
            2;"0000000";"GM0200";"2015JJ00";"9000";"50.1"
            3;"0000000";"GM0193";"2015JJ00";"7490";"60.5"

            """
        let error = try #require(try Self.readError(text))
        #expect(error.code == .duplicateRow)
        #expect(error.line == 5)
        #expect(error.message.contains("as line 2"), "\(error.message)")
        // The same key in another period or type is no duplicate.
        #expect(try Self.readError(Self.header + "0;\"0000000\";\"GM0193\";\"2015JJ00\";\"1\";\"1\"\n1;\"0000000\";\"GM0193\";\"2016JJ00\";\"1\";\"1\"\n") == nil)
    }
}
