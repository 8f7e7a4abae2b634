/// Bounds that keep hostile or broken files from exhausting time, memory or the stack.
///
/// The defaults are far beyond any real definition file (the largest standard object,
/// contacts, is a few thousand nodes) and small enough that a "billion laughs" file or
/// 20,000 nested brackets ends with an error in milliseconds.
public struct YAMLLimits: Hashable, Sendable {
    /// Largest file read, in bytes.
    public var maxFileSize: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes in one document after alias expansion.
    public var maxNodes: Int

    public init(maxFileSize: Int = 8 << 20, maxDepth: Int = 64, maxNodes: Int = 250_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}
