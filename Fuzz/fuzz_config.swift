import CRMModel
import CRMSchemaLoader

// What `crmgen generate --config` and the build plugin read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (configuration, diagnostics) = GeneratorConfiguration.load(DefinitionSource(path: "crmgen-config.yaml", contents: bytes))
    for diagnostic in diagnostics { _ = diagnostic.description }
    if configuration == nil, !diagnostics.containsErrors { fatalError("no configuration but no error") }
    return 0
}
