import Foundation
import ZichtCore

/// A PDF that a build made.
public struct DocumentPDF: Sendable, Hashable {
    public var document: PrintedDocument
    /// The PDF's size in bytes.
    public var byteCount: Int
    /// How long Chromium took to print it.
    public var printTime: Duration
}

extension SiteRenderer {
    /// The documents that get a PDF: each document of a project of several, or the one document.
    public var printedDocuments: [PrintedDocument] {
        let config = site.config
        guard config.isCycle else {
            let info = config.document
            return [PrintedDocument(key: info.key, title: info.title, homeID: site.document.root.id, path: "\(info.key).pdf")]
        }
        return site.document.children(of: site.document.root.id).compactMap { home in
            guard home.kind == .document, let key = home.documentKey, let info = config.document(key: key) else { return nil }
            return PrintedDocument(key: key, title: info.title, homeID: home.id, path: "\(key)/\(key).pdf")
        }
    }

    /// The print version of `document`: one self-contained HTML file with all its pages (see
    /// `PrintDocument`).
    /// - Parameter files: the rendered site, whose images are inlined.
    public func printHTML(of document: PrintedDocument, files: [String: Data]) -> String {
        printDocument(document, files: files).html()
    }

    func printDocument(_ document: PrintedDocument, files: [String: Data]) -> PrintDocument {
        PrintDocument(site: site, document: document, files: files, theme: theme, logo: logoAsset, generator: generator)
    }

    /// Prints the PDF of every document with `printer`, adds them to `site` and renders the home
    /// pages (and in a project of several documents the portal) again, with a download link.
    ///
    /// The PDFs become files of the rendered site, so they are written into the staging folder and
    /// swapped in with the rest: readers never see a half-written PDF, and a failure keeps the
    /// previous site.
    /// - Returns: a renderer that knows the PDFs (later renders of the home pages keep the link),
    ///   and what was made.
    /// - Throws: ``PDFError`` naming the document when Chromium fails; the site is then unchanged.
    public func addingPDFs(to site: inout RenderedSite, printer: ChromiumPrinter) throws -> (renderer: SiteRenderer, pdfs: [DocumentPDF]) {
        var made: [DocumentPDF] = []
        var files: [String: Data] = [:]
        for document in printedDocuments {
            let printed = printDocument(document, files: site.files)
            let html = printed.html()
            let start = ContinuousClock.now
            do {
                files[document.path] = try printer.print(html: html, name: document.key, pages: printed.pages.count)
            } catch var error {
                error.document = document.title
                throw error
            }
            made.append(DocumentPDF(document: document, byteCount: files[document.path]!.count, printTime: ContinuousClock.now - start))
        }
        var renderer = self
        renderer.site.pdfs = Dictionary(made.map { ($0.document.homeID, $0) }, uniquingKeysWith: { first, _ in first })
        renderer.layout = LayoutRenderer(theme: theme, site: renderer.site, logoPath: layout.logoPath, generator: generator)
        let root = renderer.site.document.root.id
        let homes = made.map(\.document.homeID)
        for (path, data) in try renderer.renderPages(ids: homes.contains(root) ? homes : [root] + homes) { files[path] = data }
        for (path, data) in files { site.files[path] = data }
        return (renderer, made)
    }
}

/// The Dutch words for a PDF on the site.
enum PDFWording {
    /// "1,2 MB", or "850 kB" below a megabyte (decimal units, as file managers show them).
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return DutchNumber.format(Double(bytes) / 1_000_000, decimals: 1) + " MB" }
        return DutchNumber.format(max(1, (Double(bytes) / 1_000).rounded(.up)), decimals: 0) + " kB"
    }
}

extension NodePage {
    /// A relative link to the PDF: "jaarverslag-2019.pdf" from its own home page.
    private func link(toPDF pdf: DocumentPDF) -> String {
        let path = pdf.document.path
        return path.hasPrefix(pagePath) ? String(path.dropFirst(pagePath.count)) : site.link(from: pagePath, toSitePath: path)
    }

    /// On a document's home page, when the build made its PDF: a link to download it.
    func writePDFDownload(_ html: inout HTMLWriter) {
        guard let pdf = site.pdfs[node.id] else { return }
        html.element("p", ["class": "pdf-download"]) { html in
            html.element(
                "a", ["href": link(toPDF: pdf), "type": "application/pdf"],
                text: "Download dit document als PDF (\(PDFWording.size(pdf.byteCount)))")
        }
    }

    /// On the portal, under a document: a link to download its PDF, when the build made it.
    func writePDFDownload(of home: Node, _ html: inout HTMLWriter) {
        guard let pdf = site.pdfs[home.id] else { return }
        html.element("p", ["class": "pdf-download"]) { html in
            html.element(
                "a", ["href": link(toPDF: pdf), "type": "application/pdf"],
                text: "Download \(pdf.document.title) als PDF (\(PDFWording.size(pdf.byteCount)))")
        }
    }
}
