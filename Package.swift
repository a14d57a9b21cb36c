// swift-tools-version: 6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Zicht",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zicht", targets: ["zicht"]),
        .executable(name: "zicht-bench", targets: ["zicht-bench"]),
        .library(name: "ZichtCore", targets: ["ZichtCore"]),
        .library(name: "ZichtSources", targets: ["ZichtSources"]),
        .library(name: "ZichtSite", targets: ["ZichtSite"]),
        .library(name: "ZichtEngine", targets: ["ZichtEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "ZichtCore", swiftSettings: upcoming),
        .target(name: "ZichtStats", dependencies: ["ZichtCore"], swiftSettings: upcoming + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "ZichtSim", dependencies: ["ZichtCore", "ZichtGeo"], swiftSettings: upcoming),
        .target(name: "ZichtGeo", dependencies: ["ZichtCore"], swiftSettings: upcoming),
        .target(name: "CZichtShims"),
        .target(
            name: "ZichtSources",
            dependencies: ["ZichtCore", "ZichtGeo", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "ZichtAnalysis",
            dependencies: ["ZichtCore", "ZichtStore", "ZichtStats", "ZichtGeo"],
            swiftSettings: upcoming
        ),
        .target(
            name: "ZichtStore",
            dependencies: [
                "ZichtCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "ZichtSite",
            dependencies: ["ZichtCore", "ZichtAnalysis", "ZichtStats", "ZichtGeo", "CZichtShims", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Theme")],
            swiftSettings: upcoming
        ),
        // The werkomgeving's domain: accounts, roles and rights, passwords and second factors, versions of
        // the project's files, the audit chain, and the storage behind one protocol. No HTTP.
        .target(
            name: "ZichtWorkspace",
            dependencies: [
                "ZichtCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "ZichtServer",
            dependencies: [
                "ZichtSite", "ZichtCore", "ZichtAnalysis", "ZichtSources", "ZichtWorkspace", "ZichtEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The API's OpenAPI document is written as YAML and served as the JSON made from it,
            // compiled in (API/APIDocument+JSON.swift, by Tests/api/check_openapi.py --write).
            exclude: ["API/openapi.yaml"],
            swiftSettings: upcoming
        ),
        // Loads a project once, analyses its snapshot once, builds and rebuilds its site; what a
        // command or a server holds (docs/architecture.md).
        .target(
            name: "ZichtEngine",
            dependencies: ["ZichtCore", "ZichtGeo", "ZichtStats", "ZichtSim", "ZichtSources", "ZichtStore", "ZichtAnalysis", "ZichtSite"],
            // Imports are internal unless marked `public import`: the engine's API (what a server
            // uses) shows which rooms' types it hands out.
            swiftSettings: upcoming + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .target(
            name: "ZichtApp",
            dependencies: [
                "ZichtCore", "ZichtGeo", "ZichtStats", "ZichtSim", "ZichtSources", "ZichtStore", "ZichtAnalysis", "ZichtSite", "ZichtEngine",
                "ZichtServer", "ZichtWorkspace",
            ],
            resources: [.copy("Example")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "zicht",
            dependencies: [
                "ZichtApp", "ZichtEngine", "ZichtCore", "ZichtServer", "ZichtSite", "ZichtAnalysis", "ZichtSources", "ZichtStore", "ZichtStats",
                "ZichtSim", "ZichtGeo", "ZichtWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "ZichtTestSupport",
            dependencies: [
                "ZichtWorkspace",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/ZichtTestSupport",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "zicht-bench",
            dependencies: [
                "ZichtCore", "ZichtGeo", "ZichtSources", "ZichtSite", "ZichtApp", "ZichtEngine", "ZichtStore", "ZichtStats", "ZichtSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // Fuzzes the readers of untrusted input with libFuzzer; see Tests/fuzz/run.sh and docs/fuzzing.md.
        .executableTarget(
            name: "zicht-fuzz", dependencies: ["ZichtCore", "ZichtSources", "ZichtStats"], path: "Tests/fuzz/Target", swiftSettings: upcoming
        ),
        .testTarget(name: "ZichtCoreTests", dependencies: ["ZichtCore"], swiftSettings: upcoming),
        .testTarget(name: "ZichtStatsTests", dependencies: ["ZichtStats", "ZichtCore"], swiftSettings: upcoming),
        .testTarget(name: "ZichtSimTests", dependencies: ["ZichtSim", "ZichtCore", "ZichtGeo", "ZichtSources", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(name: "ZichtGeoTests", dependencies: ["ZichtGeo", "ZichtSources", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(name: "ZichtSourcesTests", dependencies: ["ZichtSources", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(name: "ZichtSiteTests", dependencies: ["ZichtSite", "ZichtAnalysis", "ZichtStats", "ZichtSources", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(name: "ZichtStoreTests", dependencies: ["ZichtStore", "ZichtTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: upcoming),
        .testTarget(name: "ZichtAnalysisTests", dependencies: ["ZichtAnalysis", "ZichtStats", "ZichtStore", "ZichtSources", "ZichtGeo", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "ZichtWorkspaceTests",
            dependencies: [
                "ZichtWorkspace", "ZichtCore", "ZichtTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: upcoming),
        .testTarget(name: "ZichtServerTests", dependencies: ["ZichtServer", "ZichtSite", "ZichtWorkspace", "ZichtTestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "ZichtEngineTests", dependencies: ["ZichtEngine", "ZichtApp", "ZichtSite", "ZichtSources", "ZichtStore", "ZichtTestSupport"],
            exclude: ["Golden"], swiftSettings: upcoming),
        .testTarget(name: "ZichtAppTests", dependencies: ["ZichtApp", "ZichtEngine", "ZichtServer", "ZichtWorkspace", "ZichtAnalysis", "ZichtSite", "ZichtSim", "ZichtSources", "ZichtStats", "ZichtStore", "ZichtTestSupport"], swiftSettings: upcoming),
    ]
)
