// swift-tools-version: 6.1
import PackageDescription

// The pipeline, one direction only (Documentation/Architecture.md):
//   CLibYAML → CRMSchemaLoader → CRMModel.Schema → CRMGenerator → generated code on CRMRuntime
//
// What is API (semantic versioning covers these products and nothing else): CRMRuntime (with the
// CRMModel types it re-exports), CRMObjects, CRMDynamic, the crmgen command, CRMGenPlugin and
// CRMGenCommandPlugin (swift package crmgen).
// CRMSchemaLoader, CRMGenerator and CRMDiff are the tool's insides, not products.
let package = Package(
    name: "crmgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crmgen", targets: ["crmgen"]),
        .library(name: "CRMRuntime", targets: ["CRMRuntime"]),
        .library(name: "CRMObjects", targets: ["CRMObjects"]),
        .library(name: "CRMDynamic", targets: ["CRMDynamic"]),
        .plugin(name: "CRMGenPlugin", targets: ["CRMGenPlugin"]),
        .plugin(name: "CRMGenCommandPlugin", targets: ["CRMGenCommandPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Tests only: property-based tests with replayable seeds.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Documentation only: `swift package generate-documentation --target CRMRuntime`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
        // The built-in standard object set: Definitions/standard/*.yaml as string literals, written by
        // crmgen-embed (a test fails when the file is out of step). Not a build plugin: SwiftPM does not run
        // build plugins for the copy of crmgen that CRMGenPlugin itself uses.
        .target(name: "CRMStandardDefinitions"),
        // YAML files → syntax tree with file:line:column → checked CRMModel.Schema.
        .target(
            name: "CRMSchemaLoader",
            dependencies: ["CLibYAML", "CRMModel", "CRMStandardDefinitions"]
        ),
        // Schema → Swift source text. Pure: no I/O, deterministic.
        .target(name: "CRMGenerator", dependencies: ["CRMModel"]),
        // What generated code builds on: record coding, validation rules, registry, association matrix.
        // Depends on the model only, never on the loader or libyaml.
        .target(name: "CRMRuntime", dependencies: ["CRMModel"]),
        // Definitions loaded while an app runs, merged with its compiled registry; validation of records
        // without a Swift type by the generated validators' rules; streaming record files.
        .target(name: "CRMDynamic", dependencies: ["CRMRuntime", "CRMSchemaLoader"]),
        // HubSpot's request and response shapes, and the pure translation between them and definitions:
        // import (GET responses → definition files) and export (definitions → create requests). No I/O.
        .target(name: "CRMHubSpot", dependencies: ["CRMModel", "CRMSchemaLoader"]),
        // A HubSpot portal over HTTP (URLSession): the token from the environment, https (http only to
        // this machine), rate limits honoured; reading for pull and plan, running plans for apply.
        .target(name: "CRMPortal", dependencies: ["CRMHubSpot", "CRMModel", "CRMSchemaLoader"]),
        // Two schemas → their differences, each breaking or safe by a named rule (crmgen diff). Pure: no I/O.
        .target(name: "CRMDiff", dependencies: ["CRMModel"]),
        // The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "crmgen",
            dependencies: [
                "CRMModel",
                "CRMSchemaLoader",
                "CRMGenerator",
                "CRMDynamic",
                "CRMHubSpot",
                "CRMPortal",
                "CRMDiff",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // HubSpot's standard objects and Roast Batch as Swift types, generated from Definitions/
        // by this package's own plugin.
        .target(name: "CRMObjects", dependencies: ["CRMRuntime"], plugins: ["CRMGenPlugin"]),
        // Runs crmgen on a target's definition files at build time.
        .plugin(name: "CRMGenPlugin", capability: .buildTool(), dependencies: ["crmgen"]),
        // `swift package crmgen validate|generate|describe …`: runs crmgen with the user's arguments in
        // the package's folder, so apps need not install the CLI.
        .plugin(
            name: "CRMGenCommandPlugin",
            capability: .command(
                intent: .custom(verb: "crmgen", description: "Run crmgen (validate, generate, describe, …) on this package's definitions"),
                permissions: [.writeToPackageDirectory(reason: "crmgen generate, new and import write the files you name in the package's folder")]
            ),
            dependencies: ["crmgen"]
        ),
        // Maintainers' tool: Definitions/standard/*.yaml → Sources/CRMStandardDefinitions/StandardDefinitions+Files.swift.
        .executableTarget(name: "crmgen-embed", dependencies: ["CRMGenerator"]),
        // What the tests share: a seeded random generator, process running, property-test plumbing.
        .target(
            name: "TestSupport",
            dependencies: ["CRMHubSpot", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CRMModelTests",
            dependencies: ["CRMModel", "TestSupport"],
            exclude: ["Fixtures", "value_grammar_corpus.py"]
        ),
        .testTarget(
            name: "CRMSchemaLoaderTests",
            dependencies: ["CRMSchemaLoader", "CRMModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        // Runs the built crmgen binary as a user would. No target dependency: linking the executable into the
        // test bundle would clash with the copy CRMGenPlugin builds; GeneratedCodeTests' plugin builds it.
        .testTarget(
            name: "CRMHubSpotTests",
            dependencies: ["CRMHubSpot", "CRMSchemaLoader", "CRMModel", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures", "Expected"]
        ),
        .testTarget(
            name: "CRMDiffTests",
            // CRMSchemaLoader: schemas loaded from YAML, with the standard set, as crmgen diff loads them.
            dependencies: ["CRMDiff", "CRMModel", "CRMSchemaLoader", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "crmgenTests", dependencies: ["TestSupport", "CRMHubSpot"],
                    exclude: ["Fixtures", "Scripts"]),
        .testTarget(name: "CRMRuntimeTests", dependencies: ["CRMRuntime", "CRMDynamic", "CRMSchemaLoader", "TestSupport",
                                                          .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "CRMGeneratorTests",
            // CRMRuntime: the probe compiles generated code against the built runtime.
            dependencies: ["CRMGenerator", "CRMSchemaLoader", "CRMModel", "CRMRuntime", "CRMDynamic", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures", "Expected"]
        ),
        // Generated code compiled and run: CRMObjects, plus hostile fixtures generated into this target.
        .testTarget(
            name: "GeneratedCodeTests",
            dependencies: ["CRMObjects", "CRMSchemaLoader", "CRMDynamic", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"],
            plugins: ["CRMGenPlugin"]
        ),
    ]
)
