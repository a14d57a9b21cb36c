import Foundation
import Testing
@testable import ZichtSite

/// The rewrite of one page's markup for the print version of its document: headings shifted to the
/// page's depth, ids made unique with everything that points at them, links and images resolved,
/// `<details>` opened, and the web-only parts left out.
struct PrintMarkupTests {
    func markup(level: Int = 1) -> PrintMarkup {
        PrintMarkup(
            headingLevel: level, idPrefix: "doel-7-2-1",
            link: { $0 == "../../ambitie/7-2/" ? "#ambitie-7-2" : ($0.hasPrefix("https:") ? $0 : nil) },
            source: { $0 == "../../assets/kaart.svg" ? "data:image/svg+xml;base64,PHN2Zy8+" : nil })
    }

    @Test(arguments: [
        (1, "<h1>A</h1><h2>B</h2><h3>C</h3>", "<h1>A</h1><h2>B</h2><h3>C</h3>"),
        (3, "<h1>A</h1><h2>B</h2><h3>C</h3>", "<h3>A</h3><h4>B</h4><h5>C</h5>"),
        (5, "<h1 id=\"x\">A</h1><h2>B</h2><h3>C</h3><h4>D</h4>", "<h5 id=\"doel-7-2-1--x\">A</h5><h6>B</h6><h6>C</h6><h6>D</h6>"),
    ])
    func headingsFollowThePagesDepthDownToH6(level: Int, input: String, expected: String) {
        #expect(markup(level: level).rewrite(input) == expected)
    }

    @Test func idsAndWhatPointsAtThemGetThePagesPrefix() {
        let input = ##"<section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2><label for="q">Z</label>"##
            + ##"<td headers="a b">1</td><a href="#criteria">terug</a><path fill="url(#arcering)" d="M0 0"/></section>"##
        let output = markup().rewrite(input)
        #expect(output == ##"<section aria-labelledby="doel-7-2-1--criteria"><h2 id="doel-7-2-1--criteria">Criteria</h2><label for="doel-7-2-1--q">Z</label>"##
            + ##"<td headers="doel-7-2-1--a doel-7-2-1--b">1</td><a href="#doel-7-2-1--criteria">terug</a><path fill="url(#doel-7-2-1--arcering)" d="M0 0"/></section>"##)
    }

    @Test func linksAreResolvedOrLeftAsText() {
        let input = ##"<p><a href="../../ambitie/7-2/">Veiligheid</a>, <a href="https://example.org/?a=1&amp;b=2">extern</a>, <a href="../../../begroting-2019/">begroting</a></p>"##
        #expect(markup().rewrite(input)
            == ##"<p><a href="#ambitie-7-2">Veiligheid</a>, <a href="https://example.org/?a=1&amp;b=2">extern</a>, <a>begroting</a></p>"##)
    }

    @Test func imagesAreInlinedAndDetailsOpened() {
        let input = ##"<img src="../../assets/kaart.svg" alt="Kaart"><img src="https://example.org/x.png" alt="X"><details class="map-table"><summary>Tabel</summary></details><details open><summary>Al open</summary></details>"##
        #expect(markup().rewrite(input)
            == ##"<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="Kaart"><img alt="X"><details class="map-table" open><summary>Tabel</summary></details><details open><summary>Al open</summary></details>"##)
    }

    @Test func webOnlyPartsAreLeftOut() {
        let input = ##"<article><p class="pdf-download"><a href="x.pdf">Download</a></p><p>Tekst</p>"##
            + ##"<section class="fixed-section" aria-labelledby="onderdelen"><h2 id="onderdelen">Doelen</h2><section><p>binnen</p></section><ul><li>a</li></ul></section>"##
            + ##"<section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2></section><p class="back"><a href="../">Terug naar de ambitie</a></p></article>"##
        #expect(markup().rewrite(input)
            == ##"<article><p>Tekst</p><section aria-labelledby="doel-7-2-1--criteria"><h2 id="doel-7-2-1--criteria">Criteria</h2></section></article>"##)
    }

    @Test func textAndEscapedMarkupStayAsTheyAre() {
        let input = "<p title=\"a &quot;b&quot; &amp; c\">1 &lt; 2 &amp;&amp; x &gt; y; <strong>vet</strong><br></p><!-- opmerking -->"
        #expect(markup().rewrite(input) == input)
    }
}

/// The print document's link resolution, the part that decides what a link becomes in the PDF.
struct PrintLinkTests {
    @Test(arguments: [
        ("../7-2-veiligheid/", "jaarverslag-2019/ambitie/7-1/", "jaarverslag-2019/ambitie/7-2-veiligheid/"),
        ("../../", "jaarverslag-2019/doel/7-2-1/", "jaarverslag-2019/"),
        ("./", "", ""),
        ("index.json", "doel/x/", "doel/x/index.json"),
        ("../../../indicatoren/a.csv", "jaarverslag-2019/doel/x/", "indicatoren/a.csv"),
    ])
    func relativeLinksResolveToSitePaths(relative: String, page: String, expected: String) {
        #expect(PrintDocument.resolve(relative, from: page) == expected)
    }

    @Test func schemesAreRecognised() {
        #expect(PrintDocument.hasScheme("https://example.org/a:b"))
        #expect(PrintDocument.hasScheme("mailto:raad@example.org"))
        #expect(!PrintDocument.hasScheme("../doel/a:b/"))
        #expect(!PrintDocument.hasScheme("#sectie-1"))
    }

    @Test func cssStringsCannotCloseTheStyleElement() {
        #expect(PrintDocument.cssString(##"Jaarverslag "2019" </style>"##) == ##""Jaarverslag \22 2019\22  \3c /style>""##)
    }

    @Test func sizesAreInDutch() {
        #expect(PDFWording.size(1_234_567) == "1,2 MB")
        #expect(PDFWording.size(849_100) == "850 kB")
        #expect(PDFWording.size(12) == "1 kB")
    }
}
