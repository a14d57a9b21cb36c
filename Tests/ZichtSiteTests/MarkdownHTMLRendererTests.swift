import Testing
import ZichtCore
import ZichtSite
import ZichtSources

/// Renders Markdown text with a resolver that knows `ref:7.2` and `ref:raad`.
func renderedHTML(_ markdown: String) -> String {
    testRenderer.render(MarkdownParser.parse(markdown, file: "test.md").blocks)
}

let testRenderer = MarkdownHTMLRenderer { id in
    ["7.2": "/begroting/7-2/", "raad": "/organisatie/#raad"][id]
}

struct MarkdownHTMLRendererTests {
    // MARK: Blocks

    @Test func headingsStartAtH2AndGetIDs() {
        #expect(
            renderedHTML("# Titel\n## Twee\n### Drie\n###### Zes") == """
                <h2 id="titel">Titel</h2>
                <h2 id="twee">Twee</h2>
                <h3 id="drie">Drie</h3>
                <h6 id="zes">Zes</h6>

                """)
    }

    @Test func headingIDsAreUniqueWithinOneRender() {
        #expect(
            renderedHTML("## Toelichting\n## Toelichting\n## Toelichting-2\n## Toelichting") == """
                <h2 id="toelichting">Toelichting</h2>
                <h2 id="toelichting-2">Toelichting</h2>
                <h2 id="toelichting-2-2">Toelichting-2</h2>
                <h2 id="toelichting-3">Toelichting</h2>

                """)
        // A new render call starts afresh.
        #expect(renderedHTML("## Toelichting") == "<h2 id=\"toelichting\">Toelichting</h2>\n")
    }

    @Test(arguments: [
        ("Financiële positie", "financiele-positie"),
        ("Über café's & coöperaties", "uber-cafe-s-cooperaties"),
        ("  1.2 — Wat   willen we bereiken?  ", "1-2-wat-willen-we-bereiken"),
        ("Ĳsselmeer en ĳs", "ijsselmeer-en-ijs"),
        ("Straße, Ærø", "strasse-aero"),
        ("€ %", "section"),
        ("", "section"),
    ])
    func slugs(text: String, slug: String) {
        #expect(MarkdownHTMLRenderer.slug(text) == slug)
    }

    @Test func headingIDUsesTextWithoutMarkup() {
        #expect(
            renderedHTML("## De *raad* en [`code`](ref:raad)")
                == "<h2 id=\"de-raad-en-code\">De <em>raad</em> en <a href=\"/organisatie/#raad\"><code>code</code></a></h2>\n")
    }

    @Test func paragraphsAndInlines() {
        #expect(
            renderedHTML("Een *nadruk*, **sterk**, `a < b` en\neen regel  \nafgebroken.\n\nTweede.") == """
                <p>Een <em>nadruk</em>, <strong>sterk</strong>, <code>a &lt; b</code> en een regel<br>
                afgebroken.</p>
                <p>Tweede.</p>

                """)
    }

    @Test func lists() {
        #expect(
            renderedHTML("- a\n- b\n  1. c\n  2. d") == """
                <ul>
                <li>a</li>
                <li>b
                <ol>
                <li>c</li>
                <li>d</li>
                </ol>
                </li>
                </ul>

                """)
        #expect(renderedHTML("3. a\n4. b") == "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n")
        #expect(renderedHTML("1. a") == "<ol>\n<li>a</li>\n</ol>\n")
    }

    @Test func multiParagraphListItemKeepsParagraphs() {
        #expect(
            renderedHTML("- een\n\n  twee\n- drie") == """
                <ul>
                <li>
                <p>een</p>
                <p>twee</p>
                </li>
                <li>drie</li>
                </ul>

                """)
    }

    @Test func blockQuoteCodeAndRule() {
        #expect(
            renderedHTML("> citaat\n> > dieper\n\n```\n<b>\"x\" & 'y'</b>\n```\n\n---") == """
                <blockquote>
                <p>citaat</p>
                <blockquote>
                <p>dieper</p>
                </blockquote>
                </blockquote>
                <pre><code>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</code></pre>
                <hr>

                """)
    }

    @Test func tables() {
        #expect(
            renderedHTML("| Post | Bedrag | Midden | Links |\n|---|--:|:-:|:--|\n| *a* \\| b | 1 | 2 | 3 |") == """
                <div class="table-wrap" role="region" tabindex="0" aria-label="Tabel: Post, Bedrag, Midden, Links"><table>
                <thead>
                <tr><th scope="col">Post</th><th scope="col" class="align-right">Bedrag</th><th scope="col" class="align-center">Midden</th><th scope="col" class="align-left">Links</th></tr>
                </thead>
                <tbody>
                <tr><td><em>a</em> | b</td><td class="align-right">1</td><td class="align-center">2</td><td class="align-left">3</td></tr>
                </tbody>
                </table></div>

                """)
        #expect(!renderedHTML("| a |\n|---|").contains("tbody"))
    }

    // MARK: Links

    @Test func links() {
        #expect(renderedHTML("[CBS](https://www.cbs.nl)") == "<p><a href=\"https://www.cbs.nl\">CBS</a></p>\n")
        #expect(renderedHTML("[§ 7.2](ref:7.2)") == "<p><a href=\"/begroting/7-2/\">§ 7.2</a></p>\n")
        #expect(renderedHTML("[weg](ref:bestaat-niet) rest") == "<p>weg rest</p>\n")
        #expect(renderedHTML("[mail](mailto:a@b.nl) [top](#top)") == "<p><a href=\"mailto:a@b.nl\">mail</a> <a href=\"#top\">top</a></p>\n")
        #expect(renderedHTML("<https://a.nl>") == "<p><a href=\"https://a.nl\">https://a.nl</a></p>\n")
    }

    @Test func externalLinksGetNoTarget() {
        #expect(!renderedHTML("[a](https://a.nl) [b](http://b.nl)").contains("target"))
    }

    @Test func hrefIsPercentEncodedWhereURLsForbidCharacters() {
        #expect(renderedHTML("[a](<met spatie>)") == "<p><a href=\"met%20spatie\">a</a></p>\n")
        #expect(renderedHTML("[a](/é?q=[1]#x#y)") == "<p><a href=\"/%C3%A9?q=%5B1%5D#x%23y\">a</a></p>\n")
        #expect(renderedHTML("[a](/a%20b%zz)") == "<p><a href=\"/a%20b%25zz\">a</a></p>\n")
        // Brackets stay in an IPv6 host, and only there.
        #expect(renderedHTML("[a](https://[::1]:8/a[b]?c=[d])") == "<p><a href=\"https://[::1]:8/a%5Bb%5D?c=%5Bd%5D\">a</a></p>\n")
    }

    @Test func unsafeOrUnresolvedLinksInTheModelRenderAsText() {
        let blocks: [MarkdownBlock] = [
            .paragraph([
                .link(destination: "javascript:alert(1)", content: [.text("a")], line: 1, column: 1),
                .link(destination: "JAVASCRIPT:alert(1)", content: [.emphasis([.text("b")])], line: 1, column: 1),
                .link(destination: "data:text/html,x", content: [.text("c")], line: 1, column: 1),
                .link(destination: "ref:onbekend", content: [.text("d")], line: 1, column: 1),
            ])
        ]
        #expect(testRenderer.render(blocks) == "<p>a<em>b</em>cd</p>\n")
        // A resolver that returns an unsafe path is not trusted either.
        let hostile = MarkdownHTMLRenderer { _ in "javascript:alert(1)" }
        #expect(hostile.render(MarkdownParser.parse("[x](ref:y)", file: "t.md").blocks) == "<p>x</p>\n")
    }

    @Test func nestedLinksInTheModelRenderTheInnerOneAsText() {
        let inner: MarkdownInline = .link(destination: "/b", content: [.text("b")], line: 1, column: 1)
        #expect(
            testRenderer.renderInline([.link(destination: "/a", content: [.text("a "), inner], line: 1, column: 1)])
                == "<a href=\"/a\">a b</a>")
    }

    // MARK: Escaping

    @Test func hostileInputIsEscaped() {
        #expect(renderedHTML("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
        #expect(
            renderedHTML("[\"><img src=x onerror=alert(1)>](https://a.nl)")
                == "<p><a href=\"https://a.nl\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a></p>\n")
        #expect(renderedHTML("[a](/x\"onclick='b')") == "<p><a href=\"/x%22onclick=&#39;b&#39;\">a</a></p>\n")
        #expect(renderedHTML("[x](javascript:alert(1))") == "<p>x</p>\n")
        #expect(renderedHTML("[x](JAVASCRIPT:alert(1))") == "<p>x</p>\n")
        #expect(renderedHTML("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>\n")
        #expect(renderedHTML("## <script>") == "<h2 id=\"script\">&lt;script&gt;</h2>\n")
        #expect(renderedHTML("| <b> |\n|---|\n| <i> |").contains("<th scope=\"col\">&lt;b&gt;</th>"))
    }

    @Test func forbiddenCodePointsBecomeReplacementCharacters() {
        // Swift string literals cannot spell noncharacters, so build them from scalars.
        let (fffe, fdd0) = (String(Unicode.Scalar(0xFFFE)!), String(Unicode.Scalar(0xFDD0)!))
        #expect(
            renderedHTML("a\u{0}b\u{1}c\u{7F}d\(fffe)e\(fdd0)f 😀 é")
                == "<p>a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f 😀 é</p>\n")
        #expect(renderedHTML("```\n\u{0}\t<\u{C}>\n```") == "<pre><code>\u{FFFD}\t&lt; &gt;</code></pre>\n")
        #expect(renderedHTML("[x](</a\u{1}b>)") == "<p><a href=\"/a%01b\">x</a></p>\n")
    }

    @Test func entitiesRenderLiterally() {
        #expect(renderedHTML("&amp; &lt; &#169;") == "<p>&amp;amp; &amp;lt; &amp;#169;</p>\n")
        #expect(renderedHTML("[x](javascript&colon;alert(1))") == "<p><a href=\"javascript&amp;colon;alert(1)\">x</a></p>\n")
    }

    @Test func renderInlineWritesNoBlockMarkup() {
        #expect(
            testRenderer.renderInline([.text("a & b "), .strong([.text("c")]), .lineBreak, .code("<d>")])
                == "a &amp; b <strong>c</strong><br>\n<code>&lt;d&gt;</code>")
    }

    @Test func emptyHeadingsAndParagraphsAreLeftOut() {
        #expect(testRenderer.render([.heading(level: 2, content: [], line: 1), .paragraph([])]) == "")
    }
}
