import Foundation
import ZichtEngine
import ZichtSite

extension ZichtApp {
    /// What `zicht build --pdf` needs: the browser, found through `ZICHT_CHROMIUM` or on `PATH`.
    /// Called before the build starts, so that a missing browser costs nothing and changes nothing.
    /// - Throws: ``PDFError`` naming what is missing and how to install it.
    public static func pdfOptions(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PDFOptions {
        PDFOptions(printer: try ChromiumPrinter.locate(environment: environment))
    }

    /// The demo's PDFs: made when the browser is found, else skipped with a line that says so.
    public static func optionalPDFOptions(environment: [String: String], terminal: Terminal) -> PDFOptions? {
        do {
            return PDFOptions(printer: try ChromiumPrinter.locate(environment: environment), isOptional: true)
        } catch {
            terminal.say("Skipped the PDFs: \(error.reason); to make them, \(PDFError.installHint).")
            return nil
        }
    }

    /// One line per PDF made, and why none were made when the build was told to go on without:
    /// "PDF: jaarverslag-2019/jaarverslag-2019.pdf (1.3 MB, printed in 4.2 s)".
    public static func pdfLines(_ report: SiteSession.Report) -> [String] {
        var lines = report.pdfs.map { pdf in
            let megabytes = Double(pdf.byteCount) / 1_000_000
            let seconds = Double(pdf.printTime.components.seconds) + Double(pdf.printTime.components.attoseconds) / 1e18
            return "PDF: \(pdf.document.path) (\(String(format: "%.1f", megabytes)) MB, printed in \(String(format: "%.1f", seconds)) s)"
        }
        if let failure = report.pdfFailure { lines.append("Skipped the PDFs: \(failure.message)") }
        return lines
    }
}
