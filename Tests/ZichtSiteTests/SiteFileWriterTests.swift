import Foundation
import Testing
import ZichtSite
import ZichtTestSupport

/// The files of a site are written side by side from all cores into a staging folder that is swapped
/// in as a whole: every file arrives with its bytes, and a failure leaves nothing behind.
struct SiteFileWriterTests {
    @Test func everyFileArrivesWithItsBytesAtEveryDepth() throws {
        let project = try TemporaryProject(files: [:])
        defer { project.remove() }
        var files: [String: Data] = ["index.html": Data("home".utf8), "leeg.txt": Data()]
        for document in 0..<3 {
            for page in 0..<400 {
                let folder = "document-\(document)/doel/\(page)-pagina/"
                files[folder + "index.html"] = Data("<p>\(document).\(page)</p>".utf8)
                files[folder + "index.json"] = Data(repeating: UInt8(page % 256), count: page * 37)
            }
            files["document-\(document)/a/b/c/d/diep.csv"] = Data("x;y\n".utf8)
        }
        let output = project.root.appendingPathComponent("site")
        try SiteBuilder.write(RenderedSite(files: files), to: output)
        #expect(try FolderContents.files(in: output) == files)
        let left = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site.") }
        #expect(left.isEmpty, "\(left)")
    }

    /// Any number of files, also fewer than the chunks the cores share and counts that leave the
    /// last chunks short or empty (9 files in 8 chunks of 2 once crashed the build).
    @Test(arguments: [0, 1, 2, 3, 5, 7, 9, 15, 17, 33, 65])
    func anyNumberOfFilesIsWritten(_ count: Int) throws {
        let project = try TemporaryProject(files: [:])
        defer { project.remove() }
        var files: [String: Data] = [:]
        for index in 0..<count { files["pagina/\(index)/index.html"] = Data("\(index)".utf8) }
        let output = project.root.appendingPathComponent("site")
        try SiteBuilder.write(RenderedSite(files: files), to: output)
        #expect(try FolderContents.files(in: output) == files)
    }

    /// A file that cannot be written (here: a file where a folder must be) fails the build with a
    /// ``SiteWriteError``; the previous site stays and the staging folder is removed.
    @Test func aFileThatCannotBeWrittenKeepsThePreviousSite() throws {
        let project = try TemporaryProject(files: [:])
        defer { project.remove() }
        let output = project.root.appendingPathComponent("site")
        let previous = ["index.html": Data("vorige".utf8)]
        try SiteBuilder.write(RenderedSite(files: previous), to: output)
        var files: [String: Data] = ["doel": Data("een bestand waar een map moet staan".utf8)]
        for page in 0..<200 { files["doel/\(page)/index.html"] = Data("\(page)".utf8) }
        #expect(throws: SiteWriteError.self) { try SiteBuilder.write(RenderedSite(files: files), to: output) }
        #expect(try FolderContents.files(in: output) == previous)
        let left = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site.") }
        #expect(left.isEmpty, "\(left)")
    }
}
