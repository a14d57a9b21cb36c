import Foundation
import Testing
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtTestSupport

/// The site of a project that holds several documents: the portal, URLs with kind and year, the
/// jaarverslag quoting its begroting, links between the same goal in different documents, and
/// document.json listing every document and page.
struct CycleSiteTests {
    static let builtAt = Date(timeIntervalSince1970: 1_593_590_160)

    typealias Built = BuiltSite

    func build() throws -> Built {
        let project = try TemporaryProject(files: TemporaryProject.cycleFiles)
        let output = project.root.appendingPathComponent("site")
        try SiteBuilder().build(try SiteProjectLoader.load(project.root), to: output, builtAt: Self.builtAt, dataAt: Self.builtAt)
        return Built(project: project, output: output)
    }

    /// The visible text of an HTML fragment, with tags removed and spaces joined.
    func text(_ html: some StringProtocol) -> String {
        String(html).replacing(/<[^>]+>/, with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func thePortalListsEveryDocumentByYear() throws {
        let site = try build()
        defer { site.project.remove() }
        let portal = try site.page("index.html")
        let main = try #require(portal.firstRange(of: "<main").map { portal[$0.lowerBound...] })
        #expect(text(main).contains("Documenten 2020 Begroting 2020"))
        #expect(text(main).contains("2019 Begroting 2019 Wat we willen bereiken"))
        #expect(text(main).contains("Jaarverslag 2019 Wat we hebben bereikt"))
        for key in ["begroting-2019", "jaarverslag-2019", "begroting-2020"] {
            #expect(portal.contains(#"href="\#(key)/""#))
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("\(key)/index.html").path))
        }
    }

    @Test func urlsHoldKindAndYearAndHeadingsTheAuthorsNumber() throws {
        let site = try build()
        defer { site.project.remove() }
        let goal = try site.page("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.html")
        #expect(goal.contains(#"<span class="number">Doel 1.1.1</span> Minder inbraken"#))
        #expect(goal.contains("<title>Minder inbraken | Jaarverslag 2019 | Gemeente Proefstad</title>") || goal.contains("| Jaarverslag 2019 |"))
        // The breadcrumb goes through the document to the portal.
        let crumbs = try #require(goal.firstRange(of: #"<nav class="breadcrumb""#).map { String(goal[$0.lowerBound...].prefix(900)) })
        #expect(text(crumbs).hasPrefix("Home Jaarverslag 2019 1 Veiligheid 1.1 Veilig wonen 1.1.1 Minder inbraken"))
    }

    @Test func theJaarverslagQuotesItsBegrotingAndSaysWhere() throws {
        let site = try build()
        defer { site.project.remove() }
        let goal = try site.page("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.html")
        #expect(goal.contains("We willen dat minder mensen te maken krijgen met een inbraak."))
        #expect(goal.contains(#"(<a href="../../../begroting-2019/doel/1-1-1-minder-inbraken/">tekst uit Begroting 2019</a>)"#))
        #expect(goal.contains("Inwoners weten hoe ze inbraak voorkomen."))
        // Both pages of the goal in 2019 link to each other.
        #expect(goal.contains(#"Dit doel in <a href="../../../begroting-2019/doel/1-1-1-minder-inbraken/">Begroting 2019</a>."#))
        let begroting = try site.page("begroting-2019/doel/1-1-1-minder-inbraken/index.html")
        #expect(begroting.contains(#"Dit doel in <a href="../../../jaarverslag-2019/doel/1-1-1-minder-inbraken/">Jaarverslag 2019</a>."#))
    }

    @Test func aBegrotingShowsWhatChangedSinceTheYearBefore() throws {
        let site = try build()
        defer { site.project.remove() }
        let page = try site.page("begroting-2020/doel/1-1-1-minder-inbraken/index.html")
        let section = try #require(page.firstRange(of: #"<section class="fixed-section" aria-labelledby="veranderd">"#).map { String(page[$0.lowerBound...].prefix(2000)) })
        let shown = text(section)
        #expect(shown.hasPrefix("Wat is er veranderd sinds Begroting 2019? De beschrijving van het doel is veranderd."))
        #expect(shown.contains("Nieuwe criteria Buurten met veel inbraken krijgen extra aandacht."))
        #expect(shown.contains("Vervallen criteria Inwoners weten hoe ze inbraak voorkomen."))
        #expect(shown.contains("Beschrijving in Begroting 2019 We willen dat minder mensen te maken krijgen met een inbraak."))
        // The first begroting has nothing to compare with.
        #expect(try !site.page("begroting-2019/doel/1-1-1-minder-inbraken/index.html").contains(#"aria-labelledby="veranderd""#))
    }

    @Test func documentJSONListsEveryDocumentAndPage() throws {
        let site = try build()
        defer { site.project.remove() }
        let index = try site.json("document.json")
        #expect(index["document"] == nil)
        let documents = try #require(index["documents"] as? [[String: Any]])
        #expect(documents.map { $0["key"] as? String } == ["begroting-2019", "jaarverslag-2019", "begroting-2020"])
        #expect(documents.map { $0["path"] as? String } == ["begroting-2019/", "jaarverslag-2019/", "begroting-2020/"])
        let pages = try #require(index["pages"] as? [[String: Any]])
        #expect(pages.count == 13)
        for page in pages {
            let path = try #require(page["path"] as? String)
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path + "index.json").path), "\(path)")
        }
        let goal = try site.json("jaarverslag-2019/doel/1-1-1-minder-inbraken/index.json")
        #expect(goal["id"] as? String == "jaarverslag-2019/1.1.1")
        #expect(goal["document"] as? String == "jaarverslag-2019")
        #expect((goal["originPage"] as? [String: Any])?["path"] as? String == "begroting-2019/doel/1-1-1-minder-inbraken/")
    }

    @Test func everyRelativeLinkOfTheCycleLeadsToAPage() throws {
        let site = try build()
        defer { site.project.remove() }
        let files = FileManager.default.enumerator(atPath: site.output.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
        #expect(files.count >= 13)
        for file in files {
            let html = try site.page(file)
            let folder = (file as NSString).deletingLastPathComponent
            for match in html.matches(of: /href="([^"#:]*)"/) {
                let target = String(match.output.1)
                guard !target.isEmpty else { continue }
                let resolved = URL(fileURLWithPath: site.output.appendingPathComponent(folder).path).appendingPathComponent(target).standardizedFileURL
                let path = target.hasSuffix("/") || target == "." || target == "./" ? resolved.appendingPathComponent("index.html").path : resolved.path
                #expect(FileManager.default.fileExists(atPath: path), "\(file) links to \(target)")
            }
        }
    }
}
