import Foundation
import Testing
import ZichtApp
import ZichtCore
import ZichtTestSupport
import ZichtWorkspace

/// The werkomgeving over real HTTP on loopback: rights per object, CSRF, conflicts, escaping,
/// second factor, headers and the audit of every refusal. Accounts and server as `zicht account
/// create` and `zicht server` make them, on a copy of the bundled example.
@Suite(.serialized)
struct WorkspaceServerTests {
    static let goal = "content/begroting-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md"
    static let otherGoal = "content/begroting-2019/7-fysiek-domein/7-1-duurzame-en-leefbare-stad/7-1-1-schone-openbare-ruimte.md"
    static let accounts: [(String, Set<Role>, Set<PageRef>)] = [
        ("beheer", [.beheerder], []),
        ("anna", [.auteur], [PageRef(document: "begroting-2019", id: "7.2")]),
        ("red", [.redacteur], []),
    ]

    static func edited(_ text: String, adding sentence: String) -> String {
        text.replacingOccurrences(of: "## Beschrijving doel\n", with: "## Beschrijving doel\n\n\(sentence)\n")
    }

    static func textarea(_ page: String) -> String? {
        page.firstMatch(of: /<textarea id="tekst"[^>]*>([\s\S]*?)<\/textarea>/).map { String($0.1) }
            .map { $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&") }
    }

    @Test func anAuteurEditsItsAssignmentOnlyAndEveryRefusalIsAudited() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let home = try await anna.get("/werkomgeving/")
            let editable = home.text.matches(of: /bewerken\?bestand=([^"]+)"/).map { String($0.1) }
            #expect(editable.count == 5 && editable.allSatisfy { $0.hasPrefix("content/begroting-2019/7-fysiek-domein/7-2-veiligheid/") })

            // Outside the assignment: not shown, not openable, not savable (the same 404 as a missing page).
            #expect(try await anna.get("/werkomgeving/bewerken?bestand=\(Self.otherGoal)").status == 404)
            let before = try String(contentsOf: workspace.location.workFolder.appendingPathComponent(Self.otherGoal), encoding: .utf8)
            let refused = try await anna.post("/werkomgeving/bewerken", [("bestand", Self.otherGoal), ("basis", "1"), ("tekst", "gekaapt")])
            #expect(refused.status == 404)
            #expect(try String(contentsOf: workspace.location.workFolder.appendingPathComponent(Self.otherGoal), encoding: .utf8) == before)
            #expect(try await anna.get("/werkomgeving/gebruikers").status == 404)
            #expect(try await anna.get("/werkomgeving/auditlog").status == 404)
            #expect(try await anna.get("/werkomgeving/bewerken?bestand=../../etc/passwd").status == 404)

            // Inside it: saved as version 2, and the preview shows it.
            let editor = try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)&als=tekst")
            let text = try #require(Self.textarea(editor.text))
            let saved = try await anna.post("/werkomgeving/bewerken", [("bestand", Self.goal), ("basis", "1"), ("tekst", Self.edited(text, adding: "Anna schreef deze zin."))])
            #expect(saved.status == 200 && saved.text.contains("Opgeslagen als versie 2"))
            let preview = try await anna.get("/werkomgeving/voorbeeld/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect(preview.text.contains("Anna schreef deze zin."))
            // The public site is not the preview: nothing is published by saving.
            let published = try await anna.get("/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect(published.status == 200 && !published.text.contains("Anna schreef deze zin."))

            let store = try await ZichtApp.openStore(workspace.location)
            let denied = try await store.allAuditEntries().filter { $0.actor == "anna" && $0.result == .denied }.map { "\($0.action) \($0.object)" }
            #expect(denied == ["edit \(Self.otherGoal)", "save \(Self.otherGoal)", "accounts accounts", "audit.read audit", "edit ../../etc/passwd"])
            #expect(try await ZichtApp.verifyAudit(workspace.location, anchors: []).lines > 5)
        }
    }

    @Test func twoAuthorsSavingTheSameVersionGetAConflictAndNothingIsLost() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            let original = try #require(Self.textarea(try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)&als=tekst").text))
            _ = try await red.get("/werkomgeving/bewerken?bestand=\(Self.goal)")
            let first = try await anna.post("/werkomgeving/bewerken", [("bestand", Self.goal), ("basis", "1"), ("tekst", Self.edited(original, adding: "De zin van Anna."))])
            #expect(first.status == 200)
            let second = try await red.post("/werkomgeving/bewerken", [("bestand", Self.goal), ("basis", "1"), ("tekst", Self.edited(original, adding: "De zin van Red."))])
            #expect(second.status == 409)
            #expect(second.text.contains("De zin van Anna."), "the conflict shows the other version")
            #expect(Self.textarea(second.text)?.contains("De zin van Red.") == true, "and keeps the author's own text in the form")
            #expect(second.text.contains("name=\"basis\" value=\"2\""), "saving again starts from the newest version")
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.conflictCopies(path: Self.goal).map { String(decoding: $0.bytes ?? Data(), as: UTF8.self).contains("De zin van Red.") } == [true])
            #expect(try await store.head(path: Self.goal)?.version == 2)
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefused() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let other = Browser(port: workspace.port)
            try await other.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            _ = try await other.get("/werkomgeving/")
            let foreignToken = try #require(other.lastCSRF)
            _ = try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)")
            let fields = [("bestand", Self.goal), ("basis", "1"), ("tekst", "vervalst")]
            #expect(try await anna.post("/werkomgeving/bewerken", fields, csrf: "").status == 403)
            #expect(try await anna.post("/werkomgeving/bewerken", fields, csrf: foreignToken).status == 403)
            #expect(try await anna.post("/werkomgeving/uitloggen", [], csrf: "x").status == 403)
            // The login form itself: a token that is not the cookie's is refused too.
            let stranger = Browser(port: workspace.port)
            #expect(try await stranger.post("/werkomgeving/inloggen", [("gebruikersnaam", "anna"), ("wachtwoord", "x")], csrf: "geraden").status == 403)
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.head(path: Self.goal)?.version == 1)
            #expect(try await store.allAuditEntries().filter { $0.action == "csrf" && $0.result == .denied }.count == 4)
        }
    }

    @Test func aRedacteurCannotGetInWithoutTheSecondFactor() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, passwords in
            let red = Browser(port: workspace.port)
            _ = try await red.get("/werkomgeving/inloggen")
            var response = try await red.post("/werkomgeving/inloggen", [("gebruikersnaam", "red"), ("wachtwoord", try #require(passwords["red"]))])
            _ = try await red.get(try #require(response.headers["location"]))
            response = try await red.post("/werkomgeving/nieuw-wachtwoord", [("wachtwoord", "red kiest een lang wachtwoord"), ("herhaling", "red kiest een lang wachtwoord")])
            #expect(response.headers["location"] == "/werkomgeving/tweede-factor")
            // Password done, second factor not: nothing inside opens.
            #expect(try await red.get("/werkomgeving/").headers["location"] == "/werkomgeving/inloggen")
            let setup = try await red.get("/werkomgeving/tweede-factor")
            #expect(setup.text.contains("Tweede factor instellen"))
            let secret = try #require(setup.text.firstMatch(of: /<p class="sleutel"><code>([A-Z2-7]+)<\/code>/).flatMap { Base32.decode(String($0.1)) })
            let code = TOTP(secret: secret).code(counter: TOTP.counter(at: Date()))
            response = try await red.post("/werkomgeving/tweede-factor", [("code", code)])
            #expect(response.headers["location"] == "/werkomgeving/")
            #expect(try await red.get("/werkomgeving/").status == 200)
            // Logging in again asks for a code, and the one just used does not work twice.
            let again = Browser(port: workspace.port)
            _ = try await again.get("/werkomgeving/inloggen")
            response = try await again.post("/werkomgeving/inloggen", [("gebruikersnaam", "red"), ("wachtwoord", "red kiest een lang wachtwoord")])
            #expect(response.headers["location"] == "/werkomgeving/tweede-factor")
            _ = try await again.get("/werkomgeving/tweede-factor")
            #expect(try await again.post("/werkomgeving/tweede-factor", [("code", code)]).status == 401)
        }
    }

    @Test func markupInEveryFieldIsShownAsTextWithSecurityHeaders() async throws {
        try await RunningWorkspace.with(accounts: Self.accounts) { workspace, passwords in
            let beheer = Browser(port: workspace.port)
            try await beheer.logIn("beheer", password: try #require(passwords["beheer"]), newPassword: "beheer kiest een lang wachtwoord")
            _ = try await beheer.get("/werkomgeving/gebruikers")
            let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
            let created = try await beheer.post("/werkomgeving/gebruikers", [("gebruikersnaam", "mallory"), ("naam", hostile), ("rol-lezer", "1"), ("toewijzing", hostile)])
            #expect(created.status == 200 && created.text.contains("Account <strong>mallory</strong> gemaakt"))
            let list = try await beheer.get("/werkomgeving/gebruikers")
            #expect(!list.text.contains("<script>alert") && !list.text.contains("<img src=x"))
            #expect(list.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            let badName = try await beheer.post("/werkomgeving/gebruikers", [("gebruikersnaam", hostile), ("naam", "x"), ("rol-lezer", "1")])
            #expect(badName.text.contains("Deze gebruikersnaam kan niet") && !badName.text.contains("<script>alert"))
            let audit = try await beheer.get("/werkomgeving/auditlog")
            #expect(audit.text.contains("ongeschonden") && !audit.text.contains("<script>alert"))

            for page in [list, audit, try await beheer.get("/werkomgeving/inloggen")] {
                let policy = page.headers["content-security-policy"] ?? ""
                #expect(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                #expect(page.headers["x-content-type-options"] == "nosniff")
                #expect(page.headers["referrer-policy"] == "no-referrer")
            }
            #expect(list.headers["cache-control"] == "no-store")
            let login = try await Browser(port: workspace.port).get("/werkomgeving/inloggen")
            let cookie = try #require(login.headers["set-cookie"])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        }
    }
}

/// The whole way of one page: an auteur edits and offers it, a redacteur approves, exports and
/// publishes; the public page shows the change with the export's time; publishing the first export
/// again takes it back.
@Suite(.serialized)
struct WorkspacePublicationTests {
    @Test func aPageGoesFromEditToPublishedAndBack() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let goal = WorkspaceServerTests.goal
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")

            // The first export holds the document as imported; it goes online.
            _ = try await red.get("/werkomgeving/publicatie")
            #expect(try await red.post("/werkomgeving/export", []).text.contains("Export 1 is gemaakt"))
            #expect(try await red.post("/werkomgeving/publiceren", [("nummer", "1")]).text.contains("Export 1 staat online"))

            let text = try #require(WorkspaceServerTests.textarea(try await anna.get("/werkomgeving/bewerken?bestand=\(goal)&als=tekst").text))
            let saved = try await anna.post("/werkomgeving/bewerken", [("bestand", goal), ("basis", "1"), ("tekst", WorkspaceServerTests.edited(text, adding: "Gepubliceerde zin van Anna."))])
            #expect(saved.text.contains("Versie 2 is: <strong>Concept</strong>"))
            #expect(!saved.text.contains("Goedkeuren"), "an auteur cannot approve")
            let submitted = try await anna.post("/werkomgeving/status", [("bestand", goal), ("versie", "2"), ("stap", "submit"), ("opmerking", "")])
            #expect(submitted.text.contains("Versie 2 is nu: Ter review."))
            // Approving by hand-made request: refused, audited.
            #expect(try await anna.post("/werkomgeving/status", [("bestand", goal), ("versie", "2"), ("stap", "approve"), ("opmerking", "")]).status == 404)
            #expect(try await anna.get("/werkomgeving/publicatie").status == 404)

            // Before approval, an export would still hold version 1: the same as export 1, so none is made.
            _ = try await red.get("/werkomgeving/publicatie")
            let unchanged = try await red.post("/werkomgeving/export", [])
            #expect(unchanged.status == 409 && unchanged.text.contains("niets veranderd sinds export 1"))
            _ = try await red.get("/werkomgeving/bewerken?bestand=\(goal)")
            #expect(try await red.post("/werkomgeving/status", [("bestand", goal), ("versie", "2"), ("stap", "reject"), ("opmerking", "")]).status == 400)
            let approved = try await red.post("/werkomgeving/status", [("bestand", goal), ("versie", "2"), ("stap", "approve"), ("opmerking", "Helder.")])
            #expect(approved.text.contains("Versie 2 is nu: Goedgekeurd."))
            _ = try await red.get("/werkomgeving/publicatie")
            #expect(try await red.post("/werkomgeving/export", []).text.contains("Export 2 is gemaakt"))
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.export(number: 1)?.files[goal] == 1)
            #expect(try await store.export(number: 2)?.files[goal] == 2)

            let page = "/begroting-2019/doel/7-2-2-fysieke-veiligheid/"
            #expect(try await Browser(port: workspace.port).get(page).text.contains("Gepubliceerde zin van Anna.") == false)
            #expect(try await red.post("/werkomgeving/publiceren", [("nummer", "2")]).text.contains("Export 2 staat online"))
            let published = try await Browser(port: workspace.port).get(page)
            #expect(published.text.contains("Gepubliceerde zin van Anna."))
            #expect(published.text.contains("met de export van"))
            // Rollback: export 1 again.
            #expect(try await red.post("/werkomgeving/publiceren", [("nummer", "1")]).text.contains("Export 1 staat online"))
            #expect(try await Browser(port: workspace.port).get(page).text.contains("Gepubliceerde zin van Anna.") == false)

            #expect(try await store.publications().map(\.export) == [1, 2, 1])
            let actions = try await store.allAuditEntries().filter { $0.result == .success }.map(\.action)
            #expect(actions.filter { $0 == "export" }.count == 2 && actions.filter { $0 == "publish" }.count == 3)
            #expect(try await store.allAuditEntries().contains { $0.actor == "anna" && $0.action == "status" && $0.result == .denied })
            #expect(try await ZichtApp.verifyAudit(workspace.location, anchors: []).lines > 10)
        }
    }
}

