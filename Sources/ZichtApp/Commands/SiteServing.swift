import Foundation
import ZichtEngine
import ZichtServer
import ZichtSite

extension ZichtApp {
    /// The build time: now, or `SOURCE_DATE_EPOCH` (seconds since 1970) for reproducible builds.
    public static func buildTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    /// `zicht serve`: builds `project` into `site`, serves it, and brings it up to date after every
    /// change (``SiteSession/update(changed:builtAt:)``: an edited page's text renders that page, other
    /// changes build fully); a failing update is reported and the previous site stays. Returns when
    /// the server stops.
    /// - Throws: what the first build throws (the server does not start then), or the server's errors.
    public static func serve(project: URL, site: URL, host: String, port: Int, terminal: Terminal = .standard) async throws {
        let session = SiteSession(project: project, output: site, generator: generator)
        try await onOwnThread { try session.build(builtAt: buildTime()) }
        let watcher = ProjectWatcher(folders: watchedPaths(of: project)) { changed in
            do {
                let report = try session.update(changed: changed, builtAt: buildTime())
                if report.isFull {
                    terminal.say("Rebuilt: \(report.pageCount) pages.")
                } else if !report.renderedPages.isEmpty {
                    terminal.say("Updated: \(report.renderedPages.count) of \(report.pageCount) pages.")
                }
            } catch {
                terminal.complain("Build failed; the previous site stays.\n\(ErrorText.report(error))")
            }
        }
        try await SiteServer(siteFolder: site, host: host, port: port).run(services: [watcher]) { url in
            terminal.say("Zicht is serving \(url) (stop with Ctrl-C)")
        }
    }

    /// `zicht demo`: builds the bundled example into `output` (default: a new temporary folder) and,
    /// with `serve`, serves it on 127.0.0.1 until stopped. The example is built from a temporary
    /// copy, removed at the end, so that its snapshot is never written into the bundle.
    /// - Parameter builtAt: the build time the pages show.
    /// - Returns: the build's report and the output folder.
    @discardableResult
    /// - Parameter environment: where the browser for the PDFs is looked for (`ZICHT_CHROMIUM`,
    ///   `PATH`); without one the demo is built without PDFs and says so.
    public static func demo(
        output: URL?, serve: Bool, port: Int = 8080, builtAt: Date = buildTime(), environment: [String: String] = ProcessInfo.processInfo.environment,
        terminal: Terminal = .standard
    ) async throws -> (report: SiteSession.Report, output: URL) {
        let process = ProcessInfo.processInfo.processIdentifier
        let output = output ?? FileManager.default.temporaryDirectory.appendingPathComponent("zicht-demo-\(process)")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-demo-project-\(UUID().uuidString)")
        try copyExample(to: project)
        defer { try? FileManager.default.removeItem(at: project) }
        let pdf = optionalPDFOptions(environment: environment, terminal: terminal)
        let report = try await build(project: project, output: output, builtAt: builtAt, pdf: pdf)
        terminal.say("Example site built: \(report.pageCount) pages in \(output.path)")
        for line in pdfLines(report) { terminal.say(line) }
        if serve {
            try await SiteServer(siteFolder: output, host: "127.0.0.1", port: port).run { url in
                terminal.say("Zicht is serving \(url) (stop with Ctrl-C)")
            }
        }
        return (report, output)
    }
}
