import Foundation
import ZichtCore

/// Turns TypedDataSet rows from the OData API into observations, by the same rules as
/// ``StatLineTableReader``: `ID` is skipped, `RegioS`/`WijkenEnBuurten`/`Gemeenten` is the region,
/// `Perioden` the period, fields ending in `_<number>` are measures, other text fields dimensions.
public enum ODataTableMapper {
    public struct MappingError: DiagnosticConvertible, CustomStringConvertible, Sendable {
        public var description: String
        public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
    }

    /// Maps rows; keys are trimmed of their padding, `null` becomes unknown.
    /// - Throws: ``MappingError`` when a row has no region or period, or a measure holds text.
    public static func observations(_ rows: [ODataRow], tableID: String, source: String) throws -> [Observation] {
        var result: [Observation] = []
        result.reserveCapacity(rows.count * 2)
        for (index, row) in rows.enumerated() {
            let where_ = "\(source), row \(index + 1)"
            guard let regionName = row.names.first(where: { StatLineTableReader.regionColumns.contains($0) }),
                let region = row[regionName]?.trimmedString
            else { throw MappingError(description: "\(where_): no region field (RegioS, WijkenEnBuurten or Gemeenten)") }
            guard let periodText = row["Perioden"]?.trimmedString, let period = Period(code: periodText) else {
                throw MappingError(description: "\(where_): expected 'Perioden' such as 2015JJ00, found \(row["Perioden"]?.description ?? "nothing")")
            }
            var dimensions: [String: String] = [:]
            var measures: [(String, ObservedValue)] = []
            for (name, value) in row.fields where name != "ID" && name != regionName && name != "Perioden" {
                if name.range(of: #"_\d+$"#, options: .regularExpression) != nil {
                    switch value {
                    case .number(let number): measures.append((name, .number(number)))
                    case .null: measures.append((name, .unknown))
                    case .string(let text):
                        // OData v3 may write 64-bit integers and decimals as strings.
                        let trimmed = text.trimmingCharacters(in: .whitespaces)
                        if trimmed.isEmpty { measures.append((name, .empty)) } else if let number = Double(trimmed) {
                            measures.append((name, .number(number)))
                        } else if trimmed == "." {
                            measures.append((name, .unknown))
                        } else {
                            throw MappingError(description: "\(where_): measure '\(name)' holds '\(text)', expected a number or null")
                        }
                    }
                } else if let text = value.trimmedString {
                    dimensions[name] = text
                }
            }
            for (measure, value) in measures {
                result.append(Observation(tableID: tableID, measure: measure, dimensions: dimensions, region: region, period: period, value: value))
            }
        }
        return result
    }
}
