import Foundation
import Synchronization
import Testing
import ZichtServer
import ZichtSite
import ZichtTestSupport

/// Rebuilds swap the site folder while many requests run: every response must be whole, with the
/// body its `Content-Length` announces, equal to one version of the file.
struct SiteSwapTests {
    /// Two builds of one site whose files differ in content and length; `groot.json` is larger than
    /// one read, so it is streamed.
    static func version(_ letter: Character, scale: Int) -> [String: [UInt8]] {
        func text(_ name: String, _ count: Int) -> [UInt8] {
            Array("<!-- \(name) versie \(letter) -->\n".utf8) + Array(repeating: letter.asciiValue!, count: count) + Array("\n</html>\n".utf8)
        }
        return [
            "index.html": text("index", 20_000 * scale),
            "404.html": text("404", 3_000 * scale),
            "doel/7-2-1/index.html": text("doel", 60_000 * scale),
            "assets/zicht.css": text("css", 5_000 * scale),
            "groot.json": text("groot", 700_000 * scale),
        ]
    }

    static let targets = ["/", "/doel/7-2-1/", "/assets/zicht.css", "/groot.json", "/bestaat/niet/", "/doel/7-2-1"]

    /// The file each target is answered with in a build.
    static func expectedFile(for target: String) -> String? {
        switch target {
        case "/": "index.html"
        case "/doel/7-2-1/": "doel/7-2-1/index.html"
        case "/assets/zicht.css": "assets/zicht.css"
        case "/groot.json": "groot.json"
        case "/bestaat/niet/": "404.html"
        default: nil  // the redirect
        }
    }

    /// What the workers saw, shared between their threads.
    struct Tally {
        var requests = 0
        var problems: [String] = []
        var versionsSeen: [String: Set<Int>] = [:]
    }

    final class Shared: Sendable {
        let tally = Mutex(Tally())
        let done = Atomic<Bool>(false)
    }

    @Test func responsesAreWholeWhileTheSiteIsSwapped() async throws {
        let versions = [Self.version("a", scale: 1), Self.version("b", scale: 2)]
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("zicht-swap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var sources: [URL] = []
        for (index, files) in versions.enumerated() {
            let folder = work.appendingPathComponent("versie-\(index)")
            try HandWrittenSite.write(files, into: folder)
            sources.append(folder)
        }
        let site = work.appendingPathComponent("site")
        try Self.install(sources[0], as: site)

        let swaps = 40
        let workers = 12
        let shared = Shared()
        try await RunningServer.with(folder: site) { client in
            let finished = (0..<workers).map { worker in
                Self.startWorker(worker, client: client, versions: versions, shared: shared)
            }
            for swap in 1...swaps {
                // Let some requests run against this build, then swap in the other one.
                let before = shared.tally.withLock { $0.requests }
                while shared.tally.withLock({ $0.requests }) < before + 30 {
                    try await Task.sleep(for: .milliseconds(2))
                }
                try Self.install(sources[swap % 2], as: site)
            }
            shared.done.store(true, ordering: .relaxed)
            for worker in finished { await worker.value }
        }

        let result = shared.tally.withLock { $0 }
        #expect(result.problems.count == 0, "\(result.problems.count) bad responses, first: \(result.problems.prefix(5))")
        #expect(result.requests >= swaps * 30)
        for target in Self.targets where Self.expectedFile(for: target) != nil {
            #expect(result.versionsSeen[target] == [0, 1], "\(target) was served in both versions")
        }
    }

    /// Copies `source` into a staging folder and swaps it in, as a build does.
    static func install(_ source: URL, as site: URL) throws {
        let staging = try AtomicDirectory.makeStaging(for: site)
        AtomicDirectory.discard(staging)
        try FileManager.default.copyItem(at: source, to: staging)
        try AtomicDirectory.commit(staging, to: site)
    }

    /// A thread that requests the targets in turn until `done`, checking each response.
    static func startWorker(
        _ worker: Int, client: RawHTTPClient, versions: [[String: [UInt8]]], shared: Shared
    ) -> Task<Void, Never> {
        Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var index = worker
                    while !shared.done.load(ordering: .relaxed) {
                        let target = targets[index % targets.count]
                        index += 1
                        let problem: String?
                        var version: Int?
                        do {
                            let response = try client.request(target)
                            (problem, version) = check(response, target: target, versions: versions)
                        } catch {
                            (problem, version) = ("\(target): \(error)", nil)
                        }
                        shared.tally.withLock { tally in
                            tally.requests += 1
                            if let problem { tally.problems.append(problem) }
                            if let version { tally.versionsSeen[target, default: []].insert(version) }
                        }
                    }
                    continuation.resume()
                }
            }
        }
    }

    /// A problem with `response`, or the version it is a whole copy of.
    static func check(_ response: RawHTTPClient.Response, target: String, versions: [[String: [UInt8]]]) -> (String?, Int?) {
        guard let file = expectedFile(for: target) else {
            let ok = response.status == 301 && response.headers["location"] == "/doel/7-2-1/"
            return (ok ? nil : "\(target): \(response.status)", nil)
        }
        let status = file == "404.html" ? 404 : 200
        guard response.status == status else { return ("\(target): status \(response.status)", nil) }
        guard response.contentLength == response.body.count else {
            return ("\(target): Content-Length \(response.contentLength ?? -1), body \(response.body.count) bytes", nil)
        }
        guard let version = versions.firstIndex(where: { $0[file] == response.body }) else {
            return ("\(target): a body of \(response.body.count) bytes that is no version of \(file)", nil)
        }
        return (nil, version)
    }
}
