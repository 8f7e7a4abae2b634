import Foundation

/// Where crmgen talks to HubSpot and with which token, checked before anything is sent.
///
/// The token comes only from the environment (`HUBSPOT_ACCESS_TOKEN`), never from an argument, and
/// is never printed. The base URL defaults to `https://api.hubapi.com`; plain `http://` is allowed
/// only to this machine (`127.0.0.1`, `::1`, `localhost`), so the token never crosses a network
/// unencrypted.
public struct PortalEndpoint: Sendable {
    public static let defaultBaseURL = "https://api.hubapi.com"
    public static let tokenVariable = "HUBSPOT_ACCESS_TOKEN"
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    public let baseURL: URL
    let token: String

    /// A problem with the base URL or the token: a usage error, found before connecting.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - baseURL: `--base-url`, or `nil` for HubSpot's API.
    ///   - environment: where the token is read from (the process environment).
    public init(baseURL text: String?, environment: [String: String]) throws(Problem) {
        let text = text ?? Self.defaultBaseURL
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw Problem(description: "'\(text)' is not a URL such as https://api.hubapi.com")
        }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            // Never echo what could be a password.
            var shown = components
            shown.user = nil
            shown.password = nil
            throw Problem(description: "the base URL '\(shown.string ?? "")' must not hold a user, a password, a query or a fragment")
        }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        switch scheme {
        case "https": break
        case "http" where Self.loopbackHosts.contains(bareHost.lowercased()):
            break
        case "http":
            throw Problem(description: "refusing plain http to '\(host)': the token would cross the network unencrypted; use https, or http only to 127.0.0.1, ::1 or localhost")
        default:
            throw Problem(description: "the base URL must be https (or http to this machine), not '\(scheme)'")
        }
        guard let token = environment[Self.tokenVariable], !token.isEmpty else {
            throw Problem(description: "set \(Self.tokenVariable) to a HubSpot private app token (crmgen reads it only from the environment)")
        }
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw Problem(description: "\(Self.tokenVariable) holds characters a token cannot have (spaces, line breaks or non-ASCII)")
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base) else { throw Problem(description: "'\(text)' is not a URL") }
        baseURL = url
        self.token = token
    }

    /// `text` with the token replaced, for anything that could reach a terminal or a log.
    func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: token, with: "[redacted]")
    }

    /// `shown`, what crmgen prints of an answer (HubSpot's message, or the body's first line or
    /// bytes), with the token replaced; withheld whole when it holds a part of the token of 8
    /// characters or more, spaces and line breaks left out: a cut through the token, or a break in it,
    /// leaves a part that the whole token does not match.
    func redactedAnswer(_ shown: String) -> String {
        let text = redacted(shown)
        let token = Array(token.utf8)
        let window = min(8, token.count)
        let compact = Array(text.utf8.filter { $0 > 0x20 && $0 != 0x7F })
        for start in 0...(token.count - window) where compact.contains(token[start..<start + window]) {
            return "(the answer quotes a part of the access token, so it is not shown)"
        }
        return text
    }
}
