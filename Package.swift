// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let configuration = Target.Dependency.product(name: "Configuration", package: "swift-configuration")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let lifecycleTestKit = Target.Dependency.product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle")

let package = Package(
    name: "hotline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["Intake"]),
        .executable(name: "dispatcher", targets: ["Dispatcher"]),
        .executable(name: "notifier", targets: ["Notifier"]),
        .executable(name: "hotline-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        // Already in the graph through Hummingbird (which enables none of its traits; neither do we).
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: []),
    ],
    targets: [
        // C bridges: a module map and a shim header each.
        .systemLibrary(name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq", providers: [.apt(["librabbitmq-dev"])]
        ),
        .systemLibrary(name: "COpenSSL", path: "Shared/COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Charts drawn as inline SVG for the printable reports: pure Swift, no I/O, no dependencies.
        .target(name: "Charts", path: "Shared/Charts", swiftSettings: swiftSettings),

        // The domain: pure, no I/O (Charts, pure too, draws and escapes its printable reports).
        .target(name: "HotlineDomain", dependencies: ["Charts"], path: "Shared/HotlineDomain", swiftSettings: swiftSettings),

        // Infrastructure, one module per concern.
        .target(name: "Resilience", path: "Shared/Resilience", swiftSettings: swiftSettings),
        .target(name: "Postgres", dependencies: ["CLibPQ", "Resilience", logging], path: "Shared/Postgres", swiftSettings: swiftSettings),
        .target(name: "AMQP", dependencies: ["CRabbitMQ", "Resilience", logging], path: "Shared/AMQP", swiftSettings: swiftSettings),
        .target(name: "HotlineCrypto", dependencies: ["COpenSSL"], path: "Shared/HotlineCrypto", swiftSettings: swiftSettings),
        .target(
            name: "Outbox", dependencies: ["Postgres", "AMQP", "HotlineDomain", "Resilience", logging, metrics, lifecycle],
            path: "Shared/Outbox", swiftSettings: swiftSettings
        ),
        .target(
            name: "CaseStore", dependencies: ["Postgres", "Outbox", "HotlineDomain", "HotlineCrypto", logging, lifecycle, metrics],
            path: "Shared/CaseStore", swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceSupport",
            dependencies: ["Postgres", "AMQP", "HotlineDomain", "Outbox", "CaseStore", "Resilience", hummingbird, lifecycle, logging, metrics, prometheus, configuration],
            path: "Shared/ServiceSupport", swiftSettings: swiftSettings
        ),

        // The three services: thin assemblies of the above.
        .executableTarget(
            name: "Intake",
            dependencies: [
                "CaseStore", "Outbox", "ServiceSupport", "HotlineCrypto", "HotlineDomain", "Charts", "Postgres", "AMQP", hummingbird, argumentParser, logging, lifecycle, unixSignals, prometheus, metrics,
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            path: "Services/Intake", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Dispatcher",
            dependencies: ["CaseStore", "Outbox", "ServiceSupport", "HotlineDomain", "Postgres", "AMQP", hummingbird, argumentParser, logging, lifecycle, unixSignals, prometheus],
            path: "Services/Dispatcher", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Notifier",
            dependencies: [
                "CaseStore", "Outbox", "ServiceSupport", "HotlineCrypto", "HotlineDomain", "Postgres", "AMQP", "Resilience", hummingbird,
                argumentParser, logging, lifecycle, unixSignals, prometheus, metrics,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Services/Notifier", swiftSettings: swiftSettings
        ),

        // The benchmark of `make bench`: load generator, department simulator, SMS sink, ceiling.
        .executableTarget(
            name: "Bench",
            dependencies: [
                "AMQP", "Postgres", "Outbox", "HotlineDomain", hummingbird, logging, lifecycle,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Bench", swiftSettings: swiftSettings
        ),

        // Tests mirror the modules; integration tests run against the servers `make test` starts.
        // TestSupport is what they share: the stack's `.run/env`, spawning processes.
        .target(name: "TestSupport", dependencies: ["CaseStore", "HotlineDomain"], path: "Tests/TestSupport"),
        .testTarget(name: "HotlineDomainTests", dependencies: ["HotlineDomain"], path: "Tests/HotlineDomainTests", exclude: ["Fixtures"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], path: "Tests/ChartsTests"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport", logging], path: "Tests/PostgresTests"),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "TestSupport", logging], path: "Tests/AMQPTests"),
        .testTarget(
            name: "OutboxTests", dependencies: ["Outbox", "CaseStore", "Postgres", "AMQP", "HotlineDomain", "TestSupport", logging, lifecycle, lifecycleTestKit],
            path: "Tests/OutboxTests"
        ),
        .testTarget(name: "ServiceSupportTests", dependencies: ["ServiceSupport", logging, lifecycle, lifecycleTestKit], path: "Tests/ServiceSupportTests"),
        // CaseStore's operations on the real PostgreSQL, each test in a schema of its own.
        .testTarget(
            name: "CaseStoreTests", dependencies: ["CaseStore", "Postgres", "Outbox", "HotlineDomain", "TestSupport", logging],
            path: "Tests/CaseStoreTests"
        ),
        // Router tests: the services' routes on the in-memory repositories, no stack needed.
        .testTarget(
            name: "IntakeTests",
            dependencies: [
                "Intake", "CaseStore", "HotlineDomain", "ServiceSupport", "TestSupport", "AMQP", "Postgres", hummingbird, hummingbirdTesting, prometheus,
                logging, .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/IntakeTests"
        ),
        .testTarget(
            name: "NotifierTests",
            dependencies: [
                "Notifier", "HotlineDomain", "CaseStore", "HotlineCrypto", "ServiceSupport", "TestSupport", hummingbird, hummingbirdTesting, prometheus,
                logging, .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/NotifierTests"
        ),
        .testTarget(
            name: "SystemTests", dependencies: ["HotlineCrypto", "HotlineDomain", "AMQP", "Postgres", "TestSupport", logging],
            path: "Tests/SystemTests"
        ),
    ]
)
