import Foundation

/// A site project in a fresh temporary folder, written from a dictionary of relative path → text.
public struct TemporaryProject {
    public let root: URL

    public init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("zicht-test-\(UUID().uuidString)")
        for (path, text) in files {
            try write(text, to: path)
        }
    }

    public func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A small valid project: a document, a domein, an ambitie with two goals, and a page.
    public static let minimalFiles: [String: String] = [
        "zicht.yaml": """
            organisation:
              name: Gemeente Proefstad
              code: GM9999
            document:
              kind: jaarverslag
              year: 2019
              title: Jaarverslag 2019
            notice: "Testproject, geen echt document."
            """,
        "content/index.md": """
            ---
            id: jv
            kind: document
            title: Jaarverslag 2019
            ---
            Welkom bij het jaarverslag.
            """,
        "content/leeswijzer.md": """
            ---
            id: leeswijzer
            kind: pagina
            title: Leeswijzer
            parent: jv
            order: 1
            ---
            ## Opbouw
            Zo leest u dit document.
            """,
        "content/7/index.md": """
            ---
            id: "7"
            kind: domein
            title: Fysiek domein
            parent: jv
            order: 2
            ---
            ## Beschrijving domein
            Over de fysieke stad.
            """,
        "content/7/7.2/index.md": """
            ---
            id: "7.2"
            kind: ambitie
            title: Veiligheid
            subtitle: Een veilige stad voor iedereen.
            parent: "7"
            origin: tekst uit Begroting 2019
            ---
            ## Beschrijving ambitie
            Iedereen voelt zich veilig.
            """,
        "content/7/7.2/7.2.1.md": """
            ---
            id: "7.2.1"
            kind: doel
            title: Sociale veiligheid
            subtitle: We versterken de sociale veiligheid.
            parent: "7.2"
            origin: tekst uit Begroting 2019
            criteria:
              - We kennen de effectiviteit van onze instrumenten.
              - We gaan woninginbraak tegen.
            indicatoren: []
            kaders:
              - title: Veiligheidsvisie
                url: https://example.org/visie
              - title: Ambitie veiligheid
                ref: "7.2"
            portefeuillehouder:
              name: A. Burgemeester
              role: burgemeester
            ---
            ## Beschrijving doel
            Inwoners voelen zich veilig. Zie [doel 7.2.4](ref:7.2.4).

            ## Toelichting op realisatie doel
            ### Cameratoezicht
            In juni 2018 is het cameratoezicht uitgebreid.
            """,
        "content/7/7.2/7.2.4.md": """
            ---
            id: "7.2.4"
            kind: doel
            title: Verkeersveiligheid
            parent: "7.2"
            ---
            ## Beschrijving doel
            Veilig over straat. Terug naar [sociale veiligheid](ref:7.2.1).
            """,
    ]
}