@Suite(.serialized)
struct WorkspaceAnalysisRoomTests {
    @Test func thePreventionListIsForAnalystsOnlyAndEveryViewIsAudited() async throws {
        let accounts: [(String, Set<Role>, Set<PageRef>)] = [("ana", [.analist], []), ("red", [.redacteur], [])]
        try await RunningWorkspace.with(accounts: accounts) { workspace, passwords in
            let ana = Browser(port: workspace.port)
            try await ana.logIn("ana", password: try #require(passwords["ana"]), newPassword: "ana kiest een lang wachtwoord")
            let room = try await ana.get("/werkomgeving/analyse")
            #expect(room.status == 200)
            #expect(room.text.contains("Preventielijst"))
            let buurten = room.text.matches(of: /<tr><td>([^<]+)<\/td><td>BU\d+<\/td><td>\d+<\/td>/).map { String($0.1) }
            #expect(!buurten.isEmpty, "the demo's prevention list names buurten")
            // The public site never names them as a prevention list.
            let patterns = try await Browser(port: workspace.port).get("/jaarverslag-2019/pagina/")
            #expect(!patterns.text.contains("Preventielijst"))

            // The cells of the hot spots, with their counts, and the whole Knox table: its observed
            // pairs add up to all pairs (the last bands hold everything beyond the last breaks).
            let cells = room.text.matches(of: /<tr><td>hot<\/td><td>\d+, \d+<\/td><td>(\d+)<\/td>/).map { Int($0.1)! }
            let stated = try #require(room.text.firstMatch(of: /Hotspotcellen \((\d+) significante cellen\)/).map { Int($0.1)! })
            #expect(!cells.isEmpty && cells.count <= stated && cells.allSatisfy { $0 >= 0 })
            let knox = try #require(room.text.firstMatch(of: /<table>\s*<caption id="knox-[^"]*">Knox-tabel<\/caption>[\s\S]*?<\/table>/).map { String($0.0) })
            let observed = knox.matches(of: /<\/th><td>(\d+)<\/td>/).map { Int($0.1)! }
            let pairs = try #require(room.text.firstMatch(of: /gebeurtenissen, (\d+) paren\)/).map { Int($0.1)! })
            #expect(observed.count >= 4 && observed.reduce(0, +) == pairs)
            // Every evaluation in full: estimates with intervals and the monthly counts.
            #expect(room.text.contains("<caption id=\"schattingen-evaluatie-1\">Alle schattingen, met 95%-interval</caption>"))
            #expect(room.text.contains("Relative effect size (Poisson)") && room.text.contains("Aantallen per maand, zonder onderdrukking"))

            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            #expect(try await red.get("/werkomgeving/analyse").status == 404)
            let store = try await ZichtApp.openStore(workspace.location)
            let reads = try await store.allAuditEntries().filter { $0.action == "analysis.read" }.map { "\($0.actor) \($0.result.rawValue)" }
            #expect(reads == ["ana success", "red denied"])
        }
    }

    @Test func anAnalystImportsANewVersionOfADataFileCheckedByTheBuild() async throws {
        let accounts: [(String, Set<Role>, Set<PageRef>)] = [("ana", [.analist], []), ("red", [.redacteur], [])]
        let file = "data/cbs-83651NED-2018-2021-gemeenten-winkeldiefstal.csv"
        try await RunningWorkspace.with(accounts: accounts) { workspace, passwords in
            let ana = Browser(port: workspace.port)
            try await ana.logIn("ana", password: try #require(passwords["ana"]), newPassword: "ana kiest een lang wachtwoord")
            let room = try await ana.get("/werkomgeving/analyse")
            #expect(room.text.contains("<option value=\"\(file)\">"))
            let original = try String(contentsOf: workspace.project.appendingPathComponent(file), encoding: .utf8)
            let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

            // A count that is not a number: refused with its line, the old version stays.
            var broken = lines
            broken[2] = broken[2].replacingOccurrences(of: ";5;", with: ";vijf;")
            #expect(broken[2] != lines[2])
            let refused = try await ana.upload("/werkomgeving/gegevens", [("bestand", file)], file: ("gegevens", "nieuw.csv", Array(broken.joined(separator: "\n").utf8)))
            #expect(refused.status == 422 && refused.text.contains("Niet geïmporteerd") && refused.text.contains("regel 3"), "\(refused.text.suffix(3000))")
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.head(path: file)?.version == 1)

            // A correct new version: stored as version 2 and audited with its hash.
            var changed = lines
            changed[2] = changed[2].replacingOccurrences(of: ";5;", with: ";6;")
            let bytes = Array(changed.joined(separator: "\n").utf8)
            let accepted = try await ana.upload("/werkomgeving/gegevens", [("bestand", file)], file: ("gegevens", "nieuw.csv", bytes))
            #expect(accepted.status == 303)
            let notice = try await ana.get(try #require(accepted.headers["location"]))
            #expect(notice.text.contains("is bijgewerkt (versie 2)"))
            #expect(try await store.head(path: file)?.bytes == Data(bytes))
            let imports = try await store.allAuditEntries().filter { $0.action == "data.import" }
            #expect(imports.map(\.result) == [.failure, .success])
            #expect(imports.last?.detail.contains(ZichtCore.SHA256.hex(bytes)) == true)

            // Only the analist; and only files the project has.
            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            _ = try await red.get("/werkomgeving/")
            #expect(try await red.upload("/werkomgeving/gegevens", [("bestand", file)], file: ("gegevens", "x.csv", bytes)).status == 404)
            _ = try await ana.get("/werkomgeving/analyse")
            #expect(try await ana.upload("/werkomgeving/gegevens", [("bestand", "zicht.yaml")], file: ("gegevens", "x", Array("x".utf8))).status == 404)
            #expect(try await store.head(path: "zicht.yaml")?.version == 1)
        }
    }
}

@Suite(.serialized)
struct WorkspaceEveryRouteTests {
    /// A lezer (who may read, nothing else) calls every route that changes something or shows what
    /// is not for lezers, with a valid session and CSRF token: each is refused as not found, nothing
    /// changes, and each refusal is in the audit log.
    @Test func aLezerIsRefusedOnEveryRouteItHasNoRightTo() async throws {
        let accounts: [(String, Set<Role>, Set<PageRef>)] = [("lees", [.lezer], [])]
        try await RunningWorkspace.with(accounts: accounts) { workspace, passwords in
            let lees = Browser(port: workspace.port)
            try await lees.logIn("lees", password: try #require(passwords["lees"]), newPassword: "lees kiest een lang wachtwoord")
            #expect(try await lees.get("/werkomgeving/").status == 200)
            #expect(try await lees.get("/werkomgeving/geschiedenis?bestand=\(WorkspaceServerTests.goal)").status == 200)
            let gets = [
                "/werkomgeving/gebruikers", "/werkomgeving/auditlog", "/werkomgeving/publicatie", "/werkomgeving/analyse",
                "/werkomgeving/bewerken?bestand=\(WorkspaceServerTests.goal)", "/werkomgeving/geschiedenis?bestand=zicht.yaml&versie=1",
                "/werkomgeving/auditlog.csv",
            ]
            for target in gets {
                #expect(try await lees.get(target).status == 404, "GET \(target)")
            }
            _ = try await lees.get("/werkomgeving/")
            let posts: [(String, [(String, String)])] = [
                ("/werkomgeving/bewerken", [("bestand", WorkspaceServerTests.goal), ("basis", "1"), ("tekst", "x")]),
                ("/werkomgeving/status", [("bestand", WorkspaceServerTests.goal), ("versie", "1"), ("stap", "submit")]),
                ("/werkomgeving/export", []),
                ("/werkomgeving/publiceren", [("nummer", "1")]),
                ("/werkomgeving/gebruikers", [("gebruikersnaam", "nieuw"), ("naam", "N"), ("rol-beheerder", "1")]),
                ("/werkomgeving/gebruikers/ontgrendelen", [("id", "1")]),
            ]
            for (target, fields) in posts {
                #expect(try await lees.post(target, fields).status == 404, "POST \(target)")
            }
            // Hostile requests with a valid session: refused with 400, the server stays up.
            for target in ["/werkomgeving/voorbeeld/../../.werkomgeving/werkomgeving.sqlite", "/werkomgeving/voorbeeld/..%2f..%2fx", "/../.werkomgeving/werkomgeving.sqlite"] {
                #expect(try await lees.get(target).status == 400, "GET \(target)")
            }
            #expect(try await lees.post("/werkomgeving/bewerken", [("csrf", "a"), ("csrf", "b")], csrf: "").status == 400)
            #expect(try await lees.upload("/werkomgeving/afbeelding", [], file: ("afbeelding", "x.png", [])).status != 200)
            #expect(try await lees.get("/werkomgeving/").status == 200)

            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.accounts().map(\.username) == ["lees"])
            #expect(try await store.exports().isEmpty)
            #expect(try await store.head(path: WorkspaceServerTests.goal)?.version == 1)
            let denied = try await store.allAuditEntries().filter { $0.actor == "lees" && $0.result == .denied }
            // Every refused route above, and the upload (a lezer may not add images anywhere).
            #expect(denied.count == gets.count + posts.count + 1)
        }
    }
}

@Suite(.serialized)
struct WorkspaceImageTests {
    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41,
        0x54, 0x78, 0xDA, 0x63, 0xF8, 0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE, 0xA7, 0xD6, 0xA4, 0xA4, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    @Test func anImageNeedsAltTextRealImageBytesAndLandsBesideItsPage() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let goal = WorkspaceServerTests.goal
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            _ = try await anna.get("/werkomgeving/bewerken?bestand=\(goal)")
            let noAlt = try await anna.upload("/werkomgeving/afbeelding", [("bestand", goal), ("alt", " ")], file: ("afbeelding", "kaart.png", Self.png))
            #expect(noAlt.status == 400 && noAlt.text.contains("alt-tekst"))
            let fake = try await anna.upload("/werkomgeving/afbeelding", [("bestand", goal), ("alt", "Kaart")], file: ("afbeelding", "kaart.png", Array("<html>geen plaatje</html>".utf8)))
            #expect(fake.status == 422)
            let outside = try await anna.upload("/werkomgeving/afbeelding", [("bestand", WorkspaceServerTests.otherGoal), ("alt", "Kaart")], file: ("afbeelding", "kaart.png", Self.png))
            #expect(outside.status == 404)
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await !store.headFiles().contains { $0.path.contains("afbeeldingen/kaart") })

            let good = try await anna.upload("/werkomgeving/afbeelding", [("bestand", goal), ("alt", "Kaart van de camera's")], file: ("afbeelding", "../../Kaart Camera's.PNG", Self.png))
            #expect(good.status == 200)
            let stored = "content/begroting-2019/7-fysiek-domein/7-2-veiligheid/afbeeldingen/kaart-camera-s.png"
            #expect(try await store.head(path: stored)?.bytes == Data(Self.png))
            let line = try #require(good.text.firstMatch(of: /<p><code>(!\[[^<]+)<\/code><\/p>/).map { String($0.1) })
            #expect(line == "![Kaart van de camera&#39;s](afbeeldingen/kaart-camera-s.png)")

            // Put it in the page: the preview shows the image with its alt text.
            let text = try #require(WorkspaceServerTests.textarea(try await anna.get("/werkomgeving/bewerken?bestand=\(goal)&als=tekst").text))
            let saved = try await anna.post("/werkomgeving/bewerken", [("bestand", goal), ("basis", "1"), ("tekst", WorkspaceServerTests.edited(text, adding: "![Kaart van de camera's](afbeeldingen/kaart-camera-s.png)"))])
            #expect(saved.text.contains("Opgeslagen als versie 2"))
            let preview = try await anna.get("/werkomgeving/voorbeeld/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect(preview.text.contains("alt=\"Kaart van de camera&#39;s\""))
        }
    }
}

