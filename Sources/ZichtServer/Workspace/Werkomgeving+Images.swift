import Foundation
import Hummingbird
import ZichtSources
import ZichtWorkspace

extension Werkomgeving {
    /// The upload form under the editor: an image file and its alt text, which is required.
    func imageForm(file: String, user: User) -> String {
        """
        <section aria-labelledby="afbeelding"><h2 id="afbeelding">Afbeelding toevoegen</h2>
        <p>Een PNG, JPEG, GIF, WebP of SVG van hoogstens 10 MiB. Beschrijf wat erop staat en waarom: dat leest een schermlezer voor, en dat staat er als de afbeelding niet laadt.</p>
        <form method="post" action="\(Self.prefix)/afbeelding" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
        <input type="hidden" name="bestand" value="\(file.html)">
        <p><label for="bestand-afbeelding">Afbeelding</label><br><input id="bestand-afbeelding" name="afbeelding" type="file" accept=".png,.jpg,.jpeg,.gif,.webp,.svg" required></p>
        <p><label for="alt">Beschrijving (alt-tekst, verplicht)</label><br><input id="alt" name="alt" required maxlength="500"></p>
        <p><button type="submit">Uploaden</button></p>
        </form>
        </section>
        """
    }

    /// Stores an uploaded image next to the page (`afbeeldingen/NAME` in the page's folder) as a new
    /// version, after the same checks as the build makes, and gives the line of Markdown that shows it.
    func upload(_ request: Request, user: User) async throws -> Response {
        let form = try await readUpload(request, user: user, limit: ContentImages.maximumBytes, largest: "10 MiB")
        let page = form.fields["bestand"] ?? ""
        let document = await preview.document
        guard (try? WorkspacePaths.validate(page)) != nil, try await store.head(path: page) != nil, mayEdit(user, file: page, document: document) else {
            throw try await deny(user, action: "image.upload", object: page)
        }
        let alt = (form.fields["alt"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let upload = form.files["afbeelding"] else {
            return try await editor(file: page, user: user, notice: "<p class=\"fout\" role=\"alert\">Kies een afbeelding.</p>", status: .badRequest)
        }
        guard !alt.isEmpty else {
            return try await editor(file: page, user: user, notice: "<p class=\"fout\" role=\"alert\">Niet opgeslagen: beschrijf wat er op de afbeelding staat (alt-tekst). Zonder beschrijving kan een schermlezer er niets over zeggen.</p>", status: .badRequest)
        }
        let name = Self.imageName(upload.filename)
        if let problem = ContentImages.problem(name: name, bytes: upload.bytes) {
            _ = try await store.appendAudit(
                AuditEvent(actor: user.account.username, origin: user.origin, action: "image.upload", object: page, result: .failure, detail: problem), at: Self.now)
            return try await editor(file: page, user: user, notice: "<p class=\"fout\" role=\"alert\">Niet opgeslagen: dit is geen bruikbare afbeelding (\(problem.html)).</p>", status: .unprocessableContent)
        }
        let folder = (page as NSString).deletingLastPathComponent
        let path = "\(folder)/afbeeldingen/\(name)"
        let version = try await preview.storeFile(path: path, bytes: upload.bytes, actor: user.account.username, origin: user.origin)
        let markdown = "![\(alt.replacingOccurrences(of: "]", with: ")"))](afbeeldingen/\(name))"
        return try await editor(file: page, user: user, notice: """
            <div class="gelukt" role="status"><p>Afbeelding opgeslagen als <code>\(path.html)</code> (versie \(version.version)). Zet deze regel in de tekst waar de afbeelding moet komen:</p>
            <p><code>\(markdown.html)</code></p></div>
            """)
    }

    /// Reads a form with a file (`multipart/form-data`) of at most `limit` bytes and checks its
    /// CSRF token; a form too large, unreadable or without the session's token is refused (the last audited).
    func readUpload(_ request: Request, user: User, limit: Int, largest: String) async throws -> MultipartForm {
        let form: MultipartForm
        do {
            form = try await MultipartForm.read(request, limit: limit + (64 << 10))
        } catch MultipartForm.Problem.tooLarge {
            throw Refusal(response: Self.text(.contentTooLarge, "Dit bestand is te groot: hoogstens \(largest)."))
        } catch {
            throw Refusal(response: Self.text(.badRequest, "Dit formulier kon niet worden gelezen."))
        }
        guard let sent = form.fields["csrf"], Authenticator.constantTimeEqual(sent, user.session.csrfToken) else {
            _ = try await store.appendAudit(AuditEvent(actor: user.account.username, origin: user.origin, action: "csrf", object: request.uri.path, result: .denied), at: Self.now)
            throw Refusal(response: Self.text(.forbidden, "Dit formulier kon niet worden gecontroleerd. Er is niets opgeslagen."))
        }
        return form
    }

    /// A safe file name from the browser's: the last path part, lowercase, letters, digits, `-`, `_`
    /// and one `.` before the extension.
    static func imageName(_ filename: String) -> String {
        let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "afbeelding"
        let ext = (last as NSString).pathExtension.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let stem = (last as NSString).deletingPathExtension.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_") ? character : "-"
        }
        let cleaned = String(stem.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return "\(cleaned.isEmpty ? "afbeelding" : cleaned).\(ext.isEmpty ? "bin" : ext)"
    }
}
