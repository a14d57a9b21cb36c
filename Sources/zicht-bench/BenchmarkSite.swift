import ZichtEngine
import ZichtCore
import ZichtSite

/// A generated planning-and-control document, held once and written out both as a Zicht site project
/// and as a Hugo site, so the two tools publish the same pages with the same Markdown.
///
/// The tree is one document, domeinen of five ambities each, and ambities of up to 40 goals (kind
/// `doel`). Every goal has all sections of a real goal page and exactly three `ref:` links to other
/// goals. The same `seed` and `goals` always give the same site, byte for byte.
struct BenchmarkSite {
    static let goalsPerAmbitie = 40
    static let ambitiesPerDomein = 5
    static let year = 2024
    static let organisation = "Gemeente Simulatiestad"
    static let documentTitle = "Jaarverslag \(year)"
    static let notice = "Gesimuleerde inhoud, gegenereerd door zicht-bench voor een snelheidsmeting. Dit is geen document van een echte gemeente."
    static let origin = "tekst uit Begroting \(year)"

    struct Kader {
        var title: String
        var url: String?
        /// The index of the page referred to, for a kader inside the document.
        var ref: Int?
    }

    struct Page {
        var id: String
        var kind: NodeKind
        var title: String
        var subtitle: String
        var order: Int
        var parent: Int?
        /// The URL slug Zicht makes from id and title ("1-2-3-schone-wijken").
        var slug: String
        /// Folders under `content/` for the page's own folder (section pages) or its file's folder (goals).
        var folders: [String]
        var origin: String?
        var criteria: [String] = []
        var kaders: [Kader] = []
        var portefeuillehouder: (name: String, role: String)?
        /// The body in Zicht's Markdown, internal links written `[doel 1.2.3](ref:1.2.3)`.
        var body: String

        /// The site path both tools publish the page at: "doel/1-2-3-schone-wijken/" ("" for the home page).
        var sitePath: String { kind == .document ? "" : "\(kind.rawValue)/\(slug)/" }
    }

    let seed: UInt64
    private(set) var pages: [Page] = []

    var goalCount: Int { pages.count(where: { $0.kind == .doel }) }

    init(goals: Int, seed: UInt64) {
        precondition(goals >= 2, "a site needs at least two goals so that goals can refer to each other")
        self.seed = seed
        let ambitieCount = (goals + Self.goalsPerAmbitie - 1) / Self.goalsPerAmbitie
        let domeinCount = (ambitieCount + Self.ambitiesPerDomein - 1) / Self.ambitiesPerDomein
        addDocument()
        var goalIndices: [Int] = []
        var ambitieNumber = 0
        for d in 1...domeinCount {
            let domein = addDomein(number: d)
            for a in 1...Self.ambitiesPerDomein where ambitieNumber < ambitieCount {
                let first = ambitieNumber * Self.goalsPerAmbitie
                ambitieNumber += 1
                let ambitie = addAmbitie(number: a, domein: domein)
                for g in 1...min(Self.goalsPerAmbitie, goals - first) {
                    goalIndices.append(addGoal(number: g, ambitie: ambitie))
                }
            }
        }
        for (position, index) in goalIndices.enumerated() {
            pages[index].body = goalBody(index, references: referencedGoals(position, among: goalIndices))
        }
    }

    // MARK: Tree

    private func random(for index: Int) -> FillerText {
        FillerText(random: SplitMix64(seed: seed, stream: index))
    }

    private static func slug(id: String, kind: NodeKind, title: String) -> String {
        SitePaths.slug(for: Node(id: id, kind: kind, title: title, sourceFile: ""))
    }

    private mutating func addDocument() {
        var text = random(for: 0)
        let body = """
            ## Welkom

            Dit \(Self.documentTitle.lowercased()) van de \(Self.organisation.lowercasedFirstWord) is **gesimuleerd**: zicht-bench heeft alle teksten gegenereerd om te meten hoe snel een site wordt gebouwd. \(text.paragraph(sentences: 3))

            ## Opbouw

            \(text.paragraph(sentences: 4))

            """
        pages.append(Page(
            id: "jaarverslag-\(Self.year)", kind: .document, title: Self.documentTitle,
            subtitle: "Gesimuleerd jaarverslag voor een snelheidsmeting.", order: 0, parent: nil, slug: "",
            folders: [], body: body))
    }

    private mutating func addDomein(number: Int) -> Int {
        let index = pages.count
        var text = random(for: index)
        let id = "\(number)"
        let names = [
            "Fysiek domein", "Sociaal domein", "Economie en werk", "Bestuur en dienstverlening", "Onderwijs en jeugd",
            "Cultuur en sport", "Wonen en ruimte", "Mobiliteit", "Veiligheid", "Duurzaamheid",
        ]
        let title = number <= names.count ? names[number - 1] : "Domein \(number)"
        let slug = Self.slug(id: id, kind: .domein, title: title)
        let body = """
            ## Over dit domein

            \(text.paragraph(sentences: 5))

            \(text.paragraph(sentences: 4))

            """
        pages.append(Page(
            id: id, kind: .domein, title: title, subtitle: text.subtitle(), order: number, parent: 0, slug: slug,
            folders: [slug], body: body))
        return index
    }

