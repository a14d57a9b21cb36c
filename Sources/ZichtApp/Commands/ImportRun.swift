import Foundation
import ZichtEngine
import ZichtStore

/// `zicht import`: StatLine CSV files or incident lists into a project's snapshot, and the lines
/// the terminal shows for them.
public struct ImportRun: Sendable {
    /// One or two lines per file: what was imported, or that it was imported before.
    public var lines: [String]

    /// Imports StatLine CSV files, each in its own transaction; stops at the first bad file,
    /// keeping the ones before it (see ``ZichtApp/importFiles(project:files:table:retrieved:publisher:)``).
    public static func tables(project: URL, files: [URL], table: String?, retrieved: Date?, publisher: String) throws -> ImportRun {
        let results = try ZichtApp.importFiles(project: project, files: files, table: table, retrieved: retrieved, publisher: publisher)
        return ImportRun(lines: results.map { result in
            switch result.outcome {
            case .imported(let rows): "\(result.file): \(rows) observations imported"
            case .alreadyImported: "\(result.file): imported before, nothing changed"
            }
        })
    }

    /// Imports incident lists, one file after the other (see ``ZichtApp/importIncidents(project:file:knownTypes:)``);
    /// lists up to 20 lines of incidents outside every buurt per file. Each file's lines go to
    /// `terminal` as soon as it is imported, so they are shown also when a later file fails.
    /// - Parameter shownAs: the files' names as the user gave them, in the same order.
    @discardableResult
    public static func incidents(project: URL, files: [URL], shownAs: [String], terminal: Terminal = .standard) throws -> ImportRun {
        var lines: [String] = []
        for (file, name) in zip(files, shownAs) {
            let result = try ZichtApp.importIncidents(project: project, file: file)
            let first = lines.count
            lines.append("\(name): \(result.incidents) incidents, \(result.assigned) placed in a buurt, \(result.outsideLines.count) outside every buurt")
            if !result.outsideLines.isEmpty {
                let listed = result.outsideLines.prefix(20).map(String.init).joined(separator: ", ")
                lines.append("  outside every buurt: lines \(listed)\(result.outsideLines.count > 20 ? ", …" : "")")
            }
            for line in lines[first...] { terminal.say(line) }
        }
        return ImportRun(lines: lines)
    }
}
