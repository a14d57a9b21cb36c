import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

struct SiteProjectLoaderTests {
    /// Loads a project made of the minimal files with `changes` applied (nil removes a file).
    func load(_ changes: [String: String?] = [:]) throws -> Result<SiteProject, DiagnosticsError> {
        var files = TemporaryProject.minimalFiles
        for (path, text) in changes { files[path] = text }
        let project = try TemporaryProject(files: files.compactMapValues { $0 })
        defer { project.remove() }
        do {
            return .success(try SiteProjectLoader.load(project.root))
        } catch {
            return .failure(error)
        }
    }

    func diagnostics(_ changes: [String: String?]) throws -> [Diagnostic] {
        switch try load(changes) {
        case .success: Issue.record("expected the project to fail"); return []
        case .failure(let error): return error.diagnostics
        }
    }

    @Test func loadsTheMinimalProject() throws {
        let project = try load().get()
        #expect(project.config.organisation.name == "Gemeente Proefstad")
        #expect(project.config.document.kind == .jaarverslag)
        #expect(project.config.disclosureThreshold == 5)
        #expect(project.document.count == 6)
        #expect(project.document.nodesInOrder.map(\.id) == ["jv", "leeswijzer", "7", "7.2", "7.2.1", "7.2.4"])
        let goal = try #require(project.document["7.2.1"])
        #expect(goal.kind == .doel)
        #expect(goal.displayTitle == "Doel 7.2.1 Sociale veiligheid")
        #expect(goal.criteria.count == 2)
        #expect(goal.indicatorIDs.isEmpty)
        #expect(goal.kaders == [
            Kader(title: "Veiligheidsvisie", target: .url("https://example.org/visie")),
            Kader(title: "Ambitie veiligheid", target: .reference("7.2")),
        ])
        #expect(goal.portefeuillehouder == Portefeuillehouder(name: "A. Burgemeester", role: "burgemeester"))
        #expect(goal.sections.map(\.title) == ["Beschrijving doel", "Toelichting op realisatie doel"])
        #expect(goal.sections[0].line == 21)
        #expect(project.document.ancestors(of: goal).map(\.id) == ["jv", "7", "7.2"])
    }

    @Test func brokenYAMLIsLocated() throws {
        let found = try diagnostics(["content/leeswijzer.md": "---\nid: leeswijzer\nkind: pagina\ntitle: [Leeswijzer\nparent: jv\n---\nTekst.\n"])
        let problem = try #require(found.first { $0.file == "content/leeswijzer.md" })
        #expect(problem.message.hasPrefix("invalid YAML"))
        // The flow sequence opened on line 4 is never closed; libyaml notices it at line 5 or 6.
        #expect((4...6).contains(problem.line ?? 0))
        #expect(problem.column != nil)
    }

    @Test func unknownKindNamesTheKinds() throws {
        let found = try diagnostics(["content/leeswijzer.md": "---\nid: leeswijzer\nkind: hoofdstuk\ntitle: Leeswijzer\nparent: jv\n---\n"])
        #expect(found.count == 1)
        #expect(found[0].file == "content/leeswijzer.md")
        #expect(found[0].line == 3)
        #expect(found[0].column == 7)
        #expect(found[0].message == "unknown kind 'hoofdstuk'")
        #expect(found[0].hint?.contains("ambitie") == true)
    }

    @Test func duplicateIDNamesBothFiles() throws {
        let found = try diagnostics(["content/dubbel.md": "---\nid: leeswijzer\nkind: pagina\ntitle: Nog een\nparent: jv\n---\n"])
        #expect(found.count == 1)
        #expect(found[0].message.contains("duplicate id 'leeswijzer'"))
        #expect(found[0].file == "content/leeswijzer.md" || found[0].file == "content/dubbel.md")
        #expect(found[0].message.contains("content/dubbel.md") || found[0].message.contains("content/leeswijzer.md"))
    }

    @Test func missingParentSuggestsTheNearestID() throws {
        let found = try diagnostics(["content/leeswijzer.md": "---\nid: leeswijzer\nkind: pagina\ntitle: Leeswijzer\nparent: jw\n---\n"])
        #expect(found.count == 1)
        #expect(found[0].message == "parent 'jw' of 'leeswijzer' does not exist")
        #expect(found[0].line == 5)
        #expect(found[0].hint == "did you mean 'jv'?")
    }

    @Test func danglingReferenceIsLocatedAtTheLink() throws {
        let text = "---\nid: leeswijzer\nkind: pagina\ntitle: Leeswijzer\nparent: jv\n---\n## Kop\nZie ook [doel 7.2.5](ref:7.2.5) hier.\n"
        let found = try diagnostics(["content/leeswijzer.md": text])
        #expect(found.count == 1)
        #expect(found[0].file == "content/leeswijzer.md")
        #expect(found[0].line == 8)
        #expect(found[0].column == 9)
        #expect(found[0].message == "reference to '7.2.5', but no page has that id")
    }

    @Test func danglingKaderReference() throws {
        var goal = TemporaryProject.minimalFiles["content/7/7.2/7.2.1.md"]!
        goal = goal.replacingOccurrences(of: "ref: \"7.2\"", with: "ref: \"7.3\"")
        let found = try diagnostics(["content/7/7.2/7.2.1.md": goal])
        #expect(found.count == 1)
        #expect(found[0].message == "kader 'Ambitie veiligheid' refers to '7.3', but no page has that id")
        #expect(found[0].hint == "did you mean '7.2'?")
    }

    @Test func missingRequiredFieldsAreAllListed() throws {
        let found = try diagnostics(["content/leeswijzer.md": "---\nkind: pagina\n---\n"])
        let messages = Set(found.map(\.message))
        #expect(messages == [
            "missing required field 'id'", "missing required field 'title'", "missing required field 'parent'",
        ])
        #expect(found.allSatisfy { $0.file == "content/leeswijzer.md" && $0.line == 2 })
    }

    @Test func unknownFieldGetsADidYouMean() throws {
        let found = try diagnostics(["content/leeswijzer.md": "---\nid: leeswijzer\nkind: pagina\ntitel: Leeswijzer\ntitle: L\nparent: jv\n---\n"])
        #expect(found.count == 1)
        #expect(found[0].message == "unknown field 'titel'")
        #expect(found[0].line == 4)
        #expect(found[0].hint?.hasSuffix("did you mean 'title'?") == true)
    }

    @Test func invalidUTF8IsLocated() throws {
        var files = TemporaryProject.minimalFiles
        files.removeValue(forKey: "content/leeswijzer.md")
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        var bytes = Data("---\nid: leeswijzer\nkind: pagina\ntitle: Caf".utf8)
        bytes.append(0xE9)  // "é" in Latin-1, not UTF-8
        bytes.append(contentsOf: Array("\nparent: jv\n---\n".utf8))
        try project.write(bytes, to: "content/leeswijzer.md")
        #expect {
            try SiteProjectLoader.load(project.root)
        } throws: { error in
            let d = (error as! DiagnosticsError).diagnostics
            return d.count == 1 && d[0].line == 4 && d[0].message.contains("offset 42") && d[0].hint == "save the file as UTF-8"
        }
    }

    /// Bounded cost (issue 10): a project file beyond the limit is refused before it is read.
    @Test func fileLargerThanTheLimitIsRefused() throws {
        var files = TemporaryProject.minimalFiles
        files.removeValue(forKey: "content/leeswijzer.md")
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        try project.write(Data("---\nid: leeswijzer\n".utf8), to: "content/leeswijzer.md")
        let handle = try FileHandle(forWritingTo: project.root.appendingPathComponent("content/leeswijzer.md"))
        try handle.truncate(atOffset: UInt64(SiteProjectLoader.maximumTextFileBytes + 1))  // sparse: nothing is written
        try handle.close()
        #expect {
            try SiteProjectLoader.load(project.root)
        } throws: { error in
            let d = (error as! DiagnosticsError).diagnostics
            return d.count == 1 && d[0].file == "content/leeswijzer.md"
                && d[0].message == "the file has 8388609 bytes; Zicht reads project files of at most 8388608 bytes (8 MiB)"
        }
    }

    @Test func unreadableFileIsReported() throws {
        var files = TemporaryProject.minimalFiles
        files.removeValue(forKey: "content/leeswijzer.md")
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        // A dangling symbolic link: listed in the folder, but there is nothing to read.
        try FileManager.default.createSymbolicLink(
            atPath: project.root.appendingPathComponent("content/leeswijzer.md").path, withDestinationPath: "/nonexistent/zicht.md")
        #expect {
            try SiteProjectLoader.load(project.root)
        } throws: { error in
            let d = (error as! DiagnosticsError).diagnostics
            return d.count == 1 && d[0].file == "content/leeswijzer.md" && d[0].message == "file not found"
        }
    }

    @Test func everyProblemOfAProjectIsReportedAtOnce() throws {
        let found = try diagnostics([
            "content/leeswijzer.md": "---\nid: leeswijzer\nkind: hoofdstuk\ntitle: Leeswijzer\nparent: jv\n---\n",
            "content/extra.md": "---\nid: extra\nkind: pagina\ntitle: Extra\nparent: nergens\n---\n",
            "zicht.yaml": "organisation:\n  name: X\ndocument:\n  kind: jaarrekening\n  year: 2019\n  title: T\n",
        ])
        #expect(found.count == 3)
        #expect(Set(found.map(\.file)) == ["content/leeswijzer.md", "content/extra.md", "zicht.yaml"])
        let config = try #require(found.first { $0.file == "zicht.yaml" })
        #expect(config.line == 4)
        #expect(config.message == "unknown document kind 'jaarrekening'")
    }

    @Test func missingProjectSettings() throws {
        let found = try diagnostics(["zicht.yaml": nil])
        #expect(found.count == 1)
        #expect(found[0].file == "zicht.yaml")
        #expect(found[0].message == "file not found")
    }

    @Test func cyclesAndSecondDocumentsAreReported() throws {
        let found = try diagnostics([
            "content/a.md": "---\nid: a\nkind: pagina\ntitle: A\nparent: b\n---\n",
            "content/b.md": "---\nid: b\nkind: pagina\ntitle: B\nparent: a\n---\n",
            "content/tweede.md": "---\nid: tweede\nkind: document\ntitle: Tweede\n---\n",
        ])
        #expect(found.contains { $0.message.hasPrefix("parents form a cycle") })
        #expect(found.contains { $0.message.hasPrefix("a second page of kind 'document'") })
    }

    @Test func unsafeLinkIsAnError() throws {
        let text = "---\nid: leeswijzer\nkind: pagina\ntitle: Leeswijzer\nparent: jv\n---\nKlik [hier](javascript:alert(1)).\n"
        let found = try diagnostics(["content/leeswijzer.md": text])
        #expect(found.count == 1)
        #expect(found[0].line == 7)
        #expect(found[0].column == 6)
    }

    @Test func documentOrderSortsNumbersNumerically() {
        let nodes = [
            Node(id: "d", kind: .document, title: "D", sourceFile: "d"),
            Node(id: "1.10", kind: .doel, title: "Tien", parentID: "d", sourceFile: "x"),
            Node(id: "1.9", kind: .doel, title: "Negen", parentID: "d", sourceFile: "x"),
            Node(id: "1.2", kind: .doel, title: "Twee", order: 5, parentID: "d", sourceFile: "x"),
        ]
        #expect(Document(nodes: nodes).children(of: "d").map(\.id) == ["1.2", "1.9", "1.10"])
    }
}
