import Testing
import ZichtCore
import ZichtSources

struct InterventionReaderTests {
    func read(_ text: String) -> (Intervention?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let result = InterventionReader.read(text, file: "interventions/x.yaml", into: &diagnostics)
        return (result, diagnostics)
    }

    @Test func readsACameraExtension() throws {
        let (intervention, diagnostics) = read("""
            id: camera-binnenstad-2018
            name: Uitbreiding cameratoezicht binnenstad
            kind: cameratoezicht
            start: 2018-06-01
            goal: "7.2.1"
            target: {buurten: [BU01931000, BU01931010]}
            buffer: 300
            control: {automatic: 6}
            types: ["1.4.5", "2.2.1"]
            before: 24
            after: 18
            expectedEffect: -20
            """)
        #expect(diagnostics.isEmpty)
        let value = try #require(intervention)
        #expect(value.kind == .cameratoezicht)
        #expect(value.start == CivilDate(year: 2018, month: 6, day: 1))
        #expect(value.target == .buurten(["BU01931000", "BU01931010"]))
        #expect(value.control == .automatic(count: 6))
        #expect(value.bufferWidth == 300 && value.expectedEffect == -20)
        // June 2018 is month index 2018 × 12 + 5; 24 months before starts in June 2016.
        #expect(value.startMonth == 2018 * 12 + 5 && value.firstMonth == 2016 * 12 + 5 && value.endMonth == 2019 * 12 + 11)
    }

    @Test func camerasWithRadius() throws {
        let (intervention, diagnostics) = read("""
            id: c
            name: Camera's
            kind: cameratoezicht
            start: 2018-06-01
            target: {cameras: [[203000, 503000], [203100, 503050]], radius: 60}
            types: ["1.4.5"]
            """)
        #expect(diagnostics.isEmpty)
        #expect(intervention?.target == .cameras(points: [[203000, 503000], [203100, 503050]], radius: 60))
    }

    @Test func badInputIsLocated() {
        let cases: [(String, String, Int)] = [
            ("kind: camera", "unknown kind 'camera'", 3),
            ("end: 2018-01-01", "the end (2018-01-01) must come after the start (2018-06-01)", 5),
            ("start2: x", "unknown field 'start2'", 5),
        ]
        for (line, message, lineNumber) in cases {
            var lines = ["id: c", "name: C", "kind: cameratoezicht", "start: 2018-06-01", "target: {buurten: [BU1]}", "types: [\"1.4.5\"]"]
            if line.hasPrefix("kind:") { lines[2] = line } else { lines.insert(line, at: 4) }
            let (result, diagnostics) = read(lines.joined(separator: "\n"))
            if line.hasPrefix("start2") { #expect(result == nil || diagnostics.count == 1) } else { #expect(result == nil) }
            let found = diagnostics.first { $0.message == message }
            #expect(found != nil, "\(message) in \(diagnostics.map(\.message))")
            #expect(found?.line == lineNumber, "\(message)")
        }
        let (twoTargets, problems) = read("""
            id: c
            name: C
            kind: verlichting
            start: 2018-06-01
            target: {buurten: [BU1], polygon: [[0, 0], [1, 0], [1, 1]]}
            types: ["2.2.1"]
            """)
        #expect(twoTargets == nil)
        #expect(problems.contains { $0.message == "give only one of buurten, polygon as the target" })
        let (noRadius, radiusProblems) = read("""
            id: c
            name: C
            kind: cameratoezicht
            start: 2018-06-01
            target: {cameras: [[1, 2]]}
            """)
        #expect(noRadius == nil)
        #expect(radiusProblems.contains { $0.message.hasPrefix("cameras need a 'radius:'") })
        #expect(radiusProblems.contains { $0.message == "missing required field 'types'" })
    }
}

extension InterventionReaderTests {
    /// An empty target used to drop the intervention (and its page) without a word.
    @Test(arguments: ["target: {buurten: []}", "target: {cameras: [], radius: 60}"])
    func anEmptyTargetIsAnErrorNotASilentlyMissingPage(_ target: String) {
        let (intervention, diagnostics) = read("""
            id: leeg
            name: Lege interventie
            kind: cameratoezicht
            start: 2018-06-01
            \(target)
            types: ["1.4.5"]
            """)
        #expect(intervention == nil)
        #expect(diagnostics.count == 1 && diagnostics[0].line == 5 && diagnostics[0].message.contains("at least one"), "\(diagnostics)")
    }
}
