extension String {
    /// The string's UTF-8, lent for the call. Native and small strings lend their bytes where they are;
    /// `var copy = text; copy.withUTF8 { … }` would retain and release the storage for every call (an
    /// atomic operation each), which the generator's and the record checks' hottest paths cannot
    /// afford. A string without contiguous UTF-8 (bridged) is made native first.
    @inlinable
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
