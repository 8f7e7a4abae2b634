// swift-tools-version: 6.1
// Record validation benchmark: RecordBench decodes, or decodes and validates, NDJSON records of
// rich_record (its generated type, the dynamic validator, the decode floor). Benchmarks/run.sh runs it
// beside crmgen check and the Python peers; see the comment at the top of Sources/RecordBench/main.swift.
import PackageDescription

let package = Package(
    name: "RecordValidation",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "crmgen", path: "../..")],
    targets: [
        .executableTarget(
            name: "RecordBench",
            dependencies: [
                .product(name: "CRMRuntime", package: "crmgen"),
                .product(name: "CRMDynamic", package: "crmgen"),
            ],
            plugins: [.plugin(name: "CRMGenPlugin", package: "crmgen")]
        ),
    ]
)
