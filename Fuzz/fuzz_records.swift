import CRMDynamic
import CRMModel
@_spi(Generated) import CRMRuntime
import CRMSchemaLoader
import Foundation

// What `crmgen check` does with a file: the record stream, then the validator of an object with a
// property of every type. A record read back from its own JSON must be the same record.
let definition = """
object: fuzz_thing
kind: custom
labels: { singular: Thing, plural: Things }
primaryDisplayProperty: name
properties:
  name: { label: Name, type: string, fieldType: text, required: true, maxLength: 20, pattern: "^[A-Z][a-z]+$" }
  mail: { label: Mail, type: string, fieldType: text, format: email }
  score: { label: Score, type: number, fieldType: number, minimum: -1.5, maximum: 100 }
  day: { label: Day, type: date, fieldType: date }
  at: { label: At, type: datetime, fieldType: date }
  flag: { label: Flag, type: bool, fieldType: booleancheckbox }
  one: { label: One, type: enumeration, fieldType: select, options: [a, b] }
  many: { label: Many, type: enumeration, fieldType: checkbox, options: [a, b, c] }
  stage: { label: Stage, type: enumeration, fieldType: radio, optionSource: portal, options: [x] }
"""
let object: ObjectSchema = {
    guard let schema = SchemaLoader(includesStandardDefinitions: false).load([DefinitionSource(path: "t.yaml", text: definition)]).schema,
          let object = schema.object(named: "fuzz_thing") else { fatalError("the harness's definition does not load") }
    return object
}()
let validator = DynamicValidator(object: object)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(bytes: data, count: size)
    for item in RecordStream(data: input) {
        if case .record(let record, _) = item { _ = validator.validate(record) } else { _ = item.problem }
    }
    if let record = try? RecordEnvelope(json: input) {
        _ = validator.validate(record)
        guard let encoded = try? JSONEncoder().encode(record) else { fatalError("a record read from JSON does not encode") }
        guard let again = try? RecordEnvelope(json: encoded) else { fatalError("a record's own JSON does not read back") }
        guard again.properties == record.properties, again.id == record.id else { fatalError("a record changed through its own JSON") }
    }
    return 0
}
