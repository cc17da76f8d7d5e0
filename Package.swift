// swift-tools-version: 6.1
import PackageDescription

/// A C system library found with pkg-config and provided by a Debian -dev package.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "proxyd",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ProxyCore", targets: ["ProxyCore"]),
        .library(name: "ProxyConformance", targets: ["ProxyConformance"]),
        .library(name: "IptablesBackend", targets: ["IptablesBackend"]),
        .library(name: "NftablesBackend", targets: ["NftablesBackend"]),
        .library(name: "IPVSBackend", targets: ["IPVSBackend"]),
        .library(name: "KubeAPI", targets: ["KubeAPI"]),
        .library(name: "ProxyDaemon", targets: ["ProxyDaemon"]),
        .executable(name: "proxyd", targets: ["proxyd"]),
        .executable(name: "proxyd-conformance-agent", targets: ["ConformanceAgent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // MARK: C libraries
        systemLibrary("CMnl", pkgConfig: "libmnl", apt: "libmnl-dev"),
        systemLibrary("CNftnl", pkgConfig: "libnftnl", apt: "libnftnl-dev"),
        systemLibrary("CIp4tc", pkgConfig: "libip4tc", apt: "libip4tc-dev"),
        systemLibrary("CIpset", pkgConfig: "libipset", apt: "libipset-dev"),
        .target(name: "CNetfilterShim", dependencies: ["CMnl", "CNftnl"]),

        // MARK: Swift modules
        .target(
            name: "ProxyCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "IptablesBackend",
            dependencies: ["ProxyCore", "CIp4tc", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "NftablesBackend",
            dependencies: [
                "ProxyCore", "CMnl", "CNftnl", "CNetfilterShim",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "IPVSBackend", dependencies: ["ProxyCore", "IptablesBackend", "CIpset", "CMnl"]),
        .target(
            name: "ProxyConformance",
            dependencies: ["ProxyCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Catalog")]
        ),
        .executableTarget(
            name: "ConformanceAgent",
            dependencies: ["ProxyCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "KubeAPI",
            dependencies: [
                "ProxyCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ProxyDaemon",
            dependencies: [
                "ProxyCore", "KubeAPI", "IptablesBackend", "NftablesBackend", "IPVSBackend",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "proxyd",
            dependencies: [
                "ProxyCore", "IptablesBackend", "NftablesBackend", "IPVSBackend", "ProxyDaemon", "KubeAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "ProxyCoreTests", dependencies: ["ProxyCore"]),
        .testTarget(name: "IptablesBackendTests", dependencies: ["IptablesBackend"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NftablesBackendTests", dependencies: ["NftablesBackend", "ProxyConformance"]),
        .testTarget(name: "IPVSBackendTests", dependencies: ["IPVSBackend"]),
        .testTarget(
            name: "ProxyConformanceTests", dependencies: ["ProxyConformance", "ConformanceAgent"], resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "proxydTests",
            dependencies: [
                "proxyd", "ConformanceAgent", "ProxyConformance", "TestAPIServer", "ProxyDaemon", "KubeAPI", "IptablesBackend",
                "NftablesBackend",
            ]
        ),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "TestAPIServer"]),
        .testTarget(name: "ProxyDaemonTests", dependencies: ["ProxyDaemon", "TestAPIServer"]),

        // MARK: Test support
        /// A small Kubernetes API server speaking the real protocol (HTTPS with client certificates,
        /// list + watch, resourceVersion, bookmarks, 410 Gone) for tests, with test-time certificates.
        .target(
            name: "TestAPIServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/Support/TestAPIServer"
        ),
    ]
)
