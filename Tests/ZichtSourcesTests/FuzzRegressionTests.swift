import Foundation
import Testing
import ZichtCore
import ZichtSources

/// The inputs in Tests/fuzz/regressions once made a reader (or what runs on its result) trap; each
/// must now give a located error or a value. The fuzz script replays them too, under the sanitizers.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/regressions")

    static func inputs(_ reader: String) throws -> [URL] {
        let directory = folder.appendingPathComponent(reader)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { directory.appendingPathComponent($0) }
    }

    @Test func geoJSONInputsGiveLocatedErrors() throws {
        let inputs = try Self.inputs("geojson")
        #expect(!inputs.isEmpty)
        for url in inputs {
            #expect(throws: GeoJSONErrors.self, "\(url.lastPathComponent)") {
                try GeoJSONReader().read(contentsOf: url)
            }
        }
    }

    /// The near-repeat inputs are valid event files (finite numbers); what trapped was the Knox
    /// test on them, which ZichtStatsTests covers (`coordinatesNearTheEndsOfTheDoubleRange`).
    @Test func eventInputsAreRead() throws {
        let inputs = try Self.inputs("events")
        #expect(!inputs.isEmpty)
        for url in inputs {
            let file = try EventFileReader.read(url: url, displayName: url.lastPathComponent)
            #expect(file.x.count >= 3 && file.x.allSatisfy(\.isFinite))
        }
    }
}
