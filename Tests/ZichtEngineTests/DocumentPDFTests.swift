import Foundation
import Synchronization
import Testing
import ZichtApp
import ZichtCore
import ZichtEngine
import ZichtSite
import ZichtTestSupport

/// The PDF of each document (`zicht build --pdf`): the print HTML of the demo's jaarverslag (one
/// file, headings that follow the document tree, Dutch, titled, every link working inside the PDF),
/// and, where Chromium is installed, real PDFs in the built site with a download link on each home
/// page. Whether the PDF is tagged and its bookmarks mirror the tree is checked independently by
/// `Tests/pdf/check_pdf.py` in CI; here only cheaply, by its bytes.
@Suite(.serialized) struct DocumentPDFTests {
    static let fixed = Date(timeIntervalSince1970: 1_700_000_000)

    /// The demo loaded, analysed and rendered once, without PDFs.
    static let demo: Result<(project: URL, renderer: SiteRenderer, site: RenderedSite), any Error> = Result {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-pdftest-\(UUID().uuidString)/project")
        try ZichtApp.copyExample(to: project)
        let loaded = try LoadedProject.load(project)
        let analysis = try ProjectAnalyser.analyse(loaded, snapshot: try loaded.openSnapshot())
        let renderer = try SiteRenderer(loaded.project, analysis: analysis, stamps: BuildStamps(builtAt: fixed, dataAt: fixed), generator: "Zicht (test)")
        return (project, renderer, try renderer.renderAll())
    }

    static var hasChromium: Bool { (try? ChromiumPrinter.locate()) != nil }

