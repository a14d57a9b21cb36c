import Foundation
import ZichtCore

/// Making a document's PDF failed: Chromium is missing, would not start, failed, took too long, or
/// wrote no PDF. Says what is missing or what Chromium said, and how to go on.
public struct PDFError: DiagnosticConvertible, Sendable, CustomStringConvertible {
    enum Code: Sendable, Hashable {
        /// No Chromium on PATH under any of `names`, and `ZICHT_CHROMIUM` not set.
        case notFound(names: [String])
        /// `ZICHT_CHROMIUM` names something that is not an executable file.
        case notExecutable(path: String)
        /// The process could not be started (`errno`).
        case cannotStart(path: String, code: Int32)
        /// Chromium exited with a status other than 0, or was killed by a signal.
        case failed(status: String, output: String)
        /// Chromium did not finish within the time limit and was stopped.
        case timedOut(seconds: Int, output: String)
        /// Chromium exited normally but left no file, or one that is not a complete PDF.
        case noPDF(output: String)
        /// The temporary folder for printing could not be made or written (`errno`).
        case temporaryFiles(path: String, code: Int32)
    }

    let code: Code
    /// The title of the document being printed, when the error happened while printing one.
    public internal(set) var document: String?

    init(_ code: Code, document: String? = nil) {
        self.code = code
        self.document = document
    }

    /// The environment variable that names the browser to use.
    public static let browserVariable = "ZICHT_CHROMIUM"
    public static let installHint = "install Chromium (on Debian or Ubuntu: apt-get install chromium), or set \(browserVariable) to the path of a Chromium or Chrome executable"

    /// Whether the browser is missing (as opposed to present but failing).
    public var isBrowserMissing: Bool {
        switch code {
        case .notFound, .notExecutable: true
        default: false
        }
    }

    /// What went wrong and where: "cannot make the PDF of 'Jaarverslag 2019': Chromium …".
    public var message: String {
        (document.map { "cannot make the PDF of '\($0)'" } ?? "cannot make PDFs") + ": " + reason
    }

    /// What went wrong, without the document: "Chromium was not found (…)".
    public var reason: String {
        switch code {
        case .notFound(let names):
            "Chromium was not found (\(Self.browserVariable) is not set, and none of \(names.joined(separator: ", ")) is on PATH)"
        case .notExecutable(let path):
            "\(Self.browserVariable) is set to '\(path)', which is not an executable file"
        case .cannotStart(let path, let code):
            "Chromium ('\(path)') could not be started: \(String(cString: strerror(code)))"
        case .failed(let status, let output):
            "Chromium \(status)" + Self.quoted(output)
        case .timedOut(let seconds, let output):
            "Chromium did not finish within \(seconds) s and was stopped" + Self.quoted(output)
        case .noPDF(let output):
            "Chromium finished but wrote no complete PDF" + Self.quoted(output)
        case .temporaryFiles(let path, let code):
            "cannot write the temporary file \(path): \(String(cString: strerror(code)))"
        }
    }

    public var hint: String {
        switch code {
        case .notFound, .notExecutable, .cannotStart: Self.installHint + "; or build without --pdf"
        case .timedOut: "a very large document may need longer; try again on a less busy machine, or build without --pdf"
        case .failed, .noPDF: "check that the browser runs on this machine (for example: chromium --headless --version), or build without --pdf"
        case .temporaryFiles: "free some disk space or set TMPDIR to a writable folder"
        }
    }

    public var description: String { "\(message)\n    hint: \(hint)" }

    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: message, hint: hint)] }

    /// Chromium's last lines, indented under the message; nothing when it said nothing.
    private static func quoted(_ output: String) -> String {
        output.isEmpty ? "" : "; it said:\n" + output.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    }
}
