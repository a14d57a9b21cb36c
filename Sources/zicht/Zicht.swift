import ArgumentParser
import Foundation
import ZichtEngine
import ZichtApp

@main
struct Zicht: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zicht",
        abstract: "Publish a municipality's budget and annual report as an accessible website, with safety figures.",
        discussion: """
            Zicht builds a municipality's budget or annual report as a static, accessible website from a \
            site project: a folder with zicht.yaml and one Markdown file per page.

            Examples:
              zicht demo                      Build and serve the bundled example.
              zicht init mijn-jaarverslag     Start a new project from the example.
              zicht build mijn-jaarverslag    Build it into mijn-jaarverslag/site.
              zicht serve mijn-jaarverslag    Serve it and rebuild on every change.
              zicht indicators mijn-jaarverslag   Print the indicator figures.
            """,
        version: ZichtApp.version,
        subcommands: [Demo.self, Init.self, Build.self, Serve.self, Server.self, AccountCommand.self, AuditCommand.self, Checkout.self, Import.self, Fetch.self, Indicators.self, Simulate.self, HotSpots.self, NearRepeat.self, Evaluate.self, DisclosureAuditCommand.self]
    )
}

/// Turns every error into text (through ``ErrorText``) and exit status 1. Usage errors are
/// thrown from `validate()`, where ArgumentParser reports them with exit status 64.
@discardableResult
func runReportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data((ErrorText.report(error) + "\n").utf8))
        throw ExitCode.failure
    }
}

extension OutputFormat: ExpressibleByArgument {}

func absoluteURL(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Writes `text` to standard output as it is.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes each notice on its own line to standard error.
func warn(_ notices: [String]) {
    for notice in notices { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
}

/// The folder the command was started in.
var currentFolder: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }
