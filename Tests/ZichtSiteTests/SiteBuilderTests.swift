import Foundation
import Testing
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtTestSupport

/// Builds the minimal test project and checks the structure of the pages it writes.
struct SiteBuilderTests {
    /// 1 July 2020 07:56 UTC = 09:56 in Amsterdam (summer time).
    static let builtAt = Date(timeIntervalSince1970: 1_593_590_160)
    /// 1 July 2020 07:51 UTC = 09:51 in Amsterdam.
    static let dataAt = Date(timeIntervalSince1970: 1_593_589_860)

    typealias Built = BuiltSite

    func build(_ changes: [String: String] = [:]) throws -> Built {
        var files = TemporaryProject.minimalFiles
        for (path, text) in changes { files[path] = text }
        let project = try TemporaryProject(files: files)
        let output = project.root.appendingPathComponent("site")
        let loaded = try SiteProjectLoader.load(project.root)
        try SiteBuilder().build(loaded, to: output, builtAt: Self.builtAt, dataAt: Self.dataAt)
        return Built(project: project, output: output)
    }

    /// The levels of all headings in order, e.g. [1, 2, 3, 2].
    func headingLevels(_ html: String) -> [Int] {
        html.matches(of: /<h([1-6])[ >]/).map { Int($0.output.1)! }
    }

