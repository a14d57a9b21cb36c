import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Prints an HTML document to a tagged PDF with bookmarks, with a headless Chromium (or Chrome).
///
/// Chromium's headless print writes a tagged PDF (a structure tree from the page's accessibility
/// tree: H1–H6, P, L, Table, Figure with its alternative text, Link), takes the title from
/// `<title>` and the language from `<html lang>`, and with `--generate-pdf-document-outline` makes
/// the bookmarks from the headings h1–h6. Every run gets a fresh profile folder and a time limit;
/// the browser and all its child processes run in a process group of their own, which is killed
/// when the limit is reached (two minutes and a third of a second per page of the document).
///
/// ```swift
/// let printer = try ChromiumPrinter.locate()
/// let pdf = try printer.print(html: "<!DOCTYPE html><html lang=\"nl\">…", name: "jaarverslag-2019")
/// ```
public struct ChromiumPrinter: Sendable {
    /// The browser's executable.
    public var executable: String
    /// How long one document may take before Chromium is stopped, besides ``timeLimitPerPage``.
    public var timeLimit: Duration
    /// How much longer a document may take for each of its pages. Measured: a document of 2,061
    /// pages (4,201 A4 sheets) took 232 s, about 0.11 s a page; the limit allows three times that.
    public var timeLimitPerPage: Duration

    /// The names looked for on `PATH`, in this order.
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    public init(executable: String, timeLimit: Duration = .seconds(120), timeLimitPerPage: Duration = .milliseconds(330)) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.timeLimitPerPage = timeLimitPerPage
    }

    /// Finds the browser: the path (or name on `PATH`) in `ZICHT_CHROMIUM` when it is set, else the
    /// first of ``browserNames`` on `PATH`.
    /// - Throws: ``PDFError`` naming what is missing and how to install it.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PDFError) -> ChromiumPrinter {
        let searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func onPath(_ name: String) -> String? {
            searchPath.lazy.map { ($0.isEmpty ? "." : $0) + "/" + name }.first(where: isExecutableFile)
        }
        if let chosen = environment[PDFError.browserVariable], !chosen.isEmpty {
            let found = chosen.contains("/") ? (isExecutableFile(chosen) ? chosen : nil) : onPath(chosen)
            guard let found else { throw PDFError(.notExecutable(path: chosen)) }
            return ChromiumPrinter(executable: found)
        }
        for name in browserNames {
            if let found = onPath(name) { return ChromiumPrinter(executable: found) }
        }
        throw PDFError(.notFound(names: browserNames))
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// Prints `html` (a complete, self-contained document: styles and images inline) to PDF.
    /// - Parameters:
    ///   - name: a file name without extension for the temporary files (no slashes).
    ///   - pages: how many pages of the site the document holds, for the time limit.
    /// - Returns: the PDF's bytes; never a partial file.
    /// - Throws: ``PDFError`` with Chromium's last lines of output when it fails or takes too long.
    public func print(html: String, name: String, pages: Int = 1) throws(PDFError) -> Data {
        let limit = timeLimit + timeLimitPerPage * pages
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/" + name + ".html"
        let pdf = folder + "/" + name + ".pdf"
        let log = folder + "/chromium.log"
        guard FileManager.default.createFile(atPath: page, contents: Data(html.utf8)) else {
            throw PDFError(.temporaryFiles(path: page, code: errno))
        }
        // As root Chromium refuses to start with its sandbox; otherwise the sandbox is tried first
        // and left out only when this system cannot provide it (a container without namespaces).
        var sandbox = geteuid() != 0
        while true {
            let arguments = Self.arguments(page: page, pdf: pdf, profile: folder + "/profile", sandbox: sandbox)
            let outcome = try run(arguments, log: log, limit: limit)
            let output = Self.lastLines(ofLog: log)
            switch outcome {
            case .exited(0):
                guard let data = FileManager.default.contents(atPath: pdf), Self.isCompletePDF(data) else {
                    throw PDFError(.noPDF(output: output))
                }
                return data
            case .exited where sandbox && output.lowercased().contains("sandbox"):
                sandbox = false
            case .exited(let status):
                throw PDFError(.failed(status: "exited with status \(status)", output: output))
            case .signalled(let signal):
                throw PDFError(.failed(status: "was killed by signal \(signal)", output: output))
            case .timedOut:
                throw PDFError(.timedOut(seconds: Int((Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18).rounded(.up)), output: output))
            }
        }
    }

    /// The command line: headless, a fresh profile, nothing fetched or synced, Chromium's own
    /// header and footer (date, file URL) off, bookmarks from the headings.
    static func arguments(page: String, pdf: String, profile: String, sandbox: Bool) -> [String] {
        var arguments = [
            "--headless", "--user-data-dir=\(profile)", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-sync", "--disable-background-networking", "--disable-component-update",
            "--mute-audio", "--no-pdf-header-footer", "--generate-pdf-document-outline", "--print-to-pdf=\(pdf)",
        ]
        if !sandbox { arguments.insert("--no-sandbox", at: 1) }
        arguments.append(URL(fileURLWithPath: page).absoluteString)
        return arguments
    }

    /// Whether `data` is a whole PDF: it starts with the header and ends with the end-of-file marker.
    static func isCompletePDF(_ data: Data) -> Bool {
        data.starts(with: Array("%PDF-".utf8)) && data.suffix(64).range(of: Data("%%EOF".utf8)) != nil
    }

    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    /// Runs the browser in a process group of its own, standard error into `log`; kills the whole
    /// group when the time limit is reached.
    private func run(_ arguments: [String], log: String, limit: Duration) throws(PDFError) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // A server may ignore SIGPIPE; the browser gets the default handling back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], environ)
        guard started == 0 else { throw PDFError(.cannotStart(path: executable, code: started)) }
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { return .exited(-1) }
            if ContinuousClock.now >= deadline {
                // The group's id is the browser's pid, which cannot be reused before it is reaped.
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            usleep(20_000)
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// The last lines Chromium wrote to standard error, without its complaints about a missing
    /// D-Bus (a server has none), for error messages.
    static func lastLines(ofLog path: String, count: Int = 12) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .filter { !$0.contains("dbus") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .suffix(count)
            .map { $0.count > 300 ? $0.prefix(300) + "…" : $0 }
        return lines.joined(separator: "\n")
    }

    /// A new private folder under the system's temporary folder.
    private static func temporaryFolder() throws(PDFError) -> String {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-pdf-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw PDFError(.temporaryFiles(path: template, code: errno)) }
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
