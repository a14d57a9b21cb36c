import Foundation
import Yams
import ZichtCore

/// Reads `zicht.yaml`, the settings of a site project.
public enum ProjectConfigReader {
    public static let knownKeys = [
        "organisation", "document", "documents", "portalTitle", "theme", "notice", "baseURL", "disclosureThreshold", "data", "fetch", "boundaries",
        "incidents", "neighbourhoods", "patterns", "money",
    ]

    /// Parses the text of a `zicht.yaml`.
    /// - Returns: the settings, or nil when there are errors (all of them appended to `diagnostics`).
    public static func read(_ text: String, file: String, into diagnostics: inout [Diagnostic]) -> ProjectConfig? {
        guard let root = YAMLDocument.parse(text, file: file, firstLine: 1, into: &diagnostics) else {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                diagnostics.append(Diagnostic(
                    file: file, line: 1, message: "the project settings are empty",
                    hint: "run 'zicht init DIR' to see a complete zicht.yaml"))
            }
            return nil
        }
        guard var fields = YAMLFields(root, file: file, firstLine: 1, what: "the project settings", into: &diagnostics) else {
            return nil
        }
        var organisation: ProjectConfig.Organisation?
        if var org = fields.mapping("organisation", required: true, what: "name and code") {
            let name = org.string("name", required: true, context: " in 'organisation'")
            let code = org.string("code")
            if let code, code.range(of: #"^GM\d{4}$"#, options: .regularExpression) == nil {
                org.report(org.node("code"), "expected a CBS gemeente code such as 'GM0193' in 'organisation.code', found '\(code)'")
            }
            let province = org.string("province")
            if let province, province.range(of: #"^PV\d{2}$"#, options: .regularExpression) == nil {
                org.report(org.node("province"), "expected a CBS province code such as 'PV23' in 'organisation.province', found '\(province)'")
            }
            org.reportUnknownKeys(known: ["name", "code", "province"])
            fields.absorb(org)
            if let name { organisation = .init(name: name, code: code, province: province) }
        }
        var documentInfo: ProjectConfig.DocumentInfo?
        var documents: [ProjectConfig.DocumentInfo] = []
        if fields.node("documents") != nil {
            if fields.node("document") != nil {
                fields.report(fields.node("document"), "a project has either 'document:' (one document) or 'documents:' (a cycle), not both",
                              hint: "move this document into the list under 'documents:'")
            }
            documents = readDocuments(&fields)
            if documents.isEmpty, !fields.diagnostics.contains(where: { $0.severity == .error }) {
                fields.report(fields.node("documents"), "expected at least one document under 'documents:'")
            }
            documentInfo = documents.last
        } else if var doc = fields.mapping("document", required: true, what: "kind, year and title") {
            let parts = readKindYearTitle(&doc, field: "document")
            doc.reportUnknownKeys(known: ["kind", "year", "title"])
            fields.absorb(doc)
            if let (kind, year, title) = parts { documentInfo = .init(kind: kind, year: year, title: title) }
        }
        let portalTitle = fields.string("portalTitle")
        if portalTitle != nil, documents.isEmpty {
            fields.report(fields.node("portalTitle"), "'portalTitle' is only for a project of several documents ('documents:')")
        }
        var theme = ProjectConfig.Theme()
        if var themeFields = fields.mapping("theme", what: "logo and colours") {
            theme.logo = themeFields.string("logo")
            theme.logoLine = themeFields.line(of: "logo")
            if var colors = themeFields.mapping("colors", what: "primary and accent") {
                theme.primaryColor = readColor(&colors, "primary") ?? theme.primaryColor
                theme.accentColor = readColor(&colors, "accent") ?? theme.accentColor
                colors.reportUnknownKeys(known: ["primary", "accent"])
                themeFields.absorb(colors)
            }
            themeFields.reportUnknownKeys(known: ["logo", "colors"])
            fields.absorb(themeFields)
        }
        let notice = fields.string("notice")
        var baseURL = fields.string("baseURL") ?? "/"
        if let problem = Self.baseURLProblem(baseURL) {
            let node = fields.node("baseURL")
            fields.report(node, "baseURL \(problem)", hint: "write the path where the site is published, e.g. 'baseURL: /jaarverslag-2019/'")
            baseURL = "/"
        }
        if !baseURL.hasPrefix("/") { baseURL = "/" + baseURL }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let threshold = fields.int("disclosureThreshold") ?? 5
        if threshold < 1 {
            fields.report(fields.node("disclosureThreshold"), "expected 'disclosureThreshold' to be 1 or more, found \(threshold)")
        }
        let dataSources = readDataSources(&fields)
        let fetchSources = readFetchSources(&fields)
        var boundaries: [ProjectConfig.BoundarySource] = []
        for item in fields.sequence("boundaries") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: fields.file, firstLine: 1, what: "a boundary file (file, year)", into: &nested) else {
                fields.report(item, "expected each entry of 'boundaries' as 'file:' and 'year:'")
                continue
            }
            let file = entry.string("file", required: true, context: " in 'boundaries'")
            let year = entry.int("year", in: YAMLFields.years, required: true)
            entry.reportUnknownKeys(known: ["file", "year"])
            fields.absorb(entry)
            if let file, let year { boundaries.append(.init(file: file, year: year, line: entry.line)) }
        }
        let incidentSources = readIncidentSources(&fields)
        let neighbourhoods = readNeighbourhoods(&fields)
        let patterns = readPatterns(&fields)
        let money = readMoney(&fields)
        fields.reportUnknownKeys(known: knownKeys)
        diagnostics.append(contentsOf: fields.diagnostics)
        guard let organisation, let documentInfo, !fields.diagnostics.contains(where: { $0.severity == .error }) else {
            return nil
        }
        var config = ProjectConfig(
            organisation: organisation, document: documentInfo, theme: theme, notice: notice, baseURL: baseURL,
            disclosureThreshold: threshold)
        config.documents = documents
        config.portalTitle = portalTitle
        config.dataSources = dataSources
        config.fetchSources = fetchSources
        config.boundaries = boundaries
        config.incidentSources = incidentSources
        config.neighbourhoods = neighbourhoods
        config.patterns = patterns
        config.money = money
        return config
    }

    /// The kind, year and title of a document (`document:` or an entry of `documents:`), or nil
    /// when one is missing or wrong (reported in `entry`).
    private static func readKindYearTitle(_ entry: inout YAMLFields, field: String) -> (DocumentKind, Int, String)? {
        let kindText = entry.string("kind", required: true, context: " in '\(field)'")
        let kind = kindText.flatMap(DocumentKind.init(rawValue:))
        if let kindText, kind == nil {
            entry.report(entry.node("kind"), "unknown document kind '\(kindText)'",
                         hint: "use one of: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let year = entry.int("year", required: true)
        if let year, !(1900...2200).contains(year) {
            entry.report(entry.node("year"), "expected a year such as 2019 in '\(field == "document" ? "document.year" : field)', found \(year)")
        }
        let title = entry.string("title", required: true, context: " in '\(field)'")
        guard let kind, let year, let title, (1900...2200).contains(year) else { return nil }
        return (kind, year, title)
    }

    /// The entries of `documents:`, in the portal's order (by year, then place in the cycle).
    private static func readDocuments(_ fields: inout YAMLFields) -> [ProjectConfig.DocumentInfo] {
        var documents: [ProjectConfig.DocumentInfo] = []
        var keys: [String: Int] = [:]
        for item in fields.sequence("documents") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: fields.file, firstLine: 1, what: "a document (kind, year, title)", into: &nested) else {
                fields.report(item, "expected each entry of 'documents' as 'kind:', 'year:' and 'title:'")
                continue
            }
            let parts = readKindYearTitle(&entry, field: "documents")
            let key = entry.string("key")
            if let key, key.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
                entry.report(entry.node("key"), "expected a key of lowercase letters, digits and single '-', found '\(key)'",
                             hint: "the key is the first part of the document's URLs, e.g. 'jaarverslag-2019'")
            }
            let content = entry.string("content")
            entry.reportUnknownKeys(known: ["kind", "year", "title", "key", "content"])
            fields.absorb(entry)
            guard let (kind, year, title) = parts else { continue }
            var info = ProjectConfig.DocumentInfo(kind: kind, year: year, title: title, key: key, line: entry.line)
            info.contentFolder = content ?? "\(SiteProjectLoader.contentFolderName)/\(info.key)"
            if let first = keys[info.key] {
                entry.report(item, "a second document with the key '\(info.key)'; the first is on line \(first)",
                             hint: "two documents of the same kind and year need their own 'key:'")
                fields.absorb(entry)
                continue
            }
            keys[info.key] = entry.line
            documents.append(info)
        }
        return documents.sorted { ($0.year, $0.kind.cycleRank, $0.key) < ($1.year, $1.kind.cycleRank, $1.key) }
    }

    private static func readDataSources(_ fields: inout YAMLFields) -> [ProjectConfig.DataSource] {
        var sources: [ProjectConfig.DataSource] = []
        for item in fields.sequence("data") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: fields.file, firstLine: 1, what: "a data file (file, table, retrieved)", into: &nested) else {
                fields.report(item, "expected each entry of 'data' as 'file:' with optional 'table:', 'retrieved:', 'publisher:'")
                continue
            }
            let file = entry.string("file", required: true, context: " in a 'data' entry")
            let table = entry.string("table")
            let title = entry.string("title")
            var retrieved: Date?
            if let text = entry.string("retrieved") {
                retrieved = parseDay(text)
                if retrieved == nil {
                    entry.report(entry.node("retrieved"), "expected 'retrieved' as a date YYYY-MM-DD, found '\(text)'")
                }
            }
            let publisher = entry.string("publisher") ?? "CBS"
            let measures = entry.node("measures") == nil ? nil : entry.strings("measures")
            var provisional: Set<Int> = []
            for text in entry.strings("provisional") {
                if let year = Int(text) { provisional.insert(year) } else {
                    entry.report(entry.node("provisional"), "expected 'provisional' as a list of years, found '\(text)'")
                }
            }
            var areaTable: ProjectConfig.AreaTableSettings?
            let format = entry.string("format") ?? "statline"
            if format == "areas" {
                let column = entry.string("areaColumn", required: true, context: " for 'format: areas'")
                let year = entry.int("year", in: YAMLFields.years, required: true)
                if let column, let year {
                    areaTable = .init(areaColumn: column, codeTemplate: entry.string("codeTemplate"), year: year, skip: Set(entry.strings("skip")))
                }
            } else if format != "statline" {
                entry.report(entry.node("format"), "unknown format '\(format)'", hint: "use 'statline' (CBS and police downloads) or 'areas' (one row per area)")
            }
            entry.reportUnknownKeys(known: [
                "file", "table", "title", "retrieved", "publisher", "measures", "provisional", "format", "areaColumn", "codeTemplate", "year",
                "skip",
            ])
            fields.absorb(entry)
            if let file {
                sources.append(.init(
                    file: file, table: table, title: title, retrieved: retrieved, publisher: publisher, measures: measures,
                    provisionalYears: provisional, areaTable: areaTable, line: entry.line))
            }
        }
        return sources
    }

    private static func readFetchSources(_ fields: inout YAMLFields) -> [ProjectConfig.FetchSource] {
        var sources: [ProjectConfig.FetchSource] = []
        for item in fields.sequence("fetch") {
            var nested: [Diagnostic] = []
            guard var entry = YAMLFields(item, file: fields.file, firstLine: 1, what: "a table to fetch", into: &nested) else {
                fields.report(item, "expected each entry of 'fetch' as 'catalog:' and 'table:', with optional 'filter:' and 'select:'")
                continue
            }
            let catalog = entry.string("catalog") ?? "cbs"
            if !["cbs", "politie"].contains(catalog), !(catalog.hasPrefix("https://") || catalog.hasPrefix("http://")) {
                entry.report(entry.node("catalog"), "unknown catalog '\(catalog)'", hint: "use 'cbs', 'politie' or an https:// address")
            }
            let table = entry.string("table", required: true, context: " in a 'fetch' entry")
            if let table, table.range(of: #"^\d{5}[A-Za-z]{3}$"#, options: .regularExpression) == nil {
                entry.report(entry.node("table"), "expected a StatLine table id such as 83648NED, found '\(table)'")
            }
            let filter = entry.string("filter")
            let select = entry.strings("select")
            let title = entry.string("title")
            let publisher = entry.string("publisher") ?? (catalog == "politie" ? "Politie / CBS" : "CBS")
            entry.reportUnknownKeys(known: ["catalog", "table", "filter", "select", "title", "publisher"])
            fields.absorb(entry)
            if let table {
                sources.append(.init(catalog: catalog, table: table, filter: filter, select: select, title: title, publisher: publisher, line: entry.line))
            }
        }
        return sources
    }

    /// "2018-05-17" as noon in Amsterdam on that day, so the Dutch date shown is the same day.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }

    private static func readColor(_ fields: inout YAMLFields, _ key: String) -> String? {
        guard let text = fields.string(key) else { return nil }
        guard text.range(of: #"^#[0-9a-fA-F]{6}$"#, options: .regularExpression) != nil else {
            fields.report(fields.node(key), "expected colour '\(key)' as '#rrggbb', found '\(text)'")
            return nil
        }
        return text.lowercased()
    }

    /// Why `baseURL` is not a plain path on the site's own host, or nil when it is one. A value such as
    /// `//other.host/x` would make the 404 page load its style sheet and script from another host.
    static func baseURLProblem(_ value: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        if value.hasPrefix("//") || value.contains(":") {
            return "must be a path on this site (starting with a single '/'), not an address of another host: found '\(value)'"
        }
        if let bad = value.first(where: { !allowed.contains($0) }) {
            return "may contain only letters, digits and - . _ ~ /: found '\(bad.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? "a control character" : String(bad) } ?? "")'"
        }
        if value.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
            return "may not contain '.' or '..' segments: found '\(value)'"
        }
        return nil
    }
}
