import Foundation
import Testing
import ZichtCore
import ZichtSources

/// The StatLine CSV reader on every real file in shared/data/real, on hostile files, and on random
/// tables read back with chunks as small as one byte.
struct StatLineCSVReaderTests {
    // MARK: Helpers

    /// A parsed row: file line and trimmed, unquoted fields.
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    /// shared/data/real, found from this file: the repository root is three levels up and shared/
    /// lies beside it. Fails (does not skip) when the folder is missing.
    static func realDataFolder() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/data/real").standardizedFileURL
        var isFolder: ObjCBool = false
        try #require(
            FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue,
            "The real StatLine files are missing: expected the folder \(folder.path) (ROOT/../shared/data/real). These tests need them.")
        return folder
    }

    static func realFile(_ name: String) throws -> URL {
        let url = try realDataFolder().appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "missing real file \(url.path)")
        return url
    }

    /// Writes `bytes` to a fresh temporary file, calls `body` with its URL, and removes it.
    static func withFile<R>(_ bytes: [UInt8], _ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("statline-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    static func withFile<R>(_ text: String, _ body: (URL) throws -> R) throws -> R {
        try withFile(Array(text.utf8), body)
    }

    /// Every row of `url`, as strings.
    static func rows(_ url: URL, chunkSize: Int = StatLineCSVReader.defaultChunkSize) throws -> [Row] {
        let reader = try StatLineCSVReader(url: url, displayName: url.lastPathComponent, chunkSize: chunkSize)
        var rows: [Row] = []
        try reader.forEachRow { row in
            rows.append(Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
        }
        return rows
    }

    /// The StatLineCSVError that `body` throws; records an issue when it throws none or another.
    static func csvError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> StatLineCSVError? {
        do {
            try body()
            Issue.record("expected a StatLineCSVError, but there was none", sourceLocation: sourceLocation)
        } catch let error as StatLineCSVError {
            return error
        } catch {
            Issue.record("expected a StatLineCSVError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The error of reading every field (strings, and values of the columns named in `numeric`) of
    /// `text`, the same for every chunk size.
    static func readError(_ bytes: [UInt8], numeric: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> StatLineCSVError? {
        var errors: [StatLineCSVError] = []
        for chunkSize in [1, 2, 3, 7, 64, StatLineCSVReader.defaultChunkSize] {
            let error = try withFile(bytes) { url in
                csvError({
                    let reader = try StatLineCSVReader(url: url, displayName: "proef.csv", chunkSize: chunkSize)
                    let columns = reader.header.indices.filter { numeric.contains(reader.header[$0]) }
                    try reader.forEachRow { row in
                        for index in 0..<row.count { _ = row.string(index) }
                        for column in columns { _ = try row.value(column) }
                    }
                }, sourceLocation: sourceLocation)
            }
            guard let error else { return nil }
            errors.append(error)
        }
        #expect(Set(errors).count == 1, "the error depends on the chunk size: \(errors)", sourceLocation: sourceLocation)
        return errors.first
    }

    static func readError(_ text: String, numeric: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> StatLineCSVError? {
        try readError(Array(text.utf8), numeric: numeric, sourceLocation: sourceLocation)
    }

    /// The values of column `name` in the rows whose key columns have the given values.
    static func values(in url: URL, column name: String, where keys: [String: String]) throws -> [StatLineValue] {
        let reader = try StatLineCSVReader(url: url, displayName: url.lastPathComponent)
        let column = try reader.requireColumn(named: name)
        let keyColumns = try keys.map { (try reader.requireColumn(named: $0.key), $0.value) }
        var found: [StatLineValue] = []
        try reader.forEachRow { row in
            if keyColumns.allSatisfy({ row.key($0.0, equals: $0.1) }) { found.append(try row.value(column)) }
        }
        return found
    }

    /// An independent, simple whole-file CSV parser (RFC 4180), the oracle for the real files.
    static func oracle(_ data: [UInt8], separator: UInt8) -> [Row] {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var recordHasContent = false
        var previous: UInt8 = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
            field = []
        }
        for byte in bytes {
            defer { previous = byte }
            if inQuotes {
                if byte == UInt8(ascii: "\"") { inQuotes = false } else { field.append(byte) }
                if byte == UInt8(ascii: "\n") { line += 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if previous == UInt8(ascii: "\"") { field.append(byte) }  // "" inside quotes
                inQuotes = true
                recordHasContent = true
            case separator:
                endField()
                recordHasContent = true
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r") { continue }
                if recordHasContent {
                    endField()
                    rows.append(Row(line: recordLine, fields: fields))
                }
                fields = []
                recordHasContent = false
                line += 1
                recordLine = line
            default:
                field.append(byte)
                recordHasContent = true
            }
        }
        if recordHasContent {
            endField()
            rows.append(Row(line: recordLine, fields: fields))
        }
        return rows
    }

    // MARK: Real files

    /// What each real file must give: its shape, or the error it must be refused with.
    struct RealFile {
        var rows = 0
        var columns = 0
        var separator: Character = ";"
        var layout = StatLineLayout.cbsKeys
        var byteOrderMark = true
        /// Error code and line when the file must be refused.
        var refused: (code: StatLineCSVError.Code, line: Int, hint: String)?
    }

    static let realFiles: [String: RealFile] = [
        "cbs-37230ned-bevolking-eind-jaar-2002-2024-gemeenten.csv": RealFile(refused: (.invalidHeader, 1, "title")),
        "cbs-70072ned-2015-regionale-kerncijfers.csv": RealFile(rows: 770, columns: 315),
        "cbs-81877NED-metadata-2018.csv": RealFile(refused: (.invalidHeader, 1, "metadata export")),
        "cbs-81877NED-veiligheidsbeleving-2012-2017-provincies.csv": RealFile(rows: 144, columns: 34),
        "cbs-82949NED-gemeentenamen-2015.csv": RealFile(rows: 393, columns: 5),
        "cbs-83648NED-2010-2020-totaal-gemeenten.csv": RealFile(rows: 4_323, columns: 9, separator: ",", byteOrderMark: false),
        "cbs-83648NED-2015-gemeenten.csv": RealFile(rows: 33_972, columns: 6),
        "cbs-83648NED-2015-totaal-per1000-regio.csv": RealFile(rows: 477, columns: 5),
        "cbs-83651NED-diefstallen-2010-2017-provincies.csv": RealFile(rows: 7_800, columns: 11),
        "cbs-83651NED-diefstallen-2018-2021-gemeenten.csv": RealFile(rows: 66_240, columns: 7),
        "cbs-83651NED-metadata-2017.csv": RealFile(refused: (.invalidHeader, 1, "metadata export")),
        "iv3-45063NED-2023-begroting-taakveld-gemeenten.csv": RealFile(rows: 24_353, columns: 11, byteOrderMark: false),
        "iv3-45063NED-2023-jaarrekening-taakveld-gemeenten.csv": RealFile(rows: 24_353, columns: 11, byteOrderMark: false),
        "politie-47013NED-csvdownload-totaal-gemeenten-2022-2023.csv": RealFile(refused: (.invalidHeader, 1, "title")),
        "politie-47013NED-csvdownload-totaal-gemeenten-2024.csv": RealFile(refused: (.invalidHeader, 1, "title")),
        "politie-47013NED-metadata-2025.csv": RealFile(refused: (.invalidHeader, 1, "metadata export")),
        "politie-47015NED-csvdownload-amsterdam-plaats.csv": RealFile(rows: 11, columns: 4, layout: .policeLabels),
        "politie-47018NED-csvdownload-amsterdam-1.2.3-2020-2024.csv": RealFile(rows: 3_140, columns: 4, layout: .policeLabels),
        "zwolle-buurtcodes-namen-2014.csv": RealFile(rows: 57, columns: 8, separator: ",", byteOrderMark: false),
        "zwolle-buurtgegevens-2014-bvb-zebra.csv": RealFile(rows: 79, columns: 237, separator: ",", byteOrderMark: false),
        // Header, 78 buurten, "Onbekend", then footer lines (sources, export date) with as many fields.
        "zwolle-cijfersoverzwolle-buurten-2015.csv": RealFile(rows: 92, columns: 19),
        "zwolle-cijfersoverzwolle-buurten-2016.csv": RealFile(rows: 91, columns: 19),
        "zwolle-cijfersoverzwolle-buurten-2017.csv": RealFile(rows: 91, columns: 19),
        "zwolle-cijfersoverzwolle-buurten-2018.csv": RealFile(rows: 91, columns: 19),
        "zwolle-cijfersoverzwolle-buurten-2019.csv": RealFile(rows: 91, columns: 19),
        "zwolle-cijfersoverzwolle-buurten-2020.csv": RealFile(rows: 91, columns: 19),
        // 1 676 lines, 1 656 records: some descriptions span several lines.
        "zwolle-zebra-variabelen.csv": RealFile(rows: 1_656, columns: 11, separator: ",", byteOrderMark: false),
    ]

    @Test func everyRealFileIsReadLikeTheOracleOrRefusedWithALocatedError() throws {
        let folder = try Self.realDataFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count >= Self.realFiles.count, "expected at least \(Self.realFiles.count) CSV files in \(folder.path), found \(names.count)")
        for name in names {
            guard let expected = Self.realFiles[name] else {
                Issue.record("\(name) is a real file without expectations: add its row count and facts to StatLineCSVReaderTests.realFiles")
                continue
            }
            let url = folder.appendingPathComponent(name)
            if let refused = expected.refused {
                let error = Self.csvError { _ = try StatLineCSVReader(url: url, displayName: name) }
                #expect(error?.code == refused.code, "\(name)")
                #expect(error?.line == refused.line, "\(name)")
                #expect(error?.file == name)
                #expect(error?.hint?.contains(refused.hint) == true, "\(name): \(String(describing: error))")
                continue
            }
            let reader = try StatLineCSVReader(url: url, displayName: name)
            #expect(reader.header.count == expected.columns, "\(name)")
            #expect(reader.separator == expected.separator, "\(name)")
            #expect(reader.layout == expected.layout, "\(name)")
            #expect(reader.hasByteOrderMark == expected.byteOrderMark, "\(name)")
            let rows = try Self.rows(url)
            #expect(rows.count == expected.rows, "\(name)")
            #expect(rows.allSatisfy { $0.fields.count == expected.columns }, "\(name)")
            let data = try [UInt8](Data(contentsOf: url))
            let oracle = Self.oracle(data, separator: UInt8(ascii: expected.separator == ";" ? ";" : ","))
            #expect(oracle.first?.fields == reader.header, "\(name)")
            #expect(Array(oracle.dropFirst()) == rows, "\(name): rows differ from the oracle")
            // Small chunks put chunk boundaries everywhere in the file.
            #expect(try Self.rows(url, chunkSize: 61) == rows, "\(name) with 61-byte chunks")
        }
    }

    @Test func realRowCountsMatchTheLineCountsOfTheFiles() throws {
        // `wc -l` minus the header, for the files without line breaks inside fields.
        for (name, expected) in Self.realFiles where expected.refused == nil && name != "zwolle-zebra-variabelen.csv" {
            let data = try Data(contentsOf: Self.realFile(name))
            let lines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            #expect(lines - 1 == expected.rows, "\(name)")
        }
    }

    @Test func zwolle2015CrimeFiguresFrom83648NED() throws {
        let url = try Self.realFile("cbs-83648NED-2015-gemeenten.csv")
        let reader = try StatLineCSVReader(url: url, displayName: "83648NED.csv")
        #expect(reader.header == ["ID", "SoortMisdrijf", "RegioS", "Perioden", "TotaalGeregistreerdeMisdrijven_1", "GeregistreerdeMisdrijvenPer1000Inw_3"])
        let expected: [String: (count: Double, per1000: Double)] = [
            "0000000": (7485, 60.4), "3000000": (805, 6.5), "2010000": (790, 6.4), "2000000": (920, 7.4),
        ]
        for (type, figures) in expected {
            let keys = ["RegioS": "GM0193", "SoortMisdrijf": type, "Perioden": "2015JJ00"]
            #expect(try Self.values(in: url, column: "TotaalGeregistreerdeMisdrijven_1", where: keys) == [.number(figures.count)], "\(type)")
            #expect(try Self.values(in: url, column: "GeregistreerdeMisdrijvenPer1000Inw_3", where: keys) == [.number(figures.per1000)], "\(type)")
        }
        // All 447 gemeenten, 76 crime types; "       ." is unknown, "" cannot occur.
        let type = try reader.requireColumn(named: "SoortMisdrijf")
        let region = try reader.requireColumn(named: "RegioS")
        let count = try reader.requireColumn(named: "TotaalGeregistreerdeMisdrijven_1")
        let rate = try reader.requireColumn(named: "GeregistreerdeMisdrijvenPer1000Inw_3")
        var regions: Set<String> = []
        var types: Set<String> = []
        var tally = (unknownRates: 0, emptyRates: 0, emptyCounts: 0, zwolleRows: 0)
        var nationalTotal = 0.0
        try reader.forEachRow { row in
            regions.insert(row.key(region))
            types.insert(row.key(type))
            if row.key(region, equals: "GM0193") { tally.zwolleRows += 1 }
            switch try row.value(rate) {
            case .unknown: tally.unknownRates += 1
            case .empty: tally.emptyRates += 1
            case .number: break
            }
            let value = try row.value(count)
            if value == .empty { tally.emptyCounts += 1 }
            if row.key(type, equals: "0000000"), let number = value.number { nationalTotal += number }
        }
        #expect(regions.count == 447)
        #expect(types.count == 76)
        #expect(tally.zwolleRows == 76)
        #expect(tally.unknownRates == 11_803)
        #expect(tally.emptyRates == 4_079)
        #expect(tally.emptyCounts == 4_028)
        // The sum over gemeenten is the national total: 978 955 / 16 900 726 × 1000 = 57.9 (NL01 below).
        #expect(nationalTotal == 978_955)
        #expect((nationalTotal / 16_900_726 * 10_000).rounded() / 10 == 57.9)
    }

    @Test func totalPer1000ByRegion() throws {
        let url = try Self.realFile("cbs-83648NED-2015-totaal-per1000-regio.csv")
        let column = "GeregistreerdeMisdrijvenPer1000Inw_3"
        #expect(try Self.values(in: url, column: column, where: ["RegioS": "NL01"]) == [.number(57.9)])
        #expect(try Self.values(in: url, column: column, where: ["RegioS": "PV23"]) == [.number(44.3)])
        #expect(try Self.values(in: url, column: column, where: ["RegioS": "GM0193"]) == [.number(60.4)])
        #expect(try Self.values(in: url, column: column, where: ["RegioS": "RE99"]) == [.empty])
        // The key is padded in the file ("NL01  "); key(_:) trims it, key(_:equals:) compares trimmed.
        let reader = try StatLineCSVReader(url: url, displayName: "per1000.csv")
        var first: String?
        try reader.forEachRow { row in
            if first == nil { first = row.key(2) }
        }
        #expect(first == "NL01")
        #expect(try Self.values(in: url, column: column, where: ["RegioS": "NL01  "]) == [.number(57.9)])
    }

    @Test func populationOnFirstJanuary2015From70072ned() throws {
        let url = try Self.realFile("cbs-70072ned-2015-regionale-kerncijfers.csv")
        #expect(try Self.values(in: url, column: "TotaleBevolking_1", where: ["RegioS": "GM0193"]) == [.number(123_861)])
        #expect(try Self.values(in: url, column: "TotaleBevolking_1", where: ["RegioS": "NL01"]) == [.number(16_900_726)])
        // 60.4 per 1 000 for Zwolle is 7 485 / 123 861 × 1000.
        #expect((7485.0 / 123_861 * 10_000).rounded() / 10 == 60.4)
    }

    @Test func zwolleShopliftingFrom83651NED() throws {
        let url = try Self.realFile("cbs-83651NED-diefstallen-2018-2021-gemeenten.csv")
        let expected: [(String, Double, Double)] = [("2018JJ00", 460, 3.6), ("2019JJ00", 555, 4.4), ("2020JJ00", 555, 4.3), ("2021JJ00", 515, 4.0)]
        for (period, count, rate) in expected {
            let keys = ["RegioS": "GM0193", "SoortDiefstal": "CRI1137", "GebruikVanGeweld": "T001540", "Perioden": period]
            #expect(try Self.values(in: url, column: "TotaalGeregistreerdeDiefstallen_1", where: keys) == [.number(count)], "\(period)")
            #expect(try Self.values(in: url, column: "GeregistreerdeDiefstallenPer1000Inw_3", where: keys) == [.number(rate)], "\(period)")
        }
        // Unquoted file: "       ." is unknown, an empty cell is empty.
        let rates = try Self.values(in: url, column: "GeregistreerdeDiefstallenPer1000Inw_3", where: ["RegioS": "GM1680", "SoortDiefstal": "CRI1122", "GebruikVanGeweld": "T001540"])
        #expect(rates.first == .unknown)
        let last = try Self.rows(url).last
        #expect(last == Row(line: 66_241, fields: ["434987", "A048106", "CRI1144", "GM0000", "2021JJ00", "", ""]))
    }

    @Test func otherCBSFiles() throws {
        let provinces = try Self.rows(Self.realFile("cbs-83651NED-diefstallen-2010-2017-provincies.csv"))
        #expect(provinces.first == Row(line: 2, fields: ["48", "0", "00", "PV20", "2010JJ00", "19640", "100", "34.1", "3525", "18.0", "4815"]))
        let safety = try Self.rows(Self.realFile("cbs-81877NED-veiligheidsbeleving-2012-2017-provincies.csv"))
        #expect(safety.first.map { Array($0.fields.prefix(5)) } == ["30", "1", "PV20", "2012JJ00", "33.1"])
        let names = try Self.rows(Self.realFile("cbs-82949NED-gemeentenamen-2015.csv"))
        #expect(names.first { $0.fields[1] == "GM0193" }?.fields == ["392", "GM0193", "GM0193", "Zwolle", "Zwolle"])
    }

    @Test func policePortalDownloads() throws {
        let url = try Self.realFile("politie-47018NED-csvdownload-amsterdam-1.2.3-2020-2024.csv")
        let reader = try StatLineCSVReader(url: url, displayName: "47018NED.csv")
        #expect(reader.header == ["Soort misdrijf", "Perioden", "Wijken en buurten", "Geregistreerde misdrijven (aantal)"])
        #expect(reader.layout == .policeLabels)
        var first: (label: PoliceCrimeLabel?, period: String, area: String, count: StatLineValue)?
        var total = 0.0
        var last: StatLineValue?
        try reader.forEachRow { row in
            let count = try row.value(3)
            if first == nil { first = (PoliceCrimeLabel(row.string(0)), row.string(1), row.string(2), count) }
            total += count.number ?? 0
            last = count
        }
        #expect(first?.label == PoliceCrimeLabel(code: "1.2.3", title: "Diefstal van brom-, snor-, fietsen"))
        #expect(first?.period == "2020")
        #expect(first?.area == "Amsterdam")
        #expect(first?.count == .number(10_378))
        #expect(last == .number(4))
        #expect(total == 161_214)
        let places = try StatLineCSVReader(url: Self.realFile("politie-47015NED-csvdownload-amsterdam-plaats.csv"), displayName: "47015NED.csv")
        #expect(places.header == ["Soort misdrijf", "Plaatsen", "Perioden", "Geregistreerde misdrijven (aantal)"])
        #expect(places.layout == .policeLabels)
        var byYear: [String: Double] = [:]
        try places.forEachRow { row in byYear[row.string(2)] = try row.value(3).number }
        #expect(byYear.count == 11)
        #expect(byYear["2014"] == 12_017)
        #expect(byYear["2024"] == 11_875)
    }

    @Test func zwolleHackathonFilesWithCommas() throws {
        let codes = try Self.rows(Self.realFile("zwolle-buurtcodes-namen-2014.csv"))
        #expect(codes.first?.fields == ["BU01933110", "Aalanden-midden", "139.00", "118.27", "1.17", "121.00", "123.85", "0.97"])
        // "NA" is not a StatLine value: value(_:) says so, naming file, line and column.
        let url = try Self.realFile("zwolle-buurtgegevens-2014-bvb-zebra.csv")
        let reader = try StatLineCSVReader(url: url, displayName: "buurtgegevens.csv")
        let rating = try reader.requireColumn(named: "b_vhrbrt")
        var firstRating: StatLineValue?
        let error = Self.csvError {
            try reader.forEachRow { row in
                let value = try row.value(rating)
                if firstRating == nil { firstRating = value }
            }
        }
        #expect(firstRating == .number(6.9647))
        #expect(error?.code == .notANumber)
        #expect(error?.columnName == "b_vhrbrt")
        #expect(error?.found == "\"NA\"")
        #expect(error?.line != nil)
        // Records with line breaks inside quotes keep the right line numbers.
        let variables = try Self.rows(Self.realFile("zwolle-zebra-variabelen.csv"))
        let index = try #require(variables.firstIndex { $0.fields[1] == "wozwrde" })
        #expect(variables[index].line == 1484)
        #expect(variables[index].fields[8].contains("\n"))
        #expect(variables[index + 1].line == 1490)
        #expect(variables[index + 1].fields[1] == "woz_wrdt")
    }

    // MARK: Hostile files

    static let header = "\"ID\";\"SoortMisdrijf\";\"RegioS\";\"Perioden\";\"TotaalGeregistreerdeMisdrijven_1\";\"GeregistreerdeMisdrijvenPer1000Inw_3\"\r\n"
    static let goodRow = "\"3717\";\"0000000\";\"GM0193\";\"2015JJ00\";\"    7485\";\"    60.4\"\r\n"
    static let measures: Set<String> = ["TotaalGeregistreerdeMisdrijven_1", "GeregistreerdeMisdrijvenPer1000Inw_3"]

    @Test func truncatedInsideAQuote() throws {
        let text = Self.header + Self.goodRow + Self.goodRow + "\"4\";\"0000000\";\"GM0193\";\"2015JJ00\";\"   74"
        let error = try #require(try Self.readError(text))
        #expect(error.code == .unterminatedQuote)
        #expect(error.line == 4)
        #expect(error.column == 35)
        #expect(error.columnName == "TotaalGeregistreerdeMisdrijven_1")
        #expect(error.description.hasPrefix("proef.csv:4: error: column \"TotaalGeregistreerdeMisdrijven_1\" (field 5): the quoted value that starts here is not closed"))
        #expect(error.diagnostic.description.hasPrefix("proef.csv:4:35: error:"))
    }

    @Test func tabSeparatedFileIsRefused() throws {
        let error = try #require(try Self.readError("ID\tRegioS\tPerioden\n1\tGM0193\t2015JJ00\n"))
        #expect(error.code == .unsupportedSeparator)
        #expect(error.line == 1)
        #expect(error.columnName == nil)
        #expect(error.found == "tab")
        #expect(error.description.hasPrefix("proef.csv:1: error: the header is separated by tabs; expected ';' or ','"))
    }

    @Test func latin1ByteIsInvalidUTF8() throws {
        // "Súdwest-Fryslân" in Latin-1: ú = 0xFA.
        var bytes = Array((Self.header + Self.goodRow).utf8)
        bytes += Array("\"3718\";\"0000000\";\"S".utf8) + [0xFA] + Array("dwest\";\"2015JJ00\";\"     645\";\"    25.6\"\r\n".utf8)
        let error = try #require(try Self.readError(bytes))
        #expect(error.code == .invalidUTF8)
        #expect(error.line == 3)
        #expect(error.column == 20)
        #expect(error.columnName == "RegioS")
        #expect(error.found == "byte 0xFA")
        #expect(error.hint?.contains("iconv") == true)
    }

    @Test func rowWithAMissingColumn() throws {
        let text = Self.header + Self.goodRow + "\"3718\";\"0000000\";\"GM0193\";\"2015JJ00\";\"    7485\"\r\n" + Self.goodRow
        let error = try #require(try Self.readError(text))
        #expect(error.code == .wrongFieldCount)
        #expect(error.line == 3)
        #expect(error.column == 48)
        #expect(error.columnName == "GeregistreerdeMisdrijvenPer1000Inw_3")
        #expect(error.expected == "6 fields")
        #expect(error.found == "5 fields")
        #expect(error.message == "expected 6 fields (one per column), found 5: the row ends before column \"GeregistreerdeMisdrijvenPer1000Inw_3\"")
    }

    @Test func rowWithAnExtraColumn() throws {
        let text = Self.header + "\"3717\";\"0000000\";\"GM0193\";\"2015JJ00\";\"    7485\";\"    60.4\";\"x\"\r\n"
        let error = try #require(try Self.readError(text))
        #expect(error.code == .wrongFieldCount)
        #expect(error.line == 2)
        #expect(error.column == 60)
        #expect(error.columnName == "GeregistreerdeMisdrijvenPer1000Inw_3")
        #expect(error.found == "7 fields")
        #expect(error.message.hasSuffix("there is an extra field after column \"GeregistreerdeMisdrijvenPer1000Inw_3\""))
    }

    @Test func nonNumericValue() throws {
        let text = Self.header + Self.goodRow + "\"3718\";\"0000000\";\"GM0193\";\"2015JJ00\";\"     12a\";\"     6.5\"\r\n"
        let error = try #require(try Self.readError(text, numeric: Self.measures))
        #expect(error.code == .notANumber)
        #expect(error.file == "proef.csv")
        #expect(error.line == 3)
        #expect(error.column == 38)
        #expect(error.columnName == "TotaalGeregistreerdeMisdrijven_1")
        #expect(error.expected == "a number, '.' or empty")
        #expect(error.found == "\"12a\"")
        #expect(error.description.hasPrefix(
            "proef.csv:3: error: column \"TotaalGeregistreerdeMisdrijven_1\" (field 5): expected a number, '.' or empty, found \"12a\"\n    hint: "))
    }

    @Test func decimalCommaIsRefusedWithAHint() throws {
        let text = Self.header + "\"3718\";\"3000000\";\"GM0193\";\"2015JJ00\";\"     805\";\"     6,5\"\r\n"
        let error = try #require(try Self.readError(text, numeric: Self.measures))
        #expect(error.code == .notANumber)
        #expect(error.line == 2)
        #expect(error.columnName == "GeregistreerdeMisdrijvenPer1000Inw_3")
        #expect(error.found == "\"6,5\"")
        #expect(error.hint?.contains("decimal comma") == true)
        #expect(error.hint?.contains("6.5") == true)
    }

    @Test func emptyFileAndByteOrderMarkOnly() throws {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\r\n\n".utf8)] {
            let error = try #require(try Self.readError(bytes))
            #expect(error.code == .emptyFile)
            #expect(error.line != nil)
            #expect(error.columnName == nil)
        }
        #expect(try Self.readError([])?.line == 1)
    }

    @Test func headerOnly() throws {
        // With and without the line end after the header ("\r\n" is one Character).
        for text in [Self.header, String(Self.header.dropLast()), Self.header + "\r\n\r\n"] {
            let error = try #require(try Self.readError(text))
            #expect(error.code == .noDataRows)
            #expect(error.line == 2)
            #expect(error.columnName == nil)
        }
    }

    @Test func headerWithOneColumn() throws {
        let error = try #require(try Self.readError("\"TableInfos\"\n\"ID\";\"Title\"\n"))
        #expect(error.code == .invalidHeader)
        #expect(error.line == 1)
        #expect(error.hint?.contains("metadata export") == true)
        let plain = try #require(try Self.readError("alleen\n1\n"))
        #expect(plain.code == .invalidHeader)
        #expect(plain.found == "\"alleen\"")
        let empty = try #require(try Self.readError("a;;b\n1;2;3\n"))
        #expect(empty.code == .invalidHeader)
    }

    @Test func aColumnNamedTwiceIsRefused() throws {
        let error = try #require(try Self.readError("\"ID\";\"RegioS\";\"Waarde_1\";\"Waarde_1\"\n1;GM0193;5;7\n"))
        #expect(error.code == .invalidHeader)
        #expect(error.line == 1)
        #expect(error.message.contains("appears twice in the header, as field 3 and field 4"))
    }

    @Test func aTitleLineAboveTheTableGetsAHint() throws {
        let error = try #require(try Self.readError("\"Bevolking; regio\"\n\"Regio's\";\"2020\"\n\"Zwolle\";\"128840\"\n"))
        #expect(error.code == .invalidHeader && error.line == 1)
        #expect(error.hint?.contains("title") == true)
    }

    @Test func textAfterAClosingQuote() throws {
        let text = Self.header + "\"3718\";\"0000000\"x;\"GM0193\";\"2015JJ00\";\"     805\";\"     6.5\"\r\n"
        let error = try #require(try Self.readError(text))
        #expect(error.code == .textAfterQuote)
        #expect(error.line == 2)
        #expect(error.column == 17)
        #expect(error.columnName == "SoortMisdrijf")
        #expect(error.found == "\"x\"")
    }

    @Test func missingFileAndUnknownColumn() throws {
        let missing = Self.csvError { _ = try StatLineCSVReader(url: URL(fileURLWithPath: "/nonexistent/x.csv"), displayName: "x.csv") }
        #expect(missing?.code == .cannotRead)
        #expect(missing?.description.hasPrefix("x.csv: error: cannot open the file") == true)
        try Self.withFile(Self.header + Self.goodRow) { url in
            let reader = try StatLineCSVReader(url: url, displayName: "proef.csv")
            let error = Self.csvError { _ = try reader.requireColumn(named: "AantalInwoners_5") }
            #expect(error?.code == .unknownColumn)
            #expect(error?.line == 1)
            #expect(error?.columnName == "AantalInwoners_5")
            #expect(reader.column(named: "RegioS") == 2)
            #expect(reader.column(named: " RegioS ") == 2)
            #expect(reader.column(named: "Regio") == nil)
        }
    }

    @Test func lineNumbersAfterMultiLineFieldsAndBlankLines() throws {
        let text = "a;b\r\n\"1\nx\r\ny\";2\n\n\r\n3;\"4\"\r5;6"
        let rows = try Self.withFile(text) { try Self.rows($0, chunkSize: 1) }
        #expect(rows == [Row(line: 2, fields: ["1\nx\r\ny", "2"]), Row(line: 7, fields: ["3", "4"]), Row(line: 8, fields: ["5", "6"])])
        let error = try #require(try Self.readError("a;b\n\"1\n\n2\";5\n7;12a\n", numeric: ["b"]))
        #expect(error.line == 5)
        #expect(error.column == 3)
    }

    // MARK: Values, keys and labels

    @Test(arguments: [
        ("     805", StatLineValue.number(805)), ("    60.4", .number(60.4)), ("-3.25", .number(-3.25)), ("+7", .number(7)),
        ("0.1", .number(0.1)), ("1.", .number(1)), (".5", .number(0.5)), ("16900726", .number(16_900_726)),
        ("1e3", .number(1000)), ("2.5E-1", .number(0.25)), ("12345678901234567890", .number(12_345_678_901_234_567_168)),
        ("0.123456789012345678", .number(0.123456789012345678)), ("       .", .unknown), (".", .unknown), ("", .empty), ("   ", .empty),
    ])
    func numbersFromBytes(text: String, value: StatLineValue) throws {
        let read = try Self.withFile("v;w\n\"\(text)\";x\n\(text);x\n") { url -> [StatLineValue] in
            var values: [StatLineValue] = []
            try StatLineCSVReader(url: url, displayName: "v.csv").forEachRow { values.append(try $0.value(0)) }
            return values
        }
        #expect(read == [value, value])
    }

    @Test(arguments: ["12a", "6,5", "1.234.567", "--1", "-", "+.", "nan", "inf", "0x10", "1 000", "1e", "1e5x", "1e999", "x", ". ."])
    func notNumbers(text: String) throws {
        let error = try #require(try Self.readError("v;w\n1;2\n\"\(text)\";x\n", numeric: ["v"]))
        #expect(error.code == .notANumber)
        #expect(error.line == 3)
        #expect(error.column == 1)
        #expect(error.columnName == "v")
        #expect(error.expected == "a number, '.' or empty")
    }

    @Test func keysAreTrimmedAndComparedWithoutAllocating() throws {
        try Self.withFile("\u{FEFF}\"RegioS\";\"Naam\"\n\"GM0193    \";\"  Zwolle \"\"oud\"\" \"\n\"NL01  \";\"Nederland\"\n") { url in
            let reader = try StatLineCSVReader(url: url, displayName: "k.csv")
            #expect(reader.hasByteOrderMark)
            var seen: [String] = []
            try reader.forEachRow { row in
                seen.append(row.key(0) + "|" + row.string(1))
                #expect(row.key(0, equals: "GM0193") == (row.line == 2))
                #expect(row.key(0, equals: "GM019") == false)
                #expect(row.key(1, equals: "Zwolle \"oud\"") == (row.line == 2))
            }
            #expect(seen == ["GM0193|Zwolle \"oud\"", "NL01|Nederland"])
        }
    }

    @Test func policeLabels() {
        #expect(PoliceCrimeLabel("1.2.3 Diefstal van brom-, snor-, fietsen") == PoliceCrimeLabel(code: "1.2.3", title: "Diefstal van brom-, snor-, fietsen"))
        #expect(PoliceCrimeLabel("0.0.0 Totaal misdrijven")?.code == "0.0.0")
        #expect(PoliceCrimeLabel("2.6.10 Bestrijdingsmiddelen")?.code == "2.6.10")
        #expect(PoliceCrimeLabel("1.1.1 ") == PoliceCrimeLabel(code: "1.1.1", title: ""))
        #expect(PoliceCrimeLabel("Totaal misdrijven") == nil)
        #expect(PoliceCrimeLabel("1.2.3Diefstal") == nil)
        #expect(PoliceCrimeLabel("2020") == nil)
        #expect(PoliceCrimeLabel("1..2 x") == nil)
        #expect(StatLineLayout(header: ["Soort misdrijf", "Perioden", "Plaatsen", "Geregistreerde misdrijven (aantal)"]) == .policeLabels)
        #expect(StatLineLayout(header: ["Soort misdrijf", "Perioden", "Plaatsen"]) == .cbsKeys)
        #expect(StatLineLayout(header: ["ID", "SoortMisdrijf", "RegioS", "Perioden", "TotaalGeregistreerdeMisdrijven_1"]) == .cbsKeys)
    }

    // MARK: Random tables (write, read back with tiny chunks, compare)

    /// A generated file and what reading it must give.
    struct GeneratedTable {
        var bytes: [UInt8] = []
        var header: [String] = []
        var rows: [Row] = []
        /// The value of each cell written as a number, `.` or empty; nil for text cells.
        var values: [[StatLineValue?]] = []
    }

    static let textPieces = [
        "a", "Zwolle", "Súdwest-Fryslân", "€", "🚲", " ", "  ", "\t", "\"", "\"\"", ";", ",", "\n", "\r\n", "x y", "GM0193", "1.2.3", "12a", ".",
    ]

    static func randomTable(_ random: inout SplitMix64) -> GeneratedTable {
        var table = GeneratedTable()
        let separator: Character = random.chance(70) ? ";" : ","
        var text = random.chance(50) ? "\u{FEFF}" : ""
        var line = 1

        func write(_ cell: String, forceQuotes: Bool = false) {
            let needsQuotes = cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
            if needsQuotes || forceQuotes || random.chance(50) {
                text += "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                line += cell.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            } else {
                text += cell
            }
        }
        func endRecord(last: Bool) {
            let ending = random.pick(["\n", "\r\n", "\r"])
            if last && random.chance(50) { return }
            text += ending
            line += 1
            if ending != "\r" && random.chance(15) {
                text += random.pick(["\n", "\r\n"])
                line += 1
            }
        }
        func trimmed(_ cell: String) -> String { cell.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }

        let columns = 2 + random.below(5)
        for column in 0..<columns {
            let name = "K\(column)" + random.pick(["", "_1", " naam", " (aantal)", ";x", "\"q\"", " é"])
            table.header.append(name)
            if column > 0 { text.append(separator) }
            // The separator is detected from the header, so names with ';' or ',' are always quoted.
            let forceQuotes = name.contains(";") || name.contains(",") || random.chance(60)
            write(random.chance(30) ? "  \(name) " : name, forceQuotes: forceQuotes)
        }
        endRecord(last: false)
        let rowCount = 1 + random.below(12)
        for rowIndex in 0..<rowCount {
            var row = Row(line: line, fields: [])
            var values: [StatLineValue?] = []
            for column in 0..<columns {
                if column > 0 { text.append(separator) }
                let padding = String(repeating: " ", count: random.below(7))
                let cell: String
                switch random.below(4) {
                case 0:
                    let mantissa = random.below(10_000_000)
                    let decimals = random.below(4)
                    var digits = String(mantissa)
                    if decimals > 0 {
                        digits = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
                        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
                    }
                    let number = (random.chance(20) ? "-" : "") + digits
                    cell = padding + number + (random.chance(20) ? " " : "")
                    values.append(.number(Double(number)!))
                case 1:
                    cell = padding + "."
                    values.append(.unknown)
                case 2:
                    cell = random.chance(50) ? "" : padding
                    values.append(.empty)
                default:
                    cell = (0..<random.below(6)).map { _ in random.pick(Self.textPieces) }.joined()
                    values.append(nil)
                }
                row.fields.append(trimmed(cell))
                write(cell)
            }
            table.rows.append(row)
            table.values.append(values)
            endRecord(last: rowIndex == rowCount - 1)
        }
        table.bytes = Array(text.utf8)
        return table
    }

    /// Reads `url` as the generated table expects: strings of every cell, values of non-text cells.
    static func readBack(_ url: URL, like table: GeneratedTable, chunkSize: Int) throws -> (header: [String], rows: [Row], values: [[StatLineValue?]]) {
        let reader = try StatLineCSVReader(url: url, displayName: "random.csv", chunkSize: chunkSize)
        var rows: [Row] = []
        var values: [[StatLineValue?]] = []
        try reader.forEachRow { row in
            let index = rows.count
            rows.append(Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
            var rowValues: [StatLineValue?] = []
            for column in 0..<row.count {
                let isText = index < table.values.count && column < table.values[index].count && table.values[index][column] == nil
                rowValues.append(isText ? nil : try row.value(column))
            }
            values.append(rowValues)
        }
        return (reader.header, rows, values)
    }

    @Test func randomTablesReadBackWithAnyChunkSize() throws {
        var random = SplitMix64(seed: 20_151_231)
        for tableIndex in 0..<150 {
            let table = Self.randomTable(&random)
            try Self.withFile(table.bytes) { url in
                for chunkSize in [1, 2, 3, 7, 64, StatLineCSVReader.defaultChunkSize] {
                    let text = String(decoding: table.bytes, as: UTF8.self).debugDescription
                    let read: (header: [String], rows: [Row], values: [[StatLineValue?]])
                    do {
                        read = try Self.readBack(url, like: table, chunkSize: chunkSize)
                    } catch {
                        Issue.record("table \(tableIndex), chunk \(chunkSize): \(error)\n\(text)")
                        return
                    }
                    #expect(read.header == table.header, "table \(tableIndex), chunk \(chunkSize): \(text)")
                    #expect(read.rows == table.rows, "table \(tableIndex), chunk \(chunkSize): \(text)")
                    #expect(read.values == table.values, "table \(tableIndex), chunk \(chunkSize): \(text)")
                }
            }
        }
    }

    @Test func aLargeRandomTableGivesTheSameRowsForEveryChunkSize() throws {
        // Many tables in one file would have different headers; instead concatenate the rows of
        // random tables with the same column count under one header.
        var random = SplitMix64(seed: 7)
        var bytes = Array("a;b;c;d\r\n".utf8)
        var expected: [Row] = []
        var line = 2
        for _ in 0..<2_000 {
            let cells = (0..<4).map { _ in (0..<random.below(4)).map { _ in random.pick(Self.textPieces) }.joined() }
            expected.append(Row(line: line, fields: cells.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }))
            bytes += Array(cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";").utf8)
            bytes += [0x0D, 0x0A]
            line += 1 + cells.reduce(0) { $0 + $1.utf8.filter { $0 == UInt8(ascii: "\n") }.count }
        }
        try Self.withFile(bytes) { url in
            for chunkSize in [5, 64, 1000, 4096, StatLineCSVReader.defaultChunkSize] {
                let rows = try Self.rows(url, chunkSize: chunkSize)
                #expect(rows == expected, "chunk \(chunkSize)")
            }
        }
    }
}

/// Bounded cost (issue 10): a header of 100,000 columns took seconds in every reader built on this
/// one, and a record is held in memory whole; both have a limit with a located error.
extension StatLineCSVReaderTests {
    @Test func headersWithMoreColumnsThanTheLimitAreRefused() throws {
        let limit = StatLineCSVReader.maximumColumns
        func file(columns: Int) -> String {
            (0..<columns).map { "M\($0)_1" }.joined(separator: ";") + "\n" + Array(repeating: "1", count: columns).joined(separator: ";") + "\n"
        }
        let error = try #require(try Self.readError(file(columns: limit + 1)))
        #expect(error.code == .tooManyColumns && error.line == 1 && error.column == limit + 1)
        #expect(error.message == "the header has \(limit + 1) columns; Zicht reads files of at most \(limit) columns")
        let rows = try Self.withFile(file(columns: limit)) { try Self.rows($0) }
        #expect(rows.count == 1 && rows[0].fields.count == limit)
    }

    @Test func recordsLongerThanTheLimitAreRefusedWithTheirLine() throws {
        // The limit is checked before each chunk is read, so a record is refused once it exceeds
        // 8 MiB with a chunk to spare: 10 MiB is beyond it for any chunk size up to 1 MiB.
        let long = "RegioS;Perioden;M_1\nGM0193;2015JJ00;1\nGM0193;2016JJ00;\"" + String(repeating: "1", count: 10 << 20) + "\"\n"
        let error = try Self.withFile(long) { url in
            Self.csvError { try StatLineCSVReader(url: url, displayName: "lang.csv").forEachRow { _ in } }
        }
        #expect(error?.code == .recordTooLong && error?.line == 3)
    }
}
