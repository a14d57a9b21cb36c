import Foundation
import Testing
import ZichtCore
import ZichtSources
import ZichtTestSupport

/// A project that holds several documents of the planning-and-control cycle: loading, qualified
/// ids, texts taken by reference, and every mistake reported with its file and line.
struct DocumentCycleLoaderTests {
    func load(_ changes: [String: String?] = [:]) throws -> SiteProject {
        var files = TemporaryProject.cycleFiles
        for (path, text) in changes { files[path] = text }
        let project = try TemporaryProject(files: files.compactMapValues { $0 })
        defer { project.remove() }
        return try SiteProjectLoader.load(project.root)
    }

    func problems(_ changes: [String: String?]) -> [Diagnostic] {
        do {
            _ = try load(changes)
            Issue.record("expected the project to be refused")
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func documentsHangUnderThePortalInTheOrderOfTheCycle() throws {
        let project = try load()
        #expect(project.config.isCycle)
        #expect(project.config.documents.map(\.key) == ["begroting-2019", "jaarverslag-2019", "begroting-2020"])
        #expect(project.config.documents.map(\.contentFolder) == ["content/begroting-2019", "content/jaarverslag-2019", "content/begroting-2020"])
        let document = project.document
        #expect(document.root.id == DocumentCycle.portalID)
        #expect(document.children(of: DocumentCycle.portalID).map(\.id) == ["begroting-2019/start", "jaarverslag-2019/start", "begroting-2020/start"])
        #expect(document.count == 1 + 3 * 4)
        let goal = try #require(document["jaarverslag-2019/1.1.1"])
        #expect(goal.localID == "1.1.1")
        #expect(goal.documentKey == "jaarverslag-2019")
        #expect(goal.parentID == "jaarverslag-2019/1.1")
        #expect(goal.displayTitle == "Doel 1.1.1 Minder inbraken")
    }

    @Test func theJaarverslagTakesDescriptionAndCriteriaFromItsBegroting() throws {
        let document = try load().document
        let begroting = try #require(document["begroting-2019/1.1.1"])
        let jaarverslag = try #require(document["jaarverslag-2019/1.1.1"])
        #expect(jaarverslag.sections.map(\.title) == ["Beschrijving doel", "Wat hebben we gedaan?"])
        #expect(jaarverslag.sections[0] == begroting.sections[0])
        #expect(jaarverslag.criteria == begroting.criteria)
        #expect(jaarverslag.origin == "tekst uit Begroting 2019")
        #expect(jaarverslag.originID == "begroting-2019/1.1.1")
        // Begroting 2020 writes its own text.
        #expect(document["begroting-2020/1.1.1"]?.originID == nil)
    }

    @Test func referencesWithinADocumentStayInIt() throws {
        let document = try load().document
        let links = try #require(document["jaarverslag-2019/start"]).preamble.referencedLinks.map(\.destination)
        #expect(links == ["ref:jaarverslag-2019/1.1.1"])
        let across = try #require(document["jaarverslag-2019/1.1.1"]).sections[1].blocks.referencedLinks.map(\.destination)
        #expect(across == ["ref:begroting-2019/1.1.1"])
    }

    @Test func aReferenceToAGoalTheBegrotingLacksIsLocated() {
        let found = problems(["content/begroting-2019/1/1.1.1.md": nil])
        let problem = found.first { $0.message.contains("origin refers to 'begroting-2019/1.1.1'") }
        #expect(problem?.file == "content/jaarverslag-2019/1/1.1.1.md")
        #expect(problem?.line == 6)
        #expect(problem?.message.contains("Begroting 2019 has no page '1.1.1'") == true)
    }

    @Test func aReferenceToAnUnknownDocumentNamesTheDocuments() {
        var text = TemporaryProject.cycleFiles["content/jaarverslag-2019/1/1.1.1.md"]!
        text = text.replacingOccurrences(of: "origin: ref:begroting-2019/1.1.1", with: "origin: ref:begroting-2018/1.1.1")
        let problem = problems(["content/jaarverslag-2019/1/1.1.1.md": text]).first
        #expect(problem?.message == "origin refers to 'begroting-2018/1.1.1', but the project has no document 'begroting-2018'")
        #expect(problem?.hint?.contains("begroting-2019, jaarverslag-2019, begroting-2020") == true)
    }

    @Test func aPageThatTakesItsTextCannotWriteItToo() {
        var text = TemporaryProject.cycleFiles["content/jaarverslag-2019/1/1.1.1.md"]!
        text = text.replacingOccurrences(of: "origin: ref:begroting-2019/1.1.1\n", with: "origin: ref:begroting-2019/1.1.1\ncriteria:\n  - Eigen criterium\n")
        text += "## Beschrijving doel\nEen eigen tekst.\n"
        let found = problems(["content/jaarverslag-2019/1/1.1.1.md": text])
        #expect(found.contains { $0.line == 7 && $0.message.hasPrefix("the criteria come from Begroting 2019") })
        #expect(found.contains { $0.message.hasPrefix("the section 'Beschrijving doel' comes from Begroting 2019") })
    }

    @Test func aBrokenReferenceToAnotherDocumentIsLocatedToTheColumn() {
        var text = TemporaryProject.cycleFiles["content/jaarverslag-2019/1/1.1.1.md"]!
        text = text.replacingOccurrences(of: "ref:begroting-2019/1.1.1)", with: "ref:begroting-2019/1.1.9)")
        let problem = problems(["content/jaarverslag-2019/1/1.1.1.md": text]).first
        #expect(problem?.file == "content/jaarverslag-2019/1/1.1.1.md")
        #expect(problem?.line == 9)
        #expect(problem?.column == 44)
        #expect(problem?.message == "reference to 'begroting-2019/1.1.9', but no page has that id")
        #expect(problem?.hint == "did you mean 'ref:begroting-2019/1.1.1'?")
    }

    @Test func settingsForOneAndForSeveralDocumentsDoNotMix() {
        let yaml = TemporaryProject.cycleFiles["zicht.yaml"]! + "\ndocument:\n  kind: jaarverslag\n  year: 2019\n  title: X\n"
        #expect(problems(["zicht.yaml": yaml]).contains { $0.message.hasPrefix("a project has either 'document:' (one document) or 'documents:'") })
        let twice = TemporaryProject.cycleFiles["zicht.yaml"]!.replacingOccurrences(of: "year: 2020", with: "year: 2019")
        let found = problems(["zicht.yaml": twice])
        #expect(found.contains { $0.file == "zicht.yaml" && $0.message.hasPrefix("a second document with the key 'begroting-2019'") })
    }

    @Test func aDocumentWithoutItsHomePageIsNamed() {
        let found = problems(["content/begroting-2020/index.md": nil])
        #expect(found.contains { $0.message == "no page of kind 'document' found for 'begroting-2020'" })
    }

    @Test func oneDocumentCannotTakeTextFromAnother() throws {
        var files = TemporaryProject.minimalFiles
        let goal = "content/7/7.2/7.2.1.md"
        files[goal] = files[goal]!.replacingOccurrences(of: "origin: tekst uit Begroting 2019", with: "origin: ref:begroting-2019/7.2.1")
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        do {
            _ = try SiteProjectLoader.load(project.root)
            Issue.record("expected an error")
        } catch {
            let problem = error.diagnostics.first
            #expect(problem?.file == goal)
            #expect(problem?.message == "origin refers to 'begroting-2019/7.2.1', but the project has no document 'begroting-2019'")
            #expect(problem?.hint?.contains("only a project of several documents") == true)
        }
    }
}
