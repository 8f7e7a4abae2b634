@testable import CRMSchemaLoader

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = YAMLParser(limits: YAMLLimits())
    do throws(YAMLError) {
        if let root = try parser.parse(bytes, file: "f.yaml") { _ = root.summary }
    } catch {
        _ = error.diagnostic.description
    }
    return 0
}
