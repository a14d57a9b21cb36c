import ArgumentParser

/// Benchmark tools for Zicht. Each subcommand prepares or measures one benchmark; the numbers and the
/// commands that produced them are in BENCHMARKS.md.
@main
struct ZichtBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zicht-bench",
        abstract: "Benchmark tools for Zicht.",
        discussion: """
            Example:
              zicht-bench generate-site --goals 2000 --zicht /tmp/b/zicht --hugo /tmp/b/hugo
              bash Benchmarks/publish.sh      (builds, generates and times zicht build against hugo)
              bash Benchmarks/cycle.sh        (the same for a cycle of 10 documents with money)
            """,
        subcommands: [GenerateSite.self, GenerateCycle.self, ProfileBuild.self, ProfileUpdate.self, StatLineBench.self, ImportBench.self, PointsBench.self, GiStarBench.self, KnoxBench.self, SimulationBench.self, FixedEffectsBench.self, EvaluationStudyBench.self, SwapSite.self]
    )
}
