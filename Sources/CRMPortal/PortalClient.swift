import CRMHubSpot
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A failed exchange with HubSpot: what was asked, what came back, and HubSpot's own message.
public struct PortalError: Error, CustomStringConvertible {
    public var method: String
    public var path: String
    /// The HTTP status, or `nil` when no answer came (no connection, a timeout).
    public var status: Int?
    public var message: String

    public var description: String {
        "\(method) \(path): " + (status.map { "\($0) \(HTTPURLResponse.localizedString(forStatusCode: $0)): " } ?? "") + message
    }
}

/// Talks to HubSpot's API over URLSession: a Bearer token on every request, JSON in and out.
///
/// Rate limits are honoured: a 429 waits for `Retry-After` (or HubSpot's
/// `X-HubSpot-RateLimit-Interval-Milliseconds` when no more requests remain in the interval) and
/// tries again, a bounded number of times. A wait longer than ``maximumWait``, or HubSpot's daily
/// limit, ends the run at once with an error that says so, rather than waiting less and asking
/// again. A GET is retried on 5xx (after its `Retry-After`, if it has one) and on timeouts and lost
/// connections; a write is never repeated on such an error, because HubSpot may have done it — only
/// a 429, which HubSpot answers before doing anything, is retried.
///
/// A redirect is never followed (it would take the token to another host), and an answer larger than
/// ``maximumAnswerSize`` is cut off and reported, so a misbehaving server cannot fill the memory.
public final class PortalClient: @unchecked Sendable {
    public let endpoint: PortalEndpoint
    private let session: URLSession
    private let transfers: PortalTransfers
    /// Called with one line per finished request (`GET /crm/v3/schemas 200 (0.21 s)`), never with headers.
    public var log: (@Sendable (String) -> Void)?
    /// Called before a wait (rate limit, retry), with the reason.
    public var note: (@Sendable (String) -> Void)?
    /// Most attempts of one request.
    public var maximumAttempts = 5
    /// Longest wait crmgen accepts between attempts.
    public var maximumWait: TimeInterval = 60

    /// Most bytes of one answer (64 MiB: HubSpot's largest, a portal's full schema list, is a few MB).
    public static let maximumAnswerSize = 64 << 20

    /// - Parameters:
    ///   - timeout: longest wait for the next bytes of an answer; a whole answer may take four times as long.
    ///   - maximumAnswerSize: most bytes of one answer's body.
    public init(endpoint: PortalEndpoint, timeout: TimeInterval = 30, maximumAnswerSize: Int = PortalClient.maximumAnswerSize) {
        self.endpoint = endpoint
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        // An answer that trickles in a byte at a time never trips the timeout above. Where URLSession
        // does not keep this one (Linux), PortalTransfers does.
        configuration.timeoutIntervalForResource = timeout * 4
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        transfers = PortalTransfers(limit: maximumAnswerSize, wholeAnswerTimeout: timeout * 4)
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
    }

