/// The property names of a generated type, each at a position: records read into the type keep their
/// values in slots by these positions, found by a hash of the name's bytes.
///
/// Swift compares names by canonical equivalence (`"e\u{301}"` equals `"é"`, the Kelvin sign `"\u{212A}"`
/// equals `"K"`), and a record must not hold two names that are equal so. Bytes decide alone only for
/// names whose every character is ASCII and none of `K`, `;` and `` ` `` (the only ASCII characters
/// another character is canonically equivalent to): only those get a slot; any other name is kept by
/// name, as without a layout. HubSpot's property names (`[a-z0-9_]`) all get slots.
@_spi(Generated) public final class PropertyLayout: Sendable {
    public let names: [String]
    /// Whether every name has a slot.
    public let slotsAllNames: Bool
    private let table: ByteStringTable

    public init(names: [String]) {
        self.names = names
        let slotted = names.map(Self.hasSlot)
        slotsAllNames = !slotted.contains(false)
        // A name without a slot is entered as "" (never looked up: an empty name is kept by name too).
        table = ByteStringTable(zip(names, slotted).map { $1 ? $0 : "" })
    }

    static func hasSlot(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
    }

    /// The position of `name`, or `nil` when the layout has no slot for it.
    public func position(of name: String) -> Int? {
        name.withUTF8Bytes { position(of: $0) }
    }

    /// The position of the name whose UTF-8 is `bytes`, or `nil` when the layout has no slot for it.
    public func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        return table.lookup(bytes)
    }
}
