import ZichtCore
import Foundation
import ZichtGeo

/// Writes simulated incidents in Zicht's incident import format (``IncidentReader``):
/// `id,date,time,type,x,y` with the date as YYYY-MM-DD, the time as HH:MM, the police SoortMisdrijf
/// code and RD New coordinates in metres with two decimals.
///
/// The format has no room for a comment line (the first line must be the header), so the label
/// "gesimuleerd" is carried by the ids (`SIM-000001`) and by the truth file next to the CSV.
public enum IncidentCSV {
    public static let header = "id,date,time,type,x,y"

    /// The CSV text, LF line ends, ending in a newline.
    public static func text(_ incidents: [SimulatedIncident]) -> String {
        var text = header + "\n"
        text.reserveCapacity(incidents.count * 48)
        for incident in incidents {
            text += incident.id
            text += ","
            text += CivilDate(year: incident.year, month: incident.month, day: incident.day).description
            text += ","
            text += zeroPadded(incident.minuteOfDay / 60, 2) + ":" + zeroPadded(incident.minuteOfDay % 60, 2)
            text += ","
            text += incident.type
            text += ","
            text += centimetres(incident.point.x)
            text += ","
            text += centimetres(incident.point.y)
            text += "\n"
        }
        return text
    }

    /// The CSV as UTF-8 bytes.
    public static func data(_ incidents: [SimulatedIncident]) -> Data {
        Data(text(incidents).utf8)
    }

    /// A non-negative coordinate with exactly two decimals, written from its whole number of
    /// centimetres, so the text does not depend on a number formatter.
    static func centimetres(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        return sign + String(magnitude / 100) + "." + zeroPadded(magnitude % 100, 2)
    }
}
