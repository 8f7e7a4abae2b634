import CRMSchemaLoader
import CRMModel
import Foundation

// Odd first byte: also load the built-in standard set (exercises resolving against it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let withStandard = size % 32 == 31
    let loader = SchemaLoader(includesStandardDefinitions: withStandard)
    let result = loader.load([DefinitionSource(path: "f.yaml", contents: bytes)])
    if result.schema == nil && !result.diagnostics.contains(where: { $0.severity == .error }) {
        fatalError("no schema but no error")
    }
    for d in result.diagnostics { _ = d.description }
    return 0
}
