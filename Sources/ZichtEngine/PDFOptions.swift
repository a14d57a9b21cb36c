public import ZichtSite

/// How a build makes the PDF of each document (`zicht build --pdf`, `zicht demo`).
public struct PDFOptions: Sendable {
    /// The browser that prints.
    public var printer: ChromiumPrinter
    /// When printing fails: if false the build fails and the previous site stays; if true the site
    /// is built without PDFs and the report says why (the demo, which must work without them).
    public var isOptional: Bool

    public init(printer: ChromiumPrinter, isOptional: Bool = false) {
        self.printer = printer
        self.isOptional = isOptional
    }

    /// Prints the PDFs into `site` and gives `renderer` the download links; an optional failure
    /// leaves both as they were.
    func add(to site: inout RenderedSite, renderer: inout SiteRenderer) throws -> (pdfs: [DocumentPDF], failure: PDFError?) {
        do {
            let (withLinks, pdfs) = try renderer.addingPDFs(to: &site, printer: printer)
            renderer = withLinks
            return (pdfs, nil)
        } catch let error as PDFError where isOptional {
            return ([], error)
        }
    }
}
