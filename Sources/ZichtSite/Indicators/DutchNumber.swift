import Foundation

/// Numbers as Dutch readers write them: decimal comma, a dot between thousands ("1.234,5").
public enum DutchNumber {
    public static func format(_ value: Double, decimals: Int) -> String {
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        let negative = rounded < 0
        let text = String(format: "%.\(decimals)f", abs(rounded))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "." + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        let result = parts.count > 1 ? "\(grouped),\(parts[1])" : grouped
        return negative && rounded != 0 ? "−" + result : result
    }

    /// A plain decimal-point number for CSV and JSON: "6.5".
    public static func machine(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
