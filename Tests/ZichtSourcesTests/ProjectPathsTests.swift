import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// Every file a build reads lies inside the project (after symbolic links); folders that cannot be
/// read and special files are errors, never silently skipped or waited on.
struct ProjectPathsTests {
    static func diagnostics(_ project: TemporaryProject) -> [Diagnostic] {
        do {
            _ = try SiteProjectLoader.load(project.root)
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func project(config extra: String) throws -> TemporaryProject {
        var files = TemporaryProject.minimalFiles
        files["zicht.yaml"] = files["zicht.yaml"]! + "\n" + extra
        return try TemporaryProject(files: files)
    }

    @Test(arguments: [
        ("theme:\n  logo: ../../../../etc/passwd", "theme.logo", 10),
        ("theme:\n  logo: /etc/passwd", "theme.logo", 10),
        ("data:\n  - {file: ../../../etc/hostname, table: 83648NED}", "data", 10),
        ("boundaries:\n  - {file: /etc/hostname, year: 2014}", "boundaries", 10),
    ])
    func pathsInTheSettingsMustStayInTheProject(_ yaml: String, _ field: String, _ line: Int) throws {
        let project = try Self.project(config: yaml)
        defer { project.remove() }
        let found = Self.diagnostics(project).filter { $0.message.hasPrefix(field) }
        #expect(found.count == 1, "\(Self.diagnostics(project))")
        #expect(found.first?.file == "zicht.yaml")
        #expect(found.first?.line == line)
        #expect(found.first?.message.contains("outside the project") == true || found.first?.message.contains("absolute path") == true)
    }

    @Test func aLogoLinkedToAFileOutsideIsRefused() throws {
        let project = try Self.project(config: "theme:\n  logo: theme/logo.svg")
        defer { project.remove() }
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("theme"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("theme/logo.svg").path, withDestinationPath: "/etc/passwd")
        let found = Self.diagnostics(project)
        #expect(found.count == 1 && found[0].message.contains("resolves to /etc/passwd"), "\(found)")
    }

    @Test func contentLinkedFromOutsideTheProjectIsAnError() throws {
        let outside = try TemporaryProject(files: ["geheim.md": "---\nid: geheim\nkind: pagina\ntitle: Geheim\nparent: jv\n---\nNiet publiceren."])
        defer { outside.remove() }
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: project.root.appendingPathComponent("content/geheim.md").path, withDestinationPath: outside.root.appendingPathComponent("geheim.md").path)
        // A linked folder is followed only when it stays inside the project, too.
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("content/extern").path, withDestinationPath: outside.root.path)
        let found = Self.diagnostics(project)
        #expect(Set(found.map(\.file)) == ["content/geheim.md", "content/extern"], "\(found)")
        #expect(found.allSatisfy { $0.message.contains("outside the project folder") })
    }

    @Test func aLinkInsideTheProjectIsFine() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        try project.write("---\nid: extra\nkind: pagina\ntitle: Extra\nparent: jv\n---\nTekst.", to: "bron/extra.md")
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("content/extra.md").path, withDestinationPath: "../bron/extra.md")
        #expect(Self.diagnostics(project).isEmpty)
    }

    @Test func aFIFOInContentIsRefusedWithoutWaiting() throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        #expect(mkfifo(project.root.appendingPathComponent("content/pijp.md").path, 0o644) == 0)
        #expect(mkfifo(project.root.appendingPathComponent("indicators.fifo").path, 0o644) == 0)
        let found = Self.diagnostics(project)
        #expect(found.count == 1 && found[0].file == "content/pijp.md" && found[0].message.contains("named pipe (FIFO)"), "\(found)")
    }

    @Test func inputFileRefusesSpecialFiles() throws {
        #expect(throws: InputFile.Refusal.self) { try InputFile.check("/dev/zero") }
        #expect(throws: InputFile.Refusal.self) { try InputFile.check("/tmp") }
        #expect(throws: InputFile.Refusal.self) { try InputFile.check("/nonexistent/zicht") }
        do {
            try InputFile.check("/dev/null")
            Issue.record("/dev/null was accepted")
        } catch {
            #expect(error.reason.contains("character device"))
        }
    }

    @Test(arguments: ["//other.host/x", "https://other.host/", "/a b/", "/../", "/x\\y/", "/javascript:alert(1)/"])
    func baseURLMustBeAPathOnThisSite(_ value: String) throws {
        let project = try Self.project(config: "baseURL: \"\(value.replacingOccurrences(of: "\\", with: "\\\\"))\"")
        defer { project.remove() }
        let found = Self.diagnostics(project)
        #expect(found.count == 1 && found[0].line == 9 && found[0].message.hasPrefix("baseURL"), "\(value): \(found)")
    }

    @Test func aPlainBaseURLIsAccepted() throws {
        let project = try Self.project(config: "baseURL: /jaarverslag-2019/")
        defer { project.remove() }
        #expect(Self.diagnostics(project).isEmpty)
    }
}
