import Foundation
import Testing
@testable import ZichtSite

/// Finding the browser, and running it: a time limit that stops the browser with all its child
/// processes, and only complete PDFs accepted. Real printing is tested in DocumentPDFTests (where
/// Chromium is installed) and by Tests/pdf/check_pdf.py in CI; the programs here are small shell
/// scripts that fail or hang on purpose.
struct ChromiumPrinterTests {
    /// A folder with an executable script of the given body.
    func script(_ name: String, _ body: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-printer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
        chmod(file.path, 0o755)
        return file
    }

    @Test func theBrowserIsFoundByVariableOrOnPath() throws {
        let browser = try script("chromium-browser", "exit 0")
        defer { try? FileManager.default.removeItem(at: browser.deletingLastPathComponent()) }
        let folder = browser.deletingLastPathComponent().path
        #expect(try ChromiumPrinter.locate(environment: ["PATH": "/nonexistent:\(folder)"]).executable == browser.path)
        #expect(try ChromiumPrinter.locate(environment: ["PATH": folder, "ZICHT_CHROMIUM": "chromium-browser"]).executable == browser.path)
        #expect(try ChromiumPrinter.locate(environment: ["PATH": "/nonexistent", "ZICHT_CHROMIUM": browser.path]).executable == browser.path)
        #expect(throws: PDFError.self) { try ChromiumPrinter.locate(environment: ["PATH": folder, "ZICHT_CHROMIUM": folder]) }
        let notExecutable = browser.deletingLastPathComponent().appendingPathComponent("chromium")
        try Data("#!/bin/sh\n".utf8).write(to: notExecutable)
        #expect(try ChromiumPrinter.locate(environment: ["PATH": folder]).executable == browser.path, "a file that is not executable is passed over")
    }

    @Test func aBrowserThatHangsIsStoppedWithItsChildren() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-printer-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let browser = try script("chromium", "echo 'starting' >&2\nsleep 60 &\necho $! > '\(pidFile.path)'\nwait")
        defer { try? FileManager.default.removeItem(at: browser.deletingLastPathComponent()) }
        let printer = ChromiumPrinter(executable: browser.path, timeLimit: .milliseconds(500), timeLimitPerPage: .zero)
        let start = ContinuousClock.now
        #expect {
            _ = try printer.print(html: "<!DOCTYPE html><title>x</title>", name: "x")
        } throws: { error in
            (error as? PDFError)?.message == "cannot make PDFs: Chromium did not finish within 1 s and was stopped; it said:\n      starting"
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        let child = try #require(Int32(String(decoding: Data(contentsOf: pidFile), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        // The child was killed with the group; give the kernel a moment to reap it (it was re-parented).
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(child, 0) == 0 && !Self.isZombie(child)
            if alive { usleep(20_000) }
        }
        #expect(!alive, "the browser's child process \(child) is gone")
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return status.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test func onlyACompletePDFIsAccepted() throws {
        let browser = try script("chromium", #"for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4\n1 0 obj' > "${a#--print-to-pdf=}";; esac; done"#)
        defer { try? FileManager.default.removeItem(at: browser.deletingLastPathComponent()) }
        #expect {
            _ = try ChromiumPrinter(executable: browser.path).print(html: "<!DOCTYPE html>", name: "x")
        } throws: { error in
            (error as? PDFError)?.reason == "Chromium finished but wrote no complete PDF"
        }
        #expect(ChromiumPrinter.isCompletePDF(Data("%PDF-1.4\n…\n%%EOF\n".utf8)))
        #expect(!ChromiumPrinter.isCompletePDF(Data("%PDF-1.4\n1 0 obj".utf8)))
    }

    @Test func theCommandLineIsHeadlessWithAFreshProfileAndNoHeaderOrFooter() {
        let arguments = ChromiumPrinter.arguments(page: "/tmp/a b/x.html", pdf: "/tmp/a b/x.pdf", profile: "/tmp/a b/profile", sandbox: false)
        #expect(arguments.first == "--headless")
        #expect(arguments.contains("--no-sandbox"))
        #expect(arguments.contains("--user-data-dir=/tmp/a b/profile"))
        #expect(arguments.contains("--no-pdf-header-footer") && arguments.contains("--generate-pdf-document-outline"))
        #expect(arguments.last == "file:///tmp/a%20b/x.html")
        #expect(!ChromiumPrinter.arguments(page: "/x.html", pdf: "/x.pdf", profile: "/p", sandbox: true).contains("--no-sandbox"))
    }
}