    /// The headings of an HTML text: level and visible text.
    static func headings(_ html: String) -> [(level: Int, text: String)] {
        html.matches(of: /<h([1-6])[^>]*>(.*?)<\/h\1>/.dotMatchesNewlines()).map { match in
            (Int(match.1)!, String(match.2).replacing(/<[^>]+>/, with: "").split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
    }

    /// The print HTML of the demo's jaarverslag, made once.
    static let jaarverslag: Result<String, any Error> = Result {
        let (_, renderer, site) = try demo.get()
        guard let document = renderer.printedDocuments.first(where: { $0.key == "jaarverslag-2019" }) else { throw CocoaError(.fileNoSuchFile) }
        return renderer.printHTML(of: document, files: site.files)
    }

    func jaarverslagHTML() async throws -> String {
        try await HeavyWork.run { try Self.jaarverslag.get() }
    }

    @Test func eachDocumentOfTheCycleGetsAPDFUnderItsKey() async throws {
        let documents = try await HeavyWork.run { try Self.demo.get().renderer.printedDocuments }
        #expect(documents.map(\.path) == ["begroting-2019/begroting-2019.pdf", "jaarverslag-2019/jaarverslag-2019.pdf"])
        #expect(documents.map(\.homeID) == ["begroting-2019/begroting-2019", "jaarverslag-2019/jaarverslag-2019"])
        #expect(documents.map(\.title) == ["Begroting 2019", "Jaarverslag 2019"])
    }

    @Test func thePrintHTMLIsDutchTitledAndHeadedLikeTheTree() async throws {
        let html = try await jaarverslagHTML()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Jaarverslag 2019</title>"))
        let headings = Self.headings(html)
        #expect(headings.first.map { "\($0.level) \($0.text)" } == "1 Jaarverslag 2019")
        // The tree's pages in reading order, each at its depth below the home page.
        let tree = [
            (1, "Leeswijzer"), (1, "Programma 6 Sociaal domein"), (1, "Programma 7 Fysiek domein"),
            (2, "Ambitie 7.1 Duurzame en leefbare stad"), (3, "Doel 7.1.1 Schone openbare ruimte"), (3, "Doel 7.1.2 Klimaatadaptatie en groen"),
            (2, "Ambitie 7.2 Veiligheid"), (3, "Doel 7.2.1 Sociale veiligheid"), (4, "Beschrijving doel (tekst uit Begroting 2019)"),
            (4, "Kaarten bij doel 7.2.1: veiligheid per buurt"), (4, "Patronen bij doel 7.2.1: waar en wanneer"),
            (4, "Evaluatie: Uitbreiding cameratoezicht binnenstad (gesimuleerd)"), (3, "Doel 7.2.2 Fysieke veiligheid"),
            (1, "Programma 8 Bestuur en dienstverlening"), (1, "Weerstandsvermogen en risicobeheersing"), (1, "Begrippenlijst"),
            (1, "Veiligheid in de wijken"), (2, "Wijk 10"), (2, "Wijk 52"), (1, "Overzicht van baten en lasten"),
        ]
        var position = headings.startIndex
        for (level, text) in tree {
            let found = headings[position...].firstIndex { $0.text == text }
            #expect(found != nil, "heading '\(text)' after position \(position)")
            guard let found else { continue }
            #expect(headings[found].level == level, "\(text)")
            position = found + 1
        }
        // Never deeper than one level below the heading before, so the bookmarks nest as the tree does.
        for (previous, next) in zip(headings, headings.dropFirst()) {
            #expect(next.level <= previous.level + 1, "\(previous.text) (h\(previous.level)) → \(next.text) (h\(next.level))")
        }
        // Chapters start a new sheet; the table of contents lists every page.
        #expect(html.contains(#"<div class="pdf-page pdf-level-1 pdf-kind-programma" id="programma-7-fysiek-domein">"#))
        #expect(html.contains(#"<nav class="pdf-toc" aria-labelledby="inhoud"><h2 id="inhoud">Inhoud</h2>"#))
        #expect(html.contains(##"<a href="#doel-7-2-1-sociale-veiligheid">Doel 7.2.1 Sociale veiligheid</a>"##))
    }

    @Test func everyPageIsInItWithTheMoneyAndNothingOnlyTheWebNeeds() async throws {
        let html = try await jaarverslagHTML()
        let pages = try await HeavyWork.run { try Self.demo.get().renderer.plan.project.document.nodesInOrder.filter { $0.documentKey == "jaarverslag-2019" }.count }
        #expect(html.components(separatedBy: #"<div class="pdf-page "#).count - 1 == pages)
        // The financial tables: per programma and the overview.
        #expect(html.matches(of: /<table/).count >= 4)
        #expect(html.contains("Overzicht van baten en lasten"))
        // Gemeente, notice and build stamp on the first sheet; the logo inline.
        #expect(html.contains(#"<p class="pdf-organisation">Gemeente Zwolle</p>"#))
        #expect(html.contains(#"<div class="pdf-facts"><p class="notice"><strong>Let op:</strong> Voorbeeld"#))
        #expect(html.contains(#"<p class="stamp">Gebouwd op <time"#))
        #expect(html.contains(#"<img src="data:image/svg+xml;base64,"#))
        #expect(!html.contains("Terug naar"))
        // The demo's baseURL is not an address on the internet, so the CSV downloads cannot be linked.
        #expect(!html.contains("Download de cijfers") && !html.contains("Download deze tabel"))
        #expect(html.matches(of: /<details(?![^>]* open)[^>]*>/).isEmpty, "every <details> is open")
        #expect(!html.contains("<script"))
    }

    @Test func everyLinkWorksInsideThePDFOrIsText() async throws {
        let html = try await jaarverslagHTML()
        let ids = html.matches(of: /[ ]id="([^"]+)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "ids are unique: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        let idSet = Set(ids)
        for match in html.matches(of: /[ ](?:href|src)="([^"]*)"/) {
            let target = String(match.1)
            if target.hasPrefix("#") {
                #expect(idSet.contains(String(target.dropFirst())), "link to \(target)")
            } else {
                #expect(target.hasPrefix("https://") || target.hasPrefix("http://") || target.hasPrefix("mailto:") || target.hasPrefix("data:"), "link to \(target)")
            }
        }
        for match in html.matches(of: /aria-labelledby="([^"]+)"/) {
            for id in match.1.split(separator: " ") { #expect(idSet.contains(String(id)), "aria-labelledby \(id)") }
        }
    }

    @Test(.enabled(if: hasChromium, "needs Chromium (apt-get install chromium)"))
    func theBuildWritesEachPDFAndLinksIt() async throws {
        let (project, _, _) = try await HeavyWork.run { try Self.demo.get() }
        let output = project.deletingLastPathComponent().appendingPathComponent("site")
        let report = try await HeavyWork.run {
            try ZichtApp.build(project: project, output: output, builtAt: Self.fixed, pdf: try ZichtApp.pdfOptions())
        }
        #expect(report.pdfs.map(\.document.path) == ["begroting-2019/begroting-2019.pdf", "jaarverslag-2019/jaarverslag-2019.pdf"])
        #expect(report.pdfFailure == nil)
        for pdf in report.pdfs {
            let data = try Data(contentsOf: output.appendingPathComponent(pdf.document.path))
            #expect(data.count == pdf.byteCount)
            #expect(data.starts(with: Array("%PDF-".utf8)))
            for marker in ["/StructTreeRoot", "/MarkInfo", "/Outlines", "/Lang"] {
                #expect(data.range(of: Data(marker.utf8)) != nil, "\(pdf.document.path) has \(marker)")
            }
            let home = try String(contentsOf: output.appendingPathComponent(pdf.document.key + "/index.html"), encoding: .utf8)
            #expect(home.contains(#"<p class="pdf-download"><a href="\#(pdf.document.key).pdf" type="application/pdf">Download dit document als PDF ("#))
        }
        defer { try? FileManager.default.removeItem(at: output) }
        let portal = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(portal.contains(#"<a href="jaarverslag-2019/jaarverslag-2019.pdf" type="application/pdf">Download Jaarverslag 2019 als PDF ("#))
    }

    @Test(.enabled(if: hasChromium, "needs Chromium (apt-get install chromium)"))
    func aProjectOfOneDocumentGetsItsPDFAtTheRoot() async throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        let output = project.root.appendingPathComponent("site")
        let report = try await HeavyWork.run { try ZichtApp.build(project: project.root, output: output, builtAt: Self.fixed, pdf: try ZichtApp.pdfOptions()) }
        #expect(report.pdfs.map(\.document.path) == ["jaarverslag-2019.pdf"])
        let data = try Data(contentsOf: output.appendingPathComponent("jaarverslag-2019.pdf"))
        #expect(data.starts(with: Array("%PDF-".utf8)) && data.range(of: Data("/StructTreeRoot".utf8)) != nil)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(#"<a href="jaarverslag-2019.pdf" type="application/pdf">Download dit document als PDF ("#))
    }

    /// Without Chromium the demo still builds, says in one line that it skipped the PDFs, and why.
    @Test func theDemoSaysWhenItSkipsThePDFs() {
        let lines = Mutex<[String]>([])
        let terminal = Terminal(say: { line in lines.withLock { $0.append(line) } }, complain: { _ in })
        #expect(ZichtApp.optionalPDFOptions(environment: ["PATH": "/nonexistent"], terminal: terminal) == nil)
        #expect(lines.withLock { $0 } == [
            "Skipped the PDFs: Chromium was not found (ZICHT_CHROMIUM is not set, and none of chromium, chromium-browser, google-chrome, "
                + "google-chrome-stable is on PATH); to make them, install Chromium (on Debian or Ubuntu: apt-get install chromium), "
                + "or set ZICHT_CHROMIUM to the path of a Chromium or Chrome executable."
        ])
    }
}
