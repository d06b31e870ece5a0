// swift-tools-version:6.1
// The layers of ../shared/DESIGN.md, one target each; a lower target never imports a higher one.
import PackageDescription

let package = Package(
    name: "Rudder",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rudder", targets: ["rudder"]),
        .library(name: "Values", targets: ["Values"]),
        .library(name: "GoTemplate", targets: ["GoTemplate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.36.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Values", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "GoTemplate", dependencies: ["Values"]),
        .target(
            name: "Sprig",
            dependencies: [
                "Values", "GoTemplate",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .target(name: "Charts", dependencies: ["Values", "GoTemplate", "Sprig", "CZlib"]),
        .target(name: "ChartSources", dependencies: ["Charts", "Values", "CCurl", "Sprig"]),
        .target(name: "KubeObjects", dependencies: ["Values"]),
        .target(
            name: "KubeClient",
            dependencies: ["CCurl", "CZlib", "KubeObjects", "Values", .product(name: "Metrics", package: "swift-metrics")]),
        .target(
            name: "Controller",
            dependencies: [
                "CZlib", "KubeClient", "KubeObjects", "Values", "Charts", "ChartSources",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "EmbeddedAPIServer",
            dependencies: [
                "KubeObjects", "Values",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .executableTarget(
            name: "rudder",
            dependencies: [
                "CCurl", "CZlib", "Values", "GoTemplate", "Sprig", "Charts", "ChartSources", "EmbeddedAPIServer", "KubeClient", "Controller",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "ValuesTests", dependencies: ["Values"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate", "Values"]),
        .testTarget(
            name: "SprigTests",
            dependencies: [
                "Sprig", "GoTemplate", "Values",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Sprig", "GoTemplate", "Values"]),
        .testTarget(
            name: "RudderCLITests",
            dependencies: ["rudder", "Controller", "EmbeddedAPIServer", "KubeClient", "KubeObjects", "Charts"]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "KubeClient", "KubeObjects", "EmbeddedAPIServer", "Charts", "Values"]),
        .testTarget(name: "ChartSourcesTests", dependencies: ["ChartSources", "Charts", "Values"]),
        .testTarget(name: "KubeObjectsTests", dependencies: ["KubeObjects", "Values"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "EmbeddedAPIServer", "KubeObjects"]),
        .testTarget(
            name: "EmbeddedAPIServerTests", dependencies: ["EmbeddedAPIServer", "KubeObjects"],
            exclude: ["RealClients/scripts"]),
    ],
    swiftLanguageModes: [.v6]
)
