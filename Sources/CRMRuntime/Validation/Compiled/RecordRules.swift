import Foundation

/// An object's validation rules compiled once for speed: property names in a hash table, each rule a
/// test of a value's UTF-8 bytes. It answers one question, whether a record has no issue at all,
/// without building a `String` for a valid value. The issues themselves always come from
/// ``ValueRules``: generated `validate()` methods and the dynamic validator ask `RecordRules` first and
/// run the rules only for a record it does not accept, so speed never changes a verdict or a message.
/// `Tests/CRMRuntimeTests/RecordRulesTests` holds the two to the same verdict on a corpus of edge values.
@_spi(Generated) public struct RecordRules: Sendable {
    /// The object's property names by position: a generated type reads its records into these slots,
    /// and the rules then find each value's check by its position.
    public let layout: PropertyLayout
    /// Owns the checks that ``checks`` lends.
    private let storage: CheckStorage
    fileprivate let checks: CheckList
    fileprivate let requiredCount: Int
    /// What the rules were compiled from: each ``Checker`` compiles a copy of its own.
    private let properties: [PropertySchema]

    public init(object: ObjectSchema) {
        self.init(properties: object.properties)
    }

    private init(properties: [PropertySchema]) {
        var patterns: [String: PatternCheck] = [:]
        let compiled = properties.map { PropertyCheck($0, patterns: &patterns) }
        self.properties = properties
        layout = PropertyLayout(names: properties.map(\.name))
        storage = CheckStorage(compiled)
        checks = storage.list
        requiredCount = compiled.count { $0.required }
    }

    /// Whether ``ValueRules`` finds no issue in these properties.
    public func accepts(_ properties: RecordProperties) -> Bool {
        // A name without a slot would have no check found for it: such objects take the rules' way.
        guard layout.slotsAllNames else { return false }
        var required = 0
        let inLayout = properties.allValueBytes(in: layout) { position, bytes in
            guard !bytes.isEmpty, let position else { return true }
            if checks.isRequired(position) { required += 1 }
            return checks.accepts(position, bytes)
        }
        if let inLayout { return inLayout && required == requiredCount }
        let passed = properties.allTexts { name, text in
            guard !text.isEmpty, let index = name.withUTF8Bytes({ layout.position(of: $0) }) else { return true }
            if checks.isRequired(index) { required += 1 }
            return text.withUTF8Bytes { checks.accepts(index, $0) }
        }
        return passed && required == requiredCount
    }

    /// Whether ``ValueRules`` find no issue in the property at `position` (in the object's order): a value
    /// its compiled check accepts, or no value when it is not required. For a record that ``accepts(_:)``
    /// declines, the rules then run only where this says no.
    public func acceptsValue(at position: Int, in properties: RecordProperties) -> Bool {
        guard case .value(let text)? = properties.entry(layout.names[position]) else { return !checks.isRequired(position) }
        return text.withUTF8Bytes { checks.accepts(position, $0) }
    }

    /// As ``acceptsValue(at:in:)``, for the property named `name`; `false` for a name these rules do not
    /// hold a slot for, so that the rules run.
    public func acceptsValue(named name: String, in properties: RecordProperties) -> Bool {
        guard let position = layout.position(of: name) else { return false }
        return acceptsValue(at: position, in: properties)
    }

    /// A reader of record JSON against these rules, with buffers reused from one record to the next, and
    /// with a copy of the compiled rules of its own: the checkers of `crmgen check --jobs` run on
    /// different cores, and a pattern, a list of options or a table of names that two of them shared
    /// would have its reference count (which reading it can change) moved between the cores.
    public func makeChecker() -> Checker { Checker(rules: RecordRules(properties: properties)) }

    /// Reads records' JSON and tells whether each is a record without issues. Not `Sendable`: one per thread.
    public struct Checker {
        /// This checker's own copy of the rules, for the properties of a record it declined
        /// (``RecordRules/acceptsValue(at:in:)``) on the same thread. Stored, so that reading it borrows it
        /// (a computed copy would retain its parts once a record).
        public let rules: RecordRules
        private var handler: CheckingHandler

        init(rules: RecordRules) {
            self.rules = rules
            handler = CheckingHandler(rules: rules)
        }

