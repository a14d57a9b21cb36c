import Foundation
import ZichtAnalysis
import ZichtCore
import ZichtEngine
import ZichtSources
import ZichtStats

extension ZichtApp {
    /// `zicht disclosure-audit`: audits the table of published figures in the CSV file at `url`
    /// (see ``auditFigures(csv:threshold:suppress:)``).
    /// - Parameter shownAs: the file's name in messages.
    /// - Throws: ``InputFile/Refusal`` when the file cannot be read, a ``Diagnostic`` when it is
    ///   not UTF-8 text, ``AppError`` naming the line of a malformed row.
    public static func auditFigures(file url: URL, shownAs: String, threshold: Int, suppress: Bool) throws -> String {
        guard let text = String(data: try InputFile.read(url), encoding: .utf8) else {
            throw Diagnostic(file: shownAs, message: "the file is not UTF-8 text", hint: "save the CSV file as UTF-8")
        }
        return try auditFigures(csv: text, threshold: threshold, suppress: suppress)
    }

    /// Audits a table of published figures given as CSV, for analysts who want to check a table
    /// before they publish it, and for the peer check against scipy (Tests/peers/check_disclosure.py).
    ///
    /// Columns: `table,cell,cells,shown,value`. `cells`: the names of the finest cells the figure
    /// adds up, separated by spaces; `shown`: the published number, `<` for "below the threshold"
    /// or `x` for withheld to protect another figure; `value`: the true count (needed with
    /// `suppress` only, else may be empty).
    /// - Returns: CSV `table,cell,shown,lower,upper,protected`, one line per figure shown as `<`,
    ///   after secondary suppression when `suppress` is true (then also the `x` figures it added).
    /// - Throws: ``AppError`` naming the line of a malformed row.
    public static func auditFigures(csv: String, threshold: Int, suppress: Bool) throws -> String {
        var figures: [DisclosureFigure] = []
        var cellIndex: [String: Int] = [:]
        for (number, line) in csv.split(whereSeparator: \.isNewline).enumerated() where number > 0 && !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 4 else { throw AppError("line \(number + 1): expected table,cell,cells,shown,value, found \(fields.count) fields") }
            let cells = fields[2].split(separator: " ").map { name in
                if let index = cellIndex[String(name)] { return index }
                cellIndex[String(name)] = cellIndex.count
                return cellIndex.count - 1
            }
            guard !cells.isEmpty else { throw AppError("line \(number + 1): a figure needs at least one cell in column 'cells'") }
            let value = fields.count > 4 ? Int(fields[4]) : nil
            let state: DisclosureFigure.State
            switch fields[3] {
            case "<": state = .belowThreshold
            case "x": state = .secondary
            default:
                guard let shown = Int(fields[3]), shown >= 0 else {
                    throw AppError("line \(number + 1): expected a count, '<' or 'x' in column 'shown', found '\(fields[3])'")
                }
                state = .published(shown)
            }
            if suppress && value == nil { throw AppError("line \(number + 1): secondary suppression needs the true count in column 'value'") }
            figures.append(DisclosureFigure(table: fields[0], cell: fields[1], cells: cells, state: state, value: value ?? 0))
        }
        var audit = DisclosureAudit(threshold: threshold, figures: figures)
        do {
            if suppress { try audit.suppressSecondarily() }
            let intervals = try audit.intervals()
            var lines = ["table,cell,shown,lower,upper,protected"]
            for (index, figure) in audit.figures.enumerated() {
                let shown: String = switch figure.state {
                case .published(let value): String(value)
                case .belowThreshold: "<"
                case .secondary: "x"
                }
                if let interval = intervals[index] {
                    lines.append("\(figure.table),\(figure.cell),\(shown),\(interval.lower),\(interval.upper),\(audit.isProtected(interval) ? "yes" : "no")")
                } else if figure.state == .secondary {
                    lines.append("\(figure.table),\(figure.cell),\(shown),,,")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        } catch {
            throw AppError("the published figures contradict each other (no counts fit them all), in table '\(figures[error.figures.first ?? 0].table)'")
        }
    }
}
