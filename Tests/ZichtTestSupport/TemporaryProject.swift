import Foundation

/// A project and the site built from it, for reading the pages in tests.
public struct BuiltSite {
    public let project: TemporaryProject
    public let output: URL

    public init(project: TemporaryProject, output: URL) {
        self.project = project
        self.output = output
    }

    /// The text of a built file, by its path from the site root.
    public func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// A built JSON file as a dictionary.
    public func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

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

    /// A small cycle: Begroting 2019 and 2020 and Jaarverslag 2019 of a made-up gemeente. The
    /// jaarverslag takes the description and criteria of goal 1.1.1 from Begroting 2019; Begroting
    /// 2020 changes one criterion of the same goal.
    public static let cycleFiles: [String: String] = {
        func goal(_ document: String, criteria: [String], text: String, origin: String? = nil, extra: String = "") -> String {
            var front = """
                ---
                id: "1.1.1"
                kind: doel
                title: Minder inbraken
                parent: "1.1"

                """
            if let origin {
                front += "origin: \(origin)\n"
            } else {
                front += "criteria:\n" + criteria.map { "  - \($0)\n" }.joined()
            }
            return front + "---\n" + text + extra
        }
        func skeleton(_ key: String, title: String) -> [String: String] {
            [
                "content/\(key)/index.md": """
                    ---
                    id: start
                    kind: document
                    title: \(title)
                    ---
                    Over dit document. Zie ook het [doel](ref:1.1.1).
                    """,
                "content/\(key)/1/index.md": """
                    ---
                    id: "1"
                    kind: programma
                    title: Veiligheid
                    parent: start
                    ---
                    ## Wat willen we bereiken?
                    Een veilige stad.
                    """,
                "content/\(key)/1/1.1.md": """
                    ---
                    id: "1.1"
                    kind: ambitie
                    title: Veilig wonen
                    parent: "1"
                    ---
                    ## Beschrijving
                    Veilig thuis.
                    """,
            ]
        }
        var files: [String: String] = [
            "zicht.yaml": """
                organisation:
                  name: Gemeente Proefstad
                  code: GM9999
                documents:
                  - kind: jaarverslag
                    year: 2019
                    title: Jaarverslag 2019
                  - kind: begroting
                    year: 2019
                    title: Begroting 2019
                  - kind: begroting
                    year: 2020
                    title: Begroting 2020
                notice: "Testproject, geen echt document."
                """,
        ]
        files.merge(skeleton("begroting-2019", title: "Begroting 2019")) { $1 }
        files.merge(skeleton("begroting-2020", title: "Begroting 2020")) { $1 }
        files.merge(skeleton("jaarverslag-2019", title: "Jaarverslag 2019")) { $1 }
        files["content/begroting-2019/1/1.1.1.md"] = goal(
            "begroting-2019", criteria: ["Het aantal inbraken daalt.", "Inwoners weten hoe ze inbraak voorkomen."],
            text: "## Beschrijving doel\nWe willen dat minder mensen te maken krijgen met een inbraak.\n")
        files["content/begroting-2020/1/1.1.1.md"] = goal(
            "begroting-2020", criteria: ["Het aantal inbraken daalt.", "Buurten met veel inbraken krijgen extra aandacht."],
            text: "## Beschrijving doel\nWe willen dat minder mensen te maken krijgen met een inbraak, vooral in de buurten waar die het vaakst voorkomen.\n")
        files["content/jaarverslag-2019/1/1.1.1.md"] = goal(
            "jaarverslag-2019", criteria: [], text: "## Wat hebben we gedaan?\nWe gaven voorlichting in elke wijk. Zie de [begroting](ref:begroting-2019/1.1.1).\n",
            origin: "ref:begroting-2019/1.1.1")
        return files
    }()
}
