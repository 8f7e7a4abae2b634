/// A place in a definition file, 1-based, as editors and compilers count.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The file path as the user gave it (relative paths stay relative).
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number in characters, starting at 1; 0 when the place is a whole line.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A whole line, such as the line where a record starts in a file of records.
    public init(file: String, line: Int) {
        self.init(file: file, line: line, column: 0)
    }

    /// `path:line:column` (`path:line` for a whole line), the form Xcode, SwiftPM and most editors jump to.
    public var description: String { column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A value together with the place it was written.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
