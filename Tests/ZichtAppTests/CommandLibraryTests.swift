import Foundation
import Synchronization
import Testing
import ZichtApp
import ZichtEngine
import ZichtCore
import ZichtSim
import ZichtSite
import ZichtSources
import ZichtStats
import ZichtTestSupport

/// What the commands compute, called in process through the library functions the `zicht`
/// executable calls (one per command). `CommandLineTests` keeps the few checks of the executable
/// itself: exit codes, usage errors, stderr text.
struct CommandLibraryTests {
    /// A copy of the bundled example (Zwolle, simulated incidents), shared by the tests that only
    /// read its snapshot; the first use imports its sources.
    static let example: Result<URL, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-commands-\(UUID().uuidString)")
        try ZichtApp.initialize(at: folder)
        return folder
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zicht-commands-\(UUID().uuidString)")
    }

    /// A new empty temporary folder; the caller removes it.
    static func makeFolder() throws -> URL {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `zicht demo --no-serve`: the example's pages with real CBS figures, maps, the evaluation and
    /// the near-repeat analysis, built at the given time.
    @Test func demoBuildsWithoutServing() async throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let said = Lines()
        // No browser on PATH: the PDFs are skipped with one line (DocumentPDFTests makes them).
        let (report, output) = try await ZichtApp.demo(
            output: out, serve: false, builtAt: Date(timeIntervalSince1970: 1593590160), environment: ["PATH": "/nonexistent"],
            terminal: Terminal(say: said.add, complain: said.add))
        #expect(output == out)
        #expect(said.all.count == 2 && said.all.first?.hasPrefix("Skipped the PDFs: Chromium was not found") == true)
        #expect(said.all.last == "Example site built: \(report.pageCount) pages in \(out.path)")
        let goal = try String(contentsOf: out.appendingPathComponent("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.html"), encoding: .utf8)
        #expect(goal.contains("Gebouwd op <time datetime=\"2020-07-01T09:56:00+02:00\">1 juli 2020 om 09:56</time>"))
        // The BBV indicators from the bundled real CBS files, with source and retrieval date.
        #expect(goal.contains("Geweldsmisdrijven"))
        #expect(goal.contains("In 2015 was het cijfer voor Zwolle 6,5 per 1.000 inwoners (Overijssel 4,3, Nederland 5,5)."))
        #expect(goal.contains("Bron: CBS, tabel 70072ned (Regionale kerncijfers Nederland), opgehaald op 6 juni 2018"))
        #expect(goal.contains("Halt-cijfers staan niet in de open data"))
        // The real Buurt-voor-Buurt 2014 figures on a map of the 78 buurten, with table and summary,
        // on a page of their own; the goal page names the maps and links there.
        #expect(goal.contains(">Veiligheid in de wijken</h2>"))
        #expect(goal.contains(#"<a href="../../../jaarverslag-2019/pagina/kaarten-7-2-1/">Bekijk de kaarten en de cijfers per buurt</a>"#))
        let mapsPage = try String(contentsOf: out.appendingPathComponent("jaarverslag-2019/pagina/kaarten-7-2-1/index.html"), encoding: .utf8)
        #expect(mapsPage.contains("Hoogste waarden: Mastenbroek 8,2"))
        #expect(mapsPage.matches(of: /<path [^>]*d="M/).count >= 2 * 78, "one path per buurt on each of the two maps")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json"))) as! [String: Any]
        let maps = try #require(json["maps"] as? [[String: Any]])
        #expect(maps.count == 3)
        // The third map: simulated violence and vandalism per 1,000 inhabitants, labelled as simulated.
        #expect(goal.contains("geweld en vernieling per 1.000 inwoners (gesimuleerd)."))
        #expect(mapsPage.contains("Deze kaart toont gesimuleerde cijfers"))
        // The evaluation of the camera extension, summarised on the goal and linked.
        #expect(goal.contains("Werken onze veiligheidsinstrumenten?"))
        #expect(goal.contains("Het 95%-interval loopt van"))
        let evaluation = try String(
            contentsOf: out.appendingPathComponent("jaarverslag-2019/pagina/evaluatie-uitbreiding-cameratoezicht-binnenstad-gesimuleerd/index.html"), encoding: .utf8)
        #expect(evaluation.contains("gesimuleerde incidenten"))
        #expect(evaluation.contains("Bevat echt effect 0,80?"))
        // Near repeats and hot spots for simulated burglary: three sentences on the goal, the
        // tables on their own page, and no prevention list (which buurten get letters) at all.
        #expect(goal.contains(">Woninginbraken: waar en wanneer</h2>"))
        let patterns = try String(contentsOf: out.appendingPathComponent("jaarverslag-2019/pagina/patronen-7-2-1/index.html"), encoding: .utf8)
        #expect(patterns.contains("Woninginbraken: waar en wanneer (gesimuleerd)"))
        #expect(patterns.contains("Knox-verhouding per afstand en tijd (gesimuleerd)"))
        #expect(!patterns.contains("waarschuwingsgebied") && !goal.contains("waarschuwingsgebied"))
        // A council member reads the goal page: it stays short (issue 12: under 60 KB).
        #expect(goal.utf8.count < 60_000, "\(goal.utf8.count) bytes")
        let values = try #require(maps[0]["values"] as? [[String: Any]])
        #expect(values.count == 78)
        #expect(values.first { $0["region"] as? String == "BU01931000" }?["value"] as? Double == 6.9647)
        #expect(values.filter { $0["value"] == nil }.count == 4, "unknown stays absent, never 0")
        let csv = try String(contentsOf: out.appendingPathComponent("indicatoren/bbv-geweldsmisdrijven.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("indicator,region,period,value,unit,numerator,denominator,source,method\n"))
        #expect(csv.contains("bbv-geweldsmisdrijven,GM0193,2015,6.5000"))
    }

    /// `nearrepeat --project` and `hotspots --project` on the example's simulated burglaries.
    @Test func analysesRunOnAProjectSnapshot() async throws {
        try await HeavyWork.run {
            let project = try Self.example.get()
            let source = EventSource.project(project, shownAs: "voorbeeld", types: ["1.1.1"], years: 2019...2019)
            let knox = try NearRepeatRun.run(source, parameters: KnoxParameters(spaceBreaks: [0, 200], timeBreaks: [0, 14], permutations: 99, seed: 1))
            #expect(knox.notices == ["Note: the incidents of this project are simulated (gesimuleerd)."])
            let csv = try knox.output(.csv)
            #expect(csv.hasPrefix("space_from,space_to,time_from,time_to,observed,expected_mean,expected_median,knox_ratio,p_value"))
            #expect(csv.split(separator: "\n").count == 1 + 4)
            // Every pair of the year's burglaries is counted once, in exactly one cell.
            let n = knox.table.eventCount
            #expect(knox.table.cells.reduce(0) { $0 + $1.observed } == n * (n - 1) / 2)
            let json = try JSONSerialization.jsonObject(with: Data(try knox.output(.json).utf8)) as? [String: Any]
            #expect(json != nil)

            var options = HotSpotOptions()
            options.cellSize = 500
            options.permutations = 99
            let hot = try HotSpotRun.run(source, options: options)
            #expect(hot.notices == knox.notices)
            #expect(hot.report.pointCount == n)
            #expect(hot.report.values.reduce(0, +) == Double(n), "every burglary lies in one cell")
            #expect(try hot.output(.csv).hasPrefix("row,col,value,density,gi_z,gi_p,significant"))

            let none = EventSource.project(project, shownAs: "voorbeeld", types: ["1.1.1"], years: 2031...2031)
            #expect {
                try NearRepeatRun.run(none, parameters: KnoxParameters(spaceBreaks: [0, 200], timeBreaks: [0, 14], permutations: 99, seed: 1))
            } throws: { error in
                ErrorText.report(error).contains("no incidents of types 1.1.1 with coordinates in 2031–2031")
            }
        }
    }

    /// A Knox error that concerns no event is placed in the file it came from.
    @Test func nearRepeatErrorsNameTheFile() async throws {
        try await HeavyWork.run {
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("inbraken.csv")
            try Data("x,y,date\n1000,2000,2019-03-01\n1010,2000,2019-03-01\n1500,2600,2019-03-01\n".utf8).write(to: file)
            #expect {
                try NearRepeatRun.run(.file(file, shownAs: "inbraken.csv"), parameters: KnoxParameters())
            } throws: { error in
                let located = error as? LocatedError
                return located?.underlyingError is KnoxError
                    && ErrorText.report(error).hasPrefix("inbraken.csv: error: All events happened at the same time")
            }
        }
    }

    /// A generated panel: six areas over 24 months, two of them treated from the 13th month with 60 %
    /// of their counts. The fit finds the rate ratio 0.6, and every output says so.
    @Test func panelEvaluationRecoversAKnownEffect() async throws {
        try await HeavyWork.run {
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var lines = ["area,period,count,treated"]
            for area in 0..<6 {
                for month in 0..<24 {
                    let treated = area < 2 && month >= 12
                    let expected = Double(40 + 10 * area) * (1 + 0.2 * Double(month % 4)) * (treated ? 0.6 : 1)
                    lines.append("A\(area),\(2017 + month / 12)-\(String(format: "%02d", month % 12 + 1)),\(Int(expected.rounded())),\(treated ? 1 : 0)")
                }
            }
            let panel = folder.appendingPathComponent("panel.csv")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: panel)

            let evaluation = try PanelEvaluation.run(panel: panel, shownAs: "panel.csv", placeboRuns: 9, seed: 1)
            #expect(abs(evaluation.summary.rateRatio - 0.6) < 0.01)
            #expect(evaluation.treatedAreas == 2)
            #expect(evaluation.fit.observations == 6 * 24)
            let table = try evaluation.output(.table)
            #expect(table.hasPrefix("Poisson regression with area and period fixed effects (absorbed): panel.csv\n"))
            #expect(table.contains("  observations 144 of 144 rows: 6 areas × 24 periods (2017-01 … 2018-12)"))
            #expect(table.contains("  treated areas: 2"))
            let csv = try evaluation.output(.csv).split(separator: "\n")
            #expect(csv.first == "vcov,beta,se,z,p_value,rate_ratio,rate_ratio_low,rate_ratio_high,observations,areas,periods,treated_areas,dropped_areas,placebo_areas_runs,placebo_areas_p_value,placebo_start_dates_runs,placebo_start_dates_p_value")
            let json = try #require(JSONSerialization.jsonObject(with: Data(try evaluation.output(.json).utf8)) as? [String: Any])
            #expect(json["vcov"] as? String == "crv1")
            #expect(abs((json["rate_ratio"] as? Double ?? 0) - 0.6) < 0.01)
            let placebo = try #require(json["placebo_areas"] as? [String: Any])
            let p = try #require(placebo["p_value"] as? Double)
            #expect(p > 0 && p <= 1)
        }
    }

    @Test func panelWithoutTreatedRowsIsLocatedInItsFile() async throws {
        try await HeavyWork.run {
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let panel = folder.appendingPathComponent("panel.csv")
            try Data("area,period,count,treated\nA,2019-01,4,0\nA,2019-02,5,0\nB,2019-01,3,0\nB,2019-02,6,0\n".utf8).write(to: panel)
            #expect {
                try PanelEvaluation.run(panel: panel, shownAs: "panel.csv")
            } throws: { error in
                (error as? LocatedError)?.underlyingError.map { ($0 as? EvaluationError)?.code == .noTreatedAreas } == true
                    && ErrorText.report(error) == """
                        panel.csv: error: no row has treated = 1
                            hint: mark the treated areas' months from the start of the measure with treated = 1
                        1 error found.
                        """
            }
        }
    }

    /// `zicht evaluate PROJECT`: every method on the example's camera extension, with the simulated
    /// truth beside the estimates.
    @Test func projectEvaluationListsEveryMethod() async throws {
        try await HeavyWork.run {
            let results = try ZichtApp.evaluate(project: try Self.example.get())
            #expect(results.count == 1)
            let rows = ProjectEvaluationOutput.rows(try #require(results.first))
            #expect(Set(rows.map(\.method)).isSuperset(of: ["res-poisson", "did-poisson-fe", "wdd", "placebo-areas"]))
            #expect(rows.first { $0.method == "did-poisson-fe" }?.truth == 0.8)
            let csv = try ProjectEvaluationOutput.output(results, format: .csv)
            #expect(csv.hasPrefix("intervention,method,estimate,low,high,p_value,simulated_truth,note\n"))
            #expect(csv.split(separator: "\n").count == 1 + rows.count)
            #expect(try ProjectEvaluationOutput.output([], format: .table) == "The project has no interventions (interventions/*.yaml).\n")
            #expect(throws: AppError.self) { try ZichtApp.evaluate(project: try Self.example.get(), only: "bestaat-niet") }
        }
    }

    /// `zicht simulate`: the incident file and its truth, the same for the same seed.
    @Test func simulationWritesIncidentsAndTruth() async throws {
        try await HeavyWork.run {
            let folder = Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("data/sim.csv")
            let run = try SimulationRun.run(project: nil, seed: 7, years: 2019...2019, out: out)
            #expect(run.truthFile.lastPathComponent == "sim.truth.json")
            #expect(run.lines.last == "Written: \(out.path) (\(run.incidentCount) incidents) and \(run.truthFile.path).")
            let csv = try String(contentsOf: out, encoding: .utf8)
            #expect(csv.split(separator: "\n").count == 1 + run.incidentCount)
            #expect(csv.contains("SIM-000001"))
            let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: run.truthFile))
            #expect(truth is [String: Any])
            let again = try SimulationRun.run(project: nil, seed: 7, years: 2019...2019, out: folder.appendingPathComponent("again.csv"))
            #expect(try Data(contentsOf: folder.appendingPathComponent("again.csv")) == Data(contentsOf: out))
            #expect(again.incidentCount == run.incidentCount)
        }
    }

    /// `zicht import --incidents`: incidents placed in the project's buurten, the ones outside listed
    /// by line; each file's lines are said as soon as it is imported.
    @Test func incidentImportPlacesAndListsOutsiders() async throws {
        try await HeavyWork.run {
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let project = folder.appendingPathComponent("project")
            try ZichtApp.initialize(at: project)
            let file = folder.appendingPathComponent("meldingen.csv")
            // Two burglaries at the Binnenstad's Grote Kerk (RD 203100, 502700) and one in Amsterdam.
            try Data("id;date;type;x;y\na;2019-01-05;1.1.1;203100;502700\nb;2019-06-05;1.1.1;203100;502700\nc;2019-06-06;1.1.1;121000;487000\n".utf8)
                .write(to: file)
            let said = Lines()
            let run = try ImportRun.incidents(project: project, files: [file], shownAs: ["meldingen.csv"], terminal: Terminal(say: said.add, complain: said.add))
            #expect(run.lines == [
                "meldingen.csv: 3 incidents, 2 placed in a buurt, 1 outside every buurt", "  outside every buurt: lines 4",
            ])
            #expect(said.all == run.lines)
            let again = try ImportRun.incidents(project: project, files: [file], shownAs: ["meldingen.csv"], terminal: Terminal(say: { _ in }, complain: { _ in }))
            #expect(again.lines == run.lines, "the same counts, imported once")
        }
    }

    /// `zicht disclosure-audit --input FILE`: the file's table audited; a file that is not there or
    /// not a regular file is refused with its path.
    @Test func disclosureAuditReadsItsFile() async throws {
        try await HeavyWork.run {
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("tabel.csv")
            try Data("table,cell,cells,shown,value\nwijk,Zuid,z,7,7\nwijk,Noord,n,6,6\nwijk,Eiland,e,<,2\nwijk,totaal,z n e,15,15\n".utf8).write(to: file)
            #expect(try ZichtApp.auditFigures(file: file, shownAs: "tabel.csv", threshold: 5, suppress: false)
                == "table,cell,shown,lower,upper,protected\nwijk,Eiland,<,2,2,no\n")
            let missing = folder.appendingPathComponent("weg.csv")
            #expect {
                try ZichtApp.auditFigures(file: missing, shownAs: "weg.csv", threshold: 5, suppress: false)
            } throws: { error in
                ErrorText.report(error) == "\(missing.path): error: file not found\n1 error found."
            }
            #expect {
                try ZichtApp.auditFigures(file: folder, shownAs: "map", threshold: 5, suppress: false)
            } throws: { error in
                ErrorText.report(error) == "\(folder.path): error: this is a folder, not a regular file; Zicht only reads regular files\n1 error found."
            }
        }
    }
}

/// Lines a ``Terminal`` was given, for tests.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    @Sendable func add(_ line: String) { lines.withLock { $0.append(line) } }
}
