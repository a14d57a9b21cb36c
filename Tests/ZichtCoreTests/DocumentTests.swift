import Testing
import ZichtCore

struct DocumentTests {
    static let nodes = [
        Node(id: "jv", kind: .document, title: "Jaarverslag", sourceFile: "index.md"),
        Node(id: "colofon", kind: .pagina, title: "Colofon", order: 99, parentID: "jv", sourceFile: "c.md"),
        Node(id: "7", kind: .domein, title: "Fysiek", order: 2, parentID: "jv", sourceFile: "7.md"),
        Node(id: "7.2", kind: .ambitie, title: "Veiligheid", parentID: "7", sourceFile: "72.md"),
        Node(id: "7.2.10", kind: .doel, title: "Tien", parentID: "7.2", sourceFile: "a.md"),
        Node(id: "7.2.9", kind: .doel, title: "Negen", parentID: "7.2", sourceFile: "b.md"),
        Node(id: "leeswijzer", kind: .pagina, title: "Leeswijzer", order: 1, parentID: "jv", sourceFile: "l.md"),
    ]

    @Test func readingOrderIsDepthFirstInSiblingOrder() {
        let document = Document(nodes: Self.nodes)
        #expect(document.root.id == "jv")
        #expect(document.nodesInOrder.map(\.id) == ["jv", "leeswijzer", "7", "7.2", "7.2.9", "7.2.10", "colofon"])
        #expect(document.ancestors(of: document["7.2.10"]!).map(\.id) == ["jv", "7", "7.2"])
        #expect(document.parent(of: document["7.2"]!)?.id == "7")
        #expect(document.children(of: "7.2.9").isEmpty)
    }

    @Test func titles() {
        let goal = Node(id: "7.2.1", kind: .doel, title: "Sociale veiligheid", sourceFile: "")
        #expect(goal.displayTitle == "Doel 7.2.1 Sociale veiligheid")
        #expect(goal.shortTitle == "7.2.1 Sociale veiligheid")
        let page = Node(id: "leeswijzer", kind: .pagina, title: "Leeswijzer", sourceFile: "")
        #expect(page.displayTitle == "Leeswijzer" && page.shortTitle == "Leeswijzer")
    }

    @Test func diagnosticsPrintLikeACompiler() {
        let located = Diagnostic(file: "content/a.md", line: 3, column: 7, message: "unknown kind 'x'", hint: "use doel")
        #expect(located.description == "content/a.md:3:7: error: unknown kind 'x'\n    hint: use doel")
        #expect(Diagnostic(file: "zicht.yaml", message: "file not found").description == "zicht.yaml: error: file not found")
        let error = DiagnosticsError([located, located])
        #expect(error.description.hasSuffix("2 errors found."))
    }

    @Test func plainTextOfMarkdown() {
        let blocks: [MarkdownBlock] = [
            .heading(level: 2, content: [.text("Kop")], line: 1),
            .paragraph([.text("Een "), .strong([.text("vet")]), .text(" woord met "), .link(destination: "ref:1", content: [.text("link")], line: 2, column: 1)]),
            .list(ordered: false, start: 1, items: [[.paragraph([.text("punt")])]]),
            .table(header: [[.text("a")], [.text("b")]], alignments: [.none, .right], rows: [[[.text("1")], [.code("2")]]]),
        ]
        #expect(blocks.plainText == "Kop\nEen vet woord met link\npunt\na | b\n1 | 2")
    }

    @Test func parallelMapKeepsOrder() {
        let input = Array(0..<10_000)
        #expect(input.parallelMap { $0 * 2 } == input.map { $0 * 2 })
        #expect([Int]().parallelMap { $0 } == [])
    }
}