        /// Whether `RecordEnvelope(json:requiringProperties: true)` reads `json` and ``ValueRules`` find
        /// no issue in the record. `false` does not say the record is bad, only that the rules must run:
        /// a record this reader cannot vouch for (a name outside ASCII, or one whose hash repeats) is not
        /// accepted either, nor an object with a top-level `"results"` key, which `crmgen check` reads as
        /// a list response.
        public mutating func accepts(json: UnsafeRawBufferPointer) -> Bool {
            guard handler.rules.layout.slotsAllNames else { return false }
            handler.reset()
            var parser = RecordJSONParser(json.bindMemory(to: UInt8.self))
            do throws(RecordJSONError) {
                try parser.parseRecord(into: &handler, requiringProperties: true)
            } catch {
                return false
            }
            return handler.required == handler.rules.requiredCount
        }
    }
}

/// Checks each property as the parser reads it, and stops at the first value the rules would report.
private struct CheckingHandler: RecordJSONHandler {
    let rules: RecordRules
    /// One bit per property of the object: given in this record.
    private var seen: [UInt64]
    /// Hashes of the names in this record's `properties` that the object does not have.
    private var otherNames: [UInt64] = []
    /// Required properties with a value in this record.
    private(set) var required = 0

    init(rules: RecordRules) {
        self.rules = rules
        seen = Array(repeating: 0, count: rules.checks.count / 64 + 1)
        otherNames.reserveCapacity(64)
    }

    mutating func reset() {
        for word in seen.indices { seen[word] = 0 }
        otherNames.removeAll(keepingCapacity: true)
        required = 0
    }

    /// Thrown to stop reading: the record is not accepted.
    private static let rejected = RecordJSONError(kind: .shape, message: "", offset: 0)

    mutating func id(_: UnsafeBufferPointer<UInt8>?) {}

    mutating func timestamp(_: RecordEnvelope.TimestampKey, _ text: UnsafeBufferPointer<UInt8>?) -> Bool {
        text.map(ValueGrammar.datetime) ?? true
    }

    mutating func archived(_: Bool?) {}

    mutating func associations(_: [String: AssociationResults]?) {}

    /// `crmgen check` reads a top-level object with a `"results"` key (as written, no escapes) as a list
    /// response, not a record: such an object is left to it.
    mutating func otherKey(_ raw: UnsafeBufferPointer<UInt8>) throws(RecordJSONError) {
        if raw.count == 7, raw.elementsEqual("results".utf8) { throw Self.rejected }
    }

    mutating func property(_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>?) throws(RecordJSONError) -> Bool {
        guard let index = rules.layout.position(of: name) else {
            // Swift compares names by canonical equivalence; bytes suffice only for ASCII names.
            guard name.allSatisfy({ $0 < 0x80 }), otherNames.count < 4096 else { throw Self.rejected }
            let hash = ByteStringTable.hash(name)
            if otherNames.contains(hash) { throw Self.rejected }
            otherNames.append(hash)
            return true
        }
        let word = index >> 6
        let bit = UInt64(1) << UInt64(index & 63)
        if seen[word] & bit != 0 { return false }
        seen[word] |= bit
        guard let value, !value.isEmpty else { return true }
        guard rules.checks.accepts(index, value) else { throw Self.rejected }
        if rules.checks.isRequired(index) { required += 1 }
        return true
    }
}


/// The checks of an object, lent without reference counting. Reading a check out of an array or a
/// buffer as a strong reference retains it and releases it again, at every property of every record;
/// and the jobs of `crmgen check --jobs` share one set of checks, so each of those atomic operations
/// pulled the check's reference count from the other core's cache (a profile of two jobs had 17% of
/// its time in `swift_retain`). A check is borrowed in place instead, for as long as the call lasts;
/// ``CheckStorage`` keeps every check alive as long as the rules that read them.
private struct CheckList: @unchecked Sendable {
    let elements: UnsafeBufferPointer<Unmanaged<PropertyCheck>>

    var count: Int { elements.count }

    @inline(__always)
    func accepts(_ index: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        elements[index]._withUnsafeGuaranteedRef { $0.accepts(value) }
    }

    @inline(__always)
    func isRequired(_ index: Int) -> Bool {
        elements[index]._withUnsafeGuaranteedRef { $0.required }
    }
}

/// Owns the checks that a ``CheckList`` lends: one reference to each, given up when the last copy of
/// the rules goes.
private final class CheckStorage: Sendable {
    nonisolated(unsafe) private let elements: UnsafeMutableBufferPointer<Unmanaged<PropertyCheck>>

    init(_ checks: [PropertyCheck]) {
        elements = .allocate(capacity: checks.count)
        _ = elements.initialize(from: checks.lazy.map { Unmanaged.passRetained($0) })
    }

    var list: CheckList { CheckList(elements: UnsafeBufferPointer(elements)) }

    deinit {
        for check in elements { check.release() }
        elements.deallocate()
    }
}
