import ArgumentParser
import Foundation
import ZichtApp
import ZichtCore
import ZichtServer
import ZichtSite
import ServiceLifecycle

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site project from the bundled example.",
        discussion: """
            Example:
              zicht init mijn-jaarverslag
            """)

    @Argument(help: "The folder to create; it must not exist or be empty.")
    var folder: String

    func run() async throws {
        try await runReportingErrors {
            let url = absoluteURL(folder)
            try ZichtApp.initialize(at: url)
            printLine("New project in \(url.path). Build it with: zicht build \(folder)")
        }
    }
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site of a project.",
        discussion: """
            Lists every problem in the project (file:line:column) and exits with status 1 if there is \
            one; the previous site is then left as it was. Set SOURCE_DATE_EPOCH for a fixed build time.

            Examples:
              zicht build                         Build the project in this folder into ./site.
              zicht build mijn-jaarverslag --out /tmp/site
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "The output folder (default: PROJECT/site).")
    var out: String?

    func run() async throws {
        try await runReportingErrors {
            let projectURL = absoluteURL(project)
            let output = out.map(absoluteURL) ?? projectURL.appendingPathComponent("site")
            let report = try ZichtApp.build(project: projectURL, output: output, builtAt: buildTime())
            printLine("Built \(report.pageCount) pages in \(output.path)")
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a project, serve it, and rebuild whenever it changes.",
        discussion: """
            Examples:
              zicht serve mijn-jaarverslag
              zicht serve --port 9000
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The output folder (default: PROJECT/site).")
    var out: String?

    func run() async throws {
        try await runReportingErrors {
            let projectURL = absoluteURL(project)
            let output = out.map(absoluteURL) ?? projectURL.appendingPathComponent("site")
            try ZichtApp.build(project: projectURL, output: output, builtAt: buildTime())
            try await serve(project: projectURL, site: output, host: host, port: port, watch: true)
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the bundled example (Jaarverslag 2019, Zwolle) and serve it.",
        discussion: """
            Examples:
              zicht demo                          Serve on http://127.0.0.1:8080/
              zicht demo --no-serve --out /tmp/demo
            """)

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The output folder (default: a new temporary folder).")
    var out: String?

    @Flag(help: "Only build the site, then exit.")
    var noServe = false

    func run() async throws {
        try await runReportingErrors {
            let output = out.map(absoluteURL)
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("zicht-demo-\(ProcessInfo.processInfo.processIdentifier)")
            // The example is copied first: its snapshot (.zicht/) must not be written into the bundle.
            let project = FileManager.default.temporaryDirectory
                .appendingPathComponent("zicht-demo-project-\(ProcessInfo.processInfo.processIdentifier)")
            try ZichtApp.copyExample(to: project)
            defer { try? FileManager.default.removeItem(at: project) }
            let report = try ZichtApp.build(project: project, output: output, builtAt: buildTime())
            printLine("Example site built: \(report.pageCount) pages in \(output.path)")
            if !noServe {
                try await serve(project: project, site: output, host: "127.0.0.1", port: port, watch: false)
            }
        }
    }
}

/// Serves `site`; with `watch`, rebuilds it from `project` after every change.
func serve(project: URL, site: URL, host: String, port: Int, watch: Bool) async throws {
    var services: [any Service] = []
    if watch {
        services.append(ProjectWatcher(folders: ZichtApp.watchedPaths(of: project)) {
            do {
                let report = try ZichtApp.build(project: project, output: site, builtAt: buildTime())
                printLine("Rebuilt: \(report.pageCount) pages.")
            } catch {
                FileHandle.standardError.write(Data("Build failed; the previous site stays.\n\(ErrorText.report(error))\n".utf8))
            }
        })
    }
    try await SiteServer(siteFolder: site, host: host, port: port).run(services: services) { url in
        printLine("Zicht is serving \(url) (stop with Ctrl-C)")
    }
}
