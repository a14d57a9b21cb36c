import Foundation
import Testing
import ZichtApp
import ZichtTestSupport
import ZichtWorkspace

/// The page editor as a form, over real HTTP: fields in, the file written with only the changed
/// parts new, the build's problems at their input, and the preview of an unsaved draft, which only
/// its author sees.
@Suite(.serialized)
struct WorkspaceFormTests {
    static let goal = WorkspaceServerTests.goal
    static let goalPage = "/werkomgeving/voorbeeld/begroting-2019/doel/7-2-2-fysieke-veiligheid/"

    static func replacing(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        var result = fields.map { ($0.0, changes[$0.0] ?? $0.1) }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) where !fields.contains(where: { $0.0 == name }) { result.append((name, value)) }
        return result
    }

    @Test func theFormSavesTheChangedFieldsAndKeepsTheRestOfTheFileAsItWas() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let editor = try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)")
            #expect(editor.status == 200)
            #expect(editor.text.contains("id=\"veld-titel\" name=\"titel\" value=\"Fysieke veiligheid\""))
            #expect(editor.text.contains("<label for=\"veld-ph-naam\">Naam</label>"))
            #expect(editor.text.contains("<script src=\"/werkomgeving/bewerken.js\" defer></script>"))
            // The indicators to choose from are the built-in BBV ones and the project's, with titles.
            #expect(editor.text.contains("value=\"bbv-winkeldiefstallen\"") && !editor.text.contains("onbekende indicator"))
            let fields = try Browser.formFields(editor.text, id: "paginaformulier")
            let sections = try #require(fields.first { $0.0 == "secties-aantal" }.flatMap { Int($0.1) })
            #expect(sections >= 2)
            let original = try #require(try await ZichtApp.openStore(workspace.location).head(path: Self.goal)?.bytes).utf8String

            // A browser sends every field; only the subtitle, a criterion and a new section change.
            let sent = Self.replacing(fields, [
                "ondertitel": "We zijn voorbereid op branden, rampen en crises.",
                "criteria": (fields.first { $0.0 == "criteria" }?.1 ?? "") + "\r\nDe brandweer is binnen acht minuten ter plaatse.",
                "sectie-\(sections - 1)-kop": "Nieuw in het formulier",
                "sectie-\(sections - 1)-tekst": "Deze sectie kwam uit het formulier.\r\n",
            ])
            let saved = try await anna.post("/werkomgeving/bewerken", sent)
            #expect(saved.status == 200 && saved.text.contains("Opgeslagen als versie 2"), "\(saved.status) \(saved.text.prefix(2000))")
            let stored = try #require(try await ZichtApp.openStore(workspace.location).head(path: Self.goal)?.bytes).utf8String
            #expect(stored.contains("subtitle: \"We zijn voorbereid op branden, rampen en crises.\"\n"))
            #expect(stored.contains("  - \"De brandweer is binnen acht minuten ter plaatse.\"\n"))
            #expect(stored.hasSuffix("## Nieuw in het formulier\n\nDeze sectie kwam uit het formulier.\n"))
            #expect(!stored.contains("\r"))
            // What was not changed is the original's lines, byte for byte.
            for unchanged in ["kaders:", "portefeuillehouder:", "id:", "parent:"] {
                let block = try #require(original.split(separator: "\n").first { $0.hasPrefix(unchanged) })
                #expect(stored.contains(block), "\(unchanged)")
            }
            let kaders = try #require(original.range(of: "kaders:")).lowerBound
            let frontMatterEnd = try #require(original.range(of: "\n---\n", range: kaders..<original.endIndex)).lowerBound
            #expect(stored.contains(original[kaders..<frontMatterEnd]))
            let preview = try await anna.get(Self.goalPage)
            #expect(preview.text.contains("Deze sectie kwam uit het formulier.") && preview.text.contains("binnen acht minuten"))
        }
    }

    @Test func aProblemIsShownAtTheInputItComesFromAndNothingIsSaved() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let fields = try Browser.formFields(try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)").text, id: "paginaformulier")

            // A kader that refers to a page that does not exist: the build's error, at the kaders.
            let broken = try await anna.post("/werkomgeving/bewerken", Self.replacing(fields, ["kader-2-titel": "Bestaat niet", "kader-2-doel": "9.9.9"]))
            #expect(broken.status == 422)
            #expect(broken.text.contains("<fieldset id=\"veld-kaders\" tabindex=\"-1\" aria-invalid=\"true\" aria-describedby=\"fout-veld-kaders\">"))
            #expect(broken.text.contains("<p class=\"veldfout\" id=\"fout-veld-kaders\">") && broken.text.contains("9.9.9"))
            #expect(broken.text.contains("<a href=\"#veld-kaders\">Kaders</a>"))
            #expect(broken.text.contains("value=\"Bestaat niet\""), "the author's input stays in the form")

            // A wrong value in the other front matter: at that text area, which is opened.
            let overige = try #require(fields.first { $0.0 == "overige" }?.1)
            let badKind = try await anna.post("/werkomgeving/bewerken", Self.replacing(fields, ["overige": overige.replacingOccurrences(of: "kind: doel", with: "kind: droom")]))
            #expect(badKind.status == 422)
            #expect(badKind.text.contains("<details open>") && badKind.text.contains("aria-describedby=\"fout-veld-overige\"") && badKind.text.contains("droom"))

            // The form's own checks: an empty title, a section with text but no heading.
            let empty = try await anna.post("/werkomgeving/bewerken", Self.replacing(fields, ["titel": " ", "sectie-0-kop": ""]))
            #expect(empty.status == 422)
            #expect(empty.text.contains("id=\"fout-veld-titel\"") && empty.text.contains("id=\"fout-veld-sectie-0-tekst\""))
            #expect(try await ZichtApp.openStore(workspace.location).head(path: Self.goal)?.version == 1)
        }
    }

    @Test func aDraftIsPreviewedBeforeSavingAndOnlyItsAuthorSeesIt() async throws {
        try await RunningWorkspace.with(accounts: WorkspaceServerTests.accounts) { workspace, passwords in
            let anna = Browser(port: workspace.port)
            try await anna.logIn("anna", password: try #require(passwords["anna"]), newPassword: "anna kiest een lang wachtwoord")
            let editor = try await anna.get("/werkomgeving/bewerken?bestand=\(Self.goal)")
            #expect(editor.text.contains("<iframe id=\"concept-frame\" src=\"/werkomgeving/concept/begroting-2019/doel/7-2-2-fysieke-veiligheid/\""))
            let fields = try Browser.formFields(editor.text, id: "paginaformulier")
            let token = try #require(anna.lastCSRF)
            // (A new title would give the page a new address; the subtitle keeps it.)
            let hostile = "Concept <script>alert(1)</script> & zo"
            let draft = Self.replacing(fields, ["sectie-0-tekst": "Deze zin is nog niet opgeslagen.", "ondertitel": hostile])

            // As bewerken.js asks: JSON with the frame's address.
            let answer = try await anna.post("/werkomgeving/concept", draft, accept: "application/json")
            #expect(answer.status == 200 && answer.headers["content-type"]?.hasPrefix("application/json") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
            let address = try #require(json["adres"] as? String)
            #expect(address == "/werkomgeving/concept/begroting-2019/doel/7-2-2-fysieke-veiligheid/")
            #expect((json["problemen"] as? [Any])?.isEmpty == true)
            let framed = try await anna.get(address)
            #expect(framed.status == 200 && framed.text.contains("Deze zin is nog niet opgeslagen."))
            #expect(framed.text.contains("Concept &lt;script&gt;alert(1)&lt;/script&gt; &amp; zo") && !framed.text.contains("<script>alert"))
            #expect(framed.headers["x-frame-options"] == "SAMEORIGIN")
            #expect(framed.headers["content-security-policy"]?.contains("frame-ancestors 'self'") == true)
            // The frame's style sheet comes from the preview.
            let sheet = try #require(framed.text.firstMatch(of: /href="([^"]+\.css)"/).map { String($0.1) })
            let resolved = URL(string: sheet, relativeTo: URL(string: "http://127.0.0.1\(address)"))!.path
            #expect(try await anna.get(resolved).status == 200)

            // Not saved: the store, the preview and the public site are as they were.
            #expect(try await ZichtApp.openStore(workspace.location).head(path: Self.goal)?.version == 1)
            #expect(!(try await anna.get(Self.goalPage)).text.contains("nog niet opgeslagen"))
            // Another account at the same address sees the saved page, not Anna's draft.
            let red = Browser(port: workspace.port)
            try await red.logIn("red", password: try #require(passwords["red"]), newPassword: "red kiest een lang wachtwoord")
            let theirs = try await red.get(address)
            #expect(theirs.status == 200 && !theirs.text.contains("nog niet opgeslagen"))

            // Without JavaScript: the button gives the editor again, framing the draft, the text kept.
            let page = try await anna.post("/werkomgeving/concept", Self.replacing(draft, ["csrf": token]))
            #expect(page.status == 200 && page.text.contains("Het voorbeeld toont uw wijzigingen; ze zijn nog niet opgeslagen."))
            #expect(page.text.contains("Deze zin is nog niet opgeslagen.</textarea>"))

            // A draft that does not build: the problems, at their inputs, and no address.
            let bad = try await anna.post(
                "/werkomgeving/concept", Self.replacing(draft, ["kader-2-titel": "X", "kader-2-doel": "9.9.9", "csrf": token]), accept: "application/json")
            let problems = try #require(try JSONSerialization.jsonObject(with: Data(bad.body)) as? [String: Any])
            #expect(problems["adres"] == nil || problems["adres"] is NSNull)
            #expect((problems["problemen"] as? [[String: Any]])?.first?["veld"] as? String == "veld-kaders")

            // Outside the assignment: refused like a save, and audited.
            let other = WorkspaceServerTests.otherGoal
            let refused = try await anna.post("/werkomgeving/concept", Self.replacing(draft, ["bestand": other, "csrf": token]), accept: "application/json")
            #expect(refused.status == 404)
            let audit = try await ZichtApp.openStore(workspace.location).allAuditEntries()
            #expect(audit.contains { $0.actor == "anna" && $0.action == "preview" && $0.object == other && $0.result == .denied })
        }
    }
}

extension Data {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
