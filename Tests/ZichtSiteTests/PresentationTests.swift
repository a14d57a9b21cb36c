import Foundation
import Testing
import ZichtCore
import ZichtSite

struct PresentationTests {
    @Test(arguments: [
        ("7.2.1", NodeKind.doel, "Sociale veiligheid", "7-2-1-sociale-veiligheid"),
        ("leeswijzer", .pagina, "Leeswijzer", "leeswijzer"),
        ("7", .domein, "Fysiek domein", "7-fysiek-domein"),
        ("begrippen", .bijlage, "Begrippenlijst", "begrippenlijst"),
        ("8.1", .ambitie, "Economie & Cultuur: één stad!", "8-1-economie-cultuur-een-stad"),
        ("x", .paragraaf, "Ça déménage — straße", "ca-demenage-strasse"),
    ])
    func slugsAreStableAndReadable(id: String, kind: NodeKind, title: String, slug: String) {
        #expect(SitePaths.slug(for: Node(id: id, kind: kind, title: title, sourceFile: "")) == slug)
    }

    @Test func samePageTitlesGetDistinctPaths() {
        let document = Document(nodes: [
            Node(id: "d", kind: .document, title: "D", sourceFile: ""),
            Node(id: "toelichting-a", kind: .pagina, title: "Toelichting", parentID: "d", sourceFile: ""),
            Node(id: "toelichting-b", kind: .pagina, title: "Toelichting", parentID: "d", sourceFile: ""),
        ])
        let paths = SitePaths(document: document)
        #expect(paths.path(of: "toelichting-a") == "pagina/toelichting/")
        #expect(paths.path(of: "toelichting-b") == "pagina/toelichting-b-toelichting/")
    }

    /// Dutch number format written out by hand: decimal comma, dot between thousands, half away
    /// from zero, no "−0".
    @Test(arguments: [
        (6.4992, 1, "6,5"), (1234.5, 1, "1.234,5"), (16_900_726, 0, "16.900.726"), (0.04, 1, "0,0"),
        (-0.04, 1, "0,0"), (-2.25, 1, "−2,3"), (999.96, 1, "1.000,0"), (57.9, 0, "58"),
    ])
    func dutchNumbers(value: Double, decimals: Int, text: String) {
        #expect(DutchNumber.format(value, decimals: decimals) == text)
    }

    @Test func relativeLinks() {
        #expect(SitePaths.relative(from: "doel/a/", to: "doel/b/") == "../../doel/b/")
        #expect(SitePaths.relative(from: "", to: "doel/b/") == "doel/b/")
        #expect(SitePaths.relative(from: "doel/a/", to: "") == "../../")
        #expect(SitePaths.relative(from: "", to: "") == "./")
    }

    @Test func dutchDatesInAmsterdamTime() {
        // 2020-07-01 07:56 UTC is 09:56 in summer time (UTC+2).
        let summer = Date(timeIntervalSince1970: 1_593_590_160)
        #expect(DutchDate.longWithTime(summer) == "1 juli 2020 om 09:56")
        #expect(DutchDate.iso(summer) == "2020-07-01T09:56:00+02:00")
        // 2019-12-31 23:30 UTC is already 1 January 2020 00:30 in winter time (UTC+1).
        let newYear = Date(timeIntervalSince1970: 1_577_835_000)
        #expect(DutchDate.longWithTime(newYear) == "1 januari 2020 om 00:30")
        #expect(DutchDate.long(newYear) == "1 januari 2020")
        // Day before month, never MM/DD: 11 March, not 3 November.
        let march = Date(timeIntervalSince1970: 1_583_884_800)  // 2020-03-11 00:00 UTC
        #expect(DutchDate.long(march) == "11 maart 2020")
    }

    /// Contrast ratios checked against the WCAG definition by hand:
    /// white (L = 1) on black (L = 0) is (1 + 0.05) / (0 + 0.05) = 21;
    /// #777777: c = 119/255 = 0.4667, ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845, so (1.05) / (0.2345) = 4.48.
    @Test func contrastFollowsWCAG() throws {
        #expect(try #require(Contrast.ratio("#ffffff", "#000000")) == 21)
        #expect(abs(try #require(Contrast.ratio("#777777", "#ffffff")) - 4.48) < 0.01)
        #expect(Contrast.ratio("#12345", "#ffffff") == nil)
    }

    @Test func writerEscapesTextAndAttributes() {
        var html = HTMLWriter()
        html.element("a", ["href": "x\" onclick=\"y", "title": nil], text: "<b>&amp;</b>'")
        #expect(html.output == "<a href=\"x&quot; onclick=&quot;y\">&lt;b&gt;&amp;amp;&lt;/b&gt;&#39;</a>")
    }

    @Test(arguments: [
        ("https://example.org", true), ("http://x", true), ("mailto:a@b.nl", true), ("../doel/", true),
        ("#kop", true), ("?q=a:b", true), ("javascript:alert(1)", false), (" JavaScript:alert(1)", false),
        ("data:text/html,x", false), ("vbscript:x", false),
    ])
    func unsafeSchemesAreRefused(url: String, safe: Bool) {
        #expect(HTMLEscaping.isSafeURL(url) == safe)
    }
}
