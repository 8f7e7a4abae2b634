// swift-tools-version: 6.1
import PackageDescription

// The pipeline, one direction only (see Documentation/Architecture.md):
//   CLibYAML → CRMSchemaLoader → CRMModel.Schema → (generator) → CRMRuntime
let package = Package(
    name: "crmgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crmgen", targets: ["crmgen"]),
        .library(name: "CRMModel", targets: ["CRMModel"]),
        .library(name: "CRMSchemaLoader", targets: ["CRMSchemaLoader"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system libyaml (apt: libyaml-dev, brew: libyaml), read through its event parser.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Pure value types: the resolved schema and diagnostics. No I/O, no libyaml.
        .target(name: "CRMModel"),
        // The built-in standard object set: Definitions/standard/*.yaml embedded at build time.
        .target(
            name: "CRMStandardDefinitions",
            plugins: [.plugin(name: "EmbedStandardDefinitions")]
        ),
        // YAML files → syntax tree with file:line:column → checked CRMModel.Schema.
        .target(
            name: "CRMSchemaLoader",
            dependencies: ["CLibYAML", "CRMModel", "CRMStandardDefinitions"]
        ),
        // The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "crmgen",
            dependencies: [
                "CRMModel",
                "CRMSchemaLoader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build-time helper of EmbedStandardDefinitions: YAML files → one Swift source of string literals.
        .executableTarget(name: "crmgen-embed"),
        .plugin(
            name: "EmbedStandardDefinitions",
            capability: .buildTool(),
            dependencies: ["crmgen-embed"]
        ),
        .testTarget(
            name: "CRMSchemaLoaderTests",
            dependencies: ["CRMSchemaLoader", "CRMModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "crmgenTests",
            dependencies: ["crmgen"]
        ),
    ]
)
