import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ZichtTestSupport

/// Starts `zicht serve` on a free port and talks to it over HTTP on 127.0.0.1.
struct ServeTests {
    /// Collects a process's standard output as it arrives.
    final class OutputCollector: @unchecked Sendable {
        // @unchecked Sendable: `text` is only touched under `lock`.
        private let lock = NSLock()
        private var text = ""

        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var current: String { lock.withLock { text } }
    }

    func get(_ url: URL) async throws -> (status: Int, body: String, cacheControl: String?, headers: HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Cache-Control"), http)
    }

    /// The headers `zicht serve` puts on every response.
    func expectSecurityHeaders(_ response: HTTPURLResponse) {
        #expect(response.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
        #expect(response.value(forHTTPHeaderField: "Content-Security-Policy")?.hasPrefix("default-src 'none'; script-src 'self'; style-src 'self'") == true)
        #expect(response.value(forHTTPHeaderField: "Referrer-Policy") == "no-referrer")
        #expect(response.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
    }

    /// Polls `condition` until it holds or `timeout` seconds have passed; it is asked once more at
    /// the end, because long synchronous tests beside this one can keep this task from running
    /// until after the deadline.
    func waitFor(timeout: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    @Test func servesTheSiteAndRebuildsOnChange() async throws {
        let project = try TemporaryProject(files: TemporaryProject.minimalFiles)
        defer { project.remove() }
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", project.root.path, "--port", "0"]
        let output = OutputCollector()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                output.append(data)
            }
        }
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        #expect(try await waitFor(timeout: 60) { output.current.contains("Zicht is serving http://127.0.0.1:") })
        let match = try #require(output.current.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//))
        let base = try #require(URL(string: String(match.output.0)))

        let goal = try await get(base.appendingPathComponent("doel/7-2-1-sociale-veiligheid/"))
        #expect(goal.status == 200)
        #expect(goal.body.contains("Sociale veiligheid</h1>"))
        #expect(goal.cacheControl == "no-cache")
        #expect(goal.headers.value(forHTTPHeaderField: "Content-Type") == "text/html; charset=utf-8")
        expectSecurityHeaders(goal.headers)
        let missing = try await get(base.appendingPathComponent("bestaat/niet/"))
        #expect(missing.status == 404)
        #expect(missing.body.contains("Pagina niet gevonden"))
        expectSecurityHeaders(missing.headers)
        let style = try await get(base.appendingPathComponent("assets/zicht.css"))
        #expect(style.headers.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
        let search = try await get(base.appendingPathComponent("zoekindex.json"))
        #expect(search.headers.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=utf-8")

        // An edit is visible at the next reload.
        let file = "content/7/7.2/7.2.1.md"
        let edited = TemporaryProject.minimalFiles[file]!.replacingOccurrences(of: "title: Sociale veiligheid", with: "title: Sociale veiligheid en leefbaarheid")
        try project.write(edited, to: file)
        let rebuilt = try await waitFor(timeout: 60) {
            try await get(base.appendingPathComponent("doel/7-2-1-sociale-veiligheid-en-leefbaarheid/")).status == 200
        }
        #expect(rebuilt)

        // A broken edit keeps the previous site online.
        try project.write("---\nid: x\nkind: onzin\n---\n", to: "content/kapot.md")
        try await Task.sleep(for: .seconds(2.5))
        let still = try await get(base.appendingPathComponent("doel/7-2-1-sociale-veiligheid-en-leefbaarheid/"))
        #expect(still.status == 200)
    }
}