    /// Sends a request; returns the answer's JSON (`nil` for an empty body, as a 204 has).
    public func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws(PortalError) -> JSONValue? {
        guard let url = URL(string: endpoint.baseURL.absoluteString + path) else {
            throw PortalError(method: method, path: path, status: nil, message: "not a path crmgen can send")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(endpoint.token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("crmgen", forHTTPHeaderField: "User-Agent")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body.data
        }
        let isRead = method == "GET"
        var attempt = 0
        while true {
            attempt += 1
            let started = Date()
            let data: Data
            let response: HTTPURLResponse
            do {
                let answer = try await transfers.run(request, on: session)
                data = answer.data
                response = answer.response
            } catch let error as PortalTransfers.TimedOut {
                log?("\(method) \(path) cut off after \(Self.seconds(since: started)): no whole answer")
                throw PortalError(method: method, path: path, status: nil,
                                  message: "no whole answer within \(Self.format(error.seconds)) (four times --timeout); it was cut off"
                                      + (isRead ? "" : ", and the request may or may not have been done"))
            } catch is PortalTransfers.NotHTTP {
                throw PortalError(method: method, path: path, status: nil, message: "the answer is not HTTP")
            } catch let error as PortalTransfers.TooLarge {
                log?("\(method) \(path) cut off after \(Self.seconds(since: started)): more than \(error.limit) bytes")
                throw PortalError(method: method, path: path, status: nil,
                                  message: "the answer is larger than \(error.limit) bytes, crmgen's limit for one answer; it was cut off"
                                      + (isRead ? "" : ", and the request may or may not have been done"))
            } catch {
                let reason = endpoint.redacted((error as NSError).localizedDescription)
                log?("\(method) \(path) failed after \(Self.seconds(since: started)): \(reason)")
                if isRead, attempt < maximumAttempts, Self.isTransient(error) {
                    let wait = Self.backoff(attempt)
                    note?("\(method) \(path): \(reason); trying again in \(Self.format(wait))")
                    try? await Task.sleep(nanoseconds: Self.nanoseconds(wait))
                    continue
                }
                throw PortalError(method: method, path: path, status: nil,
                                  message: isRead ? reason : "\(reason); the request may or may not have been done, so it is not repeated")
            }
            log?("\(method) \(path) \(response.statusCode) (\(Self.seconds(since: started)))")
            switch response.statusCode {
            case 200..<300:
                if data.isEmpty {
                    // HubSpot answers every read with JSON: an empty one read as "nothing there" would plan
                    // to create everything again.
                    guard !isRead else {
                        throw PortalError(method: method, path: path, status: response.statusCode, message: "the answer is empty, where HubSpot sends JSON")
                    }
                    return nil
                }
                do {
                    return try JSONValue.parse(data)
                } catch let error as JSONValue.TooManyValues {
                    throw PortalError(method: method, path: path, status: response.statusCode, message: "the answer is too large: \(error)")
                } catch {
                    throw PortalError(method: method, path: path, status: response.statusCode, message: "the answer is not JSON crmgen can read")
                }
            case 429 where Self.isDailyLimit(data, response):
                // Waiting cannot help before the day ends, and every further request counts against the
                // next day's limit.
                throw PortalError(method: method, path: path, status: response.statusCode,
                                  message: "HubSpot's daily limit of requests for this portal is reached; "
                                      + "it resets at midnight in the portal's time zone, so crmgen stops here")
            case 429 where attempt < maximumAttempts:
                let stated = Self.rateLimitWait(response)
                try refuseLongWait(stated, "rate limited", method, path, response.statusCode)
                let wait = min(maximumWait, stated ?? Self.backoff(attempt))
                note?("\(method) \(path): rate limited; waiting \(Self.format(wait))")
                try? await Task.sleep(nanoseconds: Self.nanoseconds(wait))
            case 300..<400:
                let target = response.value(forHTTPHeaderField: "Location").map { " to '\(endpoint.redactedAnswer($0))'" } ?? ""
                throw PortalError(method: method, path: path, status: response.statusCode,
                                  message: "a redirect\(target); crmgen does not follow redirects, so that the token goes to the base URL only "
                                      + "(set --base-url to where the API is)")
            case 500..<600 where isRead && attempt < maximumAttempts:
                let stated = Self.retryAfter(response)
                try refuseLongWait(stated, "unavailable", method, path, response.statusCode)
                let wait = min(maximumWait, stated ?? Self.backoff(attempt))
                note?("\(method) \(path): \(response.statusCode); trying again in \(Self.format(wait))")
                try? await Task.sleep(nanoseconds: Self.nanoseconds(wait))
            default:
                throw PortalError(method: method, path: path, status: response.statusCode, message: endpoint.redactedAnswer(Self.message(data)))
            }
        }
    }

    /// Whether a 429 answer is HubSpot's daily limit, not a limit of seconds: its body's
    /// `"policyName": "DAILY"`, or no request left today in `X-HubSpot-RateLimit-Daily-Remaining`.
    static func isDailyLimit(_ data: Data, _ response: HTTPURLResponse) -> Bool {
        if response.value(forHTTPHeaderField: "X-HubSpot-RateLimit-Daily-Remaining")?.trimmingCharacters(in: .whitespaces) == "0" { return true }
        return (try? JSONValue.parse(data))?["policyName"]?.stringValue == "DAILY"
    }

    /// HubSpot's message from an error answer (`{"message": "…"}`), else the body's first line.
    static func message(_ data: Data) -> String {
        if let value = try? JSONValue.parse(data), let message = value["message"]?.stringValue { return message }
        let text = String(decoding: data.prefix(300), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return text.isEmpty ? "no message" : text
    }

    /// A wait as `Task.sleep` takes it: none for a wait that is not a number of seconds from 0 up
    /// (a server's `-1` or `nan`), which converting to an integer would trap on.
    static func nanoseconds(_ wait: TimeInterval) -> UInt64 {
        guard wait.isFinite, wait > 0 else { return 0 }
        return UInt64(min(wait, 3_600) * 1e9)
    }

    /// Stops with an error when the server asks for a wait (`stated`) longer than ``maximumWait``:
    /// waiting less and asking again would only be refused again.
    private func refuseLongWait(_ stated: TimeInterval?, _ reason: String, _ method: String, _ path: String, _ status: Int) throws(PortalError) {
        guard let stated, stated > maximumWait else { return }
        throw PortalError(method: method, path: path, status: status,
                          message: "\(reason), and HubSpot asks to wait \(Self.formatLong(stated)), longer than crmgen waits "
                              + "(\(Self.format(maximumWait))); try again later")
    }

    /// `Retry-After` (seconds, or an HTTP date); `nil` when there is none or it is no time from now on.
    static func retryAfter(_ response: HTTPURLResponse) -> TimeInterval? {
        guard let retryAfter = response.value(forHTTPHeaderField: "Retry-After") else { return nil }
        if let seconds = TimeInterval(retryAfter.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: retryAfter).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// ``retryAfter(_:)``, or HubSpot's interval when no request remains in it; `nil` when neither is
    /// a number of seconds from 0 up.
    static func rateLimitWait(_ response: HTTPURLResponse) -> TimeInterval? {
        if let seconds = retryAfter(response) { return seconds }
        if response.value(forHTTPHeaderField: "X-HubSpot-RateLimit-Remaining") == "0",
           let interval = response.value(forHTTPHeaderField: "X-HubSpot-RateLimit-Interval-Milliseconds").flatMap(Double.init),
           interval.isFinite, interval >= 0 {
            return interval / 1000
        }
        return nil
    }

    static func backoff(_ attempt: Int) -> TimeInterval { min(8, 0.5 * pow(2, Double(attempt - 1))) }

    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? URLError else { return false }
        return [.timedOut, .networkConnectionLost, .cannotConnectToHost, .notConnectedToInternet, .dnsLookupFailed].contains(error.code)
    }

    static func seconds(since start: Date) -> String { format(Date().timeIntervalSince(start)) }

    static func format(_ seconds: TimeInterval) -> String { String(format: "%.2f s", seconds) }

    /// A wait that may be hours long, in the unit that reads best (`45.00 s`, `60 min`, `24 h`, `3 days`).
    static func formatLong(_ seconds: TimeInterval) -> String {
        if seconds < 120 { return format(seconds) }
        if seconds < 7_200 { return "\(Int((seconds / 60).rounded(.up))) min" }
        if seconds < 172_800 { return "\(Int((seconds / 3_600).rounded(.up))) h" }
        return "\(Int(min(seconds / 86_400, 1e9).rounded(.up))) days"
    }
}
