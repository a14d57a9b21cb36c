import Foundation
import ZichtCore
import ZichtGeo

/// Reads an incident file and checks every row.
///
/// Columns (`,` or `;`): `id`, `date` (YYYY-MM-DD), optionally `time` (HH:MM), `type`, and a location as
/// `x`,`y` (RD New, metres), `lat`,`lon` (WGS84, converted to RD New) or `buurt` (an area code).
/// Every problem is reported with file, line and column; reading stops after 50.
public enum IncidentReader {
    public static let maximumDiagnostics = 50

    /// - Parameters:
    ///   - knownTypes: the accepted types; nil accepts police SoortMisdrijf codes such as "1.1.1".
    /// - Throws: ``StatLineCSVError`` when the file cannot be opened or is not CSV, else
    ///   ``DiagnosticsError`` listing the problems found.
    public static func read(url: URL, displayName: String, knownTypes: Set<String>? = nil) throws -> [Incident] {
        let reader = try StatLineCSVReader(url: url, displayName: displayName)
        let header = reader.header
        func column(_ name: String) -> Int? { header.firstIndex { $0.lowercased() == name } }
        var diagnostics: [Diagnostic] = []
        let id = column("id"), date = column("date"), type = column("type"), time = column("time")
        let x = column("x"), y = column("y"), lat = column("lat"), lon = column("lon"), buurt = column("buurt")
        for (name, index) in [("id", id), ("date", date), ("type", type)] where index == nil {
            diagnostics.append(Diagnostic(
                file: displayName, line: 1, message: "missing column '\(name)'",
                hint: "an incident file has the columns id, date, type and a location (x and y, lat and lon, or buurt)"))
        }
        let hasRD = x != nil && y != nil, hasWGS = lat != nil && lon != nil
        if !hasRD && !hasWGS && buurt == nil {
            diagnostics.append(Diagnostic(
                file: displayName, line: 1, message: "no location columns",
                hint: "give x and y (RD New), lat and lon (WGS84), or buurt (a buurt code)"))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }

        var incidents: [Incident] = []
        var seenIDs: [String: Int] = [:]
        do {
            try reader.forEachRow { row in
                guard diagnostics.count < maximumDiagnostics else { return }
                let line = row.line
                var rowProblems: [Diagnostic] = []
                let problem = { (column: Int, message: String, hint: String?) in
                    rowProblems.append(Diagnostic(file: displayName, line: line, column: column + 1, message: message, hint: hint))
                }
                let identifier = row.string(id!)
                if identifier.isEmpty { problem(id!, "empty id", nil) }
                if let first = seenIDs[identifier] {
                    problem(id!, "duplicate id '\(identifier)'; it is also on line \(first)", "every incident needs its own id")
                } else {
                    seenIDs[identifier] = row.line
                }
                let dateText = row.string(date!)
                let parts = dateText.split(separator: "-").compactMap { Int($0) }
                var valid = parts.count == 3 && dateText.count == 10
                if valid {
                    var calendar = Calendar(identifier: .gregorian)
                    calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
                    let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
                    valid = components.isValidDate(in: calendar) && (1900...2200).contains(parts[0])
                }
                if !valid { problem(date!, "expected a date as YYYY-MM-DD, found '\(dateText)'", nil) }
                var minute: Int?
                if let time {
                    let text = row.string(time)
                    if !text.isEmpty {
                        let hm = text.split(separator: ":").compactMap { Int($0) }
                        if hm.count >= 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) {
                            minute = hm[0] * 60 + hm[1]
                        } else {
                            problem(time, "expected a time as HH:MM, found '\(text)'", nil)
                        }
                    }
                }
                let typeText = row.string(type!)
                if let knownTypes {
                    if !knownTypes.contains(typeText) {
                        problem(type!, "unknown type '\(typeText)'", "known types: \(knownTypes.sorted().joined(separator: ", "))")
                    }
                } else if typeText.range(of: #"^\d\.\d\.\d{1,2}$"#, options: .regularExpression) == nil {
                    problem(type!, "expected a police SoortMisdrijf code such as 1.1.1, found '\(typeText)'",
                            "map local categories to codes, or declare them as known types")
                } else if !PoliceCrimeTypes.codes.contains(typeText) {
                    problem(type!, "'\(typeText)' is not a police SoortMisdrijf code",
                            "the codes run from 1.1.1 to 3.9.3 (police open data, table 47013NED); check for a typing error")
                }
                var location: Incident.Location?
                let xs = hasRD ? row.string(x!) : "", ys = hasRD ? row.string(y!) : ""
                let las = hasWGS ? row.string(lat!) : "", los = hasWGS ? row.string(lon!) : ""
                let area = buurt.map { row.string($0) } ?? ""
                if hasRD, !xs.isEmpty || !ys.isEmpty {
                    if let xv = Double(xs), let yv = Double(ys) {
                        if (0...300_000).contains(xv) && (300_000...625_000).contains(yv) {
                            location = .rd(x: xv, y: yv)
                        } else {
                            problem(x!, "RD coordinates (\(xs), \(ys)) lie outside the Netherlands",
                                    "x runs from 0 to 300000 and y from 300000 to 625000 metres")
                        }
                    } else {
                        problem(Double(xs) == nil ? x! : y!, "expected RD coordinates as numbers, found '\(xs)', '\(ys)'", nil)
                    }
                } else if hasWGS, !las.isEmpty || !los.isEmpty {
                    if let la = Double(las), let lo = Double(los), (50...54).contains(la), (3...8).contains(lo) {
                        let point = RDNew.point(from: LatLon(latitude: la, longitude: lo))
                        location = .rd(x: point.x, y: point.y)
                    } else {
                        problem(lat!, "expected WGS84 latitude 50–54 and longitude 3–8, found '\(las)', '\(los)'", nil)
                    }
                } else if !area.isEmpty {
                    location = .area(area)
                } else {
                    problem(hasRD ? x! : (hasWGS ? lat! : buurt!), "no location", nil)
                }
                diagnostics.append(contentsOf: rowProblems)
                if valid, let location, rowProblems.isEmpty, diagnostics.isEmpty {
                    incidents.append(Incident(
                        id: identifier, year: parts[0], month: parts[1], day: parts[2], minuteOfDay: minute, type: typeText,
                        location: location, line: row.line))
                }
            }
        } catch let error as StatLineCSVError {
            diagnostics.append(error.diagnostic)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return incidents
    }
}
