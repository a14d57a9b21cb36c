import Foundation
import Testing
@testable import ZichtAnalysis
import ZichtCore
import ZichtSite
import ZichtSources
import ZichtTestSupport

/// A page whose open data cannot be encoded fails the build: it used to be written as an empty
/// index.json without a word.
struct OpenDataFailureTests {
    @Test func aPageWhoseOpenDataCannotBeEncodedFailsTheBuild() throws {
        var files = TemporaryProject.minimalFiles
        let goal = "content/7/7.2/7.2.1.md"
        files[goal] = try #require(files[goal]).replacingOccurrences(of: "indicatoren: []", with: "indicatoren: [x]")
        let project = try TemporaryProject(files: files)
        defer { project.remove() }
        let loaded = try SiteProjectLoader.load(project.root)

        // JSON has no NaN: the goal page's open data cannot be encoded.
        let definition = IndicatorDefinition(id: "x", title: "X", unit: "aantal", numerator: SeriesSelector(tables: ["t"], measure: "m"))
        let year = Period(year: 2020)
        let value = IndicatorValue(
            indicatorID: "x", region: "GM0193", period: year, value: .nan, numerator: nil, denominator: nil, method: .computed)
        let table = IndicatorTable(
            definition: definition, regions: ["GM0193"], regionNames: ["GM0193": "Zwolle"], periods: [year],
            values: ["GM0193": [year: value]])
        let output = project.root.appendingPathComponent("site")
        #expect(throws: EncodingError.self) {
            try SiteBuilder().build(loaded, analysis: ProjectAnalysis(tables: ["x": table], definitions: ["x": definition]), to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is written")
    }
}