    private mutating func addAmbitie(number: Int, domein: Int) -> Int {
        let index = pages.count
        var text = random(for: index)
        let id = "\(pages[domein].id).\(number)"
        let title = text.title()
        let slug = Self.slug(id: id, kind: .ambitie, title: title)
        let body = """
            ## Beschrijving ambitie

            \(text.paragraph(sentences: 5))

            \(text.paragraph(sentences: 4))

            ## Toelichting op realisatie ambitie

            \(text.paragraph(sentences: 5))

            """
        pages.append(Page(
            id: id, kind: .ambitie, title: title, subtitle: text.subtitle(), order: number, parent: domein, slug: slug,
            folders: pages[domein].folders + [slug], origin: Self.origin,
            portefeuillehouder: (text.personName(), text.role()), body: body))
        return index
    }

    private mutating func addGoal(number: Int, ambitie: Int) -> Int {
        let index = pages.count
        var text = random(for: index)
        let id = "\(pages[ambitie].id).\(number)"
        let title = text.title()
        let criteria = (1...5).map { _ in text.criterion() }
        let kaders = [
            Kader(title: "Gesimuleerde beleidsnota \(index): \(text.title().lowercased())", url: "https://example.org/beleid/\(index)"),
            Kader(title: "Ambitie \(pages[ambitie].id) \(pages[ambitie].title)", ref: ambitie),
        ]
        pages.append(Page(
            id: id, kind: .doel, title: title, subtitle: text.subtitle(), order: number, parent: ambitie,
            slug: Self.slug(id: id, kind: .doel, title: title), folders: pages[ambitie].folders, origin: Self.origin,
            criteria: criteria, kaders: kaders, portefeuillehouder: pages[ambitie].portefeuillehouder, body: ""))
        return index
    }

    /// Three different goals other than the one at `position`, spread over the whole document.
    private func referencedGoals(_ position: Int, among goals: [Int]) -> [Int] {
        var random = SplitMix64(seed: seed ^ 0x5EED, stream: position)
        var picked: [Int] = []
        while picked.count < min(3, goals.count - 1) {
            let candidate = goals[random.below(goals.count)]
            if candidate != goals[position], !picked.contains(candidate) { picked.append(candidate) }
        }
        return picked
    }

    // MARK: Goal body

    private func link(_ index: Int) -> String {
        "[doel \(pages[index].id)](ref:\(pages[index].id))"
    }

    /// "Beschrijving doel" (three paragraphs) and "Toelichting op realisatie doel" (three `###`
    /// subsections with a bullet list, a pipe table and a numbered list), with one reference in each
    /// of three paragraphs.
    private func goalBody(_ index: Int, references: [Int]) -> String {
        var text = FillerText(random: SplitMix64(seed: seed ^ 0xB0D1, stream: index))
        let refs = references.map(link)
        let subsections = text.random.pick(3, of: FillerText.subsectionTitles)
        let bullets = (0..<text.random.between(3...5)).map { _ in "- \(text.listItem());" }.joined(separator: "\n")
        let steps = (0..<3).map { "\($0 + 1). \(text.listItem())." }.joined(separator: "\n")
        var rows: [String] = []
        for _ in 0..<3 {
            let planned = text.random.between(4...40)
            let realised = max(0, planned - text.random.between(-3...8))
            rows.append("| \(text.listItem()) | \(planned) | \(realised) |")
        }
        return """
            ## Beschrijving doel

            \(text.paragraph(sentences: 6))

            \(text.paragraph(sentences: 5, inserting: "Dit doel hangt samen met \(refs[0]), waar **\(text.random.pick(FillerText.topics))** centraal staat."))

            \(text.paragraph(sentences: 5))

            ## Toelichting op realisatie doel

            ### \(subsections[0])

            \(text.paragraph(sentences: 5, inserting: "Meer hierover staat bij \(refs[1])."))

            \(bullets)

            ### \(subsections[1])

            \(text.paragraph(sentences: 4))

            | Onderdeel | Gepland | Gerealiseerd |
            | --- | ---: | ---: |
            \(rows.joined(separator: "\n"))

            ### \(subsections[2])

            \(text.paragraph(sentences: 4, inserting: "De aanpak is *afgestemd* met \(refs[2])."))

            \(steps)

            """
    }
}

extension String {
    /// "Gemeente Simulatiestad" → "gemeente Simulatiestad".
    var lowercasedFirstWord: String {
        guard let space = firstIndex(of: " ") else { return lowercased() }
        return self[..<space].lowercased() + self[space...]
    }
}
