// PLACEHOLDER: replaced by the grammar branch.
import Foundation

public enum ValueGrammar {
    public static func isEmail(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard let at = utf8.firstIndex(of: UInt8(ascii: "@")), at != utf8.startIndex,
              !utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return false }
        let domain = utf8[utf8.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")) else { return false }
        return isDomain(String(Substring(value).utf8[domain.startIndex...])!)
    }

    public static func isURL(_ value: String) -> Bool {
        guard !value.contains(where: \.isWhitespace), let url = URL(string: value),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return false }
        return true
    }

    public static func isDomain(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count <= 253 else { return false }
        var labels = 0
        var length = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard length > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                length = 0
            } else {
                let isLetterOrDigit = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                guard isLetterOrDigit || byte >= 0x80 || (byte == UInt8(ascii: "-") && length > 0) else { return false }
                length += 1
                guard length <= 63 else { return false }
            }
            previous = byte
        }
        guard length > 0, previous != UInt8(ascii: "-") else { return false }
        return labels + 1 >= 2
    }

    public static func isPhone(_ value: String) -> Bool {
        var digits = 0
        for character in value {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if !" +-().ext/".contains(character.lowercased()) {
                return false
            }
        }
        return (5...20).contains(digits)
    }
}