    @Test func goalPageShowsEverySectionInOrder() throws {
        let site = try build()
        defer { site.project.remove() }
        let html = try site.page("doel/7-2-1-sociale-veiligheid/index.html")
        let order = [
            "<h1><span class=\"number\">Doel 7.2.1</span> Sociale veiligheid</h1>",
            "<p class=\"subtitle\">We versterken de sociale veiligheid.</p>",
            ">Beschrijving doel <span class=\"origin\">(tekst uit Begroting 2019)</span></h2>",
            ">Toelichting op realisatie doel</h2>",
            ">Cameratoezicht</h3>",
            ">Criteria <span class=\"origin\">(tekst uit Begroting 2019)</span></h2>",
            ">Indicatoren</h2>",
            "Voor dit doel zijn geen indicatoren vastgesteld.",
            ">Kaderstellende nota&#39;s</h2>",
            ">Portefeuillehouder</h2>",
            "<strong>A. Burgemeester</strong>, burgemeester",
            "Terug naar ambitie 7.2 Veiligheid</a>",
        ]
        var position = html.startIndex
        for fragment in order {
            let found = try #require(html.range(of: fragment, range: position..<html.endIndex), "missing or out of order: \(fragment)")
            position = found.upperBound
        }
        #expect(headingLevels(html).filter { $0 == 1 }.count == 1)
        // No skipped levels anywhere on the page.
        let levels = headingLevels(html)
        for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "heading level jumps from \(a) to \(b)") }
        // The internal reference resolves to the goal's stable path, relative to this page.
        #expect(html.contains("<a href=\"../../doel/7-2-4-verkeersveiligheid/\">doel 7.2.4</a>"))
        #expect(html.contains("<a href=\"../../ambitie/7-2-veiligheid/\">Ambitie veiligheid</a>"))
        #expect(html.contains("<a href=\"https://example.org/visie\">Veiligheidsvisie</a>"))
    }

    @Test func everyPageHasLandmarksSkipLinkAndStamp() throws {
        let site = try build()
        defer { site.project.remove() }
        for path in ["index.html", "domein/7-fysiek-domein/index.html", "ambitie/7-2-veiligheid/index.html",
                     "doel/7-2-1-sociale-veiligheid/index.html", "pagina/leeswijzer/index.html", "inhoud/index.html",
                     "zoeken/index.html", "404.html"] {
            let html = try site.page(path)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"), "\(path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#inhoud\">"), "\(path)")
            #expect(html.contains("<main id=\"inhoud\""), "\(path)")
            #expect(html.contains("<nav class=\"menu\" aria-label=\"Menu\">"), "\(path)")
            #expect(html.contains("<nav class=\"breadcrumb\" aria-label=\"Kruimelpad\">"), "\(path)")
            #expect(html.contains("<header class=\"site-header\">") && html.contains("<footer class=\"site-footer\">"), "\(path)")
            #expect(html.matches(of: /<h1[ >]/).count == 1, "\(path)")
            #expect(html.contains("Testproject, geen echt document."), "\(path)")
            #expect(html.contains(
                "Gebouwd op <time datetime=\"2020-07-01T09:56:00+02:00\">1 juli 2020 om 09:56</time> met de gegevens van <time datetime=\"2020-07-01T09:51:00+02:00\">1 juli 2020 om 09:51</time>."),
                "\(path)")
            #expect(!html.contains("http://") && !html.contains("src=\"https://"), "no external requests in \(path)")
        }
    }

    @Test func notFoundPageLinksFromTheBaseURL() throws {
        let site = try build()
        defer { site.project.remove() }
        // The server shows 404.html at any address, so its links cannot be relative.
        let html = try site.page("404.html")
        #expect(html.contains("<a href=\"/\">Home</a>"))
        #expect(html.contains("<a href=\"/pagina/leeswijzer/\">Leeswijzer</a>"))
        #expect(html.contains("<a href=\"/inhoud/\">Volledige inhoudsopgave</a>"))
        #expect(!html.contains("href=\"pagina/") && !html.contains("href=\"../"))
    }

    @Test func parentPagesListTheirChildren() throws {
        let site = try build()
        defer { site.project.remove() }
        let ambitie = try site.page("ambitie/7-2-veiligheid/index.html")
        #expect(ambitie.contains(">Doelen</h2>"))
        #expect(ambitie.contains("<a href=\"../../doel/7-2-1-sociale-veiligheid/\">Doel 7.2.1 Sociale veiligheid</a><p>We versterken de sociale veiligheid.</p>"))
        #expect(ambitie.contains("Terug naar domein 7 Fysiek domein"))
        let home = try site.page("index.html")
        #expect(home.contains("<a href=\"pagina/leeswijzer/\">Leeswijzer</a>"))
        #expect(home.contains("<a href=\"domein/7-fysiek-domein/\">Domein 7 Fysiek domein</a>"))
        let breadcrumb = try #require(ambitie.firstMatch(of: /<nav class="breadcrumb"[^>]*>(.*?)<\/nav>/)).output.1
        #expect(breadcrumb == "<ol><li><a href=\"../../\">Home</a></li><li><a href=\"../../domein/7-fysiek-domein/\">7 Fysiek domein</a></li><li><span aria-current=\"page\">7.2 Veiligheid</span></li></ol>")
    }

    @Test func menuOpensAlongThePathOnly() throws {
        let site = try build()
        defer { site.project.remove() }
        let leeswijzer = try site.page("pagina/leeswijzer/index.html")
        #expect(!leeswijzer.contains("7.2 Veiligheid</a>"), "closed branches stay closed")
        let goal = try site.page("doel/7-2-1-sociale-veiligheid/index.html")
        #expect(goal.contains("<a href=\"../../doel/7-2-1-sociale-veiligheid/\" aria-current=\"page\">7.2.1 Sociale veiligheid</a>"))
        #expect(goal.contains("<a href=\"../../doel/7-2-4-verkeersveiligheid/\">7.2.4 Verkeersveiligheid</a>"))
    }

    /// A flat document of 4,000 pages under the home page: every page stays of ordinary size, because
    /// the menu lists a window of its level and points to the table of contents for the rest.
    @Test func aFlatDocumentOf4000PagesHasPagesOfOrdinarySize() throws {
        var changes: [String: String] = [:]
        for number in 1...4_000 {
            changes["content/vlak/pagina-\(number).md"] = "---\nid: p\(number)\nkind: pagina\ntitle: Pagina \(number)\nparent: jv\norder: \(number + 10)\n---\nTekst \(number).\n"
        }
        let site = try build(changes)
        defer { site.project.remove() }
        var largest = 0
        for number in [1, 2, 1_000, 2_500, 3_999, 4_000] {
            let html = try site.page("pagina/pagina-\(number)/index.html")
            largest = max(largest, html.utf8.count)
            #expect(html.contains("aria-current=\"page\">Pagina \(number)</a>"), "page \(number) is in its own menu")
            let links = html.matches(of: /<a href="[^"]*pagina-\d+\/">/).count
            #expect(links <= 25 + 2, "page \(number) lists \(links) sibling links")
            #expect(html.contains("andere pagina&#39;s (inhoudsopgave)"))
        }
        #expect(largest < 20_000, "largest page \(largest) bytes")
        // Every page is still reachable: the table of contents lists them all.
        let contents = try site.page("inhoud/index.html")
        #expect(Set(contents.matches(of: /pagina-(\d+)\/"/).map { String($0.1) }).count == 4_000)
    }

    @Test func contentIsEscapedNotPassedThrough() throws {
        let hostile = """
            ---
            id: leeswijzer
            kind: pagina
            title: "<script>alert(1)</script> & \\"q\\""
            subtitle: "x\\" onmouseover=\\"alert(1)"
            parent: jv
            ---
            ## Kop met <b>vet</b>
            Tekst met <img src=x onerror=alert(1)> en &amp; en een [link](https://example.org/?a=1&b=\\"2\\").
            """
        let site = try build(["content/leeswijzer.md": hostile])
        defer { site.project.remove() }
        let html = try site.page("pagina/script-alert-1-script-q/index.html")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<b>vet"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("x&quot; onmouseover=&quot;alert(1)"))
        #expect(html.contains("&amp;amp;"))
        #expect(html.contains("Kop met &lt;b&gt;vet&lt;/b&gt;"))
        let json = try site.json("pagina/script-alert-1-script-q/index.json")
        #expect(json["title"] as? String == "<script>alert(1)</script> & \"q\"")
    }

    @Test func openDataDescribesEveryPage() throws {
        let site = try build()
        defer { site.project.remove() }
        let goal = try site.json("doel/7-2-1-sociale-veiligheid/index.json")
        #expect(goal["id"] as? String == "7.2.1")
        #expect(goal["kind"] as? String == "doel")
        #expect(goal["path"] as? String == "doel/7-2-1-sociale-veiligheid/")
        #expect((goal["criteria"] as? [String])?.count == 2)
        #expect((goal["indicators"] as? [Any])?.isEmpty == true)
        let sections = try #require(goal["sections"] as? [[String: Any]])
        #expect(sections.map { $0["title"] as? String } == ["Beschrijving doel", "Toelichting op realisatie doel"])
        #expect(sections[0]["origin"] as? String == "tekst uit Begroting 2019")
        #expect((sections[0]["text"] as? String)?.hasPrefix("Inwoners voelen zich veilig.") == true)
        let parent = try #require(goal["parent"] as? [String: Any])
        #expect(parent["id"] as? String == "7.2")
        let kaders = try #require(goal["kaders"] as? [[String: Any]])
        #expect(kaders[1]["ref"] as? String == "7.2")
        #expect(kaders[1]["url"] as? String == "ambitie/7-2-veiligheid/")
        let holder = try #require(goal["portefeuillehouder"] as? [String: Any])
        #expect(holder["name"] as? String == "A. Burgemeester")

        let document = try site.json("document.json")
        let pages = try #require(document["pages"] as? [[String: Any]])
        #expect(pages.count == 6)
        for page in pages {
            let path = try #require(page["path"] as? String)
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path + "index.html").path))
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path + "index.json").path))
        }
        #expect(document["builtAt"] as? String == "2020-07-01T09:56:00+02:00")
    }

    @Test func searchIndexAndTableOfContentsReachEveryPage() throws {
        let site = try build()
        defer { site.project.remove() }
        let toc = try site.page("inhoud/index.html")
        for path in ["../", "../pagina/leeswijzer/", "../domein/7-fysiek-domein/", "../ambitie/7-2-veiligheid/",
                     "../doel/7-2-1-sociale-veiligheid/", "../doel/7-2-4-verkeersveiligheid/"] {
            #expect(toc.contains("href=\"\(path)\""), "\(path)")
        }
        let data = try Data(contentsOf: site.output.appendingPathComponent("zoekindex.json"))
        let entries = try #require(JSONSerialization.jsonObject(with: data) as? [[String: String]])
        #expect(entries.count == 6)
        #expect(entries.contains { $0["p"] == "doel/7-2-1-sociale-veiligheid/" && $0["x"]!.contains("cameratoezicht") })
        let search = try site.page("zoeken/index.html")
        #expect(search.contains("Zonder JavaScript vindt u alle pagina&#39;s in de <a href=\"../inhoud/\">inhoudsopgave</a>"))
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try build()
        defer { site.project.remove() }
        let before = try site.page("doel/7-2-1-sociale-veiligheid/index.html")
        // A colour with too little contrast makes the next build fail.
        let config = TemporaryProject.minimalFiles["zicht.yaml"]! + "\ntheme:\n  colors:\n    primary: \"#aaaaaa\"\n"
        try site.project.write(config, to: "zicht.yaml")
        try site.project.write("---\nid: nieuw\nkind: pagina\ntitle: Nieuw\nparent: jv\n---\n", to: "content/nieuw.md")
        let loaded = try SiteProjectLoader.load(site.project.root)
        #expect(throws: DiagnosticsError.self) {
            try SiteBuilder().build(loaded, to: site.output, builtAt: Date())
        }
        #expect(try site.page("doel/7-2-1-sociale-veiligheid/index.html") == before)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("pagina/nieuw").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.project.root.path).filter { $0.contains(".zicht-") }
        #expect(leftovers.isEmpty, "no staging folders are left behind")
    }

    @Test func rebuildReplacesTheWholeSite() throws {
        let site = try build()
        defer { site.project.remove() }
        try FileManager.default.removeItem(at: site.project.root.appendingPathComponent("content/leeswijzer.md"))
        let loaded = try SiteProjectLoader.load(site.project.root)
        try SiteBuilder().build(loaded, to: site.output, builtAt: Self.builtAt, dataAt: Self.dataAt)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("pagina/leeswijzer").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("doel/7-2-1-sociale-veiligheid/index.html").path))
    }

    @Test func projectTemplateOverridesTheLayout() throws {
        var files: [String: String] = [:]
        files["theme/templates/layout.mustache"] = "<!DOCTYPE html><html lang=\"nl\"><title>{{pageTitle}}</title>{{{breadcrumb}}}{{{menu}}}<main>{{{main}}}</main><p>Eigen thema</p>{{{stamp}}}</html>"
        let site = try build(files)
        defer { site.project.remove() }
        #expect(try site.page("index.html").contains("<p>Eigen thema</p>"))
    }

    @Test func layoutWithoutRequiredKeyIsRejected() throws {
        var files = TemporaryProject.minimalFiles
        files["theme/templates/layout.mustache"] = "<html>{{{mian}}}{{{menu}}}{{{breadcrumb}}}{{{stamp}}}</html>"
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        let loaded = try SiteProjectLoader.load(project.root)
        #expect {
            try SiteBuilder().build(loaded, to: project.root.appendingPathComponent("site"))
        } throws: { error in
            let d = (error as! DiagnosticsError).diagnostics
            return d.count == 1 && d[0].file == "theme/templates/layout.mustache" && d[0].message.contains("{{{main}}}")
        }
    }
}
