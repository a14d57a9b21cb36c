import ArgumentParser
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZichtEngine
import ZichtCore
import ZichtSite
import ZichtSources

/// Times the phases of a Zicht build through the libraries' public API, to see where `zicht build`
/// spends its time without a profiler.
struct ProfileBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile-build",
        abstract: "Time the phases of a Zicht build (load, snapshot, analyse, render, write).",
        discussion: """
            Runs the same library calls as `zicht build` (SiteSession.build): LoadedProject.load, \
            openSnapshot, ProjectAnalyser.analyse, SiteRenderer.renderAll and SiteBuilder.write, \
            REPEAT times, and prints wall and CPU time of each phase. The first run imports into the \
            snapshot; later runs find everything there (a warm snapshot). Run N writes a new folder OUT-N, \
            so no run pays for deleting an earlier one. With --async the calls run inside a Swift \
            concurrency task, as `zicht build` runs them; without, on the main thread.

            Example:
              zicht-bench profile-build /tmp/b/zicht --out /tmp/b/site --repeat 3     (writes /tmp/b/site-1 … -3)
              zicht-bench profile-build /tmp/b/zicht --out /tmp/b/async --repeat 3 --async
            """)

    @Argument(help: "The Zicht site project.")
    var project: String

    @Option(help: "The output folder prefix: run N writes OUT-N, which must not exist.")
    var out: String

    @Option(help: "How many times to run each phase.")
    var `repeat`: Int = 3

    @Flag(help: "Run the phases inside a Swift concurrency task, as `zicht build` does.")
    var async = false

    func run() throws {
        let projectURL = URL(fileURLWithPath: project).standardizedFileURL
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        print("context: \(async ? "Swift concurrency task (as zicht build)" : "main thread"), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("| run | load (ms) | snapshot (ms) | analyse (ms) | render (ms) | write (ms) | total wall (ms) | total CPU (ms) | pages |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for run in 1...max(1, self.repeat) {
            let runURL = outURL.deletingLastPathComponent().appendingPathComponent("\(outURL.lastPathComponent)-\(run)")
            guard !FileManager.default.fileExists(atPath: runURL.path) else {
                throw ValidationError("'\(runURL.path)' exists; choose another --out")
            }
            let row = try async ? Self.measureInTask(projectURL, runURL) : Self.measure(projectURL, runURL)
            print("| \(run) | \(row) |")
        }
    }

    /// `measure` inside a detached task on Swift's cooperative thread pool, where `zicht build`
    /// (an `AsyncParsableCommand`) runs the build; the main thread waits for it.
    private static func measureInTask(_ project: URL, _ out: URL) throws -> String {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Task.detached {
            box.result = Result { try measure(project, out) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private static func measure(_ project: URL, _ out: URL) throws -> String {
        let fixed = Date(timeIntervalSince1970: 0)
        let (loaded, load) = try Phase.time { try LoadedProject.load(project) }
        let (snapshot, open) = try Phase.time { try loaded.openSnapshot() }
        var steps: [String] = []
        let (analysis, analyse) = try Phase.time {
            try ProjectAnalyser.analyse(loaded, snapshot: snapshot) { name, duration in
                steps.append("\(name) \(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)")
            }
        }
        let (_, audit) = try Phase.time { try ProjectAnalyser.auditDisclosure(analysis, threshold: loaded.config.disclosureThreshold) }
        steps.append("audit only \(audit.wallMS)")
        FileHandle.standardError.write(Data("analysis steps (ms): \(steps.joined(separator: ", "))\n".utf8))
        let (site, render) = try Phase.time {
            try SiteRenderer(loaded.project, analysis: analysis, stamps: BuildStamps(builtAt: fixed, dataAt: fixed), generator: "zicht-bench").renderAll()
        }
        let (_, write) = try Phase.time { try SiteBuilder.write(site, to: out) }
        let phases = [load, open, analyse, render, write]
        let wall = phases.map(\.wallMS).reduce(0, +), cpu = phases.map(\.cpuMS).reduce(0, +)
        return phases.map { String($0.wallMS) }.joined(separator: " | ") + " | \(wall) | \(cpu) | \(site.pageCount)"
    }
}

/// Carries a task's result to the thread that waits for it.
///
/// `@unchecked Sendable`: written once by the task before it signals the semaphore, read only after
/// the wait returns.
private final class ResultBox: @unchecked Sendable {
    var result: Result<String, any Error>?
}

/// Wall-clock and process CPU time of one piece of work.
struct Phase {
    var wallMS: Int
    var cpuMS: Int

    static func time<T>(_ work: () throws -> T) rethrows -> (T, Phase) {
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUNanoseconds()
        let result = try work()
        let phase = Phase(
            wallMS: Int((DispatchTime.now().uptimeNanoseconds - wallStart) / 1_000_000),
            cpuMS: Int((processCPUNanoseconds() - cpuStart) / 1_000_000))
        return (result, phase)
    }

    /// User plus system CPU time of the whole process, all threads.
    static func processCPUNanoseconds() -> UInt64 {
        // clock() counts the process's CPU time in microseconds (CLOCKS_PER_SEC = 1,000,000 on Linux).
        UInt64(max(0, clock())) * 1_000
    }
}
