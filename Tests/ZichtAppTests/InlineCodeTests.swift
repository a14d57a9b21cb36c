import Foundation
import Testing
import ZichtApp
import ZichtEngine

/// `zicht serve` sends `Content-Security-Policy: default-src 'none'; script-src 'self'; style-src
/// 'self'; img-src 'self'; …` (ZichtServer's `SecurityHeaders`). That policy only fits if the built
/// pages need nothing else: this test scans every HTML and SVG file of the built example for inline
/// script, inline style, event-handler attributes, `javascript:` and `data:` URLs, frames and
/// resources from elsewhere.
struct InlineCodeTests {
    @Test func theBuiltExampleNeedsNoInlineCodeAndNoOtherOrigin() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-csp-\(UUID().uuidString)")
        let site = copy.appendingPathComponent("site")
        defer { try? FileManager.default.removeItem(at: copy) }
        try ZichtApp.copyExample(to: copy)
        try ZichtApp.build(project: copy, output: site, builtAt: Date(timeIntervalSince1970: 0))

        let forbidden: [(String, Regex<Substring>)] = [
            ("an inline <style> element", /<style[\s>]/),
            ("a style attribute", /\sstyle\s*=/),
            ("an event-handler attribute", /\son[a-z]+\s*=/),
            ("a javascript: URL", /javascript:/),
            ("a data: URL in src", /src\s*=\s*"data:/),
            ("a resource from another origin", /\s(?:src|srcset|poster|data)\s*=\s*"(?:https?:)?\/\//),
            ("a style sheet from another origin", /<link[^>]*href="(?:https?:)?\/\//),
            ("a frame, object or embed", /<(?:iframe|frame|object|embed|applet)[\s>]/),
            ("a <base> element", /<base[\s>]/),
        ]
        var scripts = 0
        var scanned = 0
        var pages = 0
        let enumerator = try #require(FileManager.default.enumerator(atPath: site.path))
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".html") || path.hasSuffix(".svg") else { continue }
            scanned += 1
            if path.hasSuffix(".html") { pages += 1 }
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            for (what, pattern) in forbidden {
                #expect(text.firstMatch(of: pattern.ignoresCase()) == nil, "\(path) has \(what)")
            }
            // Every script is a file of the site, loaded by src, with nothing inside the element.
            for match in text.matches(of: /<script([^>]*)>([\s\S]*?)<\/script>/.ignoresCase()) {
                scripts += 1
                let attributes = String(match.output.1)
                #expect(attributes.contains(#"src=""#), "\(path): an inline script")
                #expect(!attributes.contains("//"), "\(path): a script from another origin")
                let code = match.output.2.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(code.isEmpty, "\(path): code inside a script element")
            }
        }
        #expect(scanned > 30)
        #expect(scripts == pages, "every page loads the search script, once")
    }
}
