import Foundation
import Testing
import ZichtTestSupport
import ZichtAnalysis
import ZichtApp
@testable import ZichtEngine

/// The analysis kept between processes (`.zicht/analysis-cache.json`) is used only for exactly the
/// same inputs, never when it is damaged or its figures are not the audited ones, and gives the same
/// site as a fresh analysis.
struct AnalysisCacheTests {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    /// A copy of the demo whose snapshot and cache are filled by a first build.
    struct Fixture {
        let base: URL
        let project: URL
        var cacheFile: URL { project.appendingPathComponent(AnalysisCache.relativePath) }
        private var builds = 0

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-analysis-cache-\(UUID().uuidString)")
            project = base.appendingPathComponent("project")
            try ZichtApp.copyExample(to: project)
        }

        /// Builds the site into a new folder and returns its files.
        mutating func build() throws -> [String: Data] {
            builds += 1
            let output = base.appendingPathComponent("site-\(builds)")
            try SiteSession(project: project, output: output, generator: "Zicht (test)").build(builtAt: AnalysisCacheTests.time, dataAt: AnalysisCacheTests.time)
            return try SiteSessionTests.Fixture.files(output)
        }

        /// Whether the next analysis comes from the cache: it then reads no incidents.
        func analysisIsCached() throws -> Bool {
            let loaded = try LoadedProject.load(project)
            let snapshot = try loaded.openSnapshot()
            var steps: [String] = []
            _ = try ProjectAnalyser.analyse(loaded, snapshot: snapshot) { name, _ in steps.append(name) }
            return !steps.contains("incidents")
        }

        /// The same site after the cache is deleted: what a fresh analysis gives.
        mutating func freshBuild() throws -> [String: Data] {
            try FileManager.default.removeItem(at: cacheFile)
            return try build()
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = project.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changes nothing")
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Runs `body` with a fixture whose first build has filled the snapshot and the cache, and
    /// the files of that build; removes the fixture afterwards.
    static func withBuiltDemo(_ body: (inout Fixture, [String: Data]) throws -> Void) async throws {
        try await HeavyWork.run {
            var fixture = try Fixture()
            defer { try? FileManager.default.removeItem(at: fixture.base) }
            let first = try fixture.build()
            try body(&fixture, first)
        }
    }

    @Test func aWarmBuildUsesTheCacheAndWritesTheSameSite() async throws {
        try await Self.withBuiltDemo { fixture, first throws in
            #expect(FileManager.default.fileExists(atPath: fixture.cacheFile.path))
            #expect(try fixture.analysisIsCached())
            #expect(try fixture.build() == first, "the cached analysis gives the same pages")
            #expect(try fixture.freshBuild() == first)
        }
    }

    @Test func aChangedSettingOrDataFileGivesAFreshAnalysis() async throws {
        try await Self.withBuiltDemo { fixture, first throws in
            #expect(try fixture.analysisIsCached())

            // A setting of the analysis: the disclosure threshold.
            try fixture.edit("zicht.yaml") { $0.replacingOccurrences(of: "disclosureThreshold: 5", with: "disclosureThreshold: 10") }
            #expect(try !fixture.analysisIsCached())
            let changedSetting = try fixture.build()
            #expect(changedSetting != first, "the threshold changes what is withheld")
            #expect(try fixture.analysisIsCached())
            #expect(try fixture.freshBuild() == changedSetting)

            // A data file: one buurt's safety mark in the area table.
            try fixture.edit("data/zwolle-buurtgegevens-2014-bvb-zebra.csv") { text in
                var lines = text.components(separatedBy: "\n")
                let column = lines[0].components(separatedBy: ",").firstIndex(of: "\"b_vhrbrt\"")!
                var fields = lines[1].components(separatedBy: ",")
                fields[column] = fields[column] == "9.9" ? "1.1" : "9.9"
                lines[1] = fields.joined(separator: ",")
                return lines.joined(separator: "\n")
            }
            #expect(try !fixture.analysisIsCached())
            let changedData = try fixture.build()
            #expect(try fixture.analysisIsCached())
            #expect(try fixture.freshBuild() == changedData)

            // Disclosure decisions altered by hand: the analysis starts from them again.
            let decisions = fixture.project.appendingPathComponent(ProjectAnalyser.decisionsPath)
            try Data("{".utf8).write(to: decisions)
            #expect(try !fixture.analysisIsCached())
            #expect(try fixture.build() == changedData)
        }
    }

    @Test func aDamagedCacheIsIgnoredAndReplaced() async throws {
        try await Self.withBuiltDemo { fixture, first throws in
            let intact = try Data(contentsOf: fixture.cacheFile)
            let newline = intact.firstIndex(of: UInt8(ascii: "\n"))!
            var flipped = intact
            flipped[newline + 100] ^= 0x01
            let damaged: [(String, Data)] = [
                ("truncated", intact.prefix(intact.count / 2)),
                ("header only", intact.prefix(newline + 1)),
                ("empty", Data()),
                ("garbage", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) })),
                ("one bit of the body flipped", flipped),
            ]
            for (name, data) in damaged {
                try data.write(to: fixture.cacheFile)
                #expect(try !fixture.analysisIsCached(), "\(name)")
                #expect(try fixture.build() == first, "\(name)")
                #expect(try fixture.analysisIsCached(), "\(name): the cache is written again")
            }
        }
    }

    /// An intact entry whose figures are not the ones the audit passed (an altered file, or a bug
    /// in the stored form) is not published: the analysis runs again.
    @Test func figuresOtherThanTheAuditedOnesAreAnalysedAgain() async throws {
        try await Self.withBuiltDemo { fixture, first throws in
            let loaded = try LoadedProject.load(fixture.project)
            let cache = try #require(try AnalysisCache(project: loaded, snapshot: try loaded.openSnapshot()))
            var entry = try #require(cache.load())
            // Another count for the first wijk's first year, with a valid checksum.
            var wijk = try #require(entry.neighbourhoods?.wijken.first)
            let total = try #require(wijk.incidentTotals.first)
            wijk.incidentTotals[0] = DisclosedCount(count: total.trueCount + 1, inhabitants: nil, threshold: 5)
            entry.neighbourhoods!.wijken[0] = wijk
            cache.store(entry, decisions: cache.decisions)
            #expect(cache.load() != nil, "the altered entry is intact")
            #expect(try !fixture.analysisIsCached())
            #expect(try fixture.build() == first)
        }
    }
}
