// swift-tools-version: 6.1
// Record validation benchmark (issue 6): generated validators, the dynamic validator and the
// decode floor over the same synthetic HubSpot records. See README.md.
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
