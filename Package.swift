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
        .executable(name: "proxyd", targets: ["proxyd"]),
        .executable(name: "proxyd-conformance-agent", targets: ["ConformanceAgent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        .executableTarget(
            name: "proxyd",
            dependencies: [
                "ProxyCore", "IptablesBackend", "NftablesBackend", "IPVSBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "ProxyCoreTests", dependencies: ["ProxyCore"]),
        .testTarget(name: "IptablesBackendTests", dependencies: ["IptablesBackend"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NftablesBackendTests", dependencies: ["NftablesBackend"]),
        .testTarget(name: "IPVSBackendTests", dependencies: ["IPVSBackend"]),
        .testTarget(
            name: "ProxyConformanceTests", dependencies: ["ProxyConformance", "ConformanceAgent"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "proxydTests", dependencies: ["proxyd", "ConformanceAgent", "ProxyConformance"]),
    ]
)
