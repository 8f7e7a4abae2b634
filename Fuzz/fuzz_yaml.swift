import Glibc
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
    // Differential: a text the subset scanner accepts must give libyaml's events exactly.
    if let subset = parser.eventDescriptions(bytes, subset: true) {
        let reference = parser.eventDescriptions(bytes, subset: false)
        if subset != reference {
            print("subset scanner:", subset)
            print("libyaml:", reference ?? ["(rejected)"])
            abort()
        }
    }
    return 0
}
