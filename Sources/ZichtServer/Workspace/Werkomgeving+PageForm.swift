import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZichtCore
import ZichtSources
import ZichtWorkspace

/// The page editor as a form: the front-matter fields as inputs, the Markdown per section, the
/// build's problems at the input they come from, and a preview of the unsaved text rendered by the
/// site's own renderer (``PreviewSite/draft(path:text:)``), in a frame beside the form. Without
/// JavaScript the preview comes with a button; with it (`bewerken.js`) it follows the typing.
extension Werkomgeving {
    typealias Part = ContentForm.Part

    /// The id of a part's input, which problems link to.
    static func inputID(_ part: Part) -> String {
        switch part {
        case .field(.title): "veld-titel"
        case .field(.subtitle): "veld-ondertitel"
        case .field(.criteria): "veld-criteria"
        case .field(.indicatoren): "veld-indicatoren"
        case .field(.kaders): "veld-kaders"
        case .field(.portefeuillehouder): "veld-ph-naam"
        case .otherFields: "veld-overige"
        case .introduction: "veld-inleiding"
        case .section(let index): "veld-sectie-\(index)-tekst"
        }
    }

    /// The fields a page of `kind` shows: criteria, indicators and kaders belong to goals, and are
    /// shown on another page only when it has them.
    static func shownFields(_ form: ContentForm, kind: NodeKind?) -> [ContentForm.Field] {
        form.fields.sorted().filter { field in
            switch field {
            case .criteria: kind == .doel || !form.criteria.isEmpty
            case .indicatoren: kind == .doel || !form.indicatorIDs.isEmpty
            case .kaders: kind == .doel || !form.kaders.isEmpty
            default: true
            }
        }
    }

