// swift-tools-version:6.2
import PackageDescription

// One settings list for every target, as Hummingbird does: Swift 6 mode, strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kunskapsloop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "catalog-service", targets: ["CatalogService"]),
        .executable(name: "feedback-service", targets: ["FeedbackService"]),
        .executable(name: "followup-service", targets: ["FollowUpService"]),
        .executable(name: "notification-service", targets: ["NotificationService"]),
        .executable(name: "kl", targets: ["KL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // MARK: Pure modules (no I/O)
        .target(name: "Domain", path: "Shared/Domain", swiftSettings: swiftSettings),
        .target(name: "Variation", dependencies: ["Domain"], path: "Shared/Variation", swiftSettings: swiftSettings),
        .target(name: "Charts", dependencies: ["Domain", "Variation"], path: "Shared/Charts", swiftSettings: swiftSettings),
        .target(
            name: "Contracts",
            dependencies: ["Domain", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            path: "Shared/Contracts",
            swiftSettings: swiftSettings
        ),
        // The reference data the suite ships, loaded from the module's bundle.
        .target(
            name: "Reference",
            dependencies: ["Domain"],
            path: "Shared/Reference",
            resources: [.copy("Data")],
            swiftSettings: swiftSettings
        ),

        // MARK: I/O at the edges
        .systemLibrary(
            name: "CRabbitMQ",
            path: "Shared/CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        // SMTP through Debian's libcurl: the C module, and a safe Swift module over it.
        .systemLibrary(
            name: "CCurl",
            path: "Shared/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "Mail",
            dependencies: [
                "CCurl",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Shared/Mail",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "CRabbitMQ",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Messaging",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RPC",
            dependencies: [
                "Messaging", "Contracts",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/RPC",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                "Domain",
                "Messaging",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Storage",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CatalogProjection",
            dependencies: [
                "Domain", "Contracts", "Messaging", "Storage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/CatalogProjection",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "Messaging", "Storage", "RPC",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceRuntime",
            swiftSettings: swiftSettings
        ),

        // MARK: Executables
        .target(
            name: "Catalog",
            dependencies: [
                "Domain", "Contracts", "Reference", "Messaging", "Storage", "RPC", "ServiceRuntime",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Catalog/Catalog",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "CatalogService",
            dependencies: ["Catalog", "ServiceRuntime"],
            path: "Services/Catalog/App",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Feedback",
            dependencies: [
                "Domain", "Contracts", "Messaging", "Storage", "RPC", "ServiceRuntime", "CatalogProjection",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Feedback/Feedback",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FeedbackService",
            dependencies: ["Feedback", "ServiceRuntime"],
            path: "Services/Feedback/App",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FollowUp",
            dependencies: [
                "Domain", "Variation", "Charts", "Contracts", "Reference", "Messaging", "Storage", "RPC", "ServiceRuntime",
                "CatalogProjection",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Services/FollowUp/FollowUp",
            resources: [.copy("Migrations"), .copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FollowUpService",
            dependencies: ["FollowUp", "ServiceRuntime"],
            path: "Services/FollowUp/App",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Notification",
            dependencies: [
                "Domain", "Contracts", "Messaging", "Storage", "RPC", "ServiceRuntime", "CatalogProjection", "Mail",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Services/Notification/Notification",
            resources: [.copy("Migrations"), .copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "NotificationService",
            dependencies: ["Notification", "ServiceRuntime"],
            path: "Services/Notification/App",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KL",
            dependencies: [
                "Domain", "Contracts", "Messaging", "RPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/kl",
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (`make bench`, release builds)
        .executableTarget(
            name: "VariationBench",
            dependencies: ["Domain", "Variation", "Charts", "SeededRandom"],
            path: "Benchmarks/Variation",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "CatalogBench",
            dependencies: [
                "Catalog", "Contracts", "Messaging", "RPC", "ServiceRuntime", "KLTesting", "SeededRandom",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Benchmarks/Catalog",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FeedbackBench",
            dependencies: [
                "Feedback", "Contracts", "Messaging", "RPC", "ServiceRuntime", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Benchmarks/Feedback",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FollowUpBench",
            dependencies: [
                "FollowUp", "Domain", "Contracts", "Messaging", "RPC", "ServiceRuntime", "KLTesting", "Reference", "SeededRandom",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Benchmarks/FollowUp",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "NotificationBench",
            dependencies: [
                "Notification", "Contracts", "Messaging", "RPC", "ServiceRuntime", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Notification",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LoopBench",
            dependencies: [
                "FollowUp", "Notification", "Contracts", "Messaging", "RPC", "ServiceRuntime", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/Loop",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KernelBench",
            dependencies: [
                "Messaging", "Storage", "RPC", "Contracts", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Benchmarks/Kernel",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // One seeded generator for fixtures, property tests and benchmark corpora.
        .target(name: "SeededRandom", path: "Tests/SeededRandom", swiftSettings: swiftSettings),
        .target(
            name: "KLTesting",
            dependencies: [
                "Messaging", "Storage", "RPC", "Contracts", "ServiceRuntime",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KLTesting",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "Reference", "SeededRandom"], swiftSettings: swiftSettings),
        .testTarget(name: "VariationTests", dependencies: ["Domain", "Variation", "SeededRandom"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Domain", "Variation", "Charts", "SeededRandom"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContractsTests",
            dependencies: ["Contracts", "Domain", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageIntegrationTests",
            dependencies: [
                "Storage", "Messaging", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessagingIntegrationTests",
            dependencies: ["Messaging", "RPC", "Contracts", "KLTesting", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "CatalogProjection", "Domain", "Contracts", "Messaging", "RPC", "Storage", "ServiceRuntime", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FeedbackTests",
            dependencies: [
                "Feedback", "Domain", "Contracts", "Messaging", "RPC", "Storage", "ServiceRuntime", "KLTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FollowUpTests",
            dependencies: [
                "FollowUp", "Domain", "Variation", "Charts", "Contracts", "Messaging", "RPC", "Storage", "ServiceRuntime",
                "CatalogProjection", "KLTesting", "SeededRandom",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            // The four real executables driven from outside (make test runs it as its own phase).
            name: "EndToEndTests",
            dependencies: [
                "KLTesting", "Contracts", "Messaging",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotificationTests",
            dependencies: [
                "Notification", "Domain", "Contracts", "Messaging", "RPC", "Storage", "ServiceRuntime", "CatalogProjection", "KLTesting", "Mail",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "KLTesting", "ServiceRuntime", "Storage", "Messaging", "Contracts", "CatalogProjection", "Domain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // Restart the broker or raise its alarms: run apart from everything else (scripts/test.sh).
        .testTarget(
            name: "DisruptiveTests",
            dependencies: ["Messaging", "Storage", "KLTesting", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
    ]
)
