// swift-tools-version: 6.1
// A peer for the loader benchmark: Yams parsing the same files. Kept out of crmgen's
// package on purpose: Yams carries its own copy of libyaml.
import PackageDescription

let package = Package(
    name: "LoaderBenchmark",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(name: "yams-parse", dependencies: [.product(name: "Yams", package: "Yams")]),
    ]
)