    /// The form as sent, over the form of the version the author started from (whose hidden
    /// fields it keeps). Counts are bounded, so a hostile form cannot make the server loop long.
    static func contentForm(from data: FormData, base: ContentForm, shown: [ContentForm.Field]) -> ContentForm {
        func value(_ name: String) -> String { (data[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
        func count(_ name: String, limit: Int) -> Int { min(max(Int(data[name] ?? "") ?? 0, 0), limit) }
        var form = base
        for field in shown {
            switch field {
            case .title: form.title = value("titel")
            case .subtitle: form.subtitle = value("ondertitel")
            case .criteria: form.criteria = value("criteria").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case .indicatoren: form.indicatorIDs = (0..<count("indicatoren-aantal", limit: 1000)).compactMap { data["indicator-\($0)"] }
            case .kaders:
                form.kaders = (0..<count("kaders-aantal", limit: 500)).map {
                    ContentForm.Kader(title: ContentForm.oneLine(value("kader-\($0)-titel")), target: ContentForm.oneLine(value("kader-\($0)-doel")))
                }.filter { !$0.title.isEmpty || !$0.target.isEmpty }
            case .portefeuillehouder:
                form.holderName = ContentForm.oneLine(value("ph-naam"))
                form.holderRole = ContentForm.oneLine(value("ph-functie"))
            }
        }
        form.otherFields = value("overige")
        form.introduction = value("inleiding")
        form.sections = (0..<count("secties-aantal", limit: 2000)).map {
            ContentForm.Section(heading: ContentForm.oneLine(value("sectie-\($0)-kop")), text: value("sectie-\($0)-tekst"))
        }
        return form
    }

    /// Problems placed at the part of the form their line (or field) is in; the rest are general.
    struct PlacedProblems {
        var atPart: [Part: [String]] = [:]
        var general: [String] = []
        var isEmpty: Bool { atPart.isEmpty && general.isEmpty }
        var count: Int { atPart.values.map(\.count).reduce(0, +) + general.count }
    }

    static func place(_ diagnostics: [Diagnostic], in file: String, lines: [(part: Part, lines: ClosedRange<Int>)]) -> PlacedProblems {
        var placed = PlacedProblems()
        for diagnostic in diagnostics {
            let text = diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? "")
            var part: Part?
            if diagnostic.file == file {
                if let line = diagnostic.line { part = lines.first { $0.lines.contains(line) }?.part }
                if part == nil, let name = diagnostic.field?.split(separator: ".").first, let field = ContentForm.Field(rawValue: String(name)) {
                    part = .field(field)
                }
            }
            if let part {
                placed.atPart[part, default: []].append(text)
            } else {
                let place = [diagnostic.line.map { "regel \($0)" }, diagnostic.column.map { "kolom \($0)" }].compactMap { $0 }.joined(separator: ", ")
                placed.general.append("\(diagnostic.file)\(place.isEmpty ? "" : " (\(place))"): \(text)")
            }
        }
        return placed
    }

    // MARK: The form

    func formEditor(
        file: String, user: User, form: ContentForm, base: Int, notice: String = "", problems: PlacedProblems = PlacedProblems(),
        draftPath: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let document = await preview.document
        let node = node(for: file, in: document)
        let title = node?.shortTitle ?? file
        let shown = Self.shownFields(form, kind: node?.kind)
        var framePath = draftPath ?? ""
        if draftPath == nil, let node { framePath = await preview.sitePath(of: node.id) ?? "" }
        var summary = ""
        if !problems.isEmpty {
            let links = problems.atPart.sorted { Self.inputID($0.key) < Self.inputID($1.key) }.flatMap { part, messages in
                messages.map { "<li><a href=\"#\(Self.inputID(part))\">\(Self.partName(part, form: form).html)</a>: <span lang=\"en\">\($0.html)</span></li>" }
            } + problems.general.map { "<li><span lang=\"en\">\($0.html)</span></li>" }
            summary = """
                <div class="fout" role="alert" id="problemen"><h2>Niet opgeslagen: \(problems.count == 1 ? "er is 1 probleem" : "er zijn \(problems.count) problemen")</h2>
                <p>Uw tekst staat nog in het formulier. De meldingen komen van de controle die ook <code>zicht build</code> doet (in het Engels); ze staan ook bij het veld.</p>
                <ul>\(links.joined())</ul></div>
                """
        }
        func error(_ part: Part) -> (attributes: String, message: String) {
            guard let messages = problems.atPart[part] else { return ("", "") }
            let id = "fout-\(Self.inputID(part))"
            return (" aria-invalid=\"true\" aria-describedby=\"\(id)\"",
                    "<p class=\"veldfout\" id=\"\(id)\"><strong>Probleem:</strong> <span lang=\"en\">\(messages.joined(separator: " ").html)</span></p>")
        }
        var fields: [String] = []
        for field in shown {
            let part = Part.field(field)
            let (invalid, message) = error(part)
            switch field {
            case .title:
                fields.append("""
                    <p><label for="veld-titel">Titel</label>\(message)<input type="text" id="veld-titel" name="titel" value="\(form.title.html)" required\(invalid)></p>
                    """)
            case .subtitle:
                fields.append("""
                    <p><label for="veld-ondertitel">Ondertitel: het doel in één zin</label>\(message)<textarea id="veld-ondertitel" name="ondertitel" rows="2"\(invalid)>\n\(form.subtitle.html)</textarea></p>
                    """)
            case .criteria:
                fields.append("""
                    <p><label for="veld-criteria">Criteria: waaraan ziet u dat het doel is bereikt? (één per regel)</label>\(message)<textarea id="veld-criteria" name="criteria" rows="\(max(3, form.criteria.count + 1))"\(invalid)>\n\(form.criteria.joined(separator: "\n").html)</textarea></p>
                    """)
            case .indicatoren:
                let definitions = await preview.indicatorDefinitions
                let titles = Dictionary(definitions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
                let listed = form.indicatorIDs + definitions.map(\.id).filter { !form.indicatorIDs.contains($0) }.sorted()
                let boxes = listed.enumerated().map { index, id in
                    """
                    <li><input type="checkbox" id="indicator-\(index)" name="indicator-\(index)" value="\(id.html)"\(form.indicatorIDs.contains(id) ? " checked" : "")> <label for="indicator-\(index)">\((titles[id] ?? "onbekende indicator").html) <code>\(id.html)</code></label></li>
                    """
                }
                fields.append("""
                    <fieldset id="veld-indicatoren" tabindex="-1"\(invalid)><legend>Indicatoren op deze pagina (de aangevinkte, in deze volgorde)</legend>\(message)
                    <input type="hidden" name="indicatoren-aantal" value="\(listed.count)">
                    <ul class="keuzes">\(boxes.joined(separator: "\n"))</ul></fieldset>
                    """)
            case .kaders:
                let rows = (form.kaders + [ContentForm.Kader(title: "", target: ""), ContentForm.Kader(title: "", target: "")]).enumerated().map { index, kader in
                    """
                    <div class="kader"><p><label for="kader-\(index)-titel">Kader \(index + 1): titel</label><input type="text" id="kader-\(index)-titel" name="kader-\(index)-titel" value="\(kader.title.html)"></p>
                    <p><label for="kader-\(index)-doel">Kader \(index + 1): link (https://…) of nummer van een pagina (7.2)</label><input type="text" id="kader-\(index)-doel" name="kader-\(index)-doel" value="\(kader.target.html)"></p></div>
                    """
                }
                fields.append("""
                    <fieldset id="veld-kaders" tabindex="-1"\(invalid)><legend>Kaders: beleid en besluiten waarop het doel rust (laat een rij leeg om haar weg te laten)</legend>\(message)
                    <input type="hidden" name="kaders-aantal" value="\(rows.count)">
                    \(rows.joined(separator: "\n"))</fieldset>
                    """)
            case .portefeuillehouder:
                fields.append("""
                    <fieldset><legend>Portefeuillehouder</legend>\(message)
                    <p><label for="veld-ph-naam">Naam</label><input type="text" id="veld-ph-naam" name="ph-naam" value="\(form.holderName.html)"\(invalid)></p>
                    <p><label for="veld-ph-functie">Functie</label><input type="text" id="veld-ph-functie" name="ph-functie" value="\(form.holderRole.html)"></p></fieldset>
                    """)
            }
        }
        let other = error(.otherFields)
        let intro = error(.introduction)
        let sections = (form.sections + [ContentForm.Section(heading: "", text: "")]).enumerated().map { index, section in
            let (invalid, message) = error(.section(index))
            let isNew = index == form.sections.count
            return """
                <fieldset class="sectie"><legend>\(isNew ? "Nieuwe sectie (laat leeg als u er geen nodig hebt)" : "Sectie \(index + 1)")</legend>\(message)
                <p><label for="veld-sectie-\(index)-kop">Kop</label><input type="text" id="veld-sectie-\(index)-kop" name="sectie-\(index)-kop" value="\(section.heading.html)"></p>
                <p><label for="veld-sectie-\(index)-tekst">Tekst (Markdown)</label><textarea id="veld-sectie-\(index)-tekst" name="sectie-\(index)-tekst" rows="\(min(30, max(4, section.text.split(separator: "\n").count + 2)))"\(invalid)>\n\(section.text.html)</textarea></p>
                </fieldset>
                """
        }
        let frameSource = "\(Self.prefix)/concept/\(Self.pathQuery(framePath))"
        return Self.page(status: status, title: "Bewerken: \(title)", account: user.account, csrf: user.session.csrfToken, body: """
            <h1>Bewerken: \(title.html)</h1>
            \(notice)
            \(summary)
            <p>Bestand <code>\(file.html)</code>, u begon bij versie \(base). <a href="\(Self.prefix)/geschiedenis?bestand=\(Self.query(file))">Alle versies</a> · <a href="\(Self.prefix)/bewerken?bestand=\(Self.query(file))&amp;als=tekst">Als tekst bewerken</a></p>
            <div class="bewerken">
            <form method="post" action="\(Self.prefix)/bewerken" id="paginaformulier" data-concept="\(Self.prefix)/concept">
            <input type="hidden" name="csrf" value="\(user.session.csrfToken.html)">
            <input type="hidden" name="bestand" value="\(file.html)">
            <input type="hidden" name="basis" value="\(base)">
            <input type="hidden" name="formulier" value="1">
            <fieldset><legend>Kenmerken</legend>
            \(fields.joined(separator: "\n"))
            <details\(other.message.isEmpty ? "" : " open")><summary>Overige kenmerken (YAML: nummer, soort, plaats in de boom, kaarten, streefwaarden)</summary>
            <p><label for="veld-overige">Overige kenmerken</label>\(other.message)<textarea id="veld-overige" name="overige" rows="\(min(40, max(4, form.otherFields.split(separator: "\n").count + 1)))" spellcheck="false"\(other.attributes)>\n\(form.otherFields.html)</textarea></p>
            </details>
            </fieldset>
            <fieldset><legend>Tekst</legend>
            <input type="hidden" name="secties-aantal" value="\(form.sections.count + 1)">
            <p><label for="veld-inleiding">Inleiding, boven de eerste sectie (Markdown)</label>\(intro.message)<textarea id="veld-inleiding" name="inleiding" rows="\(max(3, form.introduction.split(separator: "\n").count + 1))"\(intro.attributes)>\n\(form.introduction.html)</textarea></p>
            \(sections.joined(separator: "\n"))
            </fieldset>
            <p class="knoppen"><button type="submit">Opslaan</button> <button type="submit" formaction="\(Self.prefix)/concept">Voorbeeld bijwerken</button></p>
            </form>
            <section class="concept" aria-labelledby="concept-kop">
            <h2 id="concept-kop">Voorbeeld van uw tekst</h2>
            <p id="concept-status" role="status">\(draftPath == nil ? "Het voorbeeld toont de laatst opgeslagen versie. Met de knop Voorbeeld bijwerken (of vanzelf, terwijl u typt) ziet u uw wijzigingen voordat u opslaat." : "Het voorbeeld toont uw wijzigingen; ze zijn nog niet opgeslagen.")</p>
            <iframe id="concept-frame" src="\(frameSource.html)" title="Voorbeeld van de pagina zoals de site haar toont" sandbox="allow-same-origin"></iframe>
            </section>
            </div>
            <script src="\(Self.prefix)/bewerken.js" defer></script>
            \(imageForm(file: file, user: user))
            \(try await workflowSection(file: file, user: user))
            """)
    }

    /// A part's name in the list of problems.
    static func partName(_ part: Part, form: ContentForm) -> String {
        switch part {
        case .field(.title): "Titel"
        case .field(.subtitle): "Ondertitel"
        case .field(.criteria): "Criteria"
        case .field(.indicatoren): "Indicatoren"
        case .field(.kaders): "Kaders"
        case .field(.portefeuillehouder): "Portefeuillehouder"
        case .otherFields: "Overige kenmerken"
        case .introduction: "Inleiding"
        case .section(let index):
            index < form.sections.count && !form.sections[index].heading.isEmpty ? "Sectie \(index + 1) (\(form.sections[index].heading))" : "Sectie \(index + 1)"
        }
    }

    /// A site path in an address: each segment percent-encoded, the slashes kept.
    static func pathQuery(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { query(String($0)) }.joined(separator: "/")
    }

    // MARK: Saving and previewing the form

    /// The version the author started from, its text and its form; nil when the form cannot be
    /// used for it (no front matter).
    func formBase(file: String, base: Int) async throws -> (text: String, form: ContentForm)? {
        guard let version = try await store.version(path: file, number: base), let bytes = version.bytes else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return ContentForm(parsing: text).map { (text, $0) }
    }

    func saveForm(form data: FormData, user: User) async throws -> Response {
        let file = data["bestand"] ?? ""
        let document = await preview.document
        guard (try? WorkspacePaths.validate(file)) != nil, try await store.head(path: file) != nil, mayEdit(user, file: file, document: document) else {
            throw try await deny(user, action: "save", object: file)
        }
        guard let base = data["basis"].flatMap(Int.init), let (original, baseForm) = try await formBase(file: file, base: base) else {
            return Self.text(.badRequest, "Het veld 'basis' ontbreekt of noemt geen versie van deze pagina die met het formulier te bewerken is.")
        }
        let form = Self.contentForm(from: data, base: baseForm, shown: Self.shownFields(baseForm, kind: node(for: file, in: document)?.kind))
        let own = form.problems
        guard own.isEmpty else {
            var problems = PlacedProblems()
            for problem in own { problems.atPart[problem.part, default: []].append(problem.message) }
            return try await formEditor(file: file, user: user, form: form, base: base, problems: problems, status: .unprocessableContent)
        }
        let written = form.text(replacing: original)
        do {
            switch try await preview.save(path: file, bytes: Data(written.text.utf8), base: base, actor: user.account.username, origin: user.origin) {
            case .saved(let version, let milliseconds):
                return Self.redirect("\(Self.prefix)/bewerken?bestand=\(Self.query(file))&opgeslagen=\(version.version)&ms=\(Int(milliseconds.rounded()))")
            case .rejected(let diagnostics):
                return try await formEditor(
                    file: file, user: user, form: form, base: base, problems: Self.place(diagnostics, in: file, lines: written.lines), status: .unprocessableContent)
            }
        } catch let error as WorkspaceError {
            guard case .conflict(_, _, let head) = error else { throw error }
            let theirs = try await store.version(path: file, number: head)
            return try await formEditor(file: file, user: user, form: form, base: head, notice: conflictNotice(head: head, theirs: theirs), status: .conflict)
        }
    }

    func conflictNotice(head: Int, theirs: FileVersion?) -> String {
        """
        <div class="fout" role="alert">
        <p>Niet opgeslagen: \(theirs?.savedBy.html ?? "iemand anders") heeft deze pagina opgeslagen (versie \(head)) nadat u begon. Uw tekst is bewaard als conflictkopie en staat hieronder; de tekst van versie \(head) staat ernaast. Neem over wat u wilt houden en sla opnieuw op.</p>
        <h2>Versie \(head), van \(theirs?.savedBy.html ?? "-")</h2>
        <pre class="versie">\(String(decoding: theirs?.bytes ?? Data(), as: UTF8.self).html)</pre>
        </div>
        """
    }

    /// `POST /concept`: renders the form's text without saving it. A browser without JavaScript gets
    /// the editor again with the preview of the draft; `bewerken.js` asks for JSON (the frame's
    /// address and the problems with the ids of their inputs).
    func draftPreview(form data: FormData, user: User, wantsJSON: Bool) async throws -> Response {
        let file = data["bestand"] ?? ""
        let document = await preview.document
        guard (try? WorkspacePaths.validate(file)) != nil, try await store.head(path: file) != nil, mayEdit(user, file: file, document: document) else {
            throw try await deny(user, action: "preview", object: file)
        }
        guard let base = data["basis"].flatMap(Int.init), let (original, baseForm) = try await formBase(file: file, base: base) else {
            return Self.text(.badRequest, "Het veld 'basis' ontbreekt of noemt geen versie van deze pagina die met het formulier te bewerken is.")
        }
        let form = Self.contentForm(from: data, base: baseForm, shown: Self.shownFields(baseForm, kind: node(for: file, in: document)?.kind))
        let written = form.text(replacing: original)
        var problems = PlacedProblems()
        for problem in form.problems { problems.atPart[problem.part, default: []].append(problem.message) }
        var address: String?
        if problems.isEmpty {
            switch try await preview.draft(path: file, text: written.text) {
            case .rendered(let sitePath, let html)?:
                try await drafts.put(DraftPages.Draft(file: file, sitePath: sitePath, html: html), session: user.session.tokenHash)
                address = "\(Self.prefix)/concept/\(Self.pathQuery(sitePath))"
            case .rejected(let diagnostics)?:
                problems = Self.place(diagnostics, in: file, lines: written.lines)
            case nil:
                problems.general.append("Van deze pagina kan geen voorbeeld worden gemaakt.")
            }
        }
        if wantsJSON {
            struct Answer: Encodable {
                struct Problem: Encodable { var veld: String?; var naam: String?; var melding: String }
                var adres: String?
                var problemen: [Problem]
            }
            let answer = Answer(
                adres: address,
                problemen: problems.atPart.sorted { Self.inputID($0.key) < Self.inputID($1.key) }.flatMap { part, messages in
                    messages.map { Answer.Problem(veld: Self.inputID(part), naam: Self.partName(part, form: form), melding: $0) }
                } + problems.general.map { Answer.Problem(veld: nil, naam: nil, melding: $0) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(answer))))
        }
        let sitePath = address == nil ? nil : try await drafts.get(session: user.session.tokenHash)?.sitePath
        return try await formEditor(
            file: file, user: user, form: form, base: base, notice: "", problems: problems, draftPath: sitePath,
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// `GET /concept/…`: the frame beside the form. The page of the session's draft is the draft;
    /// every other file (style sheets, images, other pages the reader follows) is the preview's.
    func draftFile(_ path: String, request: Request, user: User) async throws -> Response {
        let relative = String(path.dropFirst("/concept".count))
        var response: Response
        if let draft = try await drafts.get(session: user.session.tokenHash), relative == "/" + draft.sitePath || relative == "/" + draft.sitePath + "index.html" {
            response = Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: draft.html)))
        } else {
            response = try await previewFile(relative, base: "\(Self.prefix)/concept", user: user)
        }
        // The one response that may be shown in a frame, and only by the werkomgeving's own pages.
        response.headers[HTTPField.Name("X-Frame-Options")!] = "SAMEORIGIN"
        return response
    }

    static func editorScript() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: editorJavaScript)))
    }

    /// Follows the typing: a moment after the last change, the form is sent to `/concept`, the frame
    /// shows the draft, and each problem appears above its input (and in the status line).
    static let editorJavaScript = """
        'use strict';
        (function () {
          var form = document.getElementById('paginaformulier');
          var frame = document.getElementById('concept-frame');
          var status = document.getElementById('concept-status');
          if (!form || !frame || !status || !window.fetch || !window.URLSearchParams) { return; }
          var timer = null, busy = false, again = false, shown = '', counter = 0;
          function unmark() {
            form.querySelectorAll('.veldfout.live').forEach(function (element) { element.remove(); });
            form.querySelectorAll('[data-live-fout]').forEach(function (element) {
              element.removeAttribute('aria-invalid');
              element.removeAttribute('aria-describedby');
              element.removeAttribute('data-live-fout');
            });
          }
          function mark(problem, index) {
            var field = problem.veld ? document.getElementById(problem.veld) : null;
            if (!field || field.hasAttribute('aria-invalid')) { return; }
            var note = document.createElement('p');
            note.className = 'veldfout live';
            note.id = 'live-fout-' + index;
            var strong = document.createElement('strong');
            strong.textContent = 'Probleem: ';
            var text = document.createElement('span');
            text.lang = 'en';
            text.textContent = problem.melding;
            note.appendChild(strong);
            note.appendChild(text);
            field.parentNode.insertBefore(note, field);
            field.setAttribute('aria-invalid', 'true');
            field.setAttribute('aria-describedby', note.id);
            field.setAttribute('data-live-fout', '');
          }
          function say(text) {
            if (text !== shown) { status.textContent = text; shown = text; }
          }
          function refresh() {
            if (busy) { again = true; return; }
            busy = true;
            fetch(form.getAttribute('data-concept'), {
              method: 'POST', credentials: 'same-origin',
              headers: { 'Accept': 'application/json' },
              body: new URLSearchParams(new FormData(form))
            }).then(function (response) {
              if (!response.ok) { throw new Error(String(response.status)); }
              return response.json();
            }).then(function (answer) {
              unmark();
              answer.problemen.forEach(mark);
              if (answer.adres) {
                counter += 1;
                frame.src = answer.adres + '?v=' + counter;
                say('Het voorbeeld toont uw wijzigingen; ze zijn nog niet opgeslagen.');
              } else {
                var first = answer.problemen[0];
                say((answer.problemen.length === 1 ? 'Er is 1 probleem' : 'Er zijn ' + answer.problemen.length + ' problemen') +
                  ' (het voorbeeld toont de vorige stand): ' + (first.naam ? first.naam + ': ' : '') + first.melding);
              }
            }).catch(function () {
              say('Het voorbeeld kon niet worden bijgewerkt. Uw tekst staat nog in het formulier.');
            }).then(function () {
              busy = false;
              if (again) { again = false; refresh(); }
            });
          }
          form.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(refresh, 600);
          });
        })();

        """
}

/// The newest draft preview of each session, for the frame beside the form: one page per session,
/// gone after the idle time of a session.
struct DraftPages: Sendable {
    struct Draft: Sendable, Codable {
        var file: String
        var sitePath: String
        var html: Data
    }

    /// Kept in the workspace's database, so that the frame may be asked of another instance than the
    /// one that rendered the draft.
    let store: any WorkspaceStore
    static let lifetime: Int64 = 15 * 60 * 1000

    private static func key(_ session: String) -> String { "draft:\(session)" }

    func put(_ draft: Draft, session: String) async throws {
        let now = Werkomgeving.now
        try await store.putShortLived(key: Self.key(session), value: try JSONEncoder().encode(draft), expiresAt: now + Self.lifetime, now: now)
    }

    func get(session: String) async throws -> Draft? {
        guard let data = try await store.shortLived(key: Self.key(session), now: Werkomgeving.now, take: false) else { return nil }
        return try? JSONDecoder().decode(Draft.self, from: data)
    }

    func remove(session: String) async throws {
        _ = try await store.shortLived(key: Self.key(session), now: Werkomgeving.now, take: true)
    }
}
