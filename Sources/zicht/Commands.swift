import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp
import ZichtSite

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

            With --pdf, each document is also printed to a tagged PDF with bookmarks by a headless \
            Chromium (ZICHT_CHROMIUM, or chromium, chromium-browser or google-chrome on PATH), \
            written as KEY/KEY.pdf (KEY.pdf for a project of one document) and linked from the \
            document's home page.

            Examples:
              zicht build                         Build the project in this folder into ./site.
              zicht build mijn-jaarverslag --out /tmp/site
              zicht build mijn-jaarverslag --pdf  Also make a PDF of each document.
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "The output folder (default: PROJECT/site).")
    var out: String?

    @Flag(help: "Also make a PDF of each document (needs Chromium).")
    var pdf = false

    func run() async throws {
        try await runReportingErrors {
            let projectURL = absoluteURL(project)
            let output = out.map(absoluteURL) ?? projectURL.appendingPathComponent("site")
            let options = pdf ? try ZichtApp.pdfOptions() : nil
            let report = try await ZichtApp.build(project: projectURL, output: output, builtAt: ZichtApp.buildTime(), pdf: options)
            printLine("Built \(report.pageCount) pages in \(output.path)")
            for line in ZichtApp.pdfLines(report) { printLine(line) }
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
            try await ZichtApp.serve(project: projectURL, site: out.map(absoluteURL) ?? projectURL.appendingPathComponent("site"), host: host, port: port)
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

            The demo also makes a PDF of each document when Chromium is installed, and says so \
            when it is not.
            """)

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The output folder (default: a new temporary folder).")
    var out: String?

    @Flag(help: "Only build the site, then exit.")
    var noServe = false

    func run() async throws {
        try await runReportingErrors {
            try await ZichtApp.demo(output: out.map(absoluteURL), serve: !noServe, port: port)
        }
    }
}