@Suite(.serialized)
struct WorkspaceHistoryTests {
    @Test func aVersionShowsWhatChangedAndCanBePutBack() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let goal = WorkspaceServerTests.goal
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let original = try #require(WorkspaceServerTests.textarea(try await anna.get("/werkomgeving/bewerken?bestand=\(goal)&als=tekst").text))
            _ = try await anna.post("/werkomgeving/bewerken", [("bestand", goal), ("basis", "1"), ("tekst", WorkspaceServerTests.edited(original, adding: "Een <b>nieuwe</b> regel."))])
            let second = try await anna.get("/werkomgeving/geschiedenis?bestand=\(goal)&versie=2")
            let inserted = try #require(second.text.range(of: "<h3>Toegevoegd</h3>")).upperBound
            #expect(second.text[inserted...].contains("<code>Een &lt;b&gt;nieuwe&lt;/b&gt; regel.</code>"))
            let first = try await anna.get("/werkomgeving/geschiedenis?bestand=\(goal)&versie=1")
            #expect(first.text.contains("Versie 1 terugzetten"))
            let restored = try await anna.post("/werkomgeving/herstellen", [("bestand", goal), ("versie", "1")])
            #expect(restored.text.contains("Versie 1 is teruggezet als versie 3"))
            let store = try await ZichtApp.openStore(workspace.location)
            #expect(try await store.head(path: goal)?.bytes == store.version(path: goal, number: 1)?.bytes)
            // Outside the assignment: refused like any edit.
            _ = try await anna.get("/werkomgeving/geschiedenis?bestand=\(WorkspaceServerTests.otherGoal)&versie=1")
            #expect(try await anna.post("/werkomgeving/herstellen", [("bestand", WorkspaceServerTests.otherGoal), ("versie", "1")]).status == 404)
        }
    }

    @Test func theBeheerderDownloadsTheAuditLogWithFormulasNeutralised() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let stranger = Browser(port: workspace.port)
            _ = try await stranger.get("/werkomgeving/inloggen")
            _ = try await stranger.post("/werkomgeving/inloggen", [("gebruikersnaam", "=HYPERLINK(\"http://x\")"), ("wachtwoord", "x")])
            let beheer = Browser(port: workspace.port)
            try await beheer.logIn("beheer", password: try #require(passwords["beheer"]), newPassword: "beheer kiest een lang wachtwoord")
            let csv = try await beheer.get("/werkomgeving/auditlog.csv")
            #expect(csv.status == 200 && csv.headers["content-type"] == "text/csv; charset=utf-8")
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "sequence,time_utc,actor,origin,action,object,result,detail,previous_hash,hash")
            #expect(lines.contains { $0.contains("\"'=hyperlink(\"\"http://x\"\")\"") }, "a typed formula is neutralised")
            #expect(lines.last?.contains("audit.export") == true)
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            #expect(try await anna.get("/werkomgeving/auditlog.csv").status == 404)
        }
    }
}
