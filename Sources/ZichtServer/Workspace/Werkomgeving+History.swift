import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtCore
import ZichtWorkspace

extension Werkomgeving {
    /// What changed between two versions of a text, line by line (Swift's Myers difference): the
    /// lines taken out, with their number in the older version, and the lines put in, with their
    /// number in the newer one.
    static func lineDifference(from old: String, to new: String) -> (removed: [(Int, String)], inserted: [(Int, String)])? {
        let oldLines = old.components(separatedBy: "\n"), newLines = new.components(separatedBy: "\n")
        guard oldLines.count <= 5_000, newLines.count <= 5_000 else { return nil }
        var removed: [(Int, String)] = [], inserted: [(Int, String)] = []
        for change in newLines.difference(from: oldLines) {
            switch change {
            case .remove(let offset, let line, _): removed.append((offset + 1, line))
            case .insert(let offset, let line, _): inserted.append((offset + 1, line))
            }
        }
        return (removed.sorted { $0.0 < $1.0 }, inserted.sorted { $0.0 < $1.0 })
    }

    /// The difference of version `number` against the version before it, as HTML.
    func differenceSection(file: String, number: Int) async throws -> String {
        guard number > 1, let older = try await store.version(path: file, number: number - 1), let newer = try await store.version(path: file, number: number),
              let oldBytes = older.bytes, let newBytes = newer.bytes
        else { return "" }
        guard let difference = Self.lineDifference(from: String(decoding: oldBytes, as: UTF8.self), to: String(decoding: newBytes, as: UTF8.self)) else {
            return "<p>Deze versies zijn te lang om regel voor regel te vergelijken.</p>"
        }
        func list(_ lines: [(Int, String)]) -> String {
            lines.isEmpty ? "<p>Geen.</p>" : "<ul class=\"verschil\">" + lines.map { "<li><span class=\"regel\">regel \($0.0):</span> <code>\($0.1.html)</code></li>" }.joined() + "</ul>"
        }
        return """
            <h2>Wat er veranderde ten opzichte van versie \(number - 1)</h2>
            <h3>Weggehaald</h3>\(list(difference.removed))
            <h3>Toegevoegd</h3>\(list(difference.inserted))
            """
    }

    /// The form that puts an older version back as the newest.
    func restoreForm(file: String, number: Int, user: User, document: Document?) -> String {
        guard Workflow.isPage(file), mayEdit(user, file: file, document: document) else { return "" }
        return """
            <form method="post" action="\(Self.prefix)/herstellen">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <input type="hidden" name="bestand" value="\(file.html)">
            <input type="hidden" name="versie" value="\(number)">
            <p><button type="submit">Versie \(number) terugzetten</button> (wordt een nieuwe versie; er gaat niets verloren)</p>
            </form>
            """
    }

    /// Saves the text of an older version as the next version, checked by a build like any save.
    func restore(form: FormData, user: User) async throws -> Response {
        let file = form["bestand"] ?? ""
        let document = await preview.document
        guard Workflow.isPage(file), let number = form["versie"].flatMap(Int.init), mayEdit(user, file: file, document: document),
              let old = try await store.version(path: file, number: number), let bytes = old.bytes, let head = try await store.head(path: file)
        else { throw try await deny(user, action: "restore", object: file) }
        switch try await preview.save(path: file, bytes: bytes, base: head.version, actor: user.account.username, origin: user.origin) {
        case .saved(let version, _):
            return Self.redirect("\(Self.prefix)/bewerken?bestand=\(Self.query(file))&teruggezet=\(number)&versie=\(version.version)")
        case .rejected(let diagnostics):
            let items = diagnostics.map { "<li>\($0.description.html)</li>" }.joined()
            return try await editor(file: file, user: user, notice: """
                <div class="fout" role="alert"><p>Versie \(number) kan niet terug: met die tekst kan de site nu niet worden gebouwd.</p><ul>\(items)</ul></div>
                """, status: .unprocessableContent)
        }
    }

    /// The whole audit log as CSV (RFC 4180, cells that a spreadsheet would read as a formula
    /// neutralised), for the beheerder; the download itself is audited.
    func auditCSV(user: User) async throws -> Response {
        guard Rights.allows(user.account, .readAudit) else { throw try await deny(user, action: "audit.export", object: "audit") }
        _ = try await store.appendAudit(AuditEvent(actor: user.account.username, origin: user.origin, action: "audit.export", object: "audit", result: .success), at: Self.now)
        var csv = "sequence,time_utc,actor,origin,action,object,result,detail,previous_hash,hash\r\n"
        for entry in try await store.allAuditEntries() {
            let fields = [
                String(entry.sequence), Self.time(entry.time), entry.actor, entry.origin, entry.action, entry.object, entry.result.rawValue,
                entry.detail, entry.previousHash, entry.hash,
            ]
            csv += fields.map(CSVText.field).joined(separator: ",") + "\r\n"
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"auditlog.csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
    }
}
